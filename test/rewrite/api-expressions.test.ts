/**
 * The API object reached through an expression (`typeof wx !== 'undefined' ? wx : my`, `wx || {}`,
 * `{ ...wx }`, `(0, wx)`, `function f(api = wx)`): a legacy API called, read or destructured
 * through it is a place for a person with its reason, in every door, never silently skipped; the
 * same expression with no legacy API read through it is no place. Generated expressions (fast-check)
 * and the shapes apps write.
 */
import { transformSync } from '@babel/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import babelPlugin from '../../src/rewrite/file/babel-plugin';
import { LEGACY_API_TABLE, mightContainLegacyCall, rewriteFile } from '../../src/rewrite';
import { isDeprecatedOn } from '../../src/rewrite/rules/legacy-apis';
import type { RewriteReport } from '../../src/rewrite/rules/types';

/** The deprecated APIs of wx itself, of every family (a method of an object another API makes is no member of wx). */
const WX_APIS = LEGACY_API_TABLE.filter(
  (row) => !('onlyWithLegacyCalls' in row) && !('owner' in row) && isDeprecatedOn(row.name, 'wx'),
).map((row) => row.name);

/** Values that are no API object, beside which an expression may hand on wx. */
const OTHER = fc.constantFrom('my', '{}', 'undefined', 'fallback', 'null');
const TEST = fc.constantFrom("typeof wx !== 'undefined'", "process.env.TARO_ENV === 'weapp'", 'isWeChat()', 'ok');

/** One step of an expression that may hand on what `inner` is: a conditional, a logical, a sequence, a spread. */
function stepAround(inner: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(
    fc.tuple(TEST, inner, OTHER).map(([test, value, other]) => `(${test} ? ${value} : ${other})`),
    fc.tuple(TEST, OTHER, inner).map(([test, other, value]) => `(${test} ? ${other} : ${value})`),
    fc.tuple(inner, OTHER).map(([value, other]) => `(${value} || ${other})`),
    fc.tuple(OTHER, inner).map(([other, value]) => `(${other} ?? ${value})`),
    fc.tuple(TEST, inner).map(([test, value]) => `(${test} && ${value})`),
    fc.tuple(OTHER, inner).map(([other, value]) => `(${other}, ${value})`),
    inner.map((value) => `({ ...${value} })`),
    inner.map((value) => `({ scope: 'app', ...${value} })`),
  );
}

/** Expressions that reach wx through at least one step (plain `wx` is migrated, not left). */
const REACHING_WX: fc.Arbitrary<string> = fc.integer({ min: 1, max: 3 }).chain((steps) => {
  let expression: fc.Arbitrary<string> = fc.constant('wx');
  for (let i = 0; i < steps; i++) expression = stepAround(expression);
  return expression;
});

type Use = 'member' | 'local' | 'parameter' | 'destructuring';

/** A page that uses the API `api` of what `expression` hands on, and the line of that use. */
function pageUsing(expression: string, api: string, use: Use): { code: string; line: number } {
  switch (use) {
    case 'member':
      return { code: `export function run() {\n  return ${expression}.${api}({})\n}\n`, line: 2 };
    case 'local':
      return { code: `const api = ${expression}\nexport function run() {\n  return api.${api}({})\n}\n`, line: 3 };
    case 'parameter':
      return { code: `export function run(api = ${expression}) {\n  return api.${api}({})\n}\n`, line: 2 };
    case 'destructuring':
      return { code: `const { ${api} } = ${expression}\nexport const run = () => ${api}({})\n`, line: 1 };
  }
}

function babelReport(code: string, filename: string): RewriteReport {
  const result = transformSync(code, {
    filename,
    babelrc: false,
    configFile: false,
    plugins: [[babelPlugin, {}]],
  });
  return (result!.metadata as unknown as { recordCompat: RewriteReport }).recordCompat;
}

