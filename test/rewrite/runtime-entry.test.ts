/**
 * A file that loads the runtime already takes the new names from that entry, never from a second
 * one: each entry (the package's Taro, `/native` and `/h5` entries, an earlier version's
 * `taro-plugin-record-compat/runtime*`, a local copy) keeps its own recorder and players, and a
 * stopRecord of one answers success with no file while the other's recording goes on. The names join
 * its import or require; where they cannot (a namespace import, a require not destructured, two
 * entries, a local copy the rewrite does not import), the calls are a place for a person.
 */
import { transformSync } from '@babel/core';
import { describe, expect, it } from 'vitest';
import babelPlugin from '../../src/rewrite/file/babel-plugin';
import { rewriteFile, type RewriteOptions } from '../../src/rewrite';
import type { RewriteReport } from '../../src/rewrite/rules/types';

function babelDoor(code: string, filename: string, options: RewriteOptions): { code: string; report: RewriteReport } {
  const result = transformSync(code, {
    filename,
    babelrc: false,
    configFile: false,
    parserOpts: { plugins: ['jsx', 'typescript'] },
    plugins: [[babelPlugin, options]],
  });
  return { code: result!.code!, report: (result!.metadata as unknown as { recordCompat: RewriteReport }).recordCompat };
}

/** The codemod's result with both parsers and the Babel door's report, which must agree. */
function rewritten(code: string, filename = 'page.jsx', options: RewriteOptions = {}) {
  const withOxc = rewriteFile(code, filename, { ...options, parser: 'oxc' });
  expect(rewriteFile(code, filename, { ...options, parser: 'babel' })).toEqual(withOxc);
  const babel = babelDoor(code, filename, options);
  expect(babel.report).toEqual(withOxc.report);
  return { output: withOxc.output, report: withOxc.report, babelCode: babel.code };
}

const TARO_STOP = "import Taro from '@tarojs/taro'\nexport const stop = () => Taro.stopRecord()\n";

describe('the runtime entry a file already loads', () => {
  it.each([
    'record-compat-runtime/native',
    'record-compat-runtime/h5',
    'taro-plugin-record-compat/runtime',
    'taro-plugin-record-compat/runtime/native',
    'taro-plugin-record-compat/runtime/h5',
  ])('takes the new names into its import of %s, and says so', (entry) => {
    const code = `import { startRecord } from '${entry}'\n${TARO_STOP}export const start = () => startRecord({})\n`;
    const { output, report, babelCode } = rewritten(code);
    expect(output).toBe(
      `import { startRecord, stopRecord } from '${entry}'\nimport Taro from '@tarojs/taro'\nexport const stop = () => stopRecord()\nexport const start = () => startRecord({})\n`,
    );
    expect(report.importedFrom).toBe(entry === 'taro-plugin-record-compat/runtime' ? undefined : entry);
    expect(babelCode).toContain(`import { startRecord, stopRecord } from '${entry}';`);
    expect(babelCode).not.toMatch(/from ["']record-compat-runtime["']/);
  });

  it('takes them into a top-level require of it, in a file that otherwise imports', () => {
    const code = `const { startRecord } = require('record-compat-runtime/native')\n${TARO_STOP}`;
    expect(rewritten(code).output).toBe(
      "const { startRecord, stopRecord } = require('record-compat-runtime/native')\nimport Taro from '@tarojs/taro'\nexport const stop = () => stopRecord()\n",
    );
  });

  it("takes them into a local copy's import where the rewrite imports that copy, its extension written or not", () => {
    const code = `import { startRecord } from './utils/record-compat.js'\nwx.stopRecord()\n`;
    const { output, report } = rewritten(code, 'page.js', { importSource: './utils/record-compat' });
    expect(output).toBe("import { startRecord, stopRecord } from './utils/record-compat.js'\nstopRecord()\n");
    // the same module as the options name: nothing to say
    expect(report.importedFrom).toBeUndefined();
  });

  it('counts no type-only import: it loads nothing', () => {
    const code = `import type { RecordOption } from 'record-compat-runtime/native'\n${TARO_STOP}`;
    expect(rewritten(code, 'page.ts').output).toBe(
      "import type { RecordOption } from 'record-compat-runtime/native'\nimport { stopRecord } from 'record-compat-runtime'\nexport const stop = () => stopRecord()\n",
    );
  });

  it.each([
    [
      "import * as rc from 'record-compat-runtime/native'",
      'from record-compat-runtime/native in a form new names cannot join',
    ],
    [
      "import rc from 'record-compat-runtime/native'",
      'from record-compat-runtime/native in a form new names cannot join',
    ],
    ["import 'record-compat-runtime/native'", 'from record-compat-runtime/native in a form new names cannot join'],
    [
      "export * from 'record-compat-runtime/native'",
      'from record-compat-runtime/native in a form new names cannot join',
    ],
    [
      "const rc = require('record-compat-runtime/native')",
      'from record-compat-runtime/native in a form new names cannot join',
    ],
    [
      "function later() { return require('record-compat-runtime/native') }",
      'from record-compat-runtime/native in a form new names cannot join',
    ],
    [
      "import { startRecord } from 'record-compat-runtime/native'\nimport { playVoice } from 'record-compat-runtime/h5'",
      'from 2 entries (record-compat-runtime/native, record-compat-runtime/h5)',
    ],
    [
      "import { startRecord } from '../utils/record-compat'",
      'from ../utils/record-compat, and this rewrite would import it from record-compat-runtime',
    ],
  ])('leaves the calls for a person where the file loads it as `%s`', (load, why) => {
    const code = `${load}\n${TARO_STOP}`;
    const { output, report } = rewritten(code);
    expect(output).toBeNull();
    expect(report.rewritten).toEqual([]);
    expect(report.manual.map((site) => [site.line, site.reason])).toEqual([
      [
        code.split('\n').length - 1,
        expect.stringMatching(
          new RegExp(`^stopRecord \\(Taro\\): the file loads the runtime ${why.replace(/[().]/g, '\\$&')}`),
        ),
      ],
    ]);
  });

  it("leaves them where the rewrite imports a local copy and the file loads the package's entry", () => {
    const code = "import { startRecord } from 'record-compat-runtime/native'\nwx.stopRecord()\n";
    const { output, report } = rewritten(code, 'page.js', { importSource: './record-compat' });
    expect(output).toBeNull();
    expect(report.manual[0].reason).toMatch(
      /^stopRecord \(wx\): the file loads the runtime from record-compat-runtime\/native, and this rewrite would import it from \.\/record-compat: a second entry keeps its own recorder and players/,
    );
  });

  it('leaves an entry its options name as it was: a second import of that same entry is the same module', () => {
    const code = `import * as rc from 'record-compat-runtime'\n${TARO_STOP}`;
    const { output, report } = rewritten(code);
    expect(report.importedFrom).toBeUndefined();
    expect(output).toContain("import { stopRecord } from 'record-compat-runtime'");
  });
});
