/**
 * Taro's copy globs through the patterns gate (globs.ts): on the syntax it shares with picomatch
 * (what Taro's copy matches with), it answers as picomatch does, over arbitrary globs and paths;
 * a glob using more is not matched at all (null), never guessed.
 */
import fc from 'fast-check';
import picomatch from 'picomatch';
import { describe, expect, it } from 'vitest';
import { globMatcher, MAX_ALTERNATIVES } from '../../src/rewrite/tree/globs';

const GLOB_PIECES = ['a', 'b', '.', '-', '*', '**', '?', '/', '[ab]', '[^b]', '[a-c]', '{a,b}', '{a,{b,.}}', '\\*'];
const BRACE_ALTERNATIVES: Record<string, number> = { '{a,b}': 2, '{a,{b,.}}': 3 };
const NAMES = ['a', 'b', 'ab', 'ba', '.a', 'a.b', '*', 'c-d'];

describe('copy globs', () => {
  it('match as picomatch matches them (dot: true), a whole path or a name', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...GLOB_PIECES), { minLength: 1, maxLength: 7 }),
        fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }).map((n) => '/r/' + n.join('/')),
        fc.boolean(),
        (pieces, file, onName) => {
          const glob = pieces.join('');
          const anchored = onName && !glob.includes('/') ? glob : '/r/' + glob;
          const ours = globMatcher(anchored, { onName });
          // What it does not match (a `**` beside a brace, three stars, braces expanding to too many
          // alternatives) is said by its callers, never guessed.
          if (ours === null) {
            const alternatives = pieces.reduce((n, piece) => n * (BRACE_ALTERNATIVES[piece] ?? 1), 1);
            if (alternatives <= MAX_ALTERNATIVES) expect(anchored).toMatch(/\*\*[{}]|[{}]\*\*|\*\*\*/);
            return;
          }
          const theirs = picomatch(anchored, { dot: true, basename: onName && !anchored.includes('/') });
          expect(ours(file), `${anchored} against ${file}`).toBe(theirs(file));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('a folder glob ending in /** matches the folder itself, as picomatch does (git would not)', () => {
    for (const [glob, file] of [
      ['/r/[a-c]?[^b]/**', '/r/c-d'],
      ['src/assets/**', 'src/assets'],
    ]) {
      expect(globMatcher(glob)!(file), glob).toBe(true);
      expect(picomatch(glob, { dot: true })(file), glob).toBe(true);
    }
    expect(globMatcher('src/assets/**')!('src/assetsx')).toBe(false);
  });

  it('a folder glob whose last name ends in a star does not match the folder itself, as picomatch does not', () => {
    for (const [glob, file, expected] of [
      ['/r/*/**', '/r/a', false],
      ['/r/a*/**', '/r/ab', false],
      ['/r/\\*/**', '/r/*', true],
      ['/r/{a,*}/**', '/r/b', true],
      ['/r/*?/**', '/r/ab', true],
    ] as const) {
      expect(globMatcher(glob)!(file), glob).toBe(expected);
      expect(picomatch(glob, { dot: true })(file), glob).toBe(expected);
    }
  });

  it('does not match what picomatch reads beyond them: an extglob, a group, a range, a negation, an odd class', () => {
    for (const glob of [
      'src/@(a|b)/x.js',
      'src/+(a)/x',
      'src/(a|b)/x',
      'src/{1..3}/x',
      '!src/x',
      'src/{a}/x',
      'src/[[:alpha:]]',
      'src/[]a]',
      'src/[!a]',
      'x{a,b',
    ])
      expect(globMatcher(glob), glob).toBeNull();
    const many = '{a,b}'.repeat(9);
    expect(globMatcher(many), 'over 256 alternatives').toBeNull();
  });

  it("matches a backtracking matcher's worst at once", () => {
    const deep = '/r/' + Array.from({ length: 40 }, () => 'a').join('/') + '/zz.js';
    expect(globMatcher('/r/' + '**/a/'.repeat(10) + 'z')!(deep)).toBe(false);
    expect(globMatcher('/r/' + '**/a/'.repeat(10) + '*')!(deep)).toBe(true);
  });
});
