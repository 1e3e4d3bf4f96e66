/**
 * The Taro plugin's own wiring, without a Taro build: options, the webpack
 * chain it edits (with the real webpack-chain Taro uses), the Babel run that
 * results, the vite transform and the end-of-build report.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { transformSync } from '@babel/core';
import Joi from 'joi';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
// The built package (npm test builds first), loaded with require as Taro does.
import { resolveOptions, optionsSchema, RECORD_OPTION_KEYS } from '../../dist/src/taro-plugin/options';
import { createFileFilter, createRuntimeFileTest } from '../../dist/src/taro-plugin/files';
import { ReportCollector, formatSummary } from '../../dist/src/taro-plugin/collector';
import type { createVitePlugin } from '../../dist/src/taro-plugin/vite';
import { validateRecordOptions } from '../../dist/src/runtime/core';
import { sourceRouting } from '../../dist/src/taro-plugin/route';
import { dependencyReport, dependencyReports, uncompiledReport } from '../../dist/src/taro-plugin/dependencies';
import { prebundleFolder } from '../../dist/src/taro-plugin/prebundle';
import { rewriteSource } from '../../dist/src/rewrite';
import { copiedReports } from '../../dist/src/taro-plugin/copied';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const plugin: typeof import('../../dist/src/taro-plugin/index').default = require('../../dist/src/taro-plugin/index.js');
import { EXAMPLE, ensureExample } from './helpers/example';
import { taroReactBuild } from '../../scripts/lib/taro-react-pass.mjs';

const APP = '/projects/app';
const SRC_FILE = `${APP}/src/pages/index/index.tsx`;
const LEGACY_TSX = [
  "import Taro from '@tarojs/taro'",
  'type Res = { tempFilePath: string }',
  'export function go(done: (r: Res) => void): void {',
  '  Taro.startRecord({ success: (r: Res) => done(r) })',
  '  setTimeout(() => Taro.stopRecord(), 1000)',
  '}',
  '',
].join('\n');

// Many tests build on the example app's packages (webpack-chain, Babel's presets); on a fresh
// machine the first to ask installs it, which no test's own 30 s covers, so it is done once here.
beforeAll(() => ensureExample(), 1_200_000);

describe('options', () => {
  it('defaults: nothing for the runtime, default import source, not strict', () => {
    expect(resolveOptions(undefined)).toEqual({
      include: [],
      strict: false,
      importSource: 'record-compat-runtime',
      report: true,
      runtime: {},
    });
  });

  it('names an unknown option and lists the allowed ones', () => {
    expect(() => resolveOptions({ duration: 1000 })).toThrow(
      /invalid plugin options: unknown option "duration"; allowed options are importSource, parser, include, strict, report, durationMs, format,/,
    );
  });

  it('reports the runtime rule that a recording option breaks, in the runtime own words', () => {
    const bad = { sampleRate: 44100, encodeBitRate: 16000 };
    const runtimeSays = validateRecordOptions(bad);
    expect(runtimeSays).toBeTruthy();
    expect(() => resolveOptions(bad)).toThrow(`invalid plugin options: option ${runtimeSays!.replace(/^encodeBitRate/, '"encodeBitRate"')}`);
    expect(() => resolveOptions({ numberOfChannels: 3 })).toThrow('option "numberOfChannels" must be 1 or 2, got 3');
  });

  it('checks the build options itself', () => {
    expect(() => resolveOptions({ strict: 'yes' })).toThrow('option "strict" must be true or false, got "yes"');
    expect(() => resolveOptions({ include: 'my-sdk' })).toThrow(/option "include" must be an array of package names/);
    expect(() => resolveOptions({ include: ['../evil'] })).toThrow(/option "include"/);
    expect(() => resolveOptions({ importSource: '' })).toThrow(/option "importSource" must be a module specifier: a package name/);
    expect(() => resolveOptions({ deniedPrompt: { title: 1 } })).toThrow(/option "deniedPrompt" must be true, false or an object/);
    expect(() => resolveOptions([])).toThrow(/options must be an object/);
  });

  it('passes only the recording options to the runtime', () => {
    const r = resolveOptions({ durationMs: 30000, format: 'mp3', strict: true, include: ['@acme/voice'], deniedPrompt: { title: 'Mic' } });
    expect(r.runtime).toEqual({ durationMs: 30000, format: 'mp3', deniedPrompt: { title: 'Mic' } });
    expect(r.strict).toBe(true);
    expect(r.include).toEqual(['@acme/voice']);
    expect(Object.keys(r.runtime).every((k) => (RECORD_OPTION_KEYS as readonly string[]).includes(k))).toBe(true);
  });

  it("Taro's joi schema accepts and rejects the same shapes", () => {
    const schema = optionsSchema(Joi) as Joi.ObjectSchema;
    const samples: unknown[] = [
      {},
      { durationMs: 1000, format: 'aac', strict: true, include: ['a', '@b/c'], deniedPrompt: true },
      { deniedPrompt: { title: 't', content: 'c' } },
      { strict: 'no' },
      { include: 'x' },
      { other: 1 },
      { durationMs: -5 },
    ];
    for (const sample of samples) {
      let ours = true;
      try {
        resolveOptions(sample);
      } catch {
        ours = false;
      }
      expect({ sample, ok: !schema.validate(sample).error }).toEqual({ sample, ok: ours });
    }
  });
});

describe('which files are rewritten', () => {
  const own = ['/repo/taro-plugin-record-compat'];
  // The runtime package as a workspace or a `file:` folder links it: its files are not under node_modules.
  const runtime = ['/repo/taro-plugin-record-compat/packages/runtime'];
  const filter = createFileFilter({ include: ['@acme/voice', 'legacy-sdk'], ownRoots: own, runtimeRoots: runtime });

  it('the user source, also when the app lives below this package (like examples/)', () => {
    expect(filter(SRC_FILE)).toBe(true);
    expect(filter('/repo/taro-plugin-record-compat/examples/taro-app/src/app.ts')).toBe(true);
  });

  it('never the runtime, wherever it is installed from', () => {
    expect(filter('/repo/taro-plugin-record-compat/dist/runtime/esm/core.js')).toBe(false);
    expect(filter(`${APP}/node_modules/taro-plugin-record-compat/dist/runtime/esm/taro.js`)).toBe(false);
    expect(filter(`${APP}/node_modules/record-compat-runtime/dist/esm/core.js`)).toBe(false);
    expect(filter('/repo/taro-plugin-record-compat/packages/runtime/dist/esm/native.js')).toBe(false);
    expect(filter('/repo/taro-plugin-record-compat/packages/runtime/miniprogram_dist/index.js')).toBe(false);
    const isRuntime = createRuntimeFileTest(own, runtime);
    expect(isRuntime(`${APP}/node_modules/taro-plugin-record-compat/dist/runtime/esm/taro.js`)).toBe(true);
    expect(isRuntime('/repo/taro-plugin-record-compat/dist/src/runtime/core.js')).toBe(true);
    expect(isRuntime(`${APP}/node_modules/record-compat-runtime/dist/esm/core.js`)).toBe(true);
    expect(isRuntime('/repo/taro-plugin-record-compat/packages/runtime/dist/esm/h5.js')).toBe(true);
    expect(isRuntime(SRC_FILE)).toBe(false);
  });

  it('node_modules only for the packages listed in include', () => {
    expect(filter(`${APP}/node_modules/some-lib/index.js`)).toBe(false);
    expect(filter(`${APP}/node_modules/@tarojs/taro/index.js`)).toBe(false);
    expect(filter(`${APP}/node_modules/legacy-sdk/dist/rec.js`)).toBe(true);
    expect(filter(`${APP}/node_modules/@acme/voice/index.js`)).toBe(true);
    expect(filter(`${APP}/node_modules/@acme/other/index.js`)).toBe(false);
  });
});

describe('the summary line', () => {
  it('counts calls and files and lists manual places as file:line', () => {
    const c = new ReportCollector(APP);
    c.record(`${APP}/src/a.ts`, { rewritten: [r(1), r(2)], manual: [] });
    c.record(`${APP}/src/b.ts`, { rewritten: [r(3)], manual: [{ line: 9, column: 2, reason: 'Taro escapes into an object' }] });
    c.record(`${APP}/src/c.ts`, { rewritten: [], manual: [] });
    expect(formatSummary(c.summary())).toBe(
      '[record-compat] rewrote 3 legacy record calls in 2 files; 1 place left for manual review: src/b.ts:9',
    );
    // A watch-mode rebuild replaces a file's earlier report.
    c.beginBuild();
    c.record(`${APP}/src/b.ts`, { rewritten: [r(3)], manual: [] });
    expect(formatSummary(c.summary())).toBe('[record-compat] rewrote 3 legacy record calls in 2 files; nothing left for manual review');
  });

  it('adds up the modules one file makes in one build (a .vue script and its template), and starts over on a rebuild', () => {
    const c = new ReportCollector(APP);
    c.beginBuild();
    const vue = `${APP}/src/pages/index/index.vue`;
    c.record(vue, { rewritten: [r(12), r(30)], manual: [] }); // <script setup>
    c.record(vue, { rewritten: [], manual: [] }); // the compiled template: nothing to rewrite
    c.record(vue, { rewritten: [r(50)], manual: [] }); // <script>
    expect(formatSummary(c.summary())).toBe('[record-compat] rewrote 3 legacy record calls in 1 file; nothing left for manual review');
    c.beginBuild();
    c.record(vue, { rewritten: [], manual: [] }); // edited: no legacy call left
    expect(formatSummary(c.summary())).toBe('[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review');
  });

  function r(line: number) {
    return { line, column: 0, api: 'startRecord' as const, via: 'Taro', form: 'call' as const };
  }
});

describe('dependencies the build does not rewrite', () => {
  const filter = createFileFilter({ include: ['included-sdk'], ownRoots: ['/repo/taro-plugin-record-compat'] });
  const report = (pkgFile: string, text: string) => dependencyReport(`${APP}/node_modules/${pkgFile}`, text, filter, {});
  const CALLS = "wx.startRecord({ success(res) { save(res.tempFilePath) } })\nwx.stopRecord()\n";
  // One long line: what the rewrite refuses as minified.
  const minified = (body: string) => `var a=${'1,'.repeat(1500)}0;${body}`;

  it('names each call the rewrite would take in a package it does not compile, with include as the way out', () => {
    expect(report('rec-sdk/index.js', CALLS)).toEqual({
      rewritten: [],
      manual: [
        { line: 1, column: 0, reason: "startRecord in package 'rec-sdk', which this build does not rewrite: add 'rec-sdk' to the plugin's include option to rewrite it" },
        { line: 2, column: 0, reason: "stopRecord in package 'rec-sdk', which this build does not rewrite: add 'rec-sdk' to the plugin's include option to rewrite it" },
      ],
    });
    expect(report('@scope/rec/dist/index.js', CALLS)?.manual[0].reason).toMatch(/^startRecord in package '@scope\/rec'/);
  });

  it("says nothing of the app's own files, included packages, Taro's packages, this package, names without calls, or other files", () => {
    expect(dependencyReport(SRC_FILE, CALLS, filter, {})).toBeUndefined();
    expect(report('included-sdk/index.js', CALLS)).toBeUndefined();
    expect(report('@tarojs/taro/index.js', CALLS)).toBeUndefined();
    expect(report('taro-plugin-record-compat/dist/runtime/esm/core.js', CALLS)).toBeUndefined();
    expect(report('record-compat-runtime/dist/cjs/core.js', CALLS)).toBeUndefined();
    expect(report('camera-sdk/index.js', 'export const record = (ctx) => ctx.startRecord({})\nconst names = ["startRecord"]\n')).toBeUndefined();
    expect(report('rec-sdk/data.json', CALLS)).toBeUndefined();
  });

  it("an app file the rewrite did not read is named by what webpack bundles: not where a loader out of the build's sight (thread-loader) rewrote it", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-uncompiled-'));
    try {
      const file = path.join(dir, 'src', 'vendor', 'rec.js');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, CALLS);
      // Bundled as written: each call named, at its line.
      expect(uncompiledReport(file, CALLS, {})?.manual.map((m) => [m.line, m.reason.split(' ')[0]])).toEqual([
        [1, 'startRecord'],
        [2, 'stopRecord'],
      ]);
      // Rewritten by Babel in another process: the calls are gone from what webpack bundles.
      const rewritten = rewriteSource(CALLS, file, {}).output!;
      expect(rewritten).toContain('record-compat-runtime');
      expect(uncompiledReport(file, rewritten, {})).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("places are the file's lines on disk, not those of a loader's output", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-dependency-'));
    try {
      const file = path.join(dir, 'node_modules/rec-sdk/index.js');
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, CALLS);
      const transpiled = `"use strict";\n\n\n${CALLS}`;
      expect(dependencyReport(file, transpiled, filter, {})?.manual.map((m) => m.line)).toEqual([1, 2]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a minified package: named where its text shows a call, not where it only names an API', () => {
    expect(report('min-sdk/index.min.js', minified('wx.startRecord({})'))?.manual).toEqual([
      { line: 1, column: 0, reason: expect.stringMatching(/^startRecord in package 'min-sdk', which this build does not rewrite \(its text shows the call; the rewrite cannot read it: .*\): add 'min-sdk' to the plugin's include option to rewrite it$/) },
    ]);
    expect(report('min-table/index.js', minified('var n=["startRecord"];module.exports=function(o){return wx[n[0]](o)}'))).toBeUndefined();
  });

  it("Taro's prebundle: a module of it speaks for the files esbuild bundled into it, named by their package", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-prebundle-'));
    try {
      const write = (rel: string, text: string) => {
        fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
        fs.writeFileSync(path.join(dir, rel), text);
        return path.join(dir, rel);
      };
      const sdk = write('node_modules/rec-sdk/lib/index.js', `// the SDK\n${CALLS}`);
      const taro = write('node_modules/@tarojs/taro/index.js', CALLS);
      const included = write('node_modules/included-sdk/index.js', CALLS);
      // What esbuild writes (then swc): each source file under a comment naming it, relative to the app.
      const bundled = [
        'import { __commonJS } from "./chunk-QRPWKJ4C.js";',
        '// node_modules/rec-sdk/lib/index.js',
        'var require_lib = __commonJS({',
        '    "node_modules/rec-sdk/lib/index.js" (exports, module) {',
        '        wx.startRecord({ success(res) { save(res.tempFilePath) } });',
        '        wx.stopRecord();',
        '    }',
        '});',
        '// node_modules/@tarojs/taro/index.js',
        '// node_modules/included-sdk/index.js',
        '// node_modules/gone/index.js',
        '',
      ].join('\n');
      const prebundled = write('node_modules/.taro/weapp/prebundle/rec-sdk.core.js', bundled);
      const folder = prebundleFolder(dir, 'weapp', undefined);
      expect(folder).toBe(path.join(dir, 'node_modules/.taro/weapp/prebundle'));
      const reports = dependencyReports(prebundled, bundled, filter, {}, dir, folder);
      // A cacheDir of the user's (compiler.prebundle.cacheDir), outside node_modules: its modules speak for the same files.
      expect(prebundleFolder(dir, undefined, { compiler: 'webpack5' })).toBe(path.join(dir, 'node_modules/.taro/h5/prebundle'));
      const own = prebundleFolder(dir, 'weapp', { compiler: { type: 'webpack5', prebundle: { cacheDir: path.join(dir, '.cache') } } });
      expect(own).toBe(path.join(dir, '.cache/prebundle'));
      const elsewhere = dependencyReports(write('.cache/prebundle/rec-sdk.core.js', bundled), bundled, filter, {}, dir, own);
      expect(elsewhere.map((r) => [r.file, r.report])).toEqual(reports.map((r) => [r.file, r.report]));
      expect(reports.map((r) => [path.relative(dir, r.file), r.report?.manual.map((m) => [m.line, m.reason])])).toEqual([
        [
          'node_modules/rec-sdk/lib/index.js',
          [
            [2, "startRecord in package 'rec-sdk', which this build does not rewrite: add 'rec-sdk' to the plugin's include option to rewrite it"],
            [3, "stopRecord in package 'rec-sdk', which this build does not rewrite: add 'rec-sdk' to the plugin's include option to rewrite it"],
          ],
        ],
        ['node_modules/@tarojs/taro/index.js', undefined],
        // In include, yet bundled before babel-loader (a Taro without modifyRunnerOpts): its own way out.
        ['node_modules/included-sdk/index.js', [[1, expect.stringMatching(/^startRecord in package 'included-sdk', which Taro's prebundle bundled before this build could rewrite it: add 'included-sdk' to compiler\.prebundle\.exclude/)], [2, expect.any(String)]]],
      ]);
      expect([sdk, taro, included].every((file) => fs.existsSync(file))).toBe(true);

      // A package file over the engine's size limit (1 MB) that esbuild bundled: its call is named all the same.
      const big = write('node_modules/big-sdk/index.js', `module.exports = function talk() {\n  wx.startRecord({});\n};\n${'// padding\n'.repeat(100_000)}`);
      expect(fs.statSync(big).size).toBeGreaterThan(1024 * 1024);
      const bigBundle = '// node_modules/big-sdk/index.js\nvar require_big = __commonJS({ "node_modules/big-sdk/index.js"(exports, module) { module.exports = function talk() { wx.startRecord({}); }; } });\n';
      const [bigReport] = dependencyReports(write('node_modules/.taro/weapp/prebundle/big-sdk.js', bigBundle), bigBundle, filter, {}, dir, folder);
      expect(bigReport.report?.manual.map((m) => [m.line, m.reason])).toEqual([[2, expect.stringMatching(/^startRecord in package 'big-sdk'/)]]);

      // Minified, no comments: the prebundled file's own calls, the way out in general words.
      const min = minified('wx.startRecord({})');
      const [one] = dependencyReports(write('node_modules/.taro/weapp/prebundle/chunk-X.js', min), min, filter, {}, dir, folder);
      expect(one.report?.manual).toEqual([
        { line: 1, column: 0, reason: expect.stringMatching(/^startRecord in a dependency Taro's prebundle bundled \(node_modules\/\.taro\/weapp\/prebundle\/chunk-X\.js\), which this build does not rewrite: add its package to the plugin's include option$/) },
      ]);
      // The summary's way out names packages whose places it fits, never `.taro` or an included one.
      const c = new ReportCollector(dir);
      for (const r of [...reports, one]) c.record(r.file, r.report, r.text);
      expect(formatSummary(c.summary())).toMatch(/ \(rec-sdk: add it to the plugin's include option\)$/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("the summary line says the way out once, naming the packages", () => {
    const c = new ReportCollector(APP);
    c.record(`${APP}/node_modules/rec-sdk/index.js`, report('rec-sdk/index.js', CALLS));
    c.record(`${APP}/node_modules/@scope/rec/index.js`, report('@scope/rec/index.js', CALLS));
    expect(formatSummary(c.summary())).toBe(
      "[record-compat] rewrote 0 legacy calls in 0 files; 4 places left for manual review: node_modules/@scope/rec/index.js:1, node_modules/@scope/rec/index.js:2, node_modules/rec-sdk/index.js:1, node_modules/rec-sdk/index.js:2 (@scope/rec, rec-sdk: add them to the plugin's include option)",
    );
  });
});

describe("what Taro's copy option copies as it is", () => {
  const CALLS = "wx.startRecord({ success(res) { save(res.tempFilePath) } })\nwx.stopRecord()\n";
  let app: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
    fs.writeFileSync(path.join(app, rel), text);
  };
  const reports = (copy: object, honoursIgnore = true) =>
    Object.fromEntries([...copiedReports(app, copy, {}, honoursIgnore)].map(([file, { report: r }]) => [path.relative(app, file), r.manual.map((m) => `${m.line}:${m.column} ${m.reason}`)]));
  beforeEach(() => {
    app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-copied-'));
    write('src/native/sdk/recorder.js', CALLS);
    write('src/native/sdk/node_modules/dep/index.js', 'wx.startRecord({})\n');
    write('src/native/sdk/recorder.wxml', '<view>wx.startRecord()</view>\n');
    write('src/native/sdk/names.js', "module.exports = ['startRecord']\n");
    write('src/native/sdk/vendor.min.js', `var a=${'1,'.repeat(1500)}0;wx.startRecord({})\n`);
    write('src/static/one.js', 'wx.playVoice({ filePath: "a.silk" })\n');
  });
  afterEach(() => fs.rmSync(app, { recursive: true, force: true }));

  it('names each call in a copied folder (its node_modules and minified files too), with the codemod and where its runtime goes', () => {
    const way = 'migrate it with `npx taro-plugin-record-compat --runtime local=src/native/sdk/record-compat.js src/native/sdk/`';
    expect(reports({ patterns: [{ from: 'src/native/sdk/', to: 'dist/native/sdk/' }] })).toEqual({
      'src/native/sdk/recorder.js': [
        `1:0 startRecord in a file Taro's copy option copies (from 'src/native/sdk/'), which this build does not compile: ${way}`,
        `2:0 stopRecord in a file Taro's copy option copies (from 'src/native/sdk/'), which this build does not compile: ${way}`,
      ],
      'src/native/sdk/node_modules/dep/index.js': [expect.stringMatching(/^1:0 startRecord in a file Taro's copy option copies/)],
      'src/native/sdk/vendor.min.js': [expect.stringMatching(/^1:0 startRecord in a file Taro's copy option copies/)],
    });
  });

  it('a copied file, and a glob: the runtime named beside them is to be copied too', () => {
    expect(reports({ patterns: [{ from: 'src/static/one.js', to: 'dist/static/one.js' }] })).toEqual({
      'src/static/one.js': [
        "1:0 playVoice in a file Taro's copy option copies (from 'src/static/one.js'), which this build does not compile: add src/static/record-compat.js to the copy patterns, then migrate it with `npx taro-plugin-record-compat --runtime local=src/static/record-compat.js src/static/one.js`",
      ],
    });
    expect(Object.keys(reports({ patterns: [{ from: 'src/native/**/rec*.js', to: 'dist/' }] }))).toEqual(['src/native/sdk/recorder.js']);
  });

  it('are named in the end-of-build line with the way out, and a copied file without a call any more is forgotten at the next build', () => {
    const collector = new ReportCollector(app);
    collector.beginBuild();
    collector.recordCopied(copiedReports(app, { patterns: [{ from: 'src/static/', to: 'dist/static/' }] }, {}, true));
    expect(formatSummary(collector.summary())).toBe(
      "[record-compat] rewrote 0 legacy calls in 0 files; 1 place left for manual review: src/static/one.js:1 (src/static/: copied by Taro's copy option, not compiled; migrate with the codemod, --runtime local)",
    );
    write('src/static/one.js', 'module.exports = 1\n');
    collector.beginBuild();
    collector.recordCopied(copiedReports(app, { patterns: [{ from: 'src/static/', to: 'dist/static/' }] }, {}, true));
    expect(formatSummary(collector.summary())).toBe('[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review');
  });

  it("honours the patterns' ignore where the build does, and says nothing of patterns that copy nothing or no script", () => {
    const copy = { patterns: [{ from: 'src/native/sdk', to: 'dist/sdk', ignore: ['*.min.js', '**/node_modules/**'] }], options: { ignore: ['recorder.js'] } };
    expect(reports(copy)).toEqual({});
    expect(Object.keys(reports(copy, false)).sort()).toEqual(['src/native/sdk/node_modules/dep/index.js', 'src/native/sdk/recorder.js', 'src/native/sdk/vendor.min.js']);
    expect(reports({ patterns: [{ from: 'src/missing', to: 'dist/x' }, { from: 'src/native/sdk/recorder.wxml', to: 'dist/r.wxml' }, { to: 'dist/y' }] })).toEqual({});
    expect(reports({})).toEqual({});
  });
});

