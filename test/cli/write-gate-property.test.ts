/**
 * The property of the write gate (src/files/write-gate.ts), over arbitrary trees and paths: a
 * project holding folders, files, hard links, links to what is inside, outside and nowhere, and
 * folders the walk passes over or the user excludes; a path made of those names, `.` and `..`,
 * relative or absolute, with odd bytes in its names. The gate lets a path through exactly when
 * a plain reading of the rules says it may be written; and a path it lets through, once written, is a regular file inside the
 * project after links are followed, with nothing outside changed and every link as it was.
 *
 * And the exclusions' one rewrite (exclusions.ts, patternBelow): a path written with `.`, `..`
 * or the current folder's own absolute path excludes what the plain path from the current folder
 * does.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import ignore from 'ignore';
import { afterAll, describe, expect, it } from 'vitest';
import { writeNewFile } from '../../src/files/io';
import { writablePath, writeScope } from '../../src/files/write-gate';
import { Exclusions } from '../../src/rewrite/light';
import { patternBelow } from '../../src/rewrite/tree/exclusions';

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/**
 * The names a tree is made of: plain ones, a skipped and a hidden folder's, and odd ones (a space, a line break, a
 * control character, a letter outside ASCII, the replacement character a byte that is not UTF-8 is read as).
 */
const NAMES = ['a', 'b', 'c.js', 'node_modules', '.cache', 'dist', 'a b', 'x\ny.js', '\u0001', 'é', '\uFFFD'] as const;

type Entry =
  | { kind: 'folder' | 'file' | 'hardLink' }
  | { kind: 'link'; to: 'inside' | 'outside' | 'nowhere' | 'insideFile' | 'outsideFile' };

const entry: fc.Arbitrary<Entry> = fc.oneof(
  fc.constantFrom<Entry>({ kind: 'folder' }, { kind: 'folder' }, { kind: 'file' }, { kind: 'hardLink' }),
  fc
    .constantFrom('inside', 'outside', 'nowhere', 'insideFile', 'outsideFile')
    .map((to) => ({ kind: 'link', to }) as Entry),
);

const relPath = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((names) => names.join('/'));

/** A tree: entries at paths (the folders above each made as needed), in order; a clash keeps the first. */
const tree = fc.array(fc.tuple(relPath, entry), { maxLength: 10 });

/** A path to ask: names, `.` and `..`, from the current folder or absolute (below the project or elsewhere). */
const asked = fc.record({
  segments: fc.array(fc.constantFrom(...NAMES, '.git', '.', '..', 'new.js', 'x'), { minLength: 1, maxLength: 5 }),
  from: fc.constantFrom('relative', 'absolute', 'elsewhere'),
});

const PATTERNS = ['a/', 'b', '/c.js', 'a/b/', '**/x'];

function tempFolder(prefix: string): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  return dir;
}

/** Makes the tree's entries under `root`; `outside` is a folder outside the project holding `f.js`. */
function build(root: string, outside: string, entries: [string, Entry][]): void {
  for (const [rel, what] of entries) {
    const at = path.join(root, rel);
    try {
      fs.mkdirSync(path.dirname(at), { recursive: true });
      if (fs.lstatSync(at, { throwIfNoEntry: false })) continue;
      if (what.kind === 'folder') fs.mkdirSync(at);
      else if (what.kind === 'file') fs.writeFileSync(at, 'mine\n');
      else if (what.kind === 'hardLink') fs.linkSync(path.join(outside, 'f.js'), at);
      else if (what.kind === 'link') {
        const to = {
          inside: root,
          outside,
          nowhere: path.join(root, 'gone'),
          insideFile: path.join(root, 'package.json'),
          outsideFile: path.join(outside, 'f.js'),
        }[what.to];
        fs.symlinkSync(path.relative(path.dirname(at), to), at);
      }
    } catch {
      // a folder on the way is a file or a link: the entry is not made
    }
  }
}

/** Every entry of a folder, recursively, without following links: its kind, bytes or link target. */
function contents(dir: string): Record<string, string> {
  const seen: Record<string, string> = {};
  const visit = (at: string) => {
    for (const name of fs.readdirSync(at)) {
      const full = path.join(at, name);
      const stat = fs.lstatSync(full);
      const rel = path.relative(dir, full);
      if (stat.isSymbolicLink()) seen[rel] = `link ${fs.readlinkSync(full)}`;
      else if (stat.isDirectory()) {
        seen[rel] = 'folder';
        visit(full);
      } else seen[rel] = `file ${fs.readFileSync(full, 'utf8')}`;
    }
  };
  visit(dir);
  return seen;
}

