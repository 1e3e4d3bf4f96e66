/**
 * The write gate: every path a run writes (a rewritten source, a runtime copy and its
 * declaration file) is resolved once and judged here, by writablePath, before it is written and
 * when `--dry` says what a run would write. A path passes when:
 *
 * - it lies inside the project of a path being migrated (projectRootOf: its git repository,
 *   else the folder of its package.json or app.json, else the current folder), and no folder on
 *   its way below that project is a symbolic link, so that it is inside after links are followed
 *   too; nor a `.git` folder, which is git's own;
 * - what is at the path is a regular file or nothing (never a link, whatever it leads to, a
 *   folder, a FIFO or a device), and every folder on its way is a folder or nothing yet;
 * - the walk would not pass over it (a path it did not list): no dependency, build or hidden
 *   folder below the paths given, nothing --exclude leaves out, nothing git ignores
 *   (passed-over.ts);
 * - the write can be done and changes nothing but the bytes (io.ts: replaceRefusal for a file
 *   that is there, createRefusal for a new one).
 *
 * The verdict carries the path as a WritablePath, the only kind io.ts writes, or the reason.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  APP_JSON,
  fileKindWords,
  findGitRoot,
  folderHolding,
  isAtOrUnder,
  toPosixPath,
  WalkRules,
  type Exclusions,
  type PassedOver,
} from '../rewrite/light';
import { createRefusal, FileChangedError, replaceRefusal, type WritablePath } from './io';

/** The folder a write must stay in, and how a refusal names it (`shown`: the folder as the reader sees it). */
export interface ProjectRoot {
  dir: string;
  words: (shown: string) => string;
}

/**
 * The project a path being migrated belongs to: its git repository, else the folder of the package.json above it,
 * else that of its mini-program's app.json, else the current folder (when the path is in it), else the folder itself.
 */
export function projectRootOf(migrated: string, cwd: string): ProjectRoot {
  const dir = isFolder(migrated) ? migrated : path.dirname(migrated);
  const gitRoot = findGitRoot(dir);
  if (gitRoot !== null) return { dir: gitRoot, words: (shown) => `the git repository being migrated (${shown})` };
  const project = folderHolding(dir, 'package.json');
  if (project !== undefined)
    return { dir: project, words: (shown) => `the project being migrated (${shown}, the folder of its package.json)` };
  const app = folderHolding(dir, APP_JSON);
  if (app !== undefined)
    return { dir: app, words: (shown) => `the mini-program being migrated (${shown}, the folder of its app.json)` };
  if (isAtOrUnder(dir, cwd))
    return { dir: cwd, words: () => 'the current folder (the paths migrated are in no git repository and no package)' };
  return { dir, words: (shown) => `the folder being migrated (${shown}, in no git repository and no package)` };
}

