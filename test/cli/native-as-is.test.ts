/**
 * A native mini-program that WeChat's devtools load as it is (project.config.json names the
 * folder of app.json as its miniprogramRoot): a require() of a package resolves only in
 * miniprogram_npm, which WeChat's npm build fills from the dependencies of the package.json files
 * it reads. The codemod's default (`--runtime auto`) gives such a file a copy of the runtime
 * written into the mini-program, or the package import where WeChat's npm build holds the
 * runtime; an explicit `--runtime package` is refused there, the file left byte for byte, with the
 * way out (`--runtime local`, the user's --dry kept). A project whose config names a build's
 * output folder is migrated as before. The audit takes the same decision.
 * Uses dist/ (npm run build).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit';
import { NATIVE_IMPORT_SOURCE, RUNTIME_PACKAGE } from '../../src/rewrite/light';
import {
  assertBuilt,
  cleanupProjects,
  commitAll,
  gitStatus,
  makeProject,
  migrateInProcess,
  read,
  runtimeCopyText,
  runJsonInProcess,
  mainInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const PAGE =
  'Page({\n  hold() {\n    wx.startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })\n  },\n})\n';
/**
 * What `--runtime package` says of a file of such a mini-program, and the way out it names (`asked`: the rest of its
 * command line).
 */
const REASON = (asked = '') =>
  new RegExp(
    String.raw`^WeChat loads this mini-program as it is, with no build step \(project\.config\.json: miniprogramRoot 'miniprogram/'\), so an import of record-compat-runtime/native would resolve only in the miniprogram_npm WeChat's npm build fills, ` +
      String.raw`and no package\.json it builds for this file lists record-compat-runtime in its dependencies; left as it is: migrate it with \x60npx taro-plugin-record-compat --runtime local${asked}\x60, which copies the runtime into the mini-program$`,
  );

const nativeProject = (miniprogramRoot: string, appDir = 'miniprogram', more: Record<string, string> = {}) =>
  makeProject({
    'project.config.json': JSON.stringify({ appid: 'touristappid', miniprogramRoot }),
    [`${appDir}/app.json`]: JSON.stringify({ pages: ['pages/voice/voice'] }),
    [`${appDir}/pages/voice/voice.js`]: PAGE,
    ...more,
  });
/** What a project a bundler builds has: the bundler and the package installed by npm. */
const BUNDLED = {
  'package.json': JSON.stringify({
    dependencies: { 'record-compat-runtime': '*' },
    devDependencies: { webpack: '^5.0.0', 'taro-plugin-record-compat': '*' },
  }),
};

/** The names a copy of the runtime exports, loaded as a mini-program loads it. */
function exportsOf(copy: string): string[] {
  const exports: Record<string, unknown> = {};
  vm.runInNewContext(copy, { module: { exports }, exports });
  return Object.keys(exports).filter((name) => name !== '__esModule');
}

