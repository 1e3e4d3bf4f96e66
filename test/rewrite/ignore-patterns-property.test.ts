/**
 * The gate of patterns matched (ignore-patterns.ts, wildmatch.ts) against git itself, over
 * arbitrary patterns (`*`, `**`, `?`, classes, `/`, `!`, escapes, spaces, non-ASCII bytes) and
 * arbitrary paths: the walk lists exactly the files `git ls-files --others --exclude-standard`
 * lists, and --exclude leaves out exactly what git ignores by the same lines; and the work a
 * match takes, counted in steps, is at most (places in the pattern + 1) × (bytes in the path + 1).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { walk } from '../../src/rewrite/tree/walk';
import { Exclusions, exclusionProblem, patternBelow } from '../../src/rewrite/tree/exclusions';
import { bytesOf, Wildmatch, type StepCounter } from '../../src/rewrite/tree/wildmatch';
import { IGNORED, IgnorePatterns, UNDECIDED } from '../../src/rewrite/tree/ignore-patterns';

const PATTERN_PIECES = [
  'a',
  'b',
  'A',
  'é',
  '.',
  '-',
  ' ',
  '!',
  '#',
  ']',
  '[',
  '*',
  '**',
  '?',
  '/',
  '\\',
  '\\*',
  '\\ ',
  '\\A',
  '\\[',
  '[ab]',
  '[!a]',
  '[^b]',
  '[a-b]',
  '[A-Z]',
  '[]a]',
  '[a-]',
  '[[:upper:]]',
  '[[:alpha:]]',
  '[[:bogus:]]',
  '[é]',
  '[a',
];
const NAMES = ['a', 'b', 'A', 'ab', 'aB', 'é', 'a b', 'a ', '*', '?', '[a]', '\\', '!a', '#a', '-', 'a.b'];

const pattern = fc
  .tuple(
    fc.constantFrom('', '', '!', '/', '!/'),
    fc.array(fc.constantFrom(...PATTERN_PIECES), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('', '', '/', ' ', '\r'),
  )
  .map(([head, pieces, tail]) => head + pieces.join('') + tail);
const filePath = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 4 }).map((names) => names.join('/'));
/** Files, none of them a folder of another. */
const files = fc
  .uniqueArray(filePath, { minLength: 1, maxLength: 12 })
  .map((paths) => paths.filter((p) => !paths.some((q) => q.startsWith(p + '/'))));

/**
 * Whether the git installed predates 2.52, which fixed a corner of its match_pathname: before it,
 * a path pattern whose literal start runs into `**` (`a**` then `/b`) had its start cut off before
 * wildmatch saw it, so that `**` counted as at the start and matched `ab`. The gate follows git
 * as it is now; a git before the fix is not asked about such patterns.
 */
const GIT_BEFORE_PREFIX_FIX = (() => {
  const [major, minor] = /(\d+)\.(\d+)/
    .exec(execFileSync('git', ['--version'], { encoding: 'utf8' }))!
    .slice(1)
    .map(Number);
  return major < 2 || (major === 2 && minor < 52);
})();

/** A line on which a git before 2.52 answers otherwise than git now (GIT_BEFORE_PREFIX_FIX). */
function inOldGitsCorner(line: string): boolean {
  let body = line.replace(/^!/, '').replace(/ +$/, '').replace(/\/$/, '');
  if (!body.includes('/')) return false;
  body = body.replace(/^\//, '');
  const prefix = /^[^*?[\\]*/.exec(body)![0].length;
  return prefix > 0 && body.startsWith('**', prefix) && body[prefix - 1] !== '/';
}

/** Lines a git of this version answers as git now does. */
const askable = (given: string[]) => !GIT_BEFORE_PREFIX_FIX || !given.some(inOldGitsCorner);

const lines = fc.array(pattern, { minLength: 1, maxLength: 4 }).filter(askable);

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** One repository for every run: its files are laid anew each time; the user's own git configuration is not read. */
function repository(): { dir: string; env: NodeJS.ProcessEnv } {
  const home = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-patterns-')));
  made.push(home);
  const dir = path.join(home, 'repo');
  fs.mkdirSync(dir);
  const env = { ...process.env, HOME: home, XDG_CONFIG_HOME: path.join(home, '.config'), GIT_CONFIG_NOSYSTEM: '1' };
  execFileSync('git', ['init', '-q'], { cwd: dir, env });
  return { dir, env };
}

function layFiles(dir: string, tree: Record<string, string>): void {
  for (const entry of fs.readdirSync(dir)) if (entry !== '.git') fs.rmSync(path.join(dir, entry), { recursive: true });
  for (const [rel, content] of Object.entries(tree)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), content);
  }
}

