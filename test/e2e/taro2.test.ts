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
 *
 * Taro 2 returned a Promise from startRecord, playVoice and three background-audio functions; the
 * app's takes and music pages rely on it (`.then`, `await`, `.catch`). Both migrations keep it: the
 * plugin's build, and the codemod's output (a copy migrated by the CLI) built without the plugin,
 * each driven in the host on a `wx` without the legacy functions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeWxOptions } from './host/fake-wx';
import {
  ROOT,
  RUNTIME_MARKER,
  TARO2_EXAMPLE,
  TMP,
  buildExample,
  countCallsInSource,
  countLegacyCallsInSource,
  lockDrift,
  migrateCopyWithCli,
  packageLines,
  setMinified,
  summaryLines,
  watchExample,
  type MigrationReport,
  type RunResult,
} from './helpers/example';
import { testPromisePages } from './helpers/promise-pages';
import { MUSIC_PAGE_LEGACY_CALLS } from './helpers/music-page';
import { listJs, scanDist, type DistScan } from './helpers/scan-dist';
import {
  addCopiedSdk,
  addDependencies,
  COPIED_SDK_CALL,
  COPIED_SDK_HINT,
  COPIED_SDK_PLACE,
  LEGACY_SDK_CALL,
  LEGACY_SDK_LINE,
} from './helpers/dependency';
import { expectEveryCallRewritten, launchHost, taroScenario } from './helpers/scenario';

const APP = path.join(TMP, 'taro2-app');
/** webpack 4's md4 hashing needs OpenSSL's legacy provider on Node 17+. */
const NODE_OPTIONS = '--openssl-legacy-provider';

const app = taroScenario({
  label: 'taro 2.2',
  appDir: APP,
  assemble: {
    packageFiles: path.join(__dirname, 'taro2'),
    example: TARO2_EXAMPLE,
    fromExample: ['src', 'config', 'project.config.json', '.npmrc'],
  },
  variants: { weapp: { platform: 'weapp', compiler: 'webpack4', out: 'dist/e2e/weapp', env: { NODE_OPTIONS } } },
  // Taro 2 exits 0 even when webpack reports errors; its own verdict is the line it prints.
  succeeded: (b) => b.code === 0 && b.output.includes('编译成功'),
});

/**
 * The codemod's door on the same app: a copy of the assembled project (its own git repository,
 * sharing the install) migrated by the built CLI, then built by Taro 2.2 without the plugin.
 */
const CODEMOD = path.join(TMP, `taro2-codemod-${process.pid}`);
let codemodRun: { report: MigrationReport; build: RunResult & { dist: string }; scan: DistScan } | undefined;
const codemod = () => {
  if (!codemodRun) throw new Error('the codemod run did not happen');
  return codemodRun;
};

beforeAll(async () => {
  const report = await migrateCopyWithCli(APP, CODEMOD, [
    'src',
    'config',
    'project.config.json',
    'package.json',
    '.npmrc',
  ]);
  const build = await buildExample({
    appDir: CODEMOD,
    platform: 'weapp',
    compiler: 'webpack4',
    out: 'dist/e2e/weapp',
    plugin: false,
    env: { NODE_OPTIONS },
  });
  console.log(
    `[e2e] taro 2.2 build of the CLI-migrated app, weapp (webpack4, no plugin): ${(build.ms / 1000).toFixed(1)} s, exit ${build.code}`,
  );
  if (build.code !== 0 || !build.output.includes('编译成功'))
    throw new Error(`the Taro 2 build of the migrated app failed:\n${build.output.slice(-6000)}`);
  codemodRun = { report, build, scan: scanDist(build.dist, RUNTIME_MARKER) };
}, 1_200_000);
afterAll(() => {
  fs.rmSync(CODEMOD, { recursive: true, force: true });
});

it("the Taro 2 project's lock matches this package's dependencies (else refresh test/e2e/taro2/package-lock.json)", () => {
  expect(lockDrift(APP)).toEqual([]);
});

it('is built by Taro 2.2 (webpack 4), with the plugin listed by its package name', () => {
  const version = app.installedVersion;
  expect(version('@tarojs/cli')).toMatch(/^2\.2\./);
  expect(version('@tarojs/mini-runner')).toMatch(/^2\.2\./);
  expect(version('webpack')).toMatch(/^4\./);
  expect(fs.readFileSync(path.join(APP, 'config/index.js'), 'utf8')).toMatch(
    /\['taro-plugin-record-compat', pluginOptions\]/,
  );
});