describe('a native mini-program WeChat loads as it is, with no flag', () => {
  /** A page that declares with const, as most do now. */
  const VOICE_PAGE =
    'const app = getApp()\nPage({\n  hold() {\n    wx.startRecord({ success: (res) => app.keep(res.tempFilePath) })\n  },\n  release() {\n    wx.stopRecord()\n  },\n})\n';

  it('is migrated with a copy of the runtime written into it: --dry shows the route and the copy, the run writes them, a second run changes nothing', async () => {
    const dir = nativeProject('miniprogram/', 'miniprogram', { 'miniprogram/pages/voice/voice.js': VOICE_PAGE });
    const dry = await mainInProcess(dir, ['--dry']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      'would change  miniprogram/pages/voice/voice.js (2 rewritten → ../../utils/record-compat)\n',
    );
    // The summary says which route the default took, and which copy it would write.
    expect(dry.stdout).toContain(
      '  runtime: by default (--runtime auto), 1 file would import a local copy (WeChat loads its mini-program as it is)\n',
    );
    expect(dry.stdout).toMatch(
      /^ {2}runtime: would write miniprogram\/utils\/record-compat\.js \(the runtime's record family, \d+\.\d KB\)$/m,
    );
    expect(dry.stdout).toMatch(
      /^ {2}runtime: would write miniprogram\/utils\/record-compat\.d\.ts \(the types of the runtime's record family, \d+\.\d KB\)$/m,
    );
    // --print shows every file the run would write: the copy by its path and size, not its generated text.
    const printed = await mainInProcess(dir, ['--dry', '--print']);
    expect(printed.stdout).toContain('+++ b/miniprogram/pages/voice/voice.js\n');
    expect(printed.stdout).toContain(
      `--- /dev/null\n+++ b/miniprogram/utils/record-compat.js\n(new file: the runtime's record family, ${Buffer.byteLength(runtimeCopyText(['record'], 'js'))} bytes, generated; its text is not shown)\n`,
    );
    expect(printed.stdout).not.toContain('function createRecordCompat');
    expect(gitStatus(dir)).toBe('');

    const run = await runJsonInProcess(dir, []);
    expect([run.code, run.report.failures]).toEqual([0, []]);
    expect(run.report.runtime).toMatchObject({
      mode: 'auto',
      file: 'miniprogram/utils/record-compat.js',
      written: true,
    });
    expect(read(dir, 'miniprogram/utils/record-compat.js')).toBe(runtimeCopyText(['record'], 'js'));
    expect(read(dir, 'miniprogram/utils/record-compat.d.ts')).toBe(runtimeCopyText(['record'], 'dts'));
    // One line takes what the page needs, in the page's own keyword.
    expect(read(dir, 'miniprogram/pages/voice/voice.js')).toBe(
      "const { startRecord, stopRecord } = require('../../utils/record-compat')\n" +
        VOICE_PAGE.replace('wx.startRecord', 'startRecord').replace('wx.stopRecord', 'stopRecord'),
    );
    commitAll(dir);
    const again = await runJsonInProcess(dir, []);
    expect([again.code, again.report.summary.changed]).toEqual([0, 0]);
    expect(gitStatus(dir)).toBe('');
  });

  it('gets a copy holding the record family alone where it only records: no voice, background-audio or createAudioContext code', async () => {
    const dir = nativeProject('miniprogram/');
    expect((await runJsonInProcess(dir, [])).code).toBe(0);
    const copy = read(dir, 'miniprogram/utils/record-compat.js');
    const every = runtimeCopyText(['record', 'voice', 'background-audio', 'audio-context', 'taro-wrapper'], 'js');
    expect(exportsOf(copy)).toEqual(
      expect.arrayContaining(['startRecord', 'stopRecord', 'configureRecordCompat', 'getRecorderManager']),
    );
    const others = exportsOf(every).filter((name) => !exportsOf(copy).includes(name));
    expect(others).toEqual(
      expect.arrayContaining([
        'playVoice',
        'playBackgroundAudio',
        'getBackgroundAudioManager',
        'createAudioContext',
        'createVoiceCompat',
        'taroWrapped',
        'startRecordWrapped',
      ]),
    );
    expect(copy).not.toMatch(/createInnerAudioContext|getBackgroundAudioManager|playVoice/);
    expect(copy.length).toBeLessThan(every.length * 0.6);
    expect(read(dir, 'miniprogram/utils/record-compat.d.ts')).not.toMatch(
      /VoiceCompat|BackgroundAudioManager|LegacyAudioContext/,
    );
  });

  it('takes the copy when named by a folder or a file below its app.json, where the walk lists no app.json', async () => {
    const dir = nativeProject('miniprogram/');
    for (const named of ['miniprogram/pages/voice', 'miniprogram/pages/voice/voice.js']) {
      const { code, report } = await runJsonInProcess(dir, ['--dry', named]);
      expect([named, code, report.failures]).toEqual([named, 0, []]);
      expect(report.files.map((f: { importSource: string }) => f.importSource)).toEqual(['../../utils/record-compat']);
      expect(report.runtime).toMatchObject({ mode: 'auto', file: 'miniprogram/utils/record-compat.js' });
    }
  });

  it("imports the package where WeChat's npm build holds the runtime: a package.json it builds lists it in its dependencies", async () => {
    const listed = JSON.stringify({ dependencies: { [RUNTIME_PACKAGE]: '^0.1.0' } });
    const dir = nativeProject('miniprogram/', 'miniprogram', { 'miniprogram/package.json': listed });
    for (const runtime of [[], ['--runtime', 'package']]) {
      const { code, report } = await runJsonInProcess(dir, ['--dry', ...runtime]);
      expect([code, report.failures]).toEqual([0, []]);
      expect(report.files.map((f: { importSource: string }) => f.importSource)).toEqual([NATIVE_IMPORT_SOURCE]);
      expect(report.runtime.copies).toEqual([]);
    }
    expect((await mainInProcess(dir, ['--dry'])).stdout).toContain(
      '  runtime: by default (--runtime auto), 1 file would import the package\n',
    );
    // Only `dependencies` are built (devDependencies are not), and by default only a package.json inside the root.
    for (const [where, pkg] of [
      ['miniprogram/package.json', JSON.stringify({ devDependencies: { [RUNTIME_PACKAGE]: '^0.1.0' } })],
      ['package.json', listed],
    ]) {
      const other = nativeProject('miniprogram/', 'miniprogram', { [where]: pkg });
      expect((await runJsonInProcess(other, ['--dry'])).report.files[0].importSource).toBe('../../utils/record-compat');
    }
    // Where the project config sets the build by hand, the package.json it names is built into the folder it names.
    const manual = nativeProject('miniprogram/', 'miniprogram', {
      'package.json': listed,
      'project.config.json': JSON.stringify({
        appid: 'touristappid',
        miniprogramRoot: 'miniprogram/',
        setting: {
          packNpmManually: true,
          packNpmRelationList: [{ packageJsonPath: './package.json', miniprogramNpmDistDir: './miniprogram/' }],
        },
      }),
    });
    expect((await runJsonInProcess(manual, ['--dry'])).report.files[0].importSource).toBe(NATIVE_IMPORT_SOURCE);
  });

  it('is refused an explicit --runtime package, left byte for byte, with the way out, which keeps --dry', async () => {
    const dir = nativeProject('miniprogram/');
    const dry = await runJsonInProcess(dir, ['--runtime', 'package', '--dry']);
    expect(dry.code).toBe(1);
    expect(dry.report.failures).toMatchObject([
      { path: 'miniprogram/pages/voice/voice.js', line: 3, reason: expect.stringMatching(REASON(' --dry')) },
    ]);
    const refused = await runJsonInProcess(dir, ['--runtime', 'package']);
    expect(refused.code).toBe(1);
    expect(refused.report.failures).toMatchObject([
      { path: 'miniprogram/pages/voice/voice.js', line: 3, reason: expect.stringMatching(REASON()) },
    ]);
    expect(read(dir, 'miniprogram/pages/voice/voice.js')).toBe(PAGE);
    expect(gitStatus(dir)).toBe('');
  });
});

describe('a native mini-program WeChat loads as it is, under --runtime package', () => {
  it('is refused the package import, left byte for byte, with the way out; --runtime local then migrates it', async () => {
    const dir = nativeProject('miniprogram/');
    const refused = await runJsonInProcess(dir, ['--runtime', 'package']);
    expect(refused.code).toBe(1);
    expect(refused.report.failures).toMatchObject([
      { path: 'miniprogram/pages/voice/voice.js', line: 3, reason: expect.stringMatching(REASON()) },
    ]);
    expect(read(dir, 'miniprogram/pages/voice/voice.js')).toBe(PAGE);

    const local = await runJsonInProcess(dir, ['--runtime', 'local']);
    expect(local.code).toBe(0);
    expect(local.report.runtime).toMatchObject({
      mode: 'local',
      file: 'miniprogram/utils/record-compat.js',
      written: true,
    });
    expect(read(dir, 'miniprogram/pages/voice/voice.js')).toContain("require('../../utils/record-compat')");
  });

  it("says why a file whose only place is the app's own manager is refused too: the project's legacy calls route it", async () => {
    const player = 'const player = wx.getBackgroundAudioManager()\nPage({ onShow() { player.play() } })\n';
    const dir = nativeProject('miniprogram/', 'miniprogram', {
      'miniprogram/pages/music/music.js': "Page({ play() { wx.playBackgroundAudio({ dataUrl: 'a.mp3' }) } })\n",
      'miniprogram/pages/player/player.js': player,
    });
    const { code, report } = await runJsonInProcess(dir, ['--dry', '--runtime', 'package']);
    expect(code).toBe(1);
    const reasons = new Map((report.failures as { path: string; reason: string }[]).map((f) => [f.path, f.reason]));
    expect(reasons.get('miniprogram/pages/music/music.js')).toMatch(REASON(' --dry'));
    expect(reasons.get('miniprogram/pages/player/player.js')).toMatch(
      new RegExp(
        /^getBackgroundAudioManager\(\) is here only because the project's background-audio calls route the app's own BackgroundAudioManager through the runtime, but /
          .source + REASON(' --dry').source.slice(1),
      ),
    );
    expect(read(dir, 'miniprogram/pages/player/player.js')).toBe(player);
  });

  it('is told apart file by file in one run: pages deep inside it share its root, files beside and above it are no part of it', async () => {
    const dir = nativeProject('miniprogram/', 'miniprogram', {
      ...BUNDLED,
      'rec.js': PAGE,
      'miniprogram/pages/deep/er/still.js': PAGE,
      'miniprogram/pages/voice/again.js': PAGE,
      'tools/pages/voice/voice.js': PAGE,
    });
    const { code, report } = await runJsonInProcess(dir, ['--runtime', 'package']);
    expect(code).toBe(1);
    const refused = (report.failures as { path: string; reason: string }[]).map((f) => [
      f.path,
      REASON().test(f.reason),
    ]);
    expect(refused.sort()).toEqual([
      ['miniprogram/pages/deep/er/still.js', true],
      ['miniprogram/pages/voice/again.js', true],
      ['miniprogram/pages/voice/voice.js', true],
    ]);
    for (const outside of ['rec.js', 'tools/pages/voice/voice.js'])
      expect(read(dir, outside)).toContain("require('record-compat-runtime/native')");
  });

  it('is the folder of project.config.json when it names no miniprogramRoot', async () => {
    const dir = nativeProject('', '.');
    const { report } = await runJsonInProcess(dir, ['--dry', '--runtime', 'package']);
    expect(report.failures).toMatchObject([
      { path: 'pages/voice/voice.js', reason: expect.stringContaining('(project.config.json beside app.json)') },
    ]);
  });

  it('is migrated with the package import where project.config.json names a build output instead (a bundler builds the sources)', async () => {
    const dir = nativeProject('dist/', 'src', BUNDLED);
    const { code, report } = await runJsonInProcess(dir, []);
    expect([code, report.failures]).toEqual([0, []]);
    expect(read(dir, 'src/pages/voice/voice.js')).toContain("require('record-compat-runtime/native')");
  });

  it('is refused the package import when no package.json is at or above it (a project.config.json kept out of git): nothing could install the package', async () => {
    const dir = makeProject({
      'app.json': JSON.stringify({ pages: ['pages/voice/voice'] }),
      'pages/voice/voice.js': PAGE,
    });
    const { code, report } = await runJsonInProcess(dir, ['--runtime', 'package']);
    expect(code).toBe(1);
    expect(report.failures).toEqual([
      {
        path: 'pages/voice/voice.js',
        line: 3,
        column: null,
        reason:
          'this mini-program has no package.json at or above its root (the folder of app.json), so nothing installs record-compat-runtime there and an import of record-compat-runtime/native would not resolve; ' +
          'left as it is: migrate it with `npx taro-plugin-record-compat --runtime local`, which copies the runtime into the mini-program',
      },
    ]);
    expect(read(dir, 'pages/voice/voice.js')).toBe(PAGE);
    // With no flag, it gets a copy of the runtime.
    expect((await runJsonInProcess(dir, [])).code).toBe(0);
    expect(read(dir, 'pages/voice/voice.js')).toContain("require('../../utils/record-compat')");
  });

  it('names an app.json that cannot be read as the first thing to fix: --runtime local needs it too', async () => {
    const dir = nativeProject('miniprogram/', 'miniprogram', {
      'miniprogram/app.json': '{ "pages": [\n<<<<<<< HEAD\n',
    });
    const { report } = await runJsonInProcess(dir, ['--dry', '--runtime', 'package']);
    expect(report.failures).toMatchObject([
      {
        path: 'miniprogram/pages/voice/voice.js',
        reason: expect.stringMatching(
          /; left as it is: its app\.json could not be read \([^\n]+\): fix it, then migrate it with `npx taro-plugin-record-compat --runtime local --dry`/,
        ),
      },
    ]);
    // The default's copy needs it too: whether the file is in an independent subpackage is not known.
    expect((await runJsonInProcess(dir, ['--dry'])).report.failures).toMatchObject([
      {
        path: 'miniprogram/pages/voice/voice.js',
        reason: expect.stringMatching(/^its mini-program's miniprogram\/app\.json could not be read \(/),
      },
    ]);
  });

  it('is not the Taro project that keeps a project.config.json and an app.json at its root: Taro builds it', async () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '3.6.40' } }),
      'project.config.json': JSON.stringify({ appid: 'touristappid' }),
      'app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'src/pages/voice/voice.js': "import Taro from '@tarojs/taro'\nexport const hold = () => Taro.startRecord({})\n",
    });
    const { code, report } = await runJsonInProcess(dir, []);
    expect([code, report.failures]).toEqual([0, []]);
    expect(read(dir, 'src/pages/voice/voice.js')).toContain("from 'record-compat-runtime'");
  });

  it("a WeChat plugin's root (project.config.json names it as pluginRoot) is loaded as it is too: refused the package import, then migrated with a copy inside the plugin", async () => {
    const COMPONENT =
      "Component({\n  methods: {\n    hold() {\n      wx.startRecord({ success: (res) => this.triggerEvent('recorded', res) })\n    },\n  },\n})\n";
    const dir = makeProject({
      ...BUNDLED,
      'project.config.json': JSON.stringify({
        appid: 'touristappid',
        compileType: 'plugin',
        miniprogramRoot: 'miniprogram/',
        pluginRoot: 'plugin/',
      }),
      'miniprogram/app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'miniprogram/pages/index/index.js': 'Page({})\n',
      'plugin/plugin.json': JSON.stringify({ publicComponents: { recorder: 'components/recorder/recorder' } }),
      'plugin/components/recorder/recorder.js': COMPONENT,
    });
    const refused = await runJsonInProcess(dir, ['--runtime', 'package']);
    expect(refused.code).toBe(1);
    expect(refused.report.failures).toMatchObject([
      {
        path: 'plugin/components/recorder/recorder.js',
        line: 4,
        reason: expect.stringMatching(
          /^WeChat loads this plugin as it is, with no build step \(project\.config\.json: pluginRoot 'plugin\/'\), .*which copies the runtime into the plugin$/,
        ),
      },
    ]);
    expect(read(dir, 'plugin/components/recorder/recorder.js')).toBe(COMPONENT);

    // A copy outside the plugin's root could not be required from it.
    const outside = await runJsonInProcess(dir, ['--dry', '--runtime', 'local=miniprogram/utils/rc.js']);
    expect(outside.report.failures).toMatchObject([
      {
        path: 'plugin/components/recorder/recorder.js',
        reason: expect.stringContaining("outside this file's plugin root plugin/ (the folder of its plugin.json)"),
      },
    ]);

    // With no flag (or --runtime local), a copy inside the plugin.
    const local = await runJsonInProcess(dir, []);
    expect([local.code, local.report.failures]).toEqual([0, []]);
    expect(local.report.runtime.copies).toContainEqual({
      file: 'plugin/utils/record-compat.js',
      written: true,
      families: ['record'],
    });
    expect(read(dir, 'plugin/components/recorder/recorder.js')).toContain("require('../../utils/record-compat')");
  });

  it("a plugin.json that no project.config.json names (another tool's plugin) makes no plugin root", async () => {
    const dir = makeProject({ ...BUNDLED, 'grafana/plugin.json': '{"type":"panel"}', 'grafana/src/voice.js': PAGE });
    const { code, report } = await runJsonInProcess(dir, []);
    expect([code, report.failures]).toEqual([0, []]);
    expect(read(dir, 'grafana/src/voice.js')).toContain("require('record-compat-runtime/native')");
  });

  it("is counted by the audit as the rewrite's, as the codemod's default migrates it (with a copy of the runtime)", async () => {
    const dir = nativeProject('miniprogram/');
    const result = await runAudit({ cwd: dir });
    expect(result.findings).toMatchObject([{ file: 'miniprogram/pages/voice/voice.js', line: 3, status: 'handled' }]);
  });

  /**
   * A page with a createAudioContext the rewrite leaves for a person (its <audio> listens to timeupdate) and a voice
   * call it would take.
   */
  const audioPage = () =>
    nativeProject('miniprogram/', 'miniprogram', {
      'miniprogram/pages/voice/voice.wxml': '<audio id="song" src="{{src}}" bindtimeupdate="tick"></audio>\n',
      'miniprogram/pages/voice/voice.js':
        "Page({\n  onReady() {\n    this.song = wx.createAudioContext('song')\n  },\n  hush() {\n    wx.stopVoice()\n  },\n})\n",
    });
  const TEMPLATE_REASON = /^the <audio id="song"> at voice\.wxml:1: the page listens to bindtimeupdate/;

  it('names a createAudioContext the rewrite leaves for a person once, with its reason (the template), and counts the call the rewrite takes as its own', async () => {
    const result = await runAudit({ cwd: audioPage() });
    expect(result.findings.map((f) => [f.line, f.api, f.status])).toEqual([
      [3, 'createAudioContext', 'manual'],
      [6, 'stopVoice', 'handled'],
    ]);
    expect(result.findings[0].reason).toMatch(TEMPLATE_REASON);
  });

  it('lists the places a refused file leaves for a person among those left for a person, as the audit and the ESLint rule name them', async () => {
    const dir = audioPage();
    const { code, report } = await runJsonInProcess(dir, ['--dry', '--runtime', 'package']);
    expect(code).toBe(1);
    expect(report.failures).toMatchObject([
      { path: 'miniprogram/pages/voice/voice.js', line: 6, reason: expect.stringMatching(REASON(' --dry')) },
    ]);
    expect(report.manualReview).toMatchObject([
      { path: 'miniprogram/pages/voice/voice.js', line: 3, reason: expect.stringMatching(TEMPLATE_REASON) },
    ]);
    expect(report.summary.manualReview).toBe(1);
    const text = await mainInProcess(dir, ['--dry', '--runtime', 'package']);
    expect(text.stdout).toMatch(
      /left for a person: 1 place\n {4}the <audio id="song">.*\n {6}miniprogram\/pages\/voice\/voice\.js:3:\d+\n/,
    );
  });
});

