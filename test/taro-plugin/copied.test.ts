/**
 * What Taro's copy option copies as it is (src/taro-plugin/copied.ts): the legacy calls in those
 * files, which the build never compiles, named with the codemod as the way out.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ReportCollector, formatSummary } from '../../src/taro-plugin/collector';
import { copiedReports } from '../../src/taro-plugin/copied';

describe("what Taro's copy option copies as it is", () => {
  const CALLS = 'wx.startRecord({ success(res) { save(res.tempFilePath) } })\nwx.stopRecord()\n';
  let app: string;
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(app, rel)), { recursive: true });
    fs.writeFileSync(path.join(app, rel), text);
  };
  const reports = (copy: object, honoursIgnore = true) =>
    Object.fromEntries(
      [...copiedReports(app, copy, {}, honoursIgnore)].map(([file, { report: r }]) => [
        path.relative(app, file),
        r.manual.map((m) => `${m.line}:${m.column} ${m.reason}`),
      ]),
    );
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
    const way =
      'migrate it with `npx taro-plugin-record-compat --runtime local=src/native/sdk/record-compat.js src/native/sdk/`';
    expect(reports({ patterns: [{ from: 'src/native/sdk/', to: 'dist/native/sdk/' }] })).toEqual({
      'src/native/sdk/recorder.js': [
        `1:0 startRecord in a file Taro's copy option copies (from 'src/native/sdk/'), which this build does not compile: ${way}`,
        `2:0 stopRecord in a file Taro's copy option copies (from 'src/native/sdk/'), which this build does not compile: ${way}`,
      ],
      'src/native/sdk/node_modules/dep/index.js': [
        expect.stringMatching(/^1:0 startRecord in a file Taro's copy option copies/),
      ],
      // The minified file's call where it starts, after its 3,008 characters of data.
      'src/native/sdk/vendor.min.js': [
        expect.stringMatching(/^1:3008 startRecord in a file Taro's copy option copies/),
      ],
    });
  });

  it('a copied file, and a glob: the runtime named beside them is to be copied too', () => {
    expect(reports({ patterns: [{ from: 'src/static/one.js', to: 'dist/static/one.js' }] })).toEqual({
      'src/static/one.js': [
        "1:0 playVoice in a file Taro's copy option copies (from 'src/static/one.js'), which this build does not compile: add src/static/record-compat.js to the copy patterns, then migrate it with `npx taro-plugin-record-compat --runtime local=src/static/record-compat.js src/static/one.js`",
      ],
    });
    expect(Object.keys(reports({ patterns: [{ from: 'src/native/**/rec*.js', to: 'dist/' }] }))).toEqual([
      'src/native/sdk/recorder.js',
    ]);
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
    expect(formatSummary(collector.summary())).toBe(
      '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review',
    );
  });

  it("honours the patterns' ignore where the build does, and says nothing of patterns that copy nothing or no script", () => {
    const copy = {
      patterns: [{ from: 'src/native/sdk', to: 'dist/sdk', ignore: ['*.min.js', '**/node_modules/**'] }],
      options: { ignore: ['recorder.js'] },
    };
    expect(reports(copy)).toEqual({});
    expect(Object.keys(reports(copy, false)).sort()).toEqual([
      'src/native/sdk/node_modules/dep/index.js',
      'src/native/sdk/recorder.js',
      'src/native/sdk/vendor.min.js',
    ]);
    expect(
      reports({
        patterns: [
          { from: 'src/missing', to: 'dist/x' },
          { from: 'src/native/sdk/recorder.wxml', to: 'dist/r.wxml' },
          { to: 'dist/y' },
        ],
      }),
    ).toEqual({});
    expect(reports({})).toEqual({});
  });
});
