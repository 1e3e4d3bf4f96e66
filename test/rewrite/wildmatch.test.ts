import { describe, expect, it } from 'vitest';
import { bytesOf, Wildmatch } from '../../src/rewrite/tree/wildmatch';
import { GIT_WILDMATCH_CASES } from '../helpers/git-wildmatch-cases';

const MODES = [
  { pathname: true, caseFold: false },
  { pathname: true, caseFold: true },
  { pathname: false, caseFold: false },
  { pathname: false, caseFold: true },
];

describe("wildmatch: git's own cases (t3070), in its four modes", () => {
  it.each(GIT_WILDMATCH_CASES)('%s: %j against %j', (expected, text, pattern) => {
    const got = MODES.map((flags) => (new Wildmatch(bytesOf(pattern), flags).matches(bytesOf(text)) ? '1' : '0'));
    expect(got.join('')).toBe(expected);
  });
});

describe('wildmatch: a `**` and its slash', () => {
  it.each([
    ['a/**/b', 'a/b', true],
    ['a/**/b', 'a/x/y/b', true],
    ['a/**/b', 'a/xb', false],
    ['a/**/b', 'a/x/yb', false],
    ['**/', 'a', false],
    ['**/', 'a/', true],
    ['**/b', 'xb', false],
    ['**/**/b', 'a/xb', false],
    ['**/**/b', 'a/c/b', true],
  ] as const)('%j against %j: %s', (pattern, text, expected) => {
    expect(new Wildmatch(pattern, { pathname: true, caseFold: false }).matches(text)).toBe(expected);
  });
});
