/**
 * Where oxc-parser does not load (Node before 20.19, a platform without its binary), choosing
 * the `oxc` parser stops each door where it starts, with one sentence saying why and what to use
 * instead: the CLI's command line (a usage error), the Taro plugin's options, the ESLint rule's.
 * The load is made to fail here; test/e2e/pack.test.ts sees the same on a real Node 18.
 */
import { Linter } from 'eslint';
import { describe, expect, it, vi } from 'vitest';
import { parseCommandLine, UsageError } from '../../src/cli/options';
import plugin from '../../src/eslint';
import { OptionsError } from '../../src/rewrite/rules/options-schema';
import { resolveOptions } from '../../src/taro-plugin/options';
import { ROOT } from '../helpers/paths';

const FAILURE =
  'oxc-parser does not load on Node 18.20.8 (linux-x64): this Node cannot require it, an ES module (Node 20.19 and later can)';
const SENTENCE = `the parser is oxc (option "parser" or RECORD_COMPAT_PARSER), but ${FAILURE}. Use the parser "auto" (oxc where it loads, else Babel) or "babel"`;

vi.mock('../../src/rewrite/rules/oxc', () => ({ loadOxc: () => null, oxcLoadFailure: () => FAILURE }));

describe('the oxc parser chosen where it does not load', () => {
  it('the CLI: one usage error before any file, from --parser or from RECORD_COMPAT_PARSER; auto and babel still run', () => {
    expect(() => parseCommandLine(['--parser', 'oxc', '.'], ROOT, '0.0.0')).toThrow(new UsageError(SENTENCE));
    process.env.RECORD_COMPAT_PARSER = 'oxc';
    try {
      expect(() => parseCommandLine(['.'], ROOT, '0.0.0')).toThrow(new UsageError(SENTENCE));
      expect(parseCommandLine(['--parser', 'babel', '.'], ROOT, '0.0.0')).toMatchObject({
        kind: 'migrate',
        options: { parser: 'babel' },
      });
    } finally {
      delete process.env.RECORD_COMPAT_PARSER;
    }
    expect(parseCommandLine(['--parser', 'auto', '.'], ROOT, '0.0.0')).toMatchObject({
      kind: 'migrate',
      options: { parser: 'auto' },
    });
  });

  it("the Taro plugin: its options are refused, as a bad option's are", () => {
    expect(() => resolveOptions({ parser: 'oxc' })).toThrow(new OptionsError(SENTENCE));
    expect(resolveOptions({ parser: 'babel' }).parser).toBe('babel');
  });

  it('the ESLint rule: its options are refused when the rule starts, not reported on each file', () => {
    const linter = new Linter({ configType: 'flat' });
    const lint = (parser: string) =>
      linter.verify(
        'wx.startRecord({})\n',
        [
          {
            plugins: { 'record-compat': plugin as never },
            rules: { 'record-compat/no-deprecated-api': ['error', { parser }] },
          },
        ],
        { filename: `${ROOT}/src/page.js` },
      );
    expect(() => lint('oxc')).toThrow(SENTENCE);
    expect(lint('babel').map((m) => m.ruleId)).toEqual(['record-compat/no-deprecated-api']);
  });
});
