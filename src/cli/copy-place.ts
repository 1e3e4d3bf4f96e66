/**
 * Where a local copy of the runtime may go: one rule for every copy a run writes, the one
 * `--runtime local=<path>` names and those the default route and plain `--runtime local` choose
 * (a copy per mini-program root). The copy is a `.js` or `.ts` file with a name before its
 * extension; it and its declaration file pass the write gate (write-gate.ts); and no other
 * module beside it answers to the import that names it without an extension.
 */
import * as fs from 'fs';
import * as path from 'path';
import { exact, toPosixPath, type Exclusions, type Wording } from '../rewrite/light';
import { writablePath, writeScope, type WriteScope } from '../files/write-gate';
import { baseOf, isRuntimeCopy, localRuntimeAt, resolveLocalRuntime, type LocalRuntime } from './runtime-target';

/**
 * The extensions an import without one may resolve to: Node's and the bundlers' (webpack and vite list the script
 * kinds and JSON), and a folder's index. WeChat's require tries `.js`.
 */
const RESOLVED_EXTENSIONS = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts', '.json'];

/**
 * Why a file of this name cannot be a copy, as a predicate of its path, or null: a copy is a `.js` or `.ts` file (a
 * `.d.ts` holds declarations only) with a name before its extension that does not start with a dot (a hidden file,
 * which the walk and many tools pass over).
 */
export function copyNameProblem(file: string): string | null {
  const name = path.basename(file);
  const ext = path.extname(name);
  if (ext !== '.js' && ext !== '.ts') return 'is not a .js or .ts file, and the runtime copy must be one';
  if (/\.d\.ts$/i.test(name)) return 'is a declaration file, which holds types only, and the runtime copy is code';
  if (name.startsWith('.'))
    return 'would be a hidden file (its name starts with a dot), which the walk and many tools pass over';
  return null;
}

/**
 * Why `copy` cannot be written where it is to go, in words that open with its path, or null: its name, the gate's
 * verdict on it and on its declaration file, and another module beside it that its import would load instead.
 */
export function copyPlaceProblem(copy: LocalRuntime, scope: WriteScope): Wording | null {
  const rel = (file: string) => toPosixPath(path.relative(scope.cwd, file)) || '.';
  const named = copyNameProblem(copy.file);
  if (named !== null) return (show) => `${show(rel(copy.file))} ${named}`;
  for (const file of [copy.file, copy.declaration?.file]) {
    if (file === undefined) continue;
    const verdict = writablePath(file, scope);
    if (!verdict.ok) {
      const where = file === copy.file ? '' : `, where the runtime copy ${rel(copy.file)} takes its declaration file,`;
      return (show) => verdict.says(show, `${show(rel(file))}${where}`);
    }
  }
  return otherModuleBeside(copy, rel);
}

/**
 * A file or folder beside the copy that an import of it without an extension (how rewritten code names it) may load
 * instead: `utils/record-compat.js` beside a `utils/record-compat.ts` copy, a folder `utils/record-compat/`.
 */
function otherModuleBeside(copy: LocalRuntime, rel: (file: string) => string): Wording | null {
  const stem = copy.file.slice(0, copy.file.length - path.extname(copy.file).length);
  const others = [...RESOLVED_EXTENSIONS.map((ext) => stem + ext), stem].filter((other) => other !== copy.file);
  for (const other of others) {
    const stat = fs.lstatSync(other, { throwIfNoEntry: false });
    if (stat === undefined) continue;
    const own = !stat.isDirectory() && ownCopy(other);
    const what = stat.isDirectory() ? 'a folder' : own ? 'a runtime copy this tool wrote, in the other form' : 'a file';
    return (show) =>
      `${show(rel(copy.file))} would sit beside ${show(rel(other))} (${what}), and rewritten code imports the copy without an extension (${show(`./${path.basename(stem)}`)}), which may load that instead${own ? `: delete ${show(rel(other))}${other.endsWith('.js') ? ' (and its .d.ts)' : ''} to switch forms` : ''}`;
  }
  return null;
}

function ownCopy(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile() && isRuntimeCopy(fs.readFileSync(file, 'utf8'));
  } catch {
    return false;
  }
}

/**
 * A copy to suggest instead, as `--runtime local=<path>`: the first of the usual places in `base` (a mini-program's
 * root, the folder of the paths migrated) that passes every rule above; undefined when none does.
 */
export function suggestedCopy(base: string, ext: '.js' | '.ts', scope: WriteScope): string | undefined {
  const folders = [...(isFolder(path.join(base, 'src')) ? ['src/utils'] : []), 'utils', 'lib', '.'];
  const usable = folders
    .map((folder) => path.join(base, folder, `record-compat${ext}`))
    .find((file) => copyPlaceProblem(localRuntimeAt(file), scope) === null);
  return usable && `--runtime local=${toPosixPath(path.relative(scope.cwd, usable))}`;
}

function isFolder(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** A path that ends in a separator names a folder, whether there is one or not. */
const ENDS_IN_SEPARATOR = path.sep === '\\' ? /[\\/]$/ : /\/$/;

/**
 * Why the copy `--runtime local=<given>` names cannot be written, or null: checked where the
 * command line is read, before anything is walked, so that --dry refuses it as a run does. A
 * folder is refused with the file to name instead; any other path by the rules every copy
 * passes (copyPlaceProblem), with a place that passes them to name instead.
 */
export function localRuntimePathProblem(
  given: string,
  paths: string[],
  cwd: string,
  exclusions: Exclusions | null,
): string | null {
  const rel = (file: string) => toPosixPath(path.relative(cwd, file)) || '.';
  const ext = path.extname(given);
  if (ext !== '' && ext !== '.js' && ext !== '.ts') return 'the runtime copy must be a .js or .ts file';
  const { fixed, fallback } = resolveLocalRuntime({ kind: 'local', path: given }, paths[0], cwd);
  const scope = writeScope(paths, cwd, exclusions);
  const asked = path.resolve(cwd, given);
  const name = path.basename(given);
  const folder = ENDS_IN_SEPARATOR.test(given) || name === '.' || name === '..' || isFolder(asked);
  const example = () => eg(suggestedCopy(baseOf(paths[0]), extOf(fallback), scope));
  // Outside the project, or in git's own folder: any file named there would be refused.
  const where = writablePath(folder ? asked : fixed!, scope);
  if (!where.ok && (where.kind === 'outside' || where.kind === 'gitFolder'))
    return `${where.says(exact, rel(folder ? asked : fixed!))}: name a .js or .ts file inside it${example()}`;
  if (folder && ext === '') {
    const inFolder = path.join(asked, path.basename(asked) === 'utils' ? '' : 'utils', 'record-compat.js');
    return `it names a folder (${asked === cwd ? 'the current folder' : `${rel(asked)}/`}), and the runtime copy is one file: name the file, e.g. --runtime local=${rel(inFolder)} (or plain --runtime local, which chooses the place)`;
  }
  const problem = copyPlaceProblem(localRuntimeAt(folder ? asked : fixed!), scope);
  return problem === null ? null : `${problem(exact)}: choose another path${example()}`;
}

function extOf(file: string): '.js' | '.ts' {
  return path.extname(file) === '.ts' ? '.ts' : '.js';
}

/** `, e.g. <suggestion>`, or nothing where there is none. */
function eg(suggestion: string | undefined): string {
  return suggestion === undefined ? '' : `, e.g. ${suggestion}`;
}