/** The files git lists as neither tracked nor ignored (none is tracked): what it does not ignore. */
function notIgnoredByGit(dir: string, env: NodeJS.ProcessEnv): string[] {
  const out = execFileSync('git', ['ls-files', '-z', '--others', '--exclude-standard'], { cwd: dir, env });
  return out.toString('utf8').split('\0').filter(Boolean).sort();
}

/** The files the walk lists, every kind of file taken. */
function listedByWalk(dir: string, env: NodeJS.ProcessEnv): string[] {
  const saved = process.env;
  process.env = env;
  try {
    const result = walk([dir], new Set(), { include: () => true });
    expect(result.problems).toEqual([]);
    return [...result.files, ...result.minifiedByName]
      .map((f) => path.relative(dir, f).split(path.sep).join('/'))
      .sort();
  } finally {
    process.env = saved;
  }
}

describe('the patterns gate against git itself', () => {
  it('the walk lists what git does not ignore: a root .gitignore and one below, CRLF or LF, core.ignoreCase either way', () => {
    const { dir, env } = repository();
    fc.assert(
      fc.property(
        files,
        lines,
        fc.option(lines, { nil: undefined }),
        fc.boolean(),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        (paths, rootLines, subLines, ignoreCase, eol, bom) => {
          const tree: Record<string, string> = Object.fromEntries(paths.map((p) => [p, '']));
          tree['.gitignore'] = (bom ? '\ufeff' : '') + rootLines.join(eol) + eol;
          const sub = paths.find((p) => p.includes('/'))?.split('/')[0];
          if (subLines && sub !== undefined) tree[`${sub}/.gitignore`] = subLines.join(eol);
          layFiles(dir, tree);
          execFileSync('git', ['config', 'core.ignorecase', String(ignoreCase)], { cwd: dir, env });
          expect(listedByWalk(dir, env)).toEqual(notIgnoredByGit(dir, env));
        },
      ),
      { numRuns: 100 },
    );
  }, 180_000);

  it('the walk lists what git does not ignore, on patterns made mostly of stars and slashes', () => {
    const { dir, env } = repository();
    const starry = fc
      .array(fc.constantFrom('a', 'b', '*', '**', '/', '?'), { minLength: 1, maxLength: 7 })
      .map((pieces) => pieces.join(''));
    const near = fc
      .array(fc.constantFrom('a', 'b', 'ab', 'ba', 'bab'), { minLength: 1, maxLength: 4 })
      .map((names) => names.join('/'));
    fc.assert(
      fc.property(
        fc
          .uniqueArray(near, { minLength: 1, maxLength: 10 })
          .map((paths) => paths.filter((p) => !paths.some((q) => q.startsWith(p + '/')))),
        fc.array(starry, { minLength: 1, maxLength: 3 }).filter(askable),
        (paths, rootLines) => {
          layFiles(dir, {
            ...Object.fromEntries(paths.map((p) => [p, ''])),
            '.gitignore': rootLines.join('\n') + '\n',
          });
          expect(listedByWalk(dir, env)).toEqual(notIgnoredByGit(dir, env));
        },
      ),
      // Each run asks git in a process of its own: 100 keep the test within its time on a busy machine.
      { numRuns: 100 },
    );
  });

  it('--exclude leaves out what git ignores by the lines it reads them as, in a .gitignore', () => {
    const { dir, env } = repository();
    // A pattern with a `.` or `..` name is read as a path (`a/./b` as `/a/b`), which git does with no .gitignore line;
    // one that names the current folder itself (`//.`) is refused. The rest are read as they are written.
    const readAs = (pattern: string): string | null => {
      if (exclusionProblem(pattern) !== null) return null;
      const below = patternBelow(pattern, path.resolve(dir));
      return 'problem' in below ? null : below.pattern;
    };
    const good = lines.map((given) => given.filter((p) => readAs(p) !== null)).filter((p) => p.length > 0);
    fc.assert(
      fc.property(files, good, (paths, patterns) => {
        const gitignore = patterns.map(readAs).join('\n') + '\n';
        layFiles(dir, { ...Object.fromEntries(paths.map((p) => [p, ''])), '.gitignore': gitignore });
        const kept = new Set(notIgnoredByGit(dir, env));
        const exclusions = Exclusions.of(patterns, dir)!;
        for (const p of paths)
          expect(exclusions.excludes(path.join(dir, p), false), `${p} by ${patterns}`).toBe(!kept.has(p));
      }),
      { numRuns: 100 },
    );
  });
});

