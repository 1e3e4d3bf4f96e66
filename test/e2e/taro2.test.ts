/**
 * Taro 2.2: a Taro 2 app (examples/taro2-app: class components from
 * @tarojs/taro, Taro.startRecord and wx.startRecord with callbacks) built by
 * @tarojs/cli 2.2 (webpack 4, Babel 6) with this package listed by name in
 * `plugins`, checked in dist/ and driven in the mini-program host.
 *
 * Taro 2 runs plugins' modifyWebpackChain before its own rules exist, so the
 * plugin takes its own route there (a pre loader, src/taro-plugin/source-loader.ts).
 * The project is assembled under .tmp/: package.json and its lock from
 * test/e2e/taro2/, the app (source, config, .npmrc) from examples/taro2-app.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import type { FakeWxOptions } from './host/fake-wx';
import { ROOT, TARO2_EXAMPLE, TMP, buildExample, countLegacyCallsInSource, lockDrift } from './helpers/example';
import { expectEveryCallRewritten, launchHost, taroScenario } from './helpers/scenario';

const APP = path.join(TMP, 'taro2-app');
/** webpack 4's md4 hashing needs OpenSSL's legacy provider on Node 17+. */
const NODE_OPTIONS = '--openssl-legacy-provider';

const app = taroScenario({
  label: 'taro 2.2',
  appDir: APP,
  assemble: { packageFiles: path.join(__dirname, 'taro2'), example: TARO2_EXAMPLE, fromExample: ['src', 'config', 'project.config.json', '.npmrc'] },
  variants: { weapp: { platform: 'weapp', compiler: 'webpack4', out: 'dist/e2e/weapp', env: { NODE_OPTIONS } } },
  // Taro 2 exits 0 even when webpack reports errors; its own verdict is the line it prints.
  succeeded: (b) => b.code === 0 && b.output.includes('编译成功'),
});

it("the Taro 2 project's lock matches this package's dependencies (else refresh test/e2e/taro2/package-lock.json)", () => {
  expect(lockDrift(APP)).toEqual([]);
});

it('is built by Taro 2.2 (webpack 4), with the plugin listed by its package name', () => {
  const version = app.installedVersion;
  expect(version('@tarojs/cli')).toMatch(/^2\.2\./);
  expect(version('@tarojs/mini-runner')).toMatch(/^2\.2\./);
  expect(version('webpack')).toMatch(/^4\./);
  expect(fs.readFileSync(path.join(APP, 'config/index.js'), 'utf8')).toMatch(/\['taro-plugin-record-compat', pluginOptions\]/);
});

it('rewrites every call, leaves none outside the runtime, and bundles the runtime once', () => {
  const calls = countLegacyCallsInSource(app.srcDir);
  expect(calls).toBe(7);
  // Taro 2 compiles a page twice over (the page, then its `?taro&type=script` part): still counted once.
  expectEveryCallRewritten(app.built('weapp'), app.scan('weapp'), app.srcDir, 3);
  expect(app.scan('weapp').runtimeFiles.map((f) => path.basename(f))).toEqual(['vendors.js']);
  expect(app.scan('weapp').runtimeMarkerCount).toBe(1);
});

