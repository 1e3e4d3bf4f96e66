/**
 * The dependencies the build does not rewrite (src/taro-plugin/dependencies.ts, prebundle.ts): each
 * legacy call in a package the build bundles without compiling it, named at its line with the way
 * out (the include option, or Taro's prebundle exclude); at the build's end, a package outside
 * include is one line with its count, its places and the option, no place for a person; Taro's own
 * code one line of its own.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createFileFilter } from '../../src/taro-plugin/files';
import { ReportCollector, formatSummary } from '../../src/taro-plugin/collector';
import { dependencyReport, dependencyReports, uncompiledReport } from '../../src/taro-plugin/dependencies';
import { prebundleFolder } from '../../src/taro-plugin/prebundle';
import { rewriteSource } from '../../src/rewrite';
import { APP, SRC_FILE } from './helpers';

describe('dependencies the build does not rewrite', () => {
  const filter = createFileFilter({ include: ['included-sdk'], ownRoots: ['/repo/taro-plugin-record-compat'] });
  const report = (pkgFile: string, text: string) =>
    dependencyReport(`${APP}/node_modules/${pkgFile}`, text, filter, {});
  const CALLS = 'wx.startRecord({ success(res) { save(res.tempFilePath) } })\nwx.stopRecord()\n';
  // One long line: what the rewrite refuses as minified.
  const minified = (body: string) => `var a=${'1,'.repeat(1500)}0;${body}`;
  // Where a minified file's call starts: each place is the call's own, not the file's first column.
  const MINIFIED_CALL_COLUMN = minified('').length;

  it('names each call the rewrite would take in a package it does not compile, with include as the way out', () => {
    expect(report('rec-sdk/index.js', CALLS)).toEqual({
      rewritten: [],
      manual: [
        {
          line: 1,
          column: 0,
          reason:
            "startRecord in package 'rec-sdk', which this build does not rewrite: add 'rec-sdk' to the plugin's include option to rewrite it",
        },
        {
          line: 2,
          column: 0,
          reason:
            "stopRecord in package 'rec-sdk', which this build does not rewrite: add 'rec-sdk' to the plugin's include option to rewrite it",
        },
      ],
    });
    expect(report('@scope/rec/dist/index.js', CALLS)?.manual[0].reason).toMatch(
      /^startRecord in package '@scope\/rec'/,
    );
  });

  it("says nothing of the app's own files, included packages, Taro's packages, this package, names without calls, or other files", () => {
    expect(dependencyReport(SRC_FILE, CALLS, filter, {})).toBeUndefined();
    expect(report('included-sdk/index.js', CALLS)).toBeUndefined();
    expect(report('@tarojs/taro/index.js', CALLS)).toBeUndefined();
    expect(report('taro-plugin-record-compat/dist/runtime/esm/core.js', CALLS)).toBeUndefined();
    expect(report('record-compat-runtime/dist/cjs/core.js', CALLS)).toBeUndefined();
    expect(
      report(
        'camera-sdk/index.js',
        'export const record = (ctx) => ctx.startRecord({})\nconst names = ["startRecord"]\n',
      ),
    ).toBeUndefined();
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
      {
        line: 1,
        column: MINIFIED_CALL_COLUMN,
        reason: expect.stringMatching(
          /^startRecord in package 'min-sdk', which this build does not rewrite \(its text shows the call; the rewrite cannot read it: .*\): add 'min-sdk' to the plugin's include option to rewrite it$/,
        ),
      },
    ]);
    expect(
      report('min-table/index.js', minified('var n=["startRecord"];module.exports=function(o){return wx[n[0]](o)}')),
    ).toBeUndefined();
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
      // A cacheDir of the user's (compiler.prebundle.cacheDir), outside node_modules: its modules speak for the same
      // files.
      expect(prebundleFolder(dir, undefined, { compiler: 'webpack5' })).toBe(
        path.join(dir, 'node_modules/.taro/h5/prebundle'),
      );
      const own = prebundleFolder(dir, 'weapp', {
        compiler: { type: 'webpack5', prebundle: { cacheDir: path.join(dir, '.cache') } },
      });
      expect(own).toBe(path.join(dir, '.cache/prebundle'));
      const elsewhere = dependencyReports(
        write('.cache/prebundle/rec-sdk.core.js', bundled),
        bundled,
        filter,
        {},
        dir,
        own,
      );
      expect(elsewhere.map((r) => [r.file, r.report])).toEqual(reports.map((r) => [r.file, r.report]));
      expect(reports.map((r) => [path.relative(dir, r.file), r.report?.manual.map((m) => [m.line, m.reason])])).toEqual(
        [
          [
            'node_modules/rec-sdk/lib/index.js',
            [
              [
                2,
                "startRecord in package 'rec-sdk', which this build does not rewrite: add 'rec-sdk' to the plugin's include option to rewrite it",
              ],
              [
                3,
                "stopRecord in package 'rec-sdk', which this build does not rewrite: add 'rec-sdk' to the plugin's include option to rewrite it",
              ],
            ],
          ],
          ['node_modules/@tarojs/taro/index.js', undefined],
          // In include, yet bundled before babel-loader (a Taro without modifyRunnerOpts): its own way out.
          [
            'node_modules/included-sdk/index.js',
            [
              [
                1,
                expect.stringMatching(
                  /^startRecord in package 'included-sdk', which Taro's prebundle bundled before this build could rewrite it: add 'included-sdk' to compiler\.prebundle\.exclude/,
                ),
              ],
              [2, expect.any(String)],
            ],
          ],
        ],
      );
      expect([sdk, taro, included].every((file) => fs.existsSync(file))).toBe(true);

      // A package file over the engine's size limit (1 MB) that esbuild bundled: its call is named all the same.
      const big = write(
        'node_modules/big-sdk/index.js',
        `module.exports = function talk() {\n  wx.startRecord({});\n};\n${'// padding\n'.repeat(100_000)}`,
      );
      expect(fs.statSync(big).size).toBeGreaterThan(1024 * 1024);
      const bigBundle =
        '// node_modules/big-sdk/index.js\nvar require_big = __commonJS({ "node_modules/big-sdk/index.js"(exports, module) { module.exports = function talk() { wx.startRecord({}); }; } });\n';
      const [bigReport] = dependencyReports(
        write('node_modules/.taro/weapp/prebundle/big-sdk.js', bigBundle),
        bigBundle,
        filter,
        {},
        dir,
        folder,
      );
      expect(bigReport.report?.manual.map((m) => [m.line, m.reason])).toEqual([
        [2, expect.stringMatching(/^startRecord in package 'big-sdk'/)],
      ]);

      // Minified, no comments: the prebundled file's own calls, the way out in general words.
      const min = minified('wx.startRecord({})');
      const [one] = dependencyReports(
        write('node_modules/.taro/weapp/prebundle/chunk-X.js', min),
        min,
        filter,
        {},
        dir,
        folder,
      );
      expect(one.report?.manual).toEqual([
        {
          line: 1,
          column: MINIFIED_CALL_COLUMN,
          reason: expect.stringMatching(
            /^startRecord in a dependency Taro's prebundle bundled \(node_modules\/\.taro\/weapp\/prebundle\/chunk-X\.js\), which this build does not rewrite: add its package to the plugin's include option$/,
          ),
        },
      ]);
      // A line per package whose way out is include, never `.taro` or an included one: theirs stay places for a person.
      const c = new ReportCollector(dir);
      for (const r of [...reports, one]) c.record(r.file, r.report, r.text);
      const lines = formatSummary(c.summary()).split('\n');
      expect(lines[0]).toMatch(
        /; 3 places left for manual review: node_modules\/\.taro\/weapp\/prebundle\/chunk-X\.js:1, node_modules\/included-sdk\/index\.js:1, node_modules\/included-sdk\/index\.js:2$/,
      );
      expect(lines.slice(1)).toEqual([expect.stringMatching(/^\[record-compat\] package rec-sdk: 2 legacy calls /)]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('says a package outside include in one line, with its calls and the option that rewrites it: no place for a person, nothing for strict to fail on', () => {
    const c = new ReportCollector(APP);
    c.record(`${APP}/node_modules/rec-sdk/index.js`, report('rec-sdk/index.js', CALLS));
    c.record(`${APP}/node_modules/rec-sdk/lib/other.js`, report('rec-sdk/lib/other.js', 'wx.stopRecord()\n'));
    c.record(`${APP}/node_modules/@scope/rec/index.js`, report('@scope/rec/index.js', CALLS));
    const summary = c.summary();
    expect(summary.manual).toEqual([]);
    expect(formatSummary(summary).split('\n')).toEqual([
      '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review',
      "[record-compat] package @scope/rec: 2 legacy calls left as they are (not in include): node_modules/@scope/rec/index.js:1, node_modules/@scope/rec/index.js:2; to rewrite them: plugins: [['taro-plugin-record-compat', { include: ['@scope/rec'] }]]",
      "[record-compat] package rec-sdk: 3 legacy calls left as they are (not in include): node_modules/rec-sdk/index.js:1, node_modules/rec-sdk/index.js:2, node_modules/rec-sdk/lib/other.js:1; to rewrite them: plugins: [['taro-plugin-record-compat', { include: ['rec-sdk'] }]]",
    ]);
  });

  it('a module the bundler leaves out of the output does not count in that build: the line counts and names only what ships', () => {
    const c = new ReportCollector(APP);
    c.record(`${APP}/node_modules/rec-sdk/index.js`, report('rec-sdk/index.js', CALLS));
    c.record(`${APP}/node_modules/rec-sdk/voice.js`, report('rec-sdk/voice.js', "wx.playVoice({ filePath: 'a' })\n"));
    expect(c.summary().packages).toEqual([{ name: 'rec-sdk', calls: 3, places: expect.any(Array) }]);
    // What webpack (afterSeal) and vite (generateBundle) do with a module no chunk holds.
    c.leaveOut(`${APP}/node_modules/rec-sdk/voice.js`);
    expect(c.summary().packages).toEqual([
      { name: 'rec-sdk', calls: 2, places: ['node_modules/rec-sdk/index.js:1', 'node_modules/rec-sdk/index.js:2'] },
    ]);
    // The next build may ship it without building it again: what was said of it counts again.
    c.beginBuild();
    expect(c.summary().packages?.[0]?.calls).toBe(3);
  });

  it("Taro's own code, in a mini-program build: its uses of a legacy API in one line, as Taro's; never a place, nor a package line", () => {
    // @tarojs/shared's canIUseWebp reads the API off the Taro object it is handed.
    const CAN_I_USE_WEBP = [
      'function getCanIUseWebp(taro) {',
      '  return function () {',
      '    var _a;',
      '    const res = (_a = taro.getSystemInfoSync) === null || _a === void 0 ? void 0 : _a.call(taro);',
      '    return res.platform === "android";',
      '  };',
      '}',
      'taro.startRecord = function () {}', // defines one: no use
      '',
    ].join('\n');
    const file = `${APP}/node_modules/@tarojs/shared/dist/shared.esm.js`;
    const taroReport = dependencyReport(file, CAN_I_USE_WEBP, filter, {}, true);
    expect(taroReport?.manual.map((m) => [m.line, m.column])).toEqual([[4, 22]]);
    // On H5 Taro's code implements the APIs: nothing said.
    expect(dependencyReport(file, CAN_I_USE_WEBP, filter, {}, false)).toBeUndefined();
    // Not of a family the build migrates: nothing said.
    expect(dependencyReport(file, CAN_I_USE_WEBP, filter, { families: ['record'] }, true)).toBeUndefined();
    const c = new ReportCollector(APP);
    c.record(file, taroReport);
    const summary = c.summary();
    expect(summary.manual).toEqual([]);
    expect(summary.packages).toBeUndefined();
    expect(formatSummary(summary).split('\n')).toEqual([
      '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review',
      "[record-compat] Taro's own code (@tarojs/shared) uses getSystemInfoSync once: node_modules/@tarojs/shared/dist/shared.esm.js:4; left as Taro ships it (Taro's code, not the app's: nothing for the app to change)",
    ]);
  });

  it('a package outside include beside places of the app: the places are listed, the package has its own line', () => {
    const c = new ReportCollector(APP);
    c.record(`${APP}/node_modules/rec-sdk/index.js`, report('rec-sdk/index.js', 'wx.stopRecord()\n'));
    c.record(SRC_FILE, rewriteSource("const name = 'startRecord'\nwx[name]({})\n", SRC_FILE, {}).report);
    const [head, ...rest] = formatSummary(c.summary()).split('\n');
    expect(head).toMatch(/; 1 place left for manual review: src\/pages\/index\/index\.tsx:2$/);
    expect(rest).toEqual([
      "[record-compat] package rec-sdk: 1 legacy call left as it is (not in include): node_modules/rec-sdk/index.js:1; to rewrite it: plugins: [['taro-plugin-record-compat', { include: ['rec-sdk'] }]]",
    ]);
  });
});