/** The plain reading of the rules: may `target` be written, in a project at `root` walked from `roots`? */
function mayBeWritten(target: string, root: string, roots: string[], patterns: string[]): boolean {
  const rel = path.relative(root, target);
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return false;
  const names = rel.split(path.sep);
  if (names.includes('.git')) return false;
  const matcher = ignore().add(patterns);
  for (let i = 0; i < names.length; i++) {
    const at = path.join(root, ...names.slice(0, i + 1));
    const last = i === names.length - 1;
    const walkEnters = roots.some((given) => given === at || given.startsWith(at + path.sep));
    if (!last && !walkEnters && (['node_modules', 'dist'].includes(names[i]) || names[i].startsWith('.'))) return false;
    if (!walkEnters && matcher.ignores(names.slice(0, i + 1).join('/') + (last ? '' : '/'))) return false;
  }
  for (let i = 0; i < names.length; i++) {
    const at = path.join(root, ...names.slice(0, i + 1));
    const stat = fs.lstatSync(at, { throwIfNoEntry: false });
    if (stat === undefined) return true;
    if (stat.isSymbolicLink()) return false;
    if (i < names.length - 1 && !stat.isDirectory()) return false;
    if (i === names.length - 1) return stat.isFile() && stat.nlink === 1;
  }
  return true;
}

describe('the write gate', () => {
  it('lets a path through exactly when the rules allow it, and what it lets through lands inside, changing nothing else', () => {
    fc.assert(
      fc.property(
        tree,
        asked,
        fc.subarray(PATTERNS),
        fc.subarray(['a', 'b', 'dist']),
        (entries, question, patterns, given) => {
          const root = tempFolder('record-compat-gate-');
          const outside = tempFolder('record-compat-outside-');
          fs.writeFileSync(path.join(root, 'package.json'), '{}\n');
          fs.writeFileSync(path.join(outside, 'f.js'), 'shared\n');
          build(root, outside, entries);
          // The paths given are folders (the walk follows no link given to it).
          const roots = given
            .map((name) => path.join(root, name))
            .filter((dir) => fs.lstatSync(dir, { throwIfNoEntry: false })?.isDirectory());
          const paths = roots.length > 0 ? roots : [root];
          const scope = writeScope(paths, root, Exclusions.of(patterns, root));
          const joined = question.segments.join('/');
          const file =
            question.from === 'relative'
              ? joined
              : question.from === 'absolute'
                ? `${root}/${joined}`
                : `${outside}/${joined}`;
          const target = path.resolve(root, file);
          const before = { outside: contents(outside), inside: contents(root) };
          const verdict = writablePath(file, scope);
          expect(verdict.ok, `${file} in ${JSON.stringify(before.inside)}`).toBe(
            mayBeWritten(target, root, paths, patterns),
          );
          if (!verdict.ok) {
            expect(verdict.says((text) => text, 'the path')).toMatch(/^the path/);
            return;
          }
          expect(verdict.path).toBe(target);
          writeNewFile(verdict.path, 'written\n');
          const real = fs.realpathSync(target);
          expect(real.startsWith(root + path.sep)).toBe(true);
          expect(fs.lstatSync(target).isFile()).toBe(true);
          expect(contents(outside)).toEqual(before.outside);
          const after = contents(root);
          for (const [rel, was] of Object.entries(before.inside))
            if (was.startsWith('link')) expect(after[rel]).toBe(was);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('an exclusion written with . and .., or the current folder’s absolute path', () => {
  const segment = fc.constantFrom('src', 'legacy', 'a.js', 'b', '.', '..');
  it('excludes what the plain path from the current folder does, or is refused naming why', () => {
    const base = tempFolder('record-compat-exclude-');
    fs.mkdirSync(path.join(base, 'src', 'legacy'), { recursive: true });
    fc.assert(
      fc.property(
        fc.array(segment, { minLength: 1, maxLength: 5 }),
        fc.boolean(),
        fc.boolean(),
        (segments, absolute, folder) => {
          const written = `${absolute ? `${base}/` : ''}${segments.join('/')}${folder ? '/' : ''}`;
          const plain = path.posix.normalize(segments.join('/'));
          const below = patternBelow(written, base);
          if (plain === '.' || plain.startsWith('..')) {
            // Nothing below the current folder to name: refused, in words.
            if (segments.includes('.') || segments.includes('..') || absolute) expect(below).toHaveProperty('problem');
            return;
          }
          if (!segments.includes('.') && !segments.includes('..') && !absolute) {
            expect(below).toEqual({ pattern: written });
            return;
          }
          if ('problem' in below) throw new Error(`${written}: ${below.problem}`);
          const sample = [plain, `${plain}/x.js`, `other/${plain}`, `${plain}x`];
          const anchored = ignore().add(`/${plain}${folder ? '/' : ''}`);
          const rewritten = ignore().add(below.pattern);
          for (const rel of sample)
            for (const asFolder of [false, true]) {
              const shown = asFolder ? `${rel}/` : rel;
              expect(rewritten.ignores(shown), `${written} → ${below.pattern} on ${shown}`).toBe(
                anchored.ignores(shown),
              );
            }
        },
      ),
      { numRuns: 300 },
    );
  });
});