describe('the source loader (the route where no babel-loader can be joined: Taro 2)', () => {
  // As webpack loads it: require() (the collector registry it reads is the required module's).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loader: typeof import('../../dist/src/taro-plugin/source-loader').default = require('../../dist/src/taro-plugin/source-loader.js').default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { registerCollector }: typeof import('../../dist/src/taro-plugin/collector') = require('../../dist/src/taro-plugin/collector.js');

  /** A webpack loader context for one request: webpack 4 hands the options over as `query`, webpack 5 through getOptions(). */
  function run(collectorId: string, source: string, resource: string, emitted: Error[] = [], webpack: 4 | 5 = 4, dependencies: string[] = [], missing: string[] = []) {
    const [resourcePath, query] = resource.split('?');
    const options = { collectorId, importSource: 'record-compat-runtime' };
    const context = {
      resourcePath,
      resourceQuery: query === undefined ? '' : `?${query}`,
      // webpack 5 has getOptions() and addMissingDependency(); webpack 4 neither.
      ...(webpack === 4
        ? { query: options }
        : { query: `??ruleSet[1].rules[0]`, getOptions: () => options, addMissingDependency: (file: string) => missing.push(file) }),
      emitError: (e: Error) => emitted.push(e),
      addDependency: (file: string) => dependencies.push(file),
    };
    return loader.call(context, source);
  }

  it("rewrites the file's text as the codemod does, and counts a page's `?taro&type=script` part once", () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    const out = run(id, LEGACY_TSX, SRC_FILE);
    expect(out).toContain("import { startRecord, stopRecord } from 'record-compat-runtime'");
    expect(out).not.toMatch(/Taro\.(start|stop)Record/);
    // Untouched lines keep their bytes.
    expect(out).toContain('type Res = { tempFilePath: string }');
    expect(run(id, LEGACY_TSX, `${SRC_FILE}?taro&type=script&parse=PAGE`)).toBe(LEGACY_TSX);
    expect(formatSummary(collector.summary())).toBe('[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review');
  });

  it('hands webpack the source map of its edits when the build asks for maps: a call below the new import maps to its own line', () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    const results: { content: string; map: { mappings: string; sources: string[] } }[] = [];
    const context = {
      resourcePath: SRC_FILE,
      resourceQuery: '',
      query: { collectorId: id, importSource: 'record-compat-runtime' },
      sourceMap: true,
      addDependency: () => {},
      callback: (_error: Error | null, content: string, map?: object) => {
        results.push({ content, map: map as { mappings: string; sources: string[] } });
      },
      emitError: (e: Error) => {
        throw e;
      },
    };
    expect(loader.call(context, LEGACY_TSX)).toBeUndefined();
    const [{ content, map }] = results;
    expect(map.sources).toEqual([SRC_FILE]);
    const tracer = new TraceMap(map as never);
    const lines = content.split('\n');
    const outLine = lines.findIndex((l) => /\bstopRecord\(/.test(l));
    const original = originalPositionFor(tracer, { line: outLine + 1, column: lines[outLine].indexOf('stopRecord') });
    const inLines = LEGACY_TSX.split('\n');
    expect(original.line).toBe(inLines.findIndex((l) => l.includes('Taro.stopRecord')) + 1);
    expect(original.line).not.toBe(outLine + 1); // the import line moved it down by one
  });

  it('webpack 5: the same, with the options from getOptions()', () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    expect(run(id, LEGACY_TSX, SRC_FILE, [], 5)).toContain("from 'record-compat-runtime'");
    expect(collector.summary().rewrittenCalls).toBe(2);
  });

  it('a file that no longer mentions the API is forgotten (watch mode)', () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    run(id, LEGACY_TSX, SRC_FILE);
    const plain = "export const n = 1\n";
    expect(run(id, plain, SRC_FILE)).toBe(plain);
    expect(collector.summary().rewrittenCalls).toBe(0);
  });

  it('a file that does not parse is left to Taro to report, and listed for review', () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    const broken = 'Taro.startRecord({ success() { }\n';
    const emitted: Error[] = [];
    expect(run(id, broken, SRC_FILE, emitted)).toBe(broken);
    expect(emitted).toEqual([]);
    expect(formatSummary(collector.summary())).toMatch(/1 place left for manual review: src\/pages\/index\/index\.tsx:2$/);
  });

  it("reads a page's .wxml beside it for createAudioContext: a hidden <audio> migrates with its src, one with controls is named with its line", () => {
    withNativePage('<audio id="hidden" src="/a.mp3"/>\n<audio id="shown" src="/b.mp3" controls/>\n', (app, page) => {
      const collector = new ReportCollector(app);
      const id = registerCollector(collector);
      const source = "import Taro from '@tarojs/taro'\nexport const a = Taro.createAudioContext('hidden')\nexport const b = Taro.createAudioContext('shown')\n";
      const dependencies: string[] = [];
      const out = run(id, source, page, [], 4, dependencies);
      // A change to the template alone rebuilds the page (watch mode, webpack's persistent cache).
      expect(dependencies).toEqual([page.replace(/\.js$/, '.wxml')]);
      expect(out).toContain("export const a = createAudioContext({ id: 'hidden', src: '/a.mp3' })");
      expect(out).toContain("export const b = Taro.createAudioContext('shown')");
      expect(formatSummary(collector.summary())).toBe(
        '[record-compat] rewrote 1 AudioContext use in 1 file; 1 place left for manual review: src/pages/lesson/lesson.js:3 (createAudioContext → createInnerAudioContext)',
      );
    });
  });

  it('declares the templates as the template loader does: on webpack 5 a missing <include> is watched for, on webpack 4 only the files there are', () => {
    withNativePage('<include src="../common/bar.wxml"/>\n<audio id="hidden" src="/a.mp3"/>\n', (app, page) => {
      const id = registerCollector(new ReportCollector(app));
      const source = "export const a = wx.createAudioContext('hidden')\n";
      const wxml = page.replace(/\.js$/, '.wxml');
      const include = path.join(app, 'src/pages/common/bar.wxml');
      const [webpack5, missing5, webpack4, missing4]: string[][] = [[], [], [], []];
      expect(run(id, source, page, [], 5, webpack5, missing5)).toContain("createAudioContext({ id: 'hidden', src: '/a.mp3' })");
      expect([webpack5, missing5]).toEqual([[wxml], [include]]);
      run(id, source, page, [], 4, webpack4, missing4);
      expect([webpack4, missing4]).toEqual([[wxml], []]);
    });
  });
});

