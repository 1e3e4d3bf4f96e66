/**
 * Taro 3 on webpack4 (@tarojs/mini-runner), the default compiler of Taro
 * 3.0–3.6 and so of most apps that still call startRecord: the React
 * example's own source, built by @tarojs/cli 3.6.23 with webpack 4 and this
 * package, checked in dist/ and driven in the mini-program host.
 *
 * The project is assembled under .tmp/: package.json and its lock from
 * test/e2e/taro3-webpack4/, everything else copied from examples/taro-app, and a page that uses
 * a UI library reading system info through getSystemInfoSync (helpers/dependency.ts, UI_KIT),
 * installed as a `file:` dependency and listed in the plugin's `include`. Taro 3's webpack4 rule
 * has only an `exclude` (node_modules but Taro's own): `include` must add the library to it
 * without taking the app's own source out (src/taro-plugin/script-rule.ts).
 */
import * as path from 'node:path';
import { expect, it } from 'vitest';
import type { RecordPermission } from './host/fake-wx';
import { TMP, addPage, countLegacyCallsInSource, lockDrift } from './helpers/example';
import { TARO_CODE_LINE, UI_KIT, UI_KIT_DIR, UI_KIT_PAGE, UI_KIT_VALUES, addUiKit } from './helpers/dependency';
import { weappSystemInfo } from '../runtime/fakes/system-info';
import { expectEveryCallRewritten, expectNoLegacyCalls, launchHost, taroScenario } from './helpers/scenario';

/** The page that uses the UI library. */
const KIT_PAGE = 'pages/kit/index';

const app = taroScenario({
  label: 'taro 3.6',
  appDir: path.join(TMP, 'taro3-webpack4-app'),
  assemble: { packageFiles: path.join(__dirname, 'taro3-webpack4') },
  prepare: (appDir) => {
    // The library as it is now (npm copied it at install time), and a page that uses it.
    addUiKit(path.join(appDir, 'node_modules'));
    addPage(appDir, KIT_PAGE, UI_KIT_PAGE, 'Kit');
  },
  variants: {
    weapp: {
      platform: 'weapp',
      compiler: 'webpack4',
      out: 'dist/e2e/weapp-webpack4',
      pluginOptions: { include: [UI_KIT] },
      // webpack 4 hashes with md4, which Node 17+ (OpenSSL 3) only offers with the legacy provider.
      env: { NODE_OPTIONS: '--openssl-legacy-provider' },
    },
  },
});

it("the Taro 3 webpack4 project's lock matches this package's dependencies (else refresh test/e2e/taro3-webpack4/package-lock.json)", () => {
  expect(lockDrift(app.appDir)).toEqual([]);
});

it('is built by Taro 3 with webpack 4', () => {
  const version = app.installedVersion;
  expect(version('@tarojs/cli')).toMatch(/^3\./);
  expect(version('@tarojs/mini-runner')).toBe(version('@tarojs/cli'));
  expect(version('webpack')).toMatch(/^4\./);
  // The build itself says which webpack compiled it (mini-runner prints webpack 4's stats, colours and all).
  expect(app.built('weapp').output.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/^Version: webpack 4\.\d+\.\d+$/m);
});

it("counts each call once (the app's in 5 files, the UI library's in 2), leaves none outside the runtime, and bundles the runtime once", () => {
  expect(countLegacyCallsInSource(app.srcDir)).toBeGreaterThan(0);
  expectEveryCallRewritten(app.built('weapp'), app.scan('weapp'), app.srcDir, 7, [UI_KIT_DIR]);
  expect(app.scan('weapp').runtimeMarkerCount).toBe(1);
  // Taro's own canIUseWebp is said in a line of its own, as Taro's.
  expect(app.built('weapp').output).toMatch(TARO_CODE_LINE);
});

it('include: the UI library is rewritten and runs on the new system-info APIs, with no deprecation line', async () => {
  const platform = weappSystemInfo();
  const s = await launchHost(app.built('weapp').dist, { permission: true, systemInfo: platform });
  const page = await s.host.open(KIT_PAGE);
  await s.host.wait(500);
  expect(JSON.parse(page.textOf('values'))).toEqual(UI_KIT_VALUES);
  expect(platform.printed).toEqual([]);
  expect(platform.legacyCalls).toBe(0);
  expect(platform.calls).toContain('getWindowInfo');
  expect(s.host.errors).toEqual([]);
});

const launch = (permission: RecordPermission) => launchHost(app.built('weapp').dist, { permission });

it('index page: authorize, start with the configured options, the file after 60 s', async () => {
  const s = await launch(undefined);
  const page = await s.host.open('pages/index/index');
  page.tap('record');
  await s.host.wait(1_300);
  expect(s.wx.count('authorize')).toBe(1);
  expect(s.wx.recorder.startCalls).toBe(1);
  expect(s.wx.recorder.recordings[0].options).toMatchObject({
    duration: 60000,
    format: 'mp3',
    sampleRate: 16000,
    numberOfChannels: 1,
    encodeBitRate: 48000,
  });
  expect(page.textOf('status')).toBe('recording');
  await s.host.wait(61_000);
  expect(s.wx.recorder.files).toHaveLength(1);
  expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
  expect(page.textOf('status')).toBe('done');
  expectNoLegacyCalls(s);
});

it('memo page: `await Taro.startRecord({})` resolves with the file when the 5 s timer stops it', async () => {
  const s = await launch(true);
  const page = await s.host.open('pages/memo/index');
  page.tap('memo');
  await s.host.wait(4_000);
  expect(page.textOf('file')).toBe('');
  await s.host.wait(2_000);
  expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
  expect(page.textOf('error')).toBe('');
  expectNoLegacyCalls(s);
});

it('classic page: wx.startRecord callbacks fire, and the defensive stop on unload is harmless', async () => {
  const s = await launch(true);
  const page = await s.host.open('pages/classic/index');
  page.tap('start');
  await s.host.wait(3_000);
  expect(page.textOf('state')).toBe('recording');
  page.tap('stop');
  await s.host.wait(1_000);
  expect(page.textOf('path')).toBe(s.wx.recorder.files[0]);
  expect(page.textOf('state')).toBe('idle');
  expect(s.host.logs).toContain('stopped stopRecord:ok');
  await s.host.back();
  await s.host.wait(1_000);
  expect(s.wx.recorder.stopCalls).toBe(1);
  expectNoLegacyCalls(s);
});