/** The codemod in this process: its exit code, and each failed file with its line and reason. */
async function failuresOf(
  dir: string,
  args: string[],
): Promise<{ code: number; failures: { path: string; line?: number; reason: string }[] }> {
  const r = await migrateInProcess(args, dir);
  if (r.kind !== 'done') throw new Error(`expected a finished run, got ${JSON.stringify(r)}`);
  const failed = r.tally.notable.filter((f) => f.status === 'failed');
  return {
    code: r.exitCode,
    failures: failed.map((f) => ({ path: r.tally.rel(f.file), line: f.error?.line, reason: f.error!.message })),
  };
}

describe('a project.config.json the tool cannot read', () => {
  const UNREAD = (why: string) =>
    new RegExp(
      String.raw`^cannot tell how WeChat loads this folder: \.\./\.\./\.\./project\.config\.json cannot be read \(${why}\), and it says whether WeChat's devtools load the folder as it is ` +
        String.raw`\(where an import of record-compat-runtime/native would not resolve\) or a build's output instead; left as it is: fix \.\./\.\./\.\./project\.config\.json and run again, or migrate it with \x60npx taro-plugin-record-compat --runtime local( --dry)?\x60`,
    );
  /**
   * The mini-program of the first test, with a package.json a bundler's project has: only the config tells WeChat's way
   * of loading it.
   */
  const withConfig = (config: string) =>
    nativeProject('miniprogram/', 'miniprogram', { ...BUNDLED, 'project.config.json': config });

  it('with a trailing comma (WeChat reads it as JSON, and JSON has none): each file it governs fails with its path, line and fault, and is left byte for byte', async () => {
    const dir = withConfig('{\n  "appid": "touristappid",\n  "miniprogramRoot": "miniprogram/",\n}\n');
    const { code, failures } = await failuresOf(dir, ['.']);
    expect(code).toBe(1);
    expect(failures).toEqual([
      {
        path: 'miniprogram/pages/voice/voice.js',
        line: 3,
        reason: expect.stringMatching(
          UNREAD("not valid JSON at line 3, column 36: a trailing comma before '}', which JSON does not allow"),
        ),
      },
    ]);
    expect(read(dir, 'miniprogram/pages/voice/voice.js')).toBe(PAGE);
    // --runtime local needs no word from the config: the copy goes inside the mini-program either way.
    expect((await failuresOf(dir, ['.', '--runtime', 'local'])).failures).toEqual([]);
    expect(read(dir, 'miniprogram/pages/voice/voice.js')).toContain("require('../../utils/record-compat')");
  });

  it('that is a folder or a FIFO: named for what it is, never waited on', async () => {
    const folder = withConfig('{}');
    fs.rmSync(path.join(folder, 'project.config.json'));
    fs.mkdirSync(path.join(folder, 'project.config.json'));
    expect((await failuresOf(folder, ['.', '--dry'])).failures).toMatchObject([
      { path: 'miniprogram/pages/voice/voice.js', reason: expect.stringMatching(UNREAD('a folder')) },
    ]);

    const fifo = withConfig('{}');
    fs.rmSync(path.join(fifo, 'project.config.json'));
    execFileSync('mkfifo', [path.join(fifo, 'project.config.json')]);
    expect((await failuresOf(fifo, ['.', '--dry'])).failures).toMatchObject([
      {
        path: 'miniprogram/pages/voice/voice.js',
        reason: expect.stringMatching(UNREAD(String.raw`a FIFO \(named pipe\), not a regular file`)),
      },
    ]);
  });

  it('is said by the audit for a person in the same words, not counted as handled by the rewrite', async () => {
    const dir = withConfig('{ "miniprogramRoot": "miniprogram/", }');
    const result = await runAudit({ cwd: dir });
    expect(result.findings).toMatchObject([
      {
        file: 'miniprogram/pages/voice/voice.js',
        line: 3,
        status: 'manual',
        reason: expect.stringMatching(
          UNREAD("not valid JSON at line 1, column 36: a trailing comma before '}', which JSON does not allow"),
        ),
      },
    ]);
  });

  it("that could name a WeChat plugin's root: its files are refused both the package import and a local copy outside the folder", async () => {
    const COMPONENT = 'Component({ methods: { hold() { wx.startRecord({}) } } })\n';
    const dir = makeProject({
      ...BUNDLED,
      'project.config.json': '{ "pluginRoot": "plugin/", }',
      'plugin/plugin.json': '{}',
      'plugin/components/rec.js': COMPONENT,
    });
    const packaged = await failuresOf(dir, ['.', '--dry']);
    expect(packaged.failures).toMatchObject([
      {
        path: 'plugin/components/rec.js',
        reason: expect.stringMatching(
          /^cannot tell how WeChat loads this folder: \.\.\/\.\.\/project\.config\.json cannot be read \(not valid JSON at line 1, column 26: .*; left as it is: fix \.\.\/\.\.\/project\.config\.json and run again$/,
        ),
      },
    ]);
    const local = await failuresOf(dir, ['.', '--dry', '--runtime', 'local']);
    expect(local.failures).toMatchObject([
      {
        path: 'plugin/components/rec.js',
        reason: expect.stringMatching(
          /^project\.config\.json cannot be read \(not valid JSON at line 1, column 26: .*\), and it says whether the folder of this file's plugin\.json is a WeChat plugin's root/,
        ),
      },
    ]);
    expect(read(dir, 'plugin/components/rec.js')).toBe(COMPONENT);
  });
});