describe("the component loader (webpack: a .vue component's template, read before vue-loader compiles it)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loader: typeof import('../../dist/src/taro-plugin/component-loader').default = require('../../dist/src/taro-plugin/component-loader.js').default;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { registerCollector }: typeof import('../../dist/src/taro-plugin/collector') = require('../../dist/src/taro-plugin/collector.js');
  const COMPONENT = `${APP}/src/pages/rec/index.vue`;
  const component = (template: string, script: string, setup = '') => `<template>\n${template}\n</template>\n\n<script${setup}>\n${script}</script>\n`;
  const OPTIONS_API = component('  <view @tap="Taro.startRecord({})">rec</view>', "import Taro from '@tarojs/taro'\nexport default { data() { return { Taro } } }\n");

  /** One request of webpack 5 (getOptions) or 4 (`query`): what it returns, and the build's summary. */
  function run(source: string, resource = COMPONENT, webpack: 4 | 5 = 5) {
    const collector = new ReportCollector(APP);
    collector.beginBuild();
    const options = { collectorId: registerCollector(collector), importSource: 'record-compat-runtime' };
    const [resourcePath, query] = resource.split('?');
    const context = { resourcePath, resourceQuery: query === undefined ? '' : `?${query}`, ...(webpack === 4 ? { query: options } : { query: '??ruleSet[1]', getOptions: () => options }) };
    return { out: loader.call(context, source), summary: formatSummary(collector.summary()) };
  }

  it.each([5, 4] as const)("reports an Options API template's own call at its line in the component, and changes nothing (webpack %s)", (webpack) => {
    expect(run(OPTIONS_API, COMPONENT, webpack)).toEqual({
      out: OPTIONS_API,
      summary: '[record-compat] rewrote 0 legacy calls in 0 files; 1 place left for manual review: src/pages/rec/index.vue:2',
    });
  });

  it("with a <script setup>, says every place of the component for a person at its line, as the codemod does (Babel reads what vue-loader compiled)", () => {
    const setup = component('  <view @tap="Taro.startRecord({})">rec</view>\n  <view @tap="sr({})">rec</view>', "import Taro from '@tarojs/taro'\nimport { startRecord as sr } from '@tarojs/taro'\n", ' setup');
    expect(run(setup)).toEqual({
      out: setup,
      summary: '[record-compat] rewrote 0 legacy calls in 0 files; 2 places left for manual review: src/pages/rec/index.vue:2, src/pages/rec/index.vue:8',
    });
  });

  it('leaves alone a part of the component, and a component that names no API', () => {
    const none = '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review';
    expect(run(OPTIONS_API, `${COMPONENT}?vue&type=script&lang=js`)).toEqual({ out: OPTIONS_API, summary: none });
    expect(run(component('  <view @tap="go">rec</view>', 'export default { methods: { go() {} } }\n')).summary).toBe(none);
  });

  it("the Babel pass moves a <script> block's places to the component's lines, and keeps only the calls it rewrote of what vue-loader compiled from a <script setup>", () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-vue-blocks-'));
    try {
      const collector = new ReportCollector(app);
      collector.beginBuild();
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { registerCollector }: typeof import('../../dist/src/taro-plugin/collector') = require('../../dist/src/taro-plugin/collector.js');
      const buildPlugin = [require.resolve('../../dist/src/taro-plugin/babel-build.js'), { rewrite: { importSource: 'record-compat-runtime' }, collectorId: registerCollector(collector) }];
      const babel = (code: string, filename: string) => transformSync(code, { filename, babelrc: false, configFile: false, plugins: [buildPlugin] })!.code!;
      const options = path.join(app, 'src/Options.vue');
      const setup = path.join(app, 'src/Setup.vue');
      fs.mkdirSync(path.dirname(options), { recursive: true });
      const script = '\nexport default {\n  methods: {\n    go() {\n      register(wx)\n      wx.startRecord({})\n    },\n  },\n}\n';
      fs.writeFileSync(options, `<template>\n  <view @tap="go">rec</view>\n</template>\n\n<script>${script}</script>\n`);
      fs.writeFileSync(setup, "<template>\n  <view @tap=\"Taro.stopRecord()\">stop</view>\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\n</script>\n");
      babel(script, options);
      // As vue-loader compiles a <script setup>: the names its template reads returned from setup.
      babel("import Taro from '@tarojs/taro'\nexport default { setup() { Taro.startRecord({}); const __returned__ = { Taro }; return __returned__ } }\n", setup);
      expect(formatSummary(collector.summary())).toBe('[record-compat] rewrote 2 legacy record calls in 2 files; 1 place left for manual review: src/Options.vue:9');
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it('is a pre rule over the .vue files the rewrite takes, beside the babel-loader the rewrite joins', async () => {
    const { chain } = await chainWithBabelLoader();
    const own = chain.toConfig().module.rules.find((r: { use?: { loader: string }[] }) => r.use?.[0]?.loader === require.resolve('../../dist/src/taro-plugin/component-loader.js'));
    expect(own.enforce).toBe('pre');
    const applies = (file: string) => own.test(file) && own.include.every((accepts: (f: string) => boolean) => accepts(file));
    expect(applies(COMPONENT)).toBe(true);
    expect(applies(SRC_FILE)).toBe(false);
    expect(applies(`${APP}/node_modules/some-lib/Rec.vue`)).toBe(false);
  });
});

describe('taro-plugin-record-compat/babel under Babel 6 (Taro 2 `babel` config)', () => {
  it('stops with one sentence naming what to use instead, no stack', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const babelPlugin = require('../../dist/src/babel.js').default;
    let thrown: Error | undefined;
    try {
      babelPlugin({ version: '6.26.3' });
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toMatch(/is a Babel 7 plugin and this build runs Babel 6.*list 'taro-plugin-record-compat' in `plugins`.*npx taro-plugin-record-compat src\//);
    expect(thrown?.stack).toBe(thrown?.message);
    expect(thrown?.message).not.toContain('\n');
    expect(() => babelPlugin({ version: '7.29.0', assertVersion() {} }, {})).not.toThrow();
  });
});

type Hook = (...args: any[]) => any;  

function fakeCtx(appPath = APP) {
  const hooks: Record<string, Hook[]> = {};
  let schema: Hook | undefined;
  const on = (name: string) => (fn: Hook) => (hooks[name] ??= []).push(fn);
  const ctx = {
    appPath,
    addPluginOptsSchema: (fn: Hook) => (schema = fn),
    modifyWebpackChain: on('modifyWebpackChain'),
    modifyViteConfig: on('modifyViteConfig'),
    modifyRunnerOpts: on('modifyRunnerOpts'),
    onBuildFinish: on('onBuildFinish'),
  };
  return { ctx, hooks, schema: () => schema };
}

/** A scratch app whose page `src/pages/lesson/lesson.js` has `wxml` beside it; removed after `use`. */
function withNativePage(wxml: string, use: (app: string, page: string) => void): void {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-native-page-'));
  try {
    const page = path.join(app, 'src/pages/lesson/lesson.js');
    fs.mkdirSync(path.dirname(page), { recursive: true });
    fs.writeFileSync(page.replace(/\.js$/, '.wxml'), wxml);
    use(app, page);
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
}

/** A webpack chain whose script rule has a babel-loader, as Taro's has, once the plugin (on the fake ctx `f`, with `options`) has modified it. */
async function chainWithBabelLoader(options: Record<string, unknown> = {}) {
  await ensureExample();
  const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
  const chain = new Chain();
  chain.module.rule('script').test(/\.[tj]sx?$/).use('babelLoader').loader('babel-loader').options({});
  const f = fakeCtx();
  plugin(f.ctx as never, options);
  f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin: class {} } });
  return { chain, f };
}