describe('in the mini-program host', () => {
  const launch = (options: Partial<FakeWxOptions> = {}) => launchHost(app.built('weapp').dist, options);

  it('authorize then record: RecorderManager starts with the configured options, the file after 60 s', async () => {
    const { wx, host } = await launch();
    const page = await host.open('pages/index/index');
    expect(page.textOf('status')).toBe('idle');
    page.tap('record');
    await host.wait(1_300);
    expect(wx.count('authorize')).toBe(1);
    expect(page.textOf('status')).toBe('recording');
    expect(wx.recorder.starts).toHaveLength(1);
    expect(wx.recorder.starts[0].options).toMatchObject({ duration: 60000, format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 });
    await host.wait(61_000);
    expect(wx.recorder.files).toHaveLength(1);
    expect(page.textOf('file')).toBe(wx.recorder.files[0]);
    expect(page.textOf('status')).toBe('done');
    expect(wx.count('startRecord')).toBe(0);
    expect(wx.count('stopRecord')).toBe(0);
    expect(host.errors).toEqual([]);
  });

  it('the Stop button ends the recording early and delivers the file', async () => {
    const { wx, host } = await launch({ permission: true });
    const page = await host.open('pages/index/index');
    page.tap('record');
    await host.wait(2_000);
    page.tap('stop');
    await host.wait(1_000);
    expect(wx.recorder.stops).toHaveLength(1);
    expect(page.textOf('status')).toBe('done');
    expect(page.textOf('file')).toBe(wx.recorder.files[0]);
    expect(wx.count('authorize')).toBe(0);
    expect(host.errors).toEqual([]);
  });

  it('a TypeScript helper module: the five-second memo stops from its timer', async () => {
    const { wx, host } = await launch({ permission: true });
    const page = await host.open('pages/memo/index');
    page.tap('memo');
    await host.wait(6_000);
    expect(wx.recorder.starts).toHaveLength(1);
    expect(wx.recorder.files).toHaveLength(1);
    expect(page.textOf('file')).toBe(wx.recorder.files[0]);
    expect(page.textOf('error')).toBe('');
    expect(wx.count('startRecord') + wx.count('stopRecord')).toBe(0);
  });

  it('wx.startRecord ported from a native page: success and complete, and the defensive stop on unload', async () => {
    const { wx, host } = await launch({ permission: true });
    await host.open('pages/index/index');
    const page = await host.open('pages/classic/index');
    page.tap('start');
    await host.wait(1_000);
    expect(page.textOf('state')).toBe('recording');
    page.tap('stop');
    await host.wait(1_000);
    expect(page.textOf('state')).toBe('idle');
    expect(page.textOf('path')).toBe(wx.recorder.files[0]);
    expect(host.logs).toContain('stopped stopRecord:ok');
    // componentWillUnmount calls wx.stopRecord() with nothing recording: it succeeds quietly.
    await host.back();
    expect(wx.recorder.stops).toHaveLength(1);
    expect(wx.count('startRecord') + wx.count('stopRecord')).toBe(0);
    expect(host.errors).toEqual([]);
  });

  it('a user who denies the microphone: the app shows the denial, nothing records', async () => {
    const { wx, host } = await launch({ permission: undefined, userGrants: false });
    const page = await host.open('pages/index/index');
    page.tap('record');
    await host.wait(1_300);
    expect(page.textOf('status')).toBe('denied');
    expect(page.textOf('error')).toMatch(/auth deny/);
    expect(wx.recorder.starts).toHaveLength(0);
  });
});

it("Taro 2's own webpack-chain: the plugin adds a pre rule of its own (Taro's rules come later), for the app's scripts only", () => {
  const requireFromApp = createRequire(path.join(APP, 'node_modules/@tarojs/mini-runner/package.json'));
  const Chain = requireFromApp('webpack-chain');
  const webpack = requireFromApp('webpack');
  const chain = new Chain();
  const hooks: Record<string, ((arg: unknown) => unknown)[]> = {};
  const on = (name: string) => (fn: (arg: unknown) => unknown) => (hooks[name] ??= []).push(fn);
  // The plugin as the app installed it, loaded the way Taro 2 loads it (its root index.js).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const plugin = require(path.join(APP, 'node_modules/taro-plugin-record-compat/index.js'));
  plugin({ appPath: APP, addPluginOptsSchema() {}, modifyWebpackChain: on('modifyWebpackChain'), onBuildFinish: on('onBuildFinish') }, {});
  hooks.modifyWebpackChain[0]({ chain, webpack });
  const [rule] = chain.toConfig().module.rules;
  expect(rule.enforce).toBe('pre');
  expect(rule.use[0].loader).toMatch(/taro-plugin-record-compat\/dist\/src\/taro-plugin\/source-loader\.js$/);
  const applies = (file: string) => rule.test(file) && rule.include.every((accepts: (f: string) => boolean) => accepts(file));
  expect(applies(path.join(APP, 'src/pages/index/index.jsx'))).toBe(true);
  expect(applies(path.join(APP, 'src/utils/memo.ts'))).toBe(true);
  expect(applies(path.join(APP, 'src/app.css'))).toBe(false);
  expect(applies(path.join(APP, 'node_modules/some-sdk/index.js'))).toBe(false);
  expect(applies(path.join(APP, 'node_modules/taro-plugin-record-compat/dist/runtime/esm/taro.js'))).toBe(false);
});

it('strict: a call the rewrite cannot change safely fails the Taro 2 build, naming the place', async () => {
  // A "call any API by name" helper, imported by the app (the codemod's own fixture).
  fs.copyFileSync(path.join(ROOT, '__testfixtures__/manual-dynamic-access.input.js'), path.join(APP, 'src/utils/by-name.js'));
  fs.appendFileSync(path.join(APP, 'src/app.jsx'), "import './utils/by-name'\n");
  const strict = await buildExample({
    appDir: APP,
    platform: 'weapp',
    compiler: 'webpack4',
    out: 'dist/e2e/weapp-strict',
    pluginOptions: { strict: true },
    env: { NODE_OPTIONS },
  });
  expect(strict.code).not.toBe(0);
  expect(strict.output).toContain('[record-compat] strict: 2 legacy record calls could not be rewritten safely and must be changed by hand:');
  expect(strict.output).toMatch(/src\/utils\/by-name\.js:6:\d+ dynamic access on wx/);
  expect(strict.output).not.toMatch(/\n\s+at /); // no stack trace
}, 600_000);
