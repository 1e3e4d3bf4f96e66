/**
 * The ESLint rule against the codemod on every fixture, with ESLint 9 and ESLint 8.57
 * (flat config): the rule reports exactly the places the codemod rewrites or lists, and
 * `--fix` writes the codemod's output byte for byte (which __testfixtures__ holds, see
 * test/rewrite/fixtures.test.ts); on that output it reports nothing fixable.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rewriteFile, type RewriteOptions } from '../../src/rewrite';
import { fixtureInputFiles, fixtureOptions, oneFileOutputOf } from '../helpers/fixtures';
import { ESLINTS, flatConfigFor, RULE } from './helpers';

const FIXTURES = path.join(__dirname, '../../__testfixtures__');

/** The messages of a place the codemod lists for a person: its reason, or the line where the file said it first. */
const LEFT_FOR_A_PERSON = ['manual', 'manualRepeated'];

/**
 * The options the fixture harness gives the codemod (__testfixtures__/options.json), handed
 * to the rule as its own: the routing decisions and Taro's wrapper, which the CLI takes per
 * project, and the families chosen. Every fixture is decided explicitly, so no project is scanned.
 */
function optionsFor(name: string): RewriteOptions {
  const declared = fixtureOptions(name);
  return {
    routeRecorderManager: declared.routeRecorderManager === true,
    routeBackgroundAudioManager: declared.routeBackgroundAudioManager === true,
    taroWrapper: declared.taroWrapper === true,
    ...(declared.families ? { families: declared.families as RewriteOptions['families'] } : {}),
  };
}

const fixtures = fixtureInputFiles().map((file) => ({
  name: file.replace('.input', ''),
  file: path.join(FIXTURES, file),
  input: readFileSync(path.join(FIXTURES, file), 'utf8'),
  // The rule fixes one file at a time: a canvas the codemod moves with its template it leaves for a person.
  expected: oneFileOutputOf(file),
}));

/** Where the codemod rewrites or lists something, as `line:column` (ESLint's columns are 1-based). */
function codemodPlaces(input: string, file: string, options: RewriteOptions): string[] {
  let report;
  try {
    report = rewriteFile(input, file, options).report;
  } catch (error) {
    const { line, column } = error as { line?: number; column?: number };
    return [`${line || 1}:${(column ?? 0) + 1}`];
  }
  if (report.skipped) return [];
  return [...report.rewritten, ...report.manual].map((site) => `${site.line}:${site.column + 1}`).sort();
}

describe.each(ESLINTS)('$name ($version), flat config, on every fixture', ({ Linter }) => {
  it('has the fixtures', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(90);
  });

  describe.each(fixtures)('$name', ({ name, file, input, expected }) => {
    const options = optionsFor(name);
    const config = flatConfigFor(file, options);

    it('reports exactly the places the codemod rewrites or lists', () => {
      const messages = new Linter({ configType: 'flat' }).verify(input, config, { filename: file });
      expect(
        messages.filter((m) => m.ruleId !== RULE),
        'no parse error or other rule',
      ).toEqual([]);
      const places = messages.map((m) => `${m.line}:${m.column}`).sort();
      expect(places).toEqual(codemodPlaces(input, file, options));
      // a place the codemod rewrites carries the fix, one it lists for a person does not
      const { output } = rewriteFile(input, file, options);
      for (const m of messages)
        expect(m.fix !== undefined).toBe(
          output !== null && !LEFT_FOR_A_PERSON.includes(m.messageId!) && m.messageId !== 'failed',
        );
    });

    it('--fix writes the codemod output, byte for byte, and the fixed file reports nothing fixable', () => {
      const linter = new Linter({ configType: 'flat' });
      const fixed = linter.verifyAndFix(input, config, { filename: file });
      expect(fixed.output).toBe(expected);
      expect(fixed.messages.filter((m) => m.fix)).toEqual([]);
      expect(
        linter.verify(expected, config, { filename: file }).filter((m) => !LEFT_FOR_A_PERSON.includes(m.messageId!)),
      ).toEqual([]);
    });
  });
});