/** The options of a webpack rule's babel-loader. */
function babelLoaderOptions(rule: { use: { loader: string; options: Record<string, unknown> }[] }) {
  return rule.use.find((u) => u.loader === 'babel-loader')!.options;
}

/** A vite plugin context for one transform: the files it asks vite to watch land in `watched`. */
function viteContext(watched: string[] = []) {
  return { addWatchFile: (file: string) => watched.push(file) };
}

/** The plugin on a fake ctx, and the vite plugin it puts first in a build's config. */
function viteDoor(options: Record<string, unknown>) {
  const f = fakeCtx();
  plugin(f.ctx as never, options);
  const viteConfig: { plugins: unknown[] } = { plugins: [] };
  f.hooks.modifyViteConfig[0]({ viteConfig });
  return { f, vp: viteConfig.plugins[0] as ReturnType<typeof createVitePlugin> };
}

describe('the plugin as Taro calls it', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('is the module export and the default export (Taro takes .default when __esModule is set)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require('../../dist/src/taro-plugin/index.js');
    expect(typeof mod).toBe('function');
    expect(mod.__esModule).toBe(true);
    expect(mod.default).toBe(mod);
  });

  it('registers its schema and hooks, and throws its own message first on bad options', () => {
    const f = fakeCtx();
    plugin(f.ctx as never, {});
    expect(typeof f.schema()).toBe('function');
    expect(Object.keys(f.hooks).sort()).toEqual(['modifyViteConfig', 'modifyWebpackChain', 'onBuildFinish']);
    // With include, one more: the included packages are kept out of Taro's prebundle.
    const included = fakeCtx();
    plugin(included.ctx as never, { include: ['rec-sdk'] });
    expect(Object.keys(included.hooks).sort()).toEqual(['modifyRunnerOpts', 'modifyViteConfig', 'modifyWebpackChain', 'onBuildFinish']);
    const opts = { compiler: { type: 'webpack5', prebundle: { enable: true, exclude: ['big-lib'] } } };
    included.hooks.modifyRunnerOpts[0]({ opts });
    expect(opts.compiler.prebundle).toEqual({ enable: true, exclude: ['big-lib', 'rec-sdk'] });
    // Taro merges it with its defaults (arrays concatenated); a compiler given by name has no prebundle.
    const bare: { compiler: unknown } = { compiler: { type: 'webpack5' } };
    included.hooks.modifyRunnerOpts[0]({ opts: bare });
    expect(bare.compiler).toEqual({ type: 'webpack5', prebundle: { exclude: ['rec-sdk'] } });
    const named = { compiler: 'webpack5' };
    included.hooks.modifyRunnerOpts[0]({ opts: named });
    expect(named).toEqual({ compiler: 'webpack5' });
    expect(() => plugin(fakeCtx().ctx as never, { format: 'ogg' } as never)).toThrow('option "format" must be one of aac, mp3, wav, PCM, pcm, got "ogg"');
    expect(() => plugin(fakeCtx().ctx as never, { format: 3 } as never)).toThrow('option "format" must be one of aac, mp3, wav, PCM, pcm, got 3');
  });

  it('webpack5: adds the rewrite to the script rule babelLoader, the options define and (h5) one runtime chunk', async () => {
    await ensureExample();
    const requireFromExample = createRequire(path.join(EXAMPLE, 'package.json'));
    const Chain = requireFromExample('webpack-chain');
    const webpack = requireFromExample('webpack');
    const chain = new Chain();
    chain.module.rule('script').test(/\.[tj]sx?$/).use('babelLoader').loader('babel-loader').options({ compact: false });
    chain.optimization.splitChunks({ chunks: 'initial', cacheGroups: {} });

    const f = fakeCtx();
    plugin(f.ctx as never, { durationMs: 30000 });
    asPlatform('h5', () => f.hooks.modifyWebpackChain[0]({ chain, webpack }));
    const config = chain.toConfig();
    // After babel-loader, the loader that declares the templates it read (template-loader.ts): the app's scripts only.
    const templates = config.module.rules.find((r: { enforce?: string }) => r.enforce === 'post');
    expect(templates.use.map((u: { loader: string }) => u.loader)).toEqual([require.resolve('../../dist/src/taro-plugin/template-loader.js')]);
    const takes = (file: string) => templates.test(file) && templates.include.every((accepts: (f: string) => boolean) => accepts(file));
    expect([SRC_FILE, `${APP}/src/app.css`, `${APP}/node_modules/@tarojs/runtime/dist/index.js`].map(takes)).toEqual([true, false, false]);
    const babelOptions = babelLoaderOptions(config.module.rules[0]);
    expect(babelOptions.compact).toBe(false);
    expect(babelOptions.overrides).toHaveLength(1);
    const define = config.plugins.find((p: object) => p instanceof webpack.DefinePlugin);
    expect(define.definitions).toEqual({ TARO_RECORD_COMPAT_OPTIONS: JSON.stringify({ durationMs: 30000 }) });
    expect(config.optimization.splitChunks.cacheGroups.recordCompat).toMatchObject({ name: 'record-compat', chunks: 'all' });
    // H5 builds get the entry with the browser recorder, for the runtime package's Taro entry and this package's former one;
    // the file is the runtime package's published ESM build, and its mp3 encoder this package's own.
    expect(Object.keys(config.resolve.alias)).toEqual(['record-compat-runtime$', 'taro-plugin-record-compat/runtime$', '@breezystack/lamejs$']);
    expect(config.resolve.alias['record-compat-runtime$']).toMatch(/\/packages\/runtime\/dist\/esm\/h5\.js$/);
    expect(config.resolve.alias['taro-plugin-record-compat/runtime$']).toBe(config.resolve.alias['record-compat-runtime$']);
    expect(fs.existsSync(config.resolve.alias['record-compat-runtime$'])).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(config.resolve.alias['@breezystack/lamejs$'], 'package.json'), 'utf8')).name).toBe('@breezystack/lamejs');

    // What babel-loader will then do with the user's file, and with a dependency's.
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const run = (filename: string) =>
      transformSync(LEGACY_TSX, { ...babelOptions, filename, babelrc: false, configFile: false, presets: [['@babel/preset-typescript']] })!;
    const user = run(SRC_FILE).code!;
    expect(user).toContain("from 'record-compat-runtime'".replace(/'/g, '"'));
    expect(user).not.toMatch(/Taro\.(start|stop)Record/);
    const dep = run(`${APP}/node_modules/some-lib/rec.ts`).code!;
    expect(dep).toMatch(/Taro\.startRecord/);

    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(logged).toHaveBeenCalledWith('[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review');
   }, 900_000); // may have to `npm ci` the example first

  it("webpack: a script whose build fails (a merge conflict's markers) is named in the engine's words, and what an earlier build rewrote in it no longer counts (watch mode)", async () => {
    await ensureExample();
    const requireFromExample = createRequire(path.join(EXAMPLE, 'package.json'));
    const Chain = requireFromExample('webpack-chain');
    const webpack = requireFromExample('webpack');
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-failed-module-'));
    const page = path.join(app, 'src/index.js');
    fs.mkdirSync(path.dirname(page), { recursive: true });
    fs.writeFileSync(page, "import Taro from '@tarojs/taro'\nexport function go() {\n  Taro.startRecord({})\n}\n");
    const chain = new Chain();
    chain.mode('development').context(app).entry('index').add(page).end().output.path(path.join(app, 'dist'));
    chain.externals([/^@tarojs\/taro$/, /^taro-plugin-record-compat\//, /^record-compat-runtime(\/|$)/]);
    chain.module.rule('script').test(/\.js$/).include.add(path.join(app, 'src')).end().use('babelLoader').loader(requireFromExample.resolve('babel-loader')).options({ babelrc: false, configFile: false });
    const f = fakeCtx(app);
    plugin(f.ctx as never, { strict: true });
    f.hooks.modifyWebpackChain[0]({ chain, webpack });
    const compiler = webpack(chain.toConfig());
    const build = () => new Promise<{ hasErrors(): boolean }>((resolve, reject) => compiler.run((error: Error | null, stats: { hasErrors(): boolean }) => (error ? reject(error) : resolve(stats))));
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await build()).hasErrors()).toBe(false);
      f.hooks.onBuildFinish[0]({ error: null, isWatch: true });
      expect(logged).toHaveBeenLastCalledWith('[record-compat] rewrote 1 legacy record call in 1 file; nothing left for manual review');

      // The same compiler builds again, as watch mode does, over a conflict left in the page.
      fs.writeFileSync(page, "import Taro from '@tarojs/taro'\nexport function go() {\n<<<<<<< HEAD\n  Taro.startRecord({})\n=======\n  Taro.stopRecord()\n>>>>>>> other\n}\n");
      expect((await build()).hasErrors()).toBe(true);
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
      expect(logged).toHaveBeenLastCalledWith('[record-compat] rewrote 0 legacy calls in 0 files; 1 place left for manual review: src/index.js:3');
      expect(failed).toHaveBeenLastCalledWith(expect.stringContaining("src/index.js:3:2 could not be parsed: Unexpected token (a merge conflict's markers are left in the file, line 3: resolve the conflict first)"));
    } finally {
      await new Promise((resolve) => compiler.close(resolve));
      fs.rmSync(app, { recursive: true, force: true });
    }
  }, 900_000);

  it("webpack: a build that ships Taro's prebundle (its Module Federation host) names the packages in it at each build's start, once; a prebundle folder it does not ship is not read", async () => {
    await ensureExample();
    const requireFromExample = createRequire(path.join(EXAMPLE, 'package.json'));
    const Chain = requireFromExample('webpack-chain');
    const webpack = requireFromExample('webpack');
    // Taro's own plugin, as its prebundle adds it to the app's build (setHost), with nothing exposed to import.
    const TaroHost = requireFromExample('@tarojs/webpack5-prebundle/dist/webpack/TaroModuleFederationPlugin').default;
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-prebundle-host-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      fs.writeFileSync(path.join(app, file), text);
    };
    write('src/index.js', 'console.log(1)\n');
    write('node_modules/rec-sdk/index.js', 'module.exports = function rec(o) {\n  wx.startRecord(o)\n}\n');
    // What esbuild wrote for it (Taro's folder for the platform): the file named in a comment.
    write('node_modules/.taro/weapp/prebundle/rec-sdk.core.js', '// node_modules/rec-sdk/index.js\nvar require_rec_sdk = __commonJS({ "node_modules/rec-sdk/index.js"(exports, module) {\n  module.exports = function rec(o) {\n    wx.startRecord(o);\n  };\n} });\n');
    write('node_modules/.taro/weapp/prebundle/rec-sdk.js', "var m = require('./rec-sdk.core.js');\nmodule.exports = m.default;\n");
    const compilerFor = (host: boolean) => {
      const chain = new Chain();
      chain.mode('development').context(app).entry('index').add(path.join(app, 'src/index.js')).end().output.path(path.join(app, 'dist'));
      chain.module.rule('script').test(/\.js$/).include.add(path.join(app, 'src')).end().use('babelLoader').loader(requireFromExample.resolve('babel-loader')).options({ babelrc: false, configFile: false });
      const f = fakeCtx(app);
      plugin(f.ctx as never, {});
      asPlatform('weapp', () => f.hooks.modifyWebpackChain[0]({ chain, webpack }));
      if (host) chain.plugin('TaroModuleFederationPlugin').use(TaroHost, [{ name: 'taro-app', remotes: { taro_app_library: 'taro_app_library@remoteEntry.js' } }, { deps: new Map(), env: 'weapp', platformType: 'mini', remoteAssets: [], runtimeRequirements: new Set() }]);
      const compiler = webpack(chain.toConfig());
      const build = async () => {
        const stats = await new Promise<{ hasErrors(): boolean; toJson(): { errors: unknown[] } }>((resolve, reject) => compiler.run((error: Error | null, result: never) => (error ? reject(error) : resolve(result))));
        expect(stats.toJson().errors).toEqual([]);
        f.hooks.onBuildFinish[0]({ error: null, isWatch: true });
      };
      return { build, close: () => new Promise((resolve) => compiler.close(resolve)) };
    };
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      // A production build: no prebundle, whatever an earlier dev build left in the folder.
      const production = compilerFor(false);
      await production.build();
      await production.close();
      expect(logged).toHaveBeenLastCalledWith('[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review');

      // A dev build that ships it, built twice as watch mode does: named each time, once.
      const watching = compilerFor(true);
      const named = "[record-compat] rewrote 0 legacy calls in 0 files; 1 place left for manual review: node_modules/rec-sdk/index.js:2 (rec-sdk: add it to the plugin's include option)";
      try {
        await watching.build();
        expect(logged).toHaveBeenLastCalledWith(named);
        await watching.build();
        expect(logged).toHaveBeenLastCalledWith(named);
      } finally {
        await watching.close();
      }
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  }, 900_000);

  it("webpack: the template a createAudioContext call was decided on becomes a dependency of the script's module, declared after babel-loader (a post rule)", async () => {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-template-deps-'));
    try {
      const native = path.join(app, 'src/pages/lesson/lesson.js');
      const jsx = path.join(app, 'src/pages/player/index.jsx');
      const plain = path.join(app, 'src/pages/plain/index.js');
      for (const file of [native, jsx, plain]) fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(native.replace(/\.js$/, '.wxml'), '<include src="../common/bar.wxml"/>\n<audio id="hidden" src="/a.mp3"/>\n');
      const chain = new Chain();
      chain.module.rule('script').test(/\.[tj]sx?$/).use('babelLoader').loader('babel-loader').options({});
      const f = fakeCtx(app);
      plugin(f.ctx as never, {});
      f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin: class {} } });
      const [rule, templateRule] = chain.toConfig().module.rules;
      expect(templateRule.enforce).toBe('post');
      const [templateUse] = templateRule.use;
      // As webpack loads a loader: require() (the collector registry it reads is the required module's).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const templateLoader = require(templateUse.loader).default;

      /** The file through babel-loader's Babel run, then the template loader: what it declares, and what it passes on. */
      const build = (file: string, source: string) => {
        const { code } = transformSync(source, { ...babelLoaderOptions(rule), filename: file, babelrc: false, configFile: false, parserOpts: { plugins: ['jsx'] } })!;
        const declared: { files: string[]; missing: string[]; passed: unknown[] } = { files: [], missing: [], passed: [] };
        templateLoader.call(
          {
            resourcePath: file,
            getOptions: () => templateUse.options,
            addDependency: (dep: string) => declared.files.push(dep),
            addMissingDependency: (dep: string) => declared.missing.push(dep),
            callback: (...args: unknown[]) => declared.passed.push(...args),
          },
          code,
          { version: 3 },
        );
        return declared;
      };

      const nativeBuild = build(native, "export const a = wx.createAudioContext('hidden')\n");
      // The page's .wxml and the file it includes (read or not: it does not exist yet).
      expect(nativeBuild.files).toEqual([native.replace(/\.js$/, '.wxml')]);
      expect(nativeBuild.missing).toEqual([path.join(app, 'src/pages/common/bar.wxml')]);
      expect(nativeBuild.passed[0]).toBeNull();
      expect(nativeBuild.passed[1]).toMatch(/createAudioContext\(\{\s*id: ["']hidden["'],\s*src: ["']\/a\.mp3["']\s*\}\)/);
      expect(nativeBuild.passed[2]).toEqual({ version: 3 });

      // A JSX page decided on its own JSX: a .wxml written beside it later would be its template.
      const jsxSource = "import { Audio } from '@tarojs/components'\nimport Taro from '@tarojs/taro'\nexport const ctx = Taro.createAudioContext('a')\nexport const P = () => <Audio id='a' src='/a.mp3' />\n";
      expect(build(jsx, jsxSource)).toMatchObject({ files: [], missing: [jsx.replace(/\.jsx$/, '.wxml')] });
      // A file without such a call declares nothing.
      expect(build(plain, 'wx.startRecord({})\n')).toMatchObject({ files: [], missing: [] });
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it("webpack5 with Taro's persistent cache: the cache's version carries the build's decisions", async () => {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    const versionWith = (options: Record<string, unknown>, cache: Record<string, unknown> | undefined) => {
      const chain = new Chain();
      chain.module.rule('script').test(/\.[tj]sx?$/).use('babelLoader').loader('babel-loader').options({});
      if (cache) chain.merge({ cache });
      const f = fakeCtx();
      plugin(f.ctx as never, options);
      f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin: class {} } });
      return chain.get('cache')?.version as string | undefined;
    };
    const filesystem = { type: 'filesystem', name: 'production-weapp' };
    const plain = versionWith({}, filesystem);
    expect(plain).toMatch(/^record-compat-[0-9a-f]{16}$/);
    expect(versionWith({}, filesystem)).toBe(plain);
    expect(versionWith({ durationMs: 30000 }, filesystem)).not.toBe(plain);
    // Taro's own version, or the user's, is kept in front.
    expect(versionWith({}, { ...filesystem, version: 'v2' })).toBe(`v2+${plain}`);
    // No cache, or webpack's memory cache: nothing to key.
    expect(versionWith({}, undefined)).toBeUndefined();
    expect(versionWith({}, { type: 'memory' })).toBeUndefined();
  }, 900_000);

  it('webpack4, Taro 3.5: a page Babel reads twice in one build (and once more as output) counts its calls once', async () => {
    const { chain, f } = await chainWithBabelLoader();
    const babelOptions = babelLoaderOptions(chain.toConfig().module.rules[0]);
    const run = (code: string, filename = SRC_FILE) =>
      transformSync(code, { ...babelOptions, filename, babelrc: false, configFile: false, presets: [['@babel/preset-typescript']] })!.code!;
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const summary = () => {
      logged.mockClear();
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
      return logged.mock.calls.map((c) => c[0]);
    };

    // What @tarojs/mini-runner 3.5 does with a page: the entry module's loaders
    // (page loader, babel-loader) read the source, then the component it imports
    // is compiled from the same source, and babel-loader runs again over that output.
    run(LEGACY_TSX);
    const output = run(LEGACY_TSX);
    expect(run(output)).not.toMatch(/Taro\.(start|stop)Record/);
    // Another file, and another text of the same file (a .vue block), still add up.
    run(LEGACY_TSX, `${APP}/src/pages/other/index.tsx`);
    run(LEGACY_TSX.replace('setTimeout(() => Taro.stopRecord(), 1000)', ''));
    expect(summary()).toEqual(['[record-compat] rewrote 5 legacy record calls in 2 files; nothing left for manual review']);
  });

  it('a webpack config whose script rule has no babelLoader (ts-loader): its own pre loader, the scripts of the app only', async () => {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    const chain = new Chain();
    chain.module.rule('script').test(/\.[tj]sx?$/).use('tsLoader').loader('ts-loader');
    const f = fakeCtx();
    plugin(f.ctx as never, {});
    f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin: class {} } });
    const rules = chain.toConfig().module.rules;
    expect(rules[0].use.map((u: { loader: string }) => u.loader)).toEqual(['ts-loader']);
    const own = rules.find((r: { enforce?: string }) => r.enforce === 'pre');
    expect(own.use[0].loader).toBe(require.resolve('../../dist/src/taro-plugin/source-loader.js'));
    const applies = (file: string) => own.test(file) && own.include.every((accepts: (f: string) => boolean) => accepts(file));
    expect(applies(SRC_FILE)).toBe(true);
    expect(applies(`${APP}/src/app.css`)).toBe(false);
    expect(applies(`${APP}/node_modules/some-lib/rec.js`)).toBe(false);
  });

  it('webpack5: packages listed in include are added to the script rule, and rewritten', async () => {
    await ensureExample();
    const requireFromExample = createRequire(path.join(EXAMPLE, 'package.json'));
    const Chain = requireFromExample('webpack-chain');
    const webpack = requireFromExample('webpack');
    const chain = new Chain();
    const taroInclude = (f: string) => /(?<=node_modules[\\/]).*taro/.test(f);
    chain.module.rule('script').include.add(`${APP}/src`).add(taroInclude).end().use('babelLoader').loader('babel-loader').options({});
    const f = fakeCtx();
    plugin(f.ctx as never, { include: ['legacy-sdk'] });
    f.hooks.modifyWebpackChain[0]({ chain, webpack });
    const rule = chain.toConfig().module.rules[0];
    expect(chain.toConfig().resolve?.alias ?? {}).toEqual({}); // not an h5 build: no H5 recorder
    const includes = rule.include as (string | ((f: string) => boolean))[];
    const accepts = (file: string) => includes.some((c) => (typeof c === 'string' ? file.startsWith(c) : c(file)));
    expect(accepts(`${APP}/node_modules/legacy-sdk/rec.js`)).toBe(true);
    expect(accepts(`${APP}/node_modules/other-sdk/rec.js`)).toBe(false);
    const out = transformSync(LEGACY_TSX, {
      ...babelLoaderOptions(rule),
      filename: `${APP}/node_modules/legacy-sdk/rec.ts`,
      babelrc: false,
      configFile: false,
      presets: [['@babel/preset-typescript']],
    })!.code!;
    expect(out).not.toMatch(/Taro\.startRecord/);
  }, 900_000);

  it('Taro 3.6 (no modifyViteConfig): registers the webpack side only', () => {
    const f = fakeCtx();
    const ctx = { ...f.ctx } as Record<string, unknown>;
    delete ctx.modifyViteConfig;
    expect(() => plugin(ctx as never, {})).not.toThrow();
    expect(Object.keys(f.hooks).sort()).toEqual(['modifyWebpackChain', 'onBuildFinish']);
  });

  it('vite: a pre transform that rewrites TypeScript source without stripping it, and a define', () => {
    const f = fakeCtx();
    plugin(f.ctx as never, { format: 'wav' });
    const viteConfig: { plugins: unknown[] } = { plugins: [{ name: 'taro:other' }] };
    f.hooks.modifyViteConfig[0]({ viteConfig });
    const vp = viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>;
    expect(vp.name).toBe('taro-plugin-record-compat');
    expect(vp.enforce).toBe('pre');
    expect(vp.config().define).toEqual({ TARO_RECORD_COMPAT_OPTIONS: '{"format":"wav"}' });
    expect(vp.config().resolve.alias).toEqual([]); // not an h5 build: the package's own runtime entry
    expect(vp.outputOptions({ manualChunks: () => 'vendors' })).toBeNull();
    const out = vp.transform.call(viteContext(), LEGACY_TSX, `${SRC_FILE}?used`)!;
    expect(out.code).toContain('record-compat-runtime');
    expect(out.code).toContain('type Res = {'); // still TypeScript: Taro strips it later
    expect(out.code).not.toMatch(/Taro\.(start|stop)Record/);
    expect(vp.transform.call(viteContext(), 'export const x = 1', `${APP}/src/other.ts`)).toBeNull();
    expect(vp.transform.call(viteContext(), LEGACY_TSX, `${APP}/node_modules/lib/index.tsx`)).toBeNull();
    expect(vp.transform.call(viteContext(), LEGACY_TSX, '\0virtual:taro')).toBeNull();
  });

  it('raw PCM reaches each platform in its own spelling: pcm on Baidu (swan), PCM elsewhere; webpack and vite alike', async () => {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    class DefinePlugin {
      constructor(readonly definitions: Record<string, string>) {}
    }
    const defines = (format: string, platform: string) => {
      const f = fakeCtx();
      plugin(f.ctx as never, { format, durationMs: 30000 } as never);
      const chain = new Chain();
      chain.module.rule('script').use('babelLoader').loader('babel-loader').options({});
      const viteConfig: { plugins: unknown[] } = { plugins: [] };
      asPlatform(platform, () => {
        f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin } });
        f.hooks.modifyViteConfig[0]({ viteConfig });
      });
      const webpackDefine = chain.toConfig().plugins.find((p: object) => p instanceof DefinePlugin).definitions;
      const viteDefine = (viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>).config().define;
      expect(viteDefine).toEqual(webpackDefine);
      return JSON.parse(webpackDefine.TARO_RECORD_COMPAT_OPTIONS);
    };
    for (const format of ['PCM', 'pcm']) {
      expect(defines(format, 'swan')).toEqual({ format: 'pcm', durationMs: 30000 });
      for (const platform of ['weapp', 'tt', 'qq', 'h5']) expect(defines(format, platform)).toEqual({ format: 'PCM', durationMs: 30000 });
    }
    // The other formats are spelled alike everywhere: as given.
    expect(defines('wav', 'swan')).toEqual({ format: 'wav', durationMs: 30000 });
  });

  it("vite: the included packages are rewritten inside the dev server's pre-bundling too, its cache keyed to the build's decisions", () => {
    const optimizerOf = (options: Record<string, unknown>) => viteDoor(options).vp.config().optimizeDeps?.esbuildOptions.plugins;
    expect(optimizerOf({})).toBeUndefined();
    const [plugin] = optimizerOf({ include: ['legacy-sdk'] })!;
    expect(plugin.name).toMatch(/^taro-plugin-record-compat:[0-9a-f]{16}$/);
    // vite pre-bundles again when the plugins' names change: another include is another name.
    expect(optimizerOf({ include: ['other-sdk'] })![0].name).not.toBe(plugin.name);
    expect(optimizerOf({ include: ['legacy-sdk'] })![0].name).toBe(plugin.name);
  });

  it("vite: esbuild, as the dev server pre-bundles, gets an included CommonJS package rewritten and the runtime as an import kept outside", async () => {
    const { build } = await import('esbuild');
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-optimizer-'));
    try {
      const sdk = path.join(app, 'node_modules/legacy-sdk/index.js');
      fs.mkdirSync(path.dirname(sdk), { recursive: true });
      fs.writeFileSync(sdk, 'function rec(done) {\n  wx.startRecord({ success: function (res) { done(res.tempFilePath) } })\n}\nmodule.exports = { rec: rec }\n');
      const f = fakeCtx(app);
      plugin(f.ctx as never, { include: ['legacy-sdk'] });
      const viteConfig: { plugins: unknown[] } = { plugins: [] };
      f.hooks.modifyViteConfig[0]({ viteConfig });
      const vp = viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>;
      vp.buildStart();
      const out = await build({ entryPoints: [sdk], bundle: true, format: 'esm', write: false, plugins: vp.config().optimizeDeps!.esbuildOptions.plugins as never });
      const code = out.outputFiles[0].text;
      expect(code).not.toMatch(/wx\.startRecord/);
      expect(code).toMatch(/^import \* as \w+ from "record-compat-runtime";$/m);
      // no require() of an external module left, which esbuild's ESM output cannot do in a browser
      expect(code).not.toContain('Dynamic require');
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
      expect(log).toHaveBeenCalledWith('[record-compat] rewrote 1 legacy record call in 1 file; nothing left for manual review');
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it('vite, h5: the runtime resolves to the H5 entry (its own module only, not runtime/native)', () => {
    const f = fakeCtx();
    plugin(f.ctx as never, {});
    const viteConfig: { plugins: unknown[] } = { plugins: [] };
    asPlatform('h5', () => f.hooks.modifyViteConfig[0]({ viteConfig }));
    const { alias } = (viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>).config().resolve;
    expect(alias).toHaveLength(3);
    expect(alias[0]!.find.test('record-compat-runtime')).toBe(true);
    expect(alias[0]!.find.test('record-compat-runtime/native')).toBe(false);
    expect(alias[0]!.replacement).toMatch(/\/packages\/runtime\/dist\/esm\/h5\.js$/);
    expect(fs.existsSync(alias[0]!.replacement)).toBe(true);
    // Code an earlier version migrated imports this package's former entry: the same H5 entry.
    expect(alias[1]!.find.test('taro-plugin-record-compat/runtime')).toBe(true);
    expect(alias[1]!.replacement).toBe(alias[0]!.replacement);
    expect(alias[2]!.find.test('@breezystack/lamejs')).toBe(true);
    // Taro's own manualChunks sends all of node_modules to vendors; the mp3 encoder stays apart.
    const vp = viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>;
    const taroChunks = (id: string) => (id.includes('/node_modules/') ? 'vendors' : undefined);
    const chunks = vp.outputOptions({ manualChunks: taroChunks })!.manualChunks as (id: string, meta: unknown) => string | undefined;
    expect(chunks(`${APP}/node_modules/@breezystack/lamejs/dist/lamejs.js`, {})).toBe('record-compat-mp3');
    expect(chunks(`${APP}/node_modules/react/index.js`, {})).toBe('vendors');
    expect(chunks(`${APP}/src/app.ts`, {})).toBeUndefined();
  });

  it('vite: rewrites the script blocks of a .vue component in place, before @vitejs/plugin-vue splits it', () => {
    const { f, vp } = viteDoor({});
    vp.buildStart();
    const template = '<template>\n  <button @tap="go">Taro.startRecord()</button>\n</template>\n';
    const style = '<style>\n.startRecord { color: red }\n</style>\n';
    const component =
      template +
      "\n<script setup lang=\"ts\">\nimport Taro from '@tarojs/taro'\nconst startRecord = 1\n\nfunction go(): void {\n  Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })\n}\n</script>\n\n" +
      "<script>\nexport default {\n  onUnload() {\n    wx.stopRecord()\n  },\n}\n</script>\n\n" +
      style;
    const file = `${APP}/src/pages/rec/index.vue`;
    const out = vp.transform.call(viteContext(), component, file)!;
    expect(out).not.toBeNull();
    // Template and styles keep every byte; the calls are gone from both blocks.
    expect(out.code.startsWith(template)).toBe(true);
    expect(out.code.endsWith(style)).toBe(true);
    const scripts = out.code.slice(template.length, -style.length);
    expect(scripts).not.toMatch(/(Taro|wx)\.(start|stop)Record/);
    const lines = out.code.split('\n');
    // Each block imports the runtime as an ES module, avoiding the name the other block declares.
    expect(out.code.match(/from ['"]record-compat-runtime['"]/g)).toHaveLength(2);
    expect(out.code).toMatch(/import \{ startRecord as _startRecord \} from/);
    // The source map of the edits points each rewritten call back at its own line of the component.
    const tracer = new TraceMap(out.map as never);
    const inLines = component.split('\n');
    for (const [call, was] of [
      ['_startRecord(', '  Taro.startRecord({'],
      ['stopRecord()', '    wx.stopRecord()'],
    ]) {
      const at = lines.findIndex((l) => l.includes(call) && !l.includes('import'));
      const original = originalPositionFor(tracer, { line: at + 1, column: lines[at].indexOf(call) });
      expect(original.line, call).toBe(inLines.findIndex((l) => l.startsWith(was)) + 1);
    }
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(log.mock.calls.flat().join('\n')).toContain('[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review');
    // The sub-requests @vitejs/plugin-vue makes come from the rewritten component: not rewritten again.
    expect(vp.transform.call(viteContext(), 'Taro.startRecord()', `${file}?vue&type=script&setup=true&lang.ts`)).toBeNull();
  });

  it("vite: reads a .vue component's own template for createAudioContext, from the text it transforms", () => {
    const { vp } = viteDoor({});
    vp.buildStart();
    const component = (audio: string) => `<template>\n  ${audio}\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\nconst ctx = Taro.createAudioContext('ring')\n</script>\n`;
    // the component is nowhere on disk: the template comes from the text vite hands over
    const file = `${APP}/src/components/ring.vue`;
    expect(vp.transform.call(viteContext(), component('<audio id="ring" src="/ring.mp3" loop />'), file)!.code).toContain("const ctx = createAudioContext({ id: 'ring', src: '/ring.mp3', loop: true })");
    expect(vp.transform.call(viteContext(), component('<audio id="ring" src="/ring.mp3" @ended="next" />'), file)).toBeNull();
  });

  it("vite: a page's .wxml read for createAudioContext is watched, so a change to it alone transforms the page again", () => {
    withNativePage('<audio id="hidden" src="/a.mp3"/>\n', (app, page) => {
      const f = fakeCtx(app);
      plugin(f.ctx as never, {});
      const viteConfig: { plugins: unknown[] } = { plugins: [] };
      f.hooks.modifyViteConfig[0]({ viteConfig });
      const vp = viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>;
      vp.buildStart();
      const watched: string[] = [];
      expect(vp.transform.call(viteContext(watched), "export const a = wx.createAudioContext('hidden')\n", page)!.code).toContain("createAudioContext({ id: 'hidden', src: '/a.mp3' })");
      expect(watched).toEqual([page.replace(/\.js$/, '.wxml')]);
    });
  });

  it('strict: the vite build errors and the end-of-build hook sets a failing exit code', () => {
    const { f, vp } = viteDoor({ strict: true });
    const manual = "import Taro from '@tarojs/taro'\nconst api = { rec: Taro }\nexport const go = () => api.rec.startRecord({})\n";
    vp.transform.call(viteContext(), manual, `${APP}/src/manual.ts`);
    const error = vi.fn((message: string) => {
      throw new Error(message);
    });
    expect(() => vp.buildEnd.call({ error, meta: { watchMode: false } } as never)).toThrow(/\[record-compat\] strict: 1 place .*\n {2}src\/manual\.ts:\d+/);
    // Watching, a warning with the same places: an error would end Taro's watcher.
    const warn = vi.fn();
    vp.buildEnd.call({ error, warn, meta: { watchMode: true } } as never);
    expect(warn).toHaveBeenCalledWith(expect.stringMatching(/^\[record-compat\] strict: 1 place .*\n {2}src\/manual\.ts:\d+.*\n {2}\(a warning while watching: the same build without --watch fails\)$/));
    expect(error).toHaveBeenCalledTimes(1);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(process.exitCode).toBe(1);
  });
});

describe("the build's one decision: route the app's own getRecorderManager only in a project with legacy record calls", () => {
  const DICTAPHONE = [
    "import Taro from '@tarojs/taro'",
    'const recorder = Taro.getRecorderManager()',
    'export function listen(done: (path: string) => void): void {',
    '  recorder.onStop((res) => done(res.tempFilePath))',
    '}',
    '',
  ].join('\n');
  // names startRecord, but on an object of its own: not a legacy call
  const NEAR_MISS = "const camera = { startRecord() {} }\nexport const go = () => camera.startRecord()\n";
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** A Taro project on disk: src/pages/dictaphone, plus a legacy page or a near miss. */
  function project(withLegacyPage: boolean): { appPath: string; dictaphone: string } {
    const appPath = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-route-')));
    made.push(appPath);
    const write = (rel: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(appPath, rel)), { recursive: true });
      fs.writeFileSync(path.join(appPath, rel), text);
    };
    write('src/pages/dictaphone/index.tsx', DICTAPHONE);
    write('src/pages/camera/index.ts', NEAR_MISS);
    if (withLegacyPage) write('src/pages/legacy/index.tsx', LEGACY_TSX);
    // a dependency's legacy call is not the project's
    write('node_modules/some-lib/rec.js', 'wx.startRecord()\n');
    return { appPath, dictaphone: path.join(appPath, 'src/pages/dictaphone/index.tsx') };
  }

  function ctxFor(appPath: string) {
    const f = fakeCtx(appPath);
    return { ...f, ctx: { ...f.ctx, paths: { appPath, sourcePath: path.join(appPath, 'src') } } };
  }

  /** The dictaphone page through each route of one plugin instance: babel-loader, the source loader, vite. */
  async function throughEveryRoute(appPath: string, dictaphone: string): Promise<{ babelLoader: string; sourceLoader: string; vite: string | null }> {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    const f = ctxFor(appPath);
    plugin(f.ctx as never, {});

    const withBabel = new Chain();
    withBabel.module.rule('script').test(/\.[tj]sx?$/).use('babelLoader').loader('babel-loader').options({});
    f.hooks.modifyWebpackChain[0]({ chain: withBabel, webpack: { DefinePlugin: class {} } });
    const babelOptions = babelLoaderOptions(withBabel.toConfig().module.rules[0]);
    const babelLoader = transformSync(DICTAPHONE, { ...babelOptions, filename: dictaphone, babelrc: false, configFile: false, presets: [['@babel/preset-typescript']] })!.code!;

    const withoutBabel = new Chain();
    withoutBabel.module.rule('script').test(/\.[tj]sx?$/).use('tsLoader').loader('ts-loader');
    f.hooks.modifyWebpackChain[0]({ chain: withoutBabel, webpack: { DefinePlugin: class {} } });
    const own = withoutBabel.toConfig().module.rules.find((r: { enforce?: string }) => r.enforce === 'pre');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loader = require(own.use[0].loader).default;
    const loaderOptions = own.use[0].options;
    const sourceLoader = loader.call({ resourcePath: dictaphone, resourceQuery: '', query: loaderOptions, emitError: (e: Error) => { throw e; } }, DICTAPHONE);

    const viteConfig: { plugins: unknown[] } = { plugins: [] };
    f.hooks.modifyViteConfig[0]({ viteConfig });
    const vp = viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>;
    vp.buildStart();
    const vite = vp.transform.call(viteContext(), DICTAPHONE, dictaphone)?.code ?? null;
    return { babelLoader, sourceLoader, vite };
  }

  it('with a legacy page: every route routes the page that only uses its own Taro.getRecorderManager()', async () => {
    const { appPath, dictaphone } = project(true);
    const out = await throughEveryRoute(appPath, dictaphone);
    for (const [route, code] of Object.entries(out)) {
      expect(code, route).toMatch(/import \{ getRecorderManager \} from ["']record-compat-runtime["']/);
      expect(code, route).not.toContain('Taro.getRecorderManager');
    }
    // the source loader edits text: the rest of the page keeps its bytes
    expect(out.sourceLoader).toBe(DICTAPHONE.replace('Taro.getRecorderManager()', 'getRecorderManager()').replace("'@tarojs/taro'\n", "'@tarojs/taro'\nimport { getRecorderManager } from 'record-compat-runtime'\n"));
  }, 900_000);

  it("decides on every source file the build compiles, also where .gitignore leaves the project out of git's view", () => {
    const { appPath } = project(true);
    // e.g. an app generated under a folder its repository ignores (as the e2e apps under .tmp/ are)
    fs.writeFileSync(path.join(appPath, '.gitignore'), 'src/\n');
    execFileSync('git', ['init', '-q'], { cwd: appPath });
    const routed = sourceRouting(path.join(appPath, 'src'));
    expect(routed.decision.routeRecorderManager).toBe(true);
    expect(routed.causes).toEqual({ routeRecorderManager: { file: path.join(appPath, 'src/pages/legacy/index.tsx'), migrated: false } });
    fs.rmSync(path.join(appPath, 'src/pages/legacy'), { recursive: true });
    expect(sourceRouting(path.join(appPath, 'src'))).toEqual({ decision: { routeRecorderManager: false, routeBackgroundAudioManager: false }, causes: {} });
  });

  it('without one (a near miss and a dependency do not count): no route touches it', async () => {
    const { appPath, dictaphone } = project(false);
    const out = await throughEveryRoute(appPath, dictaphone);
    expect(out.sourceLoader).toBe(DICTAPHONE);
    expect(out.vite).toBeNull();
    expect(out.babelLoader).toContain('Taro.getRecorderManager()');
    expect(out.babelLoader).not.toContain('taro-plugin-record-compat');
  }, 900_000);

  it('is taken once per plugin instance, before the first transform, and counted in the summary as its own kind', async () => {
    const { appPath, dictaphone } = project(true);
    const f = ctxFor(appPath);
    plugin(f.ctx as never, {});
    const viteConfig: { plugins: unknown[] } = { plugins: [] };
    f.hooks.modifyViteConfig[0]({ viteConfig });
    // the legacy page goes away after the decision: this build still routes
    fs.rmSync(path.join(appPath, 'src/pages/legacy'), { recursive: true });
    const vp = viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>;
    vp.buildStart();
    expect(vp.transform.call(viteContext(), DICTAPHONE, dictaphone)!.code).toContain('getRecorderManager()');
    expect(vp.transform.call(viteContext(), LEGACY_TSX, path.join(appPath, 'src/pages/legacy/index.tsx'))).not.toBeNull();
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    // the file that made the build route is named: it may be code no page imports
    expect(logged).toHaveBeenCalledWith(
      "[record-compat] rewrote 2 legacy record calls and 1 app's own getRecorderManager use in 2 files (routed through the runtime: getRecorderManager, as src/pages/legacy/index.tsx has legacy record calls); nothing left for manual review",
    );
    logged.mockRestore();
  });

  it('names a file already migrated as what routes, when no legacy call is left', () => {
    const { appPath, dictaphone } = project(false);
    fs.mkdirSync(path.join(appPath, 'src/pages/migrated'), { recursive: true });
    fs.writeFileSync(path.join(appPath, 'src/pages/migrated/index.ts'), "import { startRecord } from 'record-compat-runtime'\nexport const go = () => startRecord({})\n");
    const f = ctxFor(appPath);
    plugin(f.ctx as never, {});
    const viteConfig: { plugins: unknown[] } = { plugins: [] };
    f.hooks.modifyViteConfig[0]({ viteConfig });
    const vp = viteConfig.plugins[0] as ReturnType<typeof createVitePlugin>;
    vp.buildStart();
    expect(vp.transform.call(viteContext(), DICTAPHONE, dictaphone)!.code).toContain('getRecorderManager()');
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(logged).toHaveBeenCalledWith(
      "[record-compat] rewrote 1 app's own getRecorderManager use in 1 file (routed through the runtime: getRecorderManager, as src/pages/migrated/index.ts imports the runtime for its legacy record calls); nothing left for manual review",
    );
    logged.mockRestore();
  });
});

describe("vite with React: the rewrite joins @vitejs/plugin-react's Babel pass (its api.reactBabel hook)", () => {
  /**
   * This plugin and the example's real @vitejs/plugin-react as Taro configures it (two Babel
   * plugins of its own), resolved the way vite resolves them for `taro build`: this plugin
   * first (modifyViteConfig puts it there), unless `reactFirst`.
   */
  async function reactBuild(pluginOptions: Record<string, unknown>, reactOptions: Record<string, unknown> = {}, reactFirst = false) {
    await ensureExample();
    const { f, vp } = viteDoor(pluginOptions);
    const { pass } = taroReactBuild({ modulesFrom: EXAMPLE, root: EXAMPLE, reactOptions, arrange: (react) => (reactFirst ? [...react, vp] : [vp, ...react]) });
    vp.buildStart();
    /** One file as the build does it: this plugin's pre transform, then plugin-react's Babel pass. */
    const transform = async (code: string, id: string) => {
      const pre = vp.transform.call(viteContext(), code, id);
      const out = await pass(pre?.code ?? code, id);
      return { pre, code: out?.code ?? pre?.code ?? code };
    };
    /** The build's end as vite and Taro run it: the plugin's buildEnd, then the summary line. */
    const summary = () => {
      vp.buildEnd.call({ error: (message: string) => expect.fail(message) } as never);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
      const line = log.mock.calls.flat().join('\n');
      log.mockRestore();
      return line;
    };
    return { f, vp, transform, summary };
  }

  const AUDIO_PAGE = [
    "import Taro from '@tarojs/taro'",
    "import { Audio, View } from '@tarojs/components'",
    "const ctx = Taro.createAudioContext('bell')",
    'export default function Bell() {',
    '  return <View onClick={() => ctx.play()}><Audio id="bell" src="/bell.mp3" /></View>',
    '}',
    '',
  ].join('\n');

  it('a legacy page is rewritten inside that pass, not parsed by the pre transform, and counted once', async () => {
    const { transform, summary } = await reactBuild({});
    const { pre, code } = await transform(LEGACY_TSX, SRC_FILE);
    expect(pre).toBeNull();
    expect(code).toMatch(/from ["']record-compat-runtime["']/);
    expect(code).not.toMatch(/Taro\.(start|stop)Record/);
    expect(summary()).toBe('[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review');
  }, 900_000);

  it('a page whose createAudioContext reads its JSX is rewritten by the pre transform, and the pass leaves it', async () => {
    const { transform, summary } = await reactBuild({});
    const { pre, code } = await transform(AUDIO_PAGE, `${APP}/src/pages/bell/index.tsx`);
    expect(pre!.code).toContain("const ctx = createAudioContext({ id: 'bell', src: '/bell.mp3' })");
    expect(code).toMatch(/createAudioContext\(\{\s*id: ["']bell["'],/);
    expect(summary()).toBe('[record-compat] rewrote 1 AudioContext use in 1 file; nothing left for manual review');
  }, 900_000);

  it('where the pass comes first, the pre transform rewrites the file itself', async () => {
    const { transform, summary } = await reactBuild({}, {}, true);
    const { pre } = await transform(LEGACY_TSX, SRC_FILE);
    expect(pre!.code).toMatch(/from ["']record-compat-runtime["']/);
    expect(summary()).toBe('[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review');
  }, 900_000);

  it('a file left to the pass that the pass then skips is named for review, and fails a strict build', async () => {
    const { f, vp, transform } = await reactBuild({ strict: true }, { exclude: /skipped/ });
    const file = `${APP}/src/pages/skipped/index.tsx`;
    const { pre, code } = await transform(LEGACY_TSX, file);
    expect(pre).toBeNull();
    expect(code).toContain('Taro.startRecord');
    const error = vi.fn((message: string) => {
      throw new Error(message);
    });
    expect(() => vp.buildEnd.call({ error } as never)).toThrow(/src\/pages\/skipped\/index\.tsx:1:1 not rewritten: vite:react-babel did not transform this file/);
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(log.mock.calls.flat().join('\n')).toContain('1 place left for manual review: src/pages/skipped/index.tsx:1');
    expect(process.exitCode).toBe(1);
  }, 900_000);
});

/** Runs `fn` as Taro runs a plugin's hook for `platform`: TARO_ENV set for the call, then as it was (unset where it was). */
function asPlatform(platform: string, fn: () => void): void {
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = platform;
  try {
    fn();
  } finally {
    if (before === undefined) delete process.env.TARO_ENV;
    else process.env.TARO_ENV = before;
  }
}