it('rewrites every call, leaves none outside the runtime, and bundles the runtime once', () => {
  expect(countCallsInSource(app.srcDir)).toEqual({
    record: 10,
    voice: 2,
    backgroundAudio: MUSIC_PAGE_LEGACY_CALLS,
    audio: 0,
    recorderManager: 0,
    backgroundAudioManager: 1,
    systemInfo: 0,
    base64: 0,
    rename: 0,
    lifetimes: 0,
    analytics: 0,
    shareInfo: 0,
    map: 0,
    noReplacement: 0,
    chooseMedia: 0,
    canvas: 0,
    canvasPixels: 0,
  });
  // Taro 2 compiles a page twice over (the page, then its `?taro&type=script` part): still counted once.
  expectEveryCallRewritten(app.built('weapp'), app.scan('weapp'), app.srcDir, 5);
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
    expect(wx.recorder.startCalls).toBe(1);
    expect(wx.recorder.recordings[0].options).toMatchObject({
      duration: 60000,
      format: 'mp3',
      sampleRate: 16000,
      numberOfChannels: 1,
      encodeBitRate: 48000,
    });
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
    expect(wx.recorder.stopCalls).toBe(1);
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
    expect(wx.recorder.startCalls).toBe(1);
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
    expect(wx.recorder.stopCalls).toBe(1);
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
    expect(wx.recorder.startCalls).toBe(0);
  });
});

describe('a dependency that calls wx.startRecord, and a copied native SDK, built by Taro 2.2 (its own loader; webpack 4 hands over the module)', () => {
  // A copy of the assembled project whose node_modules links the install and adds the SDK (helpers/dependency.ts).
  const DEPENDENT = path.join(TMP, `taro2-dependency-${process.pid}`);
  let build: RunResult & { dist: string };
  beforeAll(async () => {
    fs.rmSync(DEPENDENT, { recursive: true, force: true });
    fs.mkdirSync(DEPENDENT, { recursive: true });
    for (const file of ['src', 'config', 'project.config.json', 'package.json', '.npmrc'])
      fs.cpSync(path.join(APP, file), path.join(DEPENDENT, file), { recursive: true });
    addDependencies(DEPENDENT, path.join(APP, 'node_modules'), 'src/pages/memo/index.jsx');
    addCopiedSdk(DEPENDENT);
    // Unminified: this build is read for what it said and whether the SDK's call went out as written, which the
    // minifier does not change. (The app's own builds stay minified: their scans find no legacy call because the
    // minifier drops the runtime's unused modules, such as the canvas one that reads getSystemInfoSync.)
    setMinified(DEPENDENT, false);
    build = await buildExample({
      appDir: DEPENDENT,
      platform: 'weapp',
      compiler: 'webpack4',
      out: 'dist/e2e/weapp',
      env: { NODE_OPTIONS },
    });
    console.log(
      `[e2e] taro 2.2 build with a legacy dependency, weapp (webpack4): ${(build.ms / 1000).toFixed(1)} s, exit ${build.code}`,
    );
  }, 1_200_000);
  afterAll(() => fs.rmSync(DEPENDENT, { recursive: true, force: true }));

  it('is named in a line of its own with its calls and include as the way out, and goes out as written; the copied SDK is a place, file:line', () => {
    expect(build.output.includes('编译成功'), build.output.slice(-4000)).toBe(true);
    const [line] = summaryLines(build.output);
    expect(line.endsWith(`; 1 place left for manual review: ${COPIED_SDK_PLACE} ${COPIED_SDK_HINT}`)).toBe(true);
    expect(packageLines(build.output)).toEqual([LEGACY_SDK_LINE]);
    expect(listJs(build.dist).some((file) => LEGACY_SDK_CALL.test(fs.readFileSync(file, 'utf8')))).toBe(true);
    // and what the copy option copies, named as well (Taro 2's config hands it to the plugin too)
    expect(fs.readFileSync(path.join(build.dist, 'native-sdk/recorder.js'), 'utf8')).toMatch(COPIED_SDK_CALL);
  });
});