describe('what git now answers where an older git did not', () => {
  it("a path pattern whose literal start runs into ** does not match the name it starts (git 2.52's fix)", () => {
    const rules = IgnorePatterns.ofPatterns(['foo**/bar'], false);
    expect(rules.verdict('foobar', false)).toBe(UNDECIDED);
    expect(rules.verdict('foo/bar', false)).toBe(IGNORED);
    expect(rules.verdict('foox/bar', false)).toBe(IGNORED);
  });
});

describe('the work a match takes', () => {
  /** A pattern and a path built from the pieces, the pattern as long as a path may be. */
  const longPattern = fc
    .array(fc.constantFrom(...PATTERN_PIECES), { minLength: 1, maxLength: 60 })
    .map((p) => p.join(''));
  const longPath = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 80 }).map((n) => n.join('/'));

  it('is at most (places + 1) × (bytes + 1) steps, with or without case, as a path or a name', () => {
    fc.assert(
      fc.property(longPattern, longPath, fc.boolean(), fc.boolean(), (p, text, pathname, caseFold) => {
        const matcher = new Wildmatch(bytesOf(p), { pathname, caseFold });
        const counter: StepCounter = { steps: 0 };
        matcher.matches(bytesOf(text), counter);
        expect(counter.steps).toBeLessThanOrEqual((matcher.places + 1) * (bytesOf(text).length + 1));
      }),
      { numRuns: 2000 },
    );
  });

  it("costs a constant per folder added on the patterns that make a backtracking matcher's work explode", () => {
    const worst = ['**/a/'.repeat(10) + 'z', '*a'.repeat(16), '**/**/'.repeat(2000) + 'a', 'a/**/'.repeat(8) + '*z'];
    for (const p of worst) {
      const matcher = new Wildmatch(bytesOf(p), { pathname: true, caseFold: false });
      const steps = (depth: number) => {
        const counter: StepCounter = { steps: 0 };
        matcher.matches(Array.from({ length: depth }, () => 'a').join('/') + '/zz', counter);
        return counter.steps;
      };
      // Each folder is two bytes: past the pattern's own length, each costs at most two steps per place.
      const perFolder = Array.from({ length: 40 }, (_, i) => steps(41 + i) - steps(40 + i));
      expect(Math.max(...perFolder), p).toBeLessThanOrEqual(2 * (matcher.places + 1));
      expect(matcher.places, p).toBeLessThanOrEqual(60);
    }
  });

  it('reads a line of 100,000 characters as git does, a pattern no path is long enough for, in a few steps', () => {
    const lines: [string, number][] = [
      ['a'.repeat(100_000), 0],
      ['**/a/'.repeat(20_000), 0],
      ['[a'.repeat(50_000), 0],
      ['*'.repeat(100_000) + 'x', 1],
    ];
    for (const [line, expected] of lines) {
      const rules = IgnorePatterns.ofFile(Buffer.from(`${line}\n!keep\n`), false)!;
      const counter: StepCounter = { steps: 0 };
      for (const isDir of [false, true])
        expect(rules.verdict('a/'.repeat(40) + 'ax', isDir, counter), line.slice(0, 10)).toBe(expected);
      expect(counter.steps).toBeLessThanOrEqual(100 * 4);
    }
  });
});
