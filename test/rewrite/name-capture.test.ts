/**
 * Names the rewrite writes where something else may take them: inside `with (o) { … }` (the runtime's
 * `getWindowInfo` would be `o.getWindowInfo`) and where a direct eval may declare or read names. Such a
 * place is left for a person with the reason, in the codemod (both parsers), the jscodeshift transform and
 * the Babel door; `new Function` and an indirect eval, whose code sees none of the file's names, hold
 * nothing back.
 */
import path from 'node:path';
import { transformSync } from '@babel/core';
import jscodeshift from 'jscodeshift';
import { describe, expect, it } from 'vitest';
import babelPlugin from '../../src/rewrite/file/babel-plugin';
import { rewriteFile } from '../../src/rewrite';
import type { RewriteReport } from '../../src/rewrite/rules/types';
import transform from '../../transforms/record-compat';

/** The Babel door on a script (`with` is no syntax of a module). */
function babelOnScript(code: string): { code: string; report: RewriteReport } {
  const result = transformSync(code, {
    filename: 'page.js',
    babelrc: false,
    configFile: false,
    sourceType: 'script',
    plugins: [[babelPlugin, {}]],
  });
  return { code: result!.code!, report: (result!.metadata as unknown as { recordCompat: RewriteReport }).recordCompat };
}

function jscodeshiftReports(code: string): { output: string | undefined; reports: string[] } {
  const reports: string[] = [];
  const j = jscodeshift.withParser('babel');
  const api = { j, jscodeshift: j, stats: () => undefined, report: (message: string) => reports.push(message) };
  return { output: transform({ path: 'page.js', source: code }, api as never, {}), reports };
}

/**
 * Every door's report on `code`, which must agree; the codemod's. The codemod's Babel parse reads a script as a module,
 * where `with` is no syntax: it refuses such a file whole, with the parser's reason.
 */