describe('the codemod (CLI) on the Taro 2 project, built by Taro 2.2 without the plugin', () => {
  it("reads the project's Taro (2.2): Taro.* calls of the wrapped APIs become the …Wrapped exports, wx.* calls keep WeChat's rule", () => {
    const { record, voice, backgroundAudio, audio, systemInfo, backgroundAudioManager } = countCallsInSource(
      app.srcDir,
    );
    expect(codemod().report.summary.callsByKind).toEqual({
      record,
      voice,
      audio,
      backgroundAudio,
      systemInfo,
      backgroundAudioManager,
      // The families that migrate in place, listed whatever their count: the project calls none of them.
      base64: 0,
      rename: 0,
      lifetimes: 0,
      canvas: 0,
    });
    expect(countLegacyCallsInSource(path.join(CODEMOD, 'src'))).toBe(0);
    const migrated = (page: string) => fs.readFileSync(path.join(CODEMOD, 'src/pages', page, 'index.jsx'), 'utf8');
    expect(migrated('takes')).toMatch(
      /import \{ startRecordWrapped, stopRecord, playVoiceWrapped \} from 'record-compat-runtime'/,
    );
    expect(migrated('music')).toMatch(/\bplayBackgroundAudioWrapped\(/);
    expect(migrated('music')).toMatch(/\bgetBackgroundAudioPlayerStateWrapped\(/);
    expect(migrated('classic')).toMatch(/import \{ startRecord, stopRecord \} from 'record-compat-runtime'/);
    expect(migrated('classic')).not.toMatch(/Wrapped/);
  });

  it('the build has no legacy call left, and the runtime once', () => {
    expect(codemod().scan.legacy).toEqual([]);
    expect(codemod().scan.runtimeFiles).toHaveLength(1);
    expect(summaryLines(codemod().build.output)).toEqual([]);
  });
});

/** The page Taro 2's H5 build fills (its template's src/index.html; the example is weapp only). */
const H5_PAGE = `<!DOCTYPE html>
<html>
<head>
  <meta content="text/html; charset=utf-8" http-equiv="Content-Type">
  <meta content="width=device-width,initial-scale=1,user-scalable=no" name="viewport">
  <title></title>
</head>
<body>
  <div id="app"></div>
</body>
</html>
`;

/**
 * Taro 2's H5 build of the same app. Taro's CLI compiles copies of the source (.temp/) in which
 * it has already made each Taro call an import of @tarojs/taro-h5, and this package's H5 runtime
 * needs Taro 3's H5 API: the plugin leaves the build as Taro makes it and names, at its end,
 * every call it leaves (src/taro-plugin/taro2-h5.ts): the calls the weapp build rewrites.
 */
describe("Taro 2's H5 build (webpack 4, @tarojs/webpack-runner)", () => {
  let h5: RunResult & { dist: string };
  beforeAll(async () => {
    fs.writeFileSync(path.join(APP, 'src/index.html'), H5_PAGE);
    // Unminified from here on: this build is read for what it said and which calls went out, as the strict one below.
    setMinified(APP, false);
    h5 = await buildExample({
      appDir: APP,
      platform: 'h5',
      compiler: 'webpack4',
      out: 'dist/e2e/h5',
      env: { NODE_OPTIONS },
    });
    console.log(`[e2e] taro 2.2 build, h5 (webpack4): ${(h5.ms / 1000).toFixed(1)} s, exit ${h5.code}`);
  }, 1_200_000);

  it('builds, and its last line names each call it leaves (as many as the weapp build rewrites), never "nothing left"', () => {
    expect(h5.code, h5.output.slice(-4000)).toBe(0);
    expect(fs.existsSync(path.join(h5.dist, 'index.html'))).toBe(true);
    expect(summaryLines(h5.output)).toEqual([]);
    expect(h5.output).not.toContain('nothing left for manual review');
    const notices = h5.output
      .split(/\r?\n/)
      .filter((l) => l.startsWith("[record-compat] Taro 2's H5 build: nothing rewritten"));
    expect(notices).toHaveLength(1);
    const named = notices[0].match(/src\/[\w/.-]+:\d+ \(\w+\)/g) ?? [];
    const calls = Object.values(countCallsInSource(app.srcDir)).reduce((sum, n) => sum + n, 0);
    expect(calls).toBeGreaterThan(10);
    expect(named).toHaveLength(calls);
    expect(notices[0]).toMatch(
      / calls left as Taro 2 H5 has them: .*; build H5 with Taro 3 or later, where this plugin rewrites them$/,
    );
  });

  it('ships the calls as Taro 2 H5 has them, and no runtime', () => {
    expect(scanDist(h5.dist, RUNTIME_MARKER).runtimeFiles).toEqual([]);
    expect(listJs(h5.dist).some((file) => /\bstartRecord\b/.test(fs.readFileSync(file, 'utf8')))).toBe(true);
  });
});

/** The two migrations of the app: the plugin's build, and the CLI's output built without it. */
const DOORS = { plugin: () => app.built('weapp').dist, codemod: () => codemod().build.dist } as const;

describe.each(Object.keys(DOORS) as (keyof typeof DOORS)[])(
  "Taro 2's Promise kept (%s), on a wx without the legacy functions",
  (door) => {
    testPromisePages(DOORS[door]);
  },
);

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
  plugin(
    {
      appPath: APP,
      addPluginOptsSchema() {},
      modifyWebpackChain: on('modifyWebpackChain'),
      onBuildFinish: on('onBuildFinish'),
    },
    {},
  );
  hooks.modifyWebpackChain[0]({ chain, webpack });
  const [rule] = chain.toConfig().module.rules;
  expect(rule.enforce).toBe('pre');
  expect(rule.use[0].loader).toMatch(/taro-plugin-record-compat\/dist\/src\/taro-plugin\/source-loader\.js$/);
  const applies = (file: string) =>
    rule.test(file) && rule.include.every((accepts: (f: string) => boolean) => accepts(file));
  expect(applies(path.join(APP, 'src/pages/index/index.jsx'))).toBe(true);
  expect(applies(path.join(APP, 'src/utils/memo.ts'))).toBe(true);
  expect(applies(path.join(APP, 'src/app.css'))).toBe(false);
  expect(applies(path.join(APP, 'node_modules/some-sdk/index.js'))).toBe(false);
  expect(applies(path.join(APP, 'node_modules/taro-plugin-record-compat/dist/runtime/esm/taro.js'))).toBe(false);
  expect(applies(path.join(APP, 'node_modules/record-compat-runtime/dist/esm/taro.js'))).toBe(false);
});