function isFolder(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** What a run's writes are judged against, made once per run (writeScope). */
export interface WriteScope {
  /** The run's folder: a refusal names paths from it. */
  cwd: string;
  /** The project of each path given: a write stays in one of them. */
  projects: ProjectRoot[];
  /** The walk's folder rules, for a path the walk did not list. */
  rules: WalkRules;
  /** Whether the walk listed `file` (a source it read): the walk's folder rules held for it already. */
  listedByWalk: (file: string) => boolean;
}

/** The scope of a run over `paths` (absolute) from `cwd`, with the user's exclusions. */
export function writeScope(
  paths: readonly string[],
  cwd: string,
  exclusions: Exclusions | null,
  listedByWalk: (file: string) => boolean = () => false,
): WriteScope {
  const roots = paths.map((given) => path.resolve(cwd, given));
  return {
    cwd,
    projects: roots.map((root) => projectRootOf(root, cwd)),
    rules: new WalkRules(roots, exclusions),
    listedByWalk,
  };
}

/** Why a path may not be written, by kind (the words: WriteRefusal.says). */
export type WriteRefusalKind =
  | 'outside'
  | 'gitFolder'
  | 'throughLink'
  | 'link'
  | 'notFolder'
  | 'folder'
  | 'notRegular'
  | 'unreachable'
  | PassedOver['why']
  | 'cannotWrite';

/**
 * A refusal. `says` words it with `subject`, the path as the reader is shown it (a runtime copy's), or null for a file
 * whose own line names it (a source's failure: `it …`); `show` writes each path it names for the reader.
 */
export interface WriteRefusal {
  ok: false;
  path: string;
  kind: WriteRefusalKind;
  says: (show: (text: string) => string, subject: string | null) => string;
}

export type WriteVerdict = { ok: true; path: WritablePath; exists: boolean } | WriteRefusal;

/** What the way down to a path met: a refusal, or what is at the path and the nearest folder that exists. */
type WayDown = WriteRefusal | { existing: fs.Stats | null; folder: string };

/**
 * The one gate of every path a run writes: `file` (absolute, or from the run's folder) resolved
 * once, then judged as the module's comment says, each step in turn. Called just before each
 * write and by `--dry` in its place.
 */
export function writablePath(file: string, scope: WriteScope): WriteVerdict {
  const target = path.resolve(scope.cwd, file);
  const rel = (at: string) => toPosixPath(path.relative(scope.cwd, at)) || '.';
  const project = projectHolding(target, scope.projects);
  if (project === undefined) return outside(target, scope, rel);
  const way = wayDown(target, project.dir, rel);
  if ('ok' in way) return way;
  if (!scope.listedByWalk(target)) {
    const passed = scope.rules.passedOver(target, project.dir);
    if (passed !== null) return passedOverRefusal(target, passed, rel);
  }
  const cannot = writeRefusalOf(target, way);
  if (cannot !== null) return refusal(target, 'cannotWrite', (_show, s) => (s === null ? cannot : `${s}: ${cannot}`));
  return { ok: true, path: target as WritablePath, exists: way.existing !== null };
}

/** The innermost project of the run that `target` lies in, by its path. */
function projectHolding(target: string, projects: readonly ProjectRoot[]): ProjectRoot | undefined {
  let found: ProjectRoot | undefined;
  for (const project of projects)
    if (isAtOrUnder(target, project.dir) && (found === undefined || project.dir.length > found.dir.length))
      found = project;
  return found;
}

function refusal(target: string, kind: WriteRefusalKind, says: WriteRefusal['says']): WriteRefusal {
  return { ok: false, path: target, kind, says };
}

/** The subject of a refusal's sentence: the path shown, or `it`. */
function subjectOf(subject: string | null): string {
  return subject ?? 'it';
}

function outside(target: string, scope: WriteScope, rel: (at: string) => string): WriteRefusal {
  const project = scope.projects[0];
  const folder = project.dir === scope.cwd ? 'the current folder' : `${rel(project.dir)}/`;
  return refusal(
    target,
    'outside',
    (show, s) =>
      `${subjectOf(s)} lies outside ${project.words(show(folder))}, and this tool writes nothing outside the project it migrates`,
  );
}

/**
 * Each folder from `root` down to `target`, looked at without following links: a `.git` folder, a link, a file where a
 * folder must be, or at the end anything but a regular file refuses the path.
 */
function wayDown(target: string, root: string, rel: (at: string) => string): WayDown {
  const names = path.relative(root, target).split(path.sep).filter(Boolean);
  if (names.includes('.git'))
    return refusal(target, 'gitFolder', (_show, s) => `${subjectOf(s)} lies inside a .git folder, which is git's own`);
  if (names.length === 0) return folderThere(target);
  let at = root;
  for (const [i, name] of names.entries()) {
    at = path.join(at, name);
    const last = i === names.length - 1;
    let stat: fs.Stats | undefined;
    try {
      stat = fs.lstatSync(at, { throwIfNoEntry: false });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      const seen = at;
      return refusal(
        target,
        'unreachable',
        (show, s) => `${subjectOf(s)} cannot be looked at: ${show(rel(seen))} could not be read (${code})`,
      );
    }
    if (stat === undefined) return { existing: null, folder: path.dirname(at) };
    const refused = last ? endRefusal(target, stat) : wayRefusal(target, at, stat, rel);
    if (refused !== null) return refused;
    if (last) return { existing: stat, folder: path.dirname(at) };
  }
  return { existing: null, folder: root };
}

/** What refuses a folder on the way: a link (whatever it leads to), or something that is not a folder. */
function wayRefusal(target: string, at: string, stat: fs.Stats, rel: (at: string) => string): WriteRefusal | null {
  if (stat.isSymbolicLink()) {
    const to = linkTarget(at);
    return refusal(
      target,
      'throughLink',
      (show, s) =>
        `${subjectOf(s)} goes through ${show(rel(at))}, a symbolic link${to === null ? '' : ` to ${show(to)}`}, and this tool writes nothing through a link (it could lead out of the project, where git sees no change)`,
    );
  }
  if (stat.isDirectory()) return null;
  const what = stat.isFile() ? 'a file' : fileKindWords(stat).replace(/, not a regular file$/, '');
  return refusal(
    target,
    'notFolder',
    (show, s) => `${subjectOf(s)} cannot be made: ${show(rel(at))} is ${what}, not a folder`,
  );
}

/** What refuses the path itself: anything but a regular file (a link to one included). */
function endRefusal(target: string, stat: fs.Stats): WriteRefusal | null {
  if (stat.isSymbolicLink())
    return refusal(
      target,
      'link',
      (_show, s) =>
        `${subjectOf(s)} is a symbolic link, and this tool writes nothing over a link (a new file would replace the link, or the write would land where it leads)`,
    );
  if (stat.isDirectory()) return folderThere(target);
  if (!stat.isFile()) return refusal(target, 'notRegular', (_show, s) => `${subjectOf(s)} is ${fileKindWords(stat)}`);
  return null;
}

function folderThere(target: string): WriteRefusal {
  return refusal(
    target,
    'folder',
    (_show, s) => `${subjectOf(s)} is a folder, and a file is never written in a folder's place (it is left as it is)`,
  );
}

function linkTarget(link: string): string | null {
  try {
    return fs.readlinkSync(link);
  } catch {
    return null;
  }
}

/** The walk's rule that passes over the path, in words. */
function passedOverRefusal(target: string, passed: PassedOver, rel: (at: string) => string): WriteRefusal {
  const folder = (show: (text: string) => string) => `${show(rel(passed.at))}/`;
  const itself = passed.at === target;
  const says: WriteRefusal['says'] = (show, s) => {
    const subject = subjectOf(s);
    switch (passed.why) {
      case 'skipped':
        return `${subject} lies in ${folder(show)}, a folder the run never walks (dependencies, build output and hidden folders are passed over)`;
      case 'excluded':
        return itself
          ? `${subject} is left out by --exclude`
          : `${subject} lies in ${folder(show)}, which --exclude leaves out`;
      case 'ignored':
        return `${itself ? `${subject} is ignored by git` : `${subject} lies in ${folder(show)}, which git ignores`}, so a file written there would not be committed`;
      case 'rulesUnread':
        return `${subject} lies where git's ignore rules cannot be read (${passed.detail ?? 'unknown'}), so whether git ignores it is not known`;
    }
  };
  return refusal(target, passed.why, says);
}

/** Why the write itself cannot be done there or would change more than the bytes (io.ts), or null. */
function writeRefusalOf(target: string, way: { existing: fs.Stats | null; folder: string }): string | null {
  try {
    return way.existing ? replaceRefusal(target, way.existing) : createRefusal(target, way.folder);
  } catch (err) {
    if (err instanceof FileChangedError) return err.message;
    const { code, message } = err as NodeJS.ErrnoException;
    return `it could not be looked at (${code ?? message}): left as it is`;
  }
}

/** A source's failure for a refusal of the gate: `it …`, left as it is (io.ts's own words already say so). */
export function sourceWriteRefusal(verdict: WriteRefusal): string {
  const says = verdict.says((text) => text, null);
  return verdict.kind === 'cannotWrite' ? says : `${says}; left as it is`;
}