describe('the API object reached through an expression', () => {
  it('is a place for a person wherever a deprecated API of it is called or destructured, in the codemod (both parsers) and the Babel door, and the pre-filter lets the file through', () => {
    fc.assert(
      fc.property(
        REACHING_WX,
        fc.constantFrom(...WX_APIS),
        fc.constantFrom<Use>('member', 'local', 'parameter', 'destructuring'),
        (expression, api, use) => {
          const { code, line } = pageUsing(expression, api, use);
          expect(mightContainLegacyCall(code)).toBe(true);
          const withOxc = rewriteFile(code, 'page.js', { parser: 'oxc' });
          expect(withOxc.output).toBeNull();
          const place = withOxc.report.manual.find((site) => site.line === line);
          expect(place?.reason).toMatch(new RegExp(`^wx reaches (?:this|the) ${api}\\b.* through an expression \\(`));
          expect(withOxc.report.rewritten).toEqual([]);
          expect(rewriteFile(code, 'page.js', { parser: 'babel' }).report).toEqual(withOxc.report);
          expect(babelReport(code, 'page.js')).toEqual(withOxc.report);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is no place where no deprecated API is read through it', () => {
    fc.assert(
      fc.property(
        REACHING_WX,
        fc.constantFrom('request', 'showToast', 'getStorageSync'),
        fc.constantFrom<Use>('member', 'local', 'parameter', 'destructuring'),
        (expression, method, use) => {
          const { code } = pageUsing(expression, method, use);
          // a page that names an API elsewhere, so the file is walked
          const page = `${code}// startRecord is not used here\n`;
          expect(rewriteFile(page, 'page.js')).toMatchObject({ output: null, report: { rewritten: [], manual: [] } });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('is handed on through an expression: stored or passed on, it is a place as wx itself is', () => {
    for (const code of [
      'init(typeof wx !== "undefined" ? wx : my)\nwx.startRecord({})\n',
      'this.api = wx || {}\nwx.startRecord({})\n',
      'export default { ...wx }\nwx.startRecord({})\n',
      'module.exports = (0, wx)\nwx.startRecord({})\n',
    ]) {
      const { report } = rewriteFile(code, 'page.js');
      expect(
        report.manual.map((site) => [site.line, site.reason.split(';')[0]]),
        code,
      ).toEqual([
        [1, expect.stringMatching(/^wx, through an expression \(an? [a-z |]+\), is stored or passed on here$/)],
      ]);
      expect(report.rewritten.map((site) => site.api)).toEqual(['startRecord']);
    }
  });

  it('names every API object an expression may hand on, and asks the platform of a wx-or-qq choice per API', () => {
    const taro =
      "import Taro from '@tarojs/taro'\nconst api = process.env.TARO_ENV === 'weapp' ? wx : Taro\napi.getSystemInfoSync()\n";
    expect(rewriteFile(taro, 'page.js').report.manual[0].reason).toMatch(
      /^wx or Taro reach this getSystemInfoSync through an expression \(a conditional, held by api\): the tool cannot tell which platform's API runs/,
    );
    // QQ's own getSystemInfoSync is current: through `qq || my` it is no legacy call; its startRecord still is.
    expect(rewriteFile('const api = qq || my\napi.getSystemInfoSync()\n', 'page.js').report.manual).toEqual([]);
    expect(rewriteFile('const api = qq || my\napi.startRecord()\n', 'page.js').report.manual).toHaveLength(1);
  });

  it('lets an own property after the spread answer the read, and follows a default only while the parameter is never reassigned', () => {
    const own = 'const api = { ...wx, startRecord: () => null }\napi.startRecord()\n';
    expect(rewriteFile(own, 'page.js').report.manual).toEqual([]);
    const spreadLast = 'const api = { startRecord: () => null, ...wx }\napi.startRecord()\n';
    expect(rewriteFile(spreadLast, 'page.js').report.manual).toHaveLength(1);
    const reassigned = 'function f(api = wx) {\n  if (!api) api = my\n  api.startRecord({})\n}\n';
    expect(rewriteFile(reassigned, 'page.js').report.manual.map((site) => [site.line, site.reason])).toEqual([
      [
        1,
        expect.stringMatching(
          /^wx is a default value here, of a parameter or destructuring the rewrite does not follow;/,
        ),
      ],
    ]);
  });

  it('says what the rewrite does on wx itself: migrates, renames, or leaves it for a person with the reason', () => {
    const reasonOf = (api: string) =>
      rewriteFile(`const api = wx || {}\napi.${api}({})\n`, 'page.js').report.manual[0].reason;
    expect(reasonOf('base64ToArrayBuffer')).toMatch(
      /; call base64ToArrayBuffer on wx itself .*which the rewrite migrates/,
    );
    expect(reasonOf('onBLEConnectionStateChanged')).toMatch(/which the rewrite renames to onBLEConnectionStateChange/);
    expect(reasonOf('reportAnalytics')).toMatch(
      /^wx reaches this reportAnalytics through an expression \(a logical \|\|, held by api\): the tool cannot tell which platform's API runs; reportAnalytics is deprecated \(.*\) and not rewritten: migrate it to reportEvent by hand/,
    );
  });

  it("leaves the methods of an object its creator made through it for a person, with the creator's place", () => {
    const map = "const api = wx || {}\nconst map = api.createMapContext('m')\nmap.translateMarker({})\n";
    expect(rewriteFile(map, 'page.js').report.manual.map((site) => [site.line, site.api])).toEqual([
      [3, 'MapContext.translateMarker'],
    ]);
    const audio =
      "const api = typeof wx !== 'undefined' ? wx : my\nconst a = api.createAudioContext('a')\na.setSrc('x.mp3')\n";
    const { output, report } = rewriteFile(audio, 'page.js');
    expect(output).toBeNull();
    expect(report.followsCreator).toBeUndefined();
    expect(report.manual.map((site) => [site.line, site.reason])).toEqual([
      [2, expect.stringMatching(/^wx reaches this createAudioContext through an expression \(a conditional/)],
      [3, expect.stringMatching(/^AudioContext\.setSrc .*, with createAudioContext\(…\), which is left for a person$/)],
    ]);
    expect(babelReport(audio, 'page.js')).toEqual(report);
  });

  it('is not the JS-SDK: a call through it that passes a localId is left alone', () => {
    const code = 'const api = wx || {}\napi.playVoice({ localId: res.localId })\n';
    expect(rewriteFile(code, 'page.js').report.manual).toEqual([]);
  });
});