/**
 * A "call any API by name" helper (the codemod's own fixture), imported by the app: two places the rewrite leaves.
 * Once.
 */
function addByNameHelper(): void {
  const entry = path.join(APP, 'src/app.jsx');
  const line = "import './utils/by-name'\n";
  if (fs.readFileSync(entry, 'utf8').endsWith(line)) return;
  fs.copyFileSync(
    path.join(ROOT, '__testfixtures__/manual-dynamic-access.input.js'),
    path.join(APP, 'src/utils/by-name.js'),
  );
  fs.appendFileSync(entry, line);
}

it('strict: a call the rewrite cannot change safely fails the Taro 2 build, naming the place', async () => {
  addByNameHelper();
  // Unminified: the build is read for what it said. (The watch build below is a development one, never minified.)
  setMinified(APP, false);
  const strict = await buildExample({
    appDir: APP,
    platform: 'weapp',
    compiler: 'webpack4',
    out: 'dist/e2e/weapp-strict',
    pluginOptions: { strict: true },
    env: { NODE_OPTIONS },
  });
  expect(strict.code).not.toBe(0);
  expect(strict.output).toContain(
    '[record-compat] strict: 2 places could not be rewritten safely and must be changed by hand:',
  );
  expect(strict.output).toMatch(/src\/utils\/by-name\.js:6:\d+ dynamic access on wx/);
  expect(strict.output).not.toMatch(/\n\s+at /); // no stack trace
}, 600_000);

it('strict while watching (Taro 2): a warning with the places, and the watcher goes on', async () => {
  addByNameHelper();
  const w = await watchExample({
    appDir: APP,
    platform: 'weapp',
    compiler: 'webpack4',
    out: 'dist/e2e/weapp-watch-strict',
    timeoutMs: 5 * 60_000,
    lingerMs: 3_000,
    pluginOptions: { strict: true },
    env: { NODE_OPTIONS },
  });
  expect(w.alive, w.output.slice(-4000)).toBe(true);
  expect(w.output).toMatch(/src\/utils\/by-name\.js:6:\d+ dynamic access on wx/);
  expect(w.output).toContain('(a warning while watching: the same build without --watch fails)');
  expect(summaryLines(w.output)).toHaveLength(1);
}, 600_000);