function reportOfEveryDoor(code: string): RewriteReport & { output: string | null } {
  const withOxc = rewriteFile(code, 'page.js', { parser: 'oxc' });
  if (/\bwith \(/.test(code))
    expect(() => rewriteFile(code, 'page.js', { parser: 'babel' })).toThrow(/'with' in strict mode/);
  else expect(rewriteFile(code, 'page.js', { parser: 'babel' })).toEqual(withOxc);
  // Babel resolves the file's name against the working folder: the template files it names are the same files.
  const babelReport = babelOnScript(code).report;
  const relativeTemplates = babelReport.templateFiles?.map((file) => path.relative(process.cwd(), file));
  expect({ ...babelReport, templateFiles: relativeTemplates }).toEqual({
    ...withOxc.report,
    templateFiles: withOxc.report.templateFiles,
  });
  const { output, reports } = jscodeshiftReports(code);
  expect(output ?? null).toBe(withOxc.output);
  expect(reports).toEqual(
    withOxc.report.manual.map((site) => `${site.line}:${site.column + 1}: manual review: ${site.reason}`),
  );
  return { ...withOxc.report, output: withOxc.output };
}

const WITH_REASON =
  /inside a with statement \(line \d+\): a name the rewrite would write there \(the runtime's function, a new local\) could resolve to a property of the with object instead; left as it is, migrate it by hand$/;

describe('inside a with statement', () => {
  it('leaves a call whose rewrite would write a runtime name there, with the reason, and migrates the one outside', () => {
    const code = [
      'function layout(o) {',
      '  with (o) {',
      '    const width = wx.getSystemInfoSync().windowWidth',
      '    use(width)',
      '  }',
      '  return wx.getSystemInfoSync().windowHeight',
      '}',
      '',
    ].join('\n');
    const report = reportOfEveryDoor(code);
    expect(report.manual.map((site) => [site.line, site.reason])).toEqual([
      [3, expect.stringMatching(new RegExp(`^this getSystemInfoSync is ${WITH_REASON.source}`))],
    ]);
    expect(report.rewritten.map((site) => [site.line, site.becomes])).toEqual([[6, 'getWindowInfo']]);
    expect(report.output).toContain('    const width = wx.getSystemInfoSync().windowWidth');
    expect(report.output).toContain('  return getWindowInfo().windowHeight');
  });

  it("leaves a binding's use there, and keeps the binding for it", () => {
    const code = "var { startRecord } = require('@tarojs/taro')\nstartRecord({})\nwith (ctx) { startRecord({}) }\n";
    const report = reportOfEveryDoor(code);
    expect(report.manual.map((site) => site.line)).toEqual([3]);
    expect(report.output).toBe(
      "var { startRecord: _startRecord } = require('record-compat-runtime')\nvar { startRecord } = require('@tarojs/taro')\n_startRecord({})\nwith (ctx) { startRecord({}) }\n",
    );
  });

  it('leaves a getSystemInfoSync() whose result is read there through a new local', () => {
    const code = 'var info = wx.getSystemInfoSync()\nvar w = info.windowWidth\nwith (ctx) { show(info.model) }\n';
    const report = reportOfEveryDoor(code);
    expect(report.output).toBeNull();
    expect(report.manual.map((site) => [site.line, site.reason])).toEqual([
      [1, expect.stringMatching(new RegExp(`^this getSystemInfoSync\\(\\)'s result is read ${WITH_REASON.source}`))],
    ]);
  });

  it('renames in place there (no name is written), and reports a place for a person once', () => {
    const report = reportOfEveryDoor(
      "with (o) {\n  wx.onBLEConnectionStateChanged(f)\n  wx.reportAnalytics('a', {})\n}\n",
    );
    expect(report.rewritten.map((site) => [site.line, site.becomes])).toEqual([[2, 'onBLEConnectionStateChange']]);
    expect(report.manual.map((site) => [site.line, site.api])).toEqual([[3, 'reportAnalytics']]);
  });

  it('leaves a base64 call there, whose runtime function is a name the with object could hold', () => {
    const report = reportOfEveryDoor('with (o) { wx.arrayBufferToBase64(buf) }\nwx.base64ToArrayBuffer(s)\n');
    expect(report.manual.map((site) => [site.line, site.reason])).toEqual([
      [1, expect.stringMatching(new RegExp(`^this arrayBufferToBase64 is ${WITH_REASON.source}`))],
    ]);
    expect(report.rewritten.map((site) => [site.line, site.api])).toEqual([[2, 'base64ToArrayBuffer']]);
    expect(report.output).toContain('with (o) { wx.arrayBufferToBase64(buf) }');
    expect(report.output).not.toContain('wx.base64ToArrayBuffer');
  });

  it("holds nothing back in the with statement's object, evaluated outside its scope", () => {
    const report = reportOfEveryDoor('with (wx.getSystemInfoSync()) { show(windowWidth) }\n');
    expect(report.manual).toEqual([]);
    expect(report.rewritten).toHaveLength(1);
  });
});

describe('a direct eval', () => {
  it('leaves the calls in its function and in functions inside it, with the reason; a function beside it is migrated', () => {
    const code = [
      'function run(code) {',
      '  eval(code)',
      '  wx.startRecord({})',
      '  return () => wx.stopRecord()',
      '}',
      'function other() {',
      '  wx.stopRecord()',
      '}',
      '',
    ].join('\n');
    const report = reportOfEveryDoor(code);
    expect(report.manual.map((site) => [site.line, site.reason])).toEqual([
      [
        3,
        expect.stringMatching(
          /^a direct eval \(line 2\) can declare or read names where this startRecord is, and the rewrite would add or remove names there; left as it is, migrate it by hand$/,
        ),
      ],
      [4, expect.stringMatching(/^a direct eval \(line 2\) .* this stopRecord is/)],
    ]);
    expect(report.rewritten.map((site) => site.line)).toEqual([7]);
  });

  it('leaves the uses of a binding the eval can read, which the rewrite would remove', () => {
    const code =
      "const { stopRecord } = require('@tarojs/taro')\nfunction debug(code) { return eval(code) }\nstopRecord()\n";
    const report = reportOfEveryDoor(code);
    expect(report.output).toBeNull();
    expect(report.manual.map((site) => site.line)).toEqual([3]);
  });

  it("keeps a TypeScript file's Taro import the eval can read", () => {
    const code =
      "import Taro from '@tarojs/taro'\nexport const stop = () => Taro.stopRecord()\nexport function debug(code: string) { return eval(code) }\n";
    const { output, report } = rewriteFile(code, 'page.ts');
    // the eval, at the top level of its own function, sees the module's names: Taro's import stays
    expect(report.rewritten).toHaveLength(1);
    expect(output).toContain("import Taro from '@tarojs/taro'");
  });

  it('is not one when eval is called through another name, optionally or indirectly, and new Function sees none of the names', () => {
    for (const code of [
      'function f(s) { const run = eval; run(s); wx.startRecord({}) }\n',
      'function f(s) { eval?.(s); wx.startRecord({}) }\n',
      'function f(s) { (0, eval)(s); window.eval(s); wx.startRecord({}) }\n',
      'function f(s) { new Function(s)(); Function(s)(); wx.startRecord({}) }\n',
    ]) {
      const report = reportOfEveryDoor(code);
      expect(report.manual, code).toEqual([]);
      expect(report.rewritten, code).toHaveLength(1);
    }
  });
});
