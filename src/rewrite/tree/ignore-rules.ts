/**
 * Git's ignore rules as the walk reads them: the ignore files (a deeper one overriding a shallower
 * one, `info/exclude` and `core.excludesFile` below them), the repository they hold in and the
 * files git tracks although a rule matches them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { toPosixPath } from './paths';
import { fileKindWords, readSideBytes } from './side-file';
import { IGNORED, IgnorePatterns, KEPT } from './ignore-patterns';
import { findGitRoot, gitCommonDir, type WalkGit } from './git-root';
import { PLATFORM_IGNORE_CASE } from './exclusions';

export interface IgnoreLevel {
  base: string;
  /** `base` and a separator, when `base` is absolute and normalized: a path under it is relative to it from there. */
  prefix: string | null;
  ig: IgnorePatterns;
}

export function ignoreLevel(base: string, ig: IgnorePatterns): IgnoreLevel {
  return {
    base,
    prefix:
      path.isAbsolute(base) && path.resolve(base) === base ? (base.endsWith(path.sep) ? base : base + path.sep) : null,
    ig,
  };
}

/** An ignore file that is there but cannot be read: the walk's problem for the folder it then leaves alone. */
export interface UnreadableIgnoreFile {
  unreadable: string;
  /** The file, when it is a FIFO: git would wait on it (WalkResult.ignoreFifos). */
  fifo?: string;
}

/**
 * How an ignore file is read: whether its rules match regardless of case, and whether it is in the working tree (a
 * `.gitignore`).
 */
interface IgnoreFileReading {
  ignoreCase: boolean;
  inTree: boolean;
}

const NOT_WALKED = 'not walked, as which of its files git ignores is unknown';

/**
 * The rules of an ignore file; null when it is missing or holds none (git's own `info/exclude` of
 * a fresh repository: only comments), or, in the tree, when it is a link (git reads no rules
 * from a `.gitignore` that is a link). Unreadable when it is there but cannot be read, or is not
 * a regular file (`shown` names it in the reason): walking on without its rules could rewrite
 * files the user keeps out of git. Looked at before it is opened, and opened without waiting
 * (readSideText): a FIFO is named, never waited on.
 */
export function readIgnoreFile(
  file: string,
  shown: string,
  reading: IgnoreFileReading,
): IgnorePatterns | null | UnreadableIgnoreFile {
  let bytes: Buffer;
  try {
    // info/exclude and core.excludesFile are read through a link (a dotfiles manager's), as git reads them
    const stat = reading.inTree ? fs.lstatSync(file) : fs.statSync(file);
    if (stat.isSymbolicLink()) return null;
    if (stat.isFIFO()) {
      return {
        unreadable: `${shown} is ${fileKindWords(stat)}, which git waits on until something writes to it (git status hangs there); ${NOT_WALKED}: make it a regular file`,
        fifo: file,
      };
    }
    // A socket or a device is not opened at all: opening a device may act on it.
    if (!stat.isFile()) return { unreadable: `${shown} is ${fileKindWords(stat)}; ${NOT_WALKED}` };
    bytes = readSideBytes(file);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return { unreadable: `could not read ${shown}: ${code ?? message}; ${NOT_WALKED}` };
  }
  return IgnorePatterns.ofFile(bytes, reading.ignoreCase);
}

/**
 * A git repository the walk is in (a working tree's root: a checkout, a linked worktree, a
 * submodule, a clone nested in another tree). Git applies its rules to its files, and none from
 * above its root. Which of its files git tracks although they match a rule is asked of git once,
 * the first time a rule matches a path in it: most trees never ask.
 */
export class Repository {
  private tracked: { list: string[]; set: Set<string> } | undefined;
  private readonly config: { excludesFile: string | null; ignoreCase: boolean | undefined };

  constructor(
    readonly root: string,
    private readonly git: WalkGit,
  ) {
    this.config = git.ignoreConfig(root);
  }

  /** How its ignore files are read: with its core.ignoreCase. */
  reading(inTree: boolean): IgnoreFileReading {
    return { ignoreCase: this.config.ignoreCase ?? PLATFORM_IGNORE_CASE, inTree };
  }

  /**
   * The rules from outside the tree, weakest first: the user's core.excludesFile, then the repository's info/exclude.
   */
  outerLevels(): IgnoreLevel[] | UnreadableIgnoreFile {
    const levels: IgnoreLevel[] = [];
    const common = gitCommonDir(this.root);
    const files = [this.config.excludesFile, common === null ? null : path.join(common, 'info', 'exclude')];
    for (const file of files) {
      if (file === null) continue;
      const ig = readIgnoreFile(file, file, this.reading(false));
      if (ig && 'unreadable' in ig) return ig;
      if (ig) levels.push(ignoreLevel(this.root, ig));
    }
    return levels;
  }

  private trackedFiles(): { list: string[]; set: Set<string> } {
    if (this.tracked === undefined) {
      // Where git cannot say (not installed, stopped), none: a matched path is then skipped as ignored.
      const list = this.git.trackedFiles(this.root) ?? [];
      this.tracked = { list, set: new Set(list) };
    }
    return this.tracked;
  }

  /** Whether git tracks `file`, which an ignore rule matches. */
  tracks(file: string): boolean {
    return this.trackedFiles().set.has(file);
  }

  /** The files git tracks under `dir`, which an ignore rule matches (so it does all under it). */
  trackedUnder(dir: string): string[] {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    const { list } = this.trackedFiles();
    // The list is sorted: the paths under `dir` are the run that starts where `prefix` would.
    let low = 0;
    for (let high = list.length; low < high;) {
      const middle = (low + high) >>> 1;
      if (list[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    const under: string[] = [];
    for (let i = low; i < list.length && list[i].startsWith(prefix); i++) under.push(list[i]);
    return under;
  }
}

/**
 * Rules that apply to `dir` from above it: the repository's outer rules and .gitignore files from the git root down;
 * `ignoredAbove`: a folder on the way git ignores (so it ignores `dir` too, and reads no rule below that folder).
 */
export function ancestorLevels(
  dir: string,
  git: WalkGit,
): { levels: IgnoreLevel[]; repo: Repository | null; ignoredAbove: boolean } | UnreadableIgnoreFile {
  const root = findGitRoot(dir);
  if (root === null) return { levels: [], repo: null, ignoredAbove: false };
  const repo = new Repository(root, git);
  const outer = repo.outerLevels();
  if ('unreadable' in outer) return outer;
  const chain: string[] = [];
  for (let cur = path.dirname(dir); cur.length >= root.length; cur = path.dirname(cur)) {
    chain.unshift(cur);
    if (cur === root || path.dirname(cur) === cur) break;
  }
  const levels: IgnoreLevel[] = [...outer];
  for (const base of chain) {
    // Each folder on the way under the rules above it, as git walks down to `dir`.
    if (base !== root && isIgnored(base, true, levels)) return { levels, repo, ignoredAbove: true };
    const file = path.join(base, '.gitignore');
    const ig = readIgnoreFile(file, file, repo.reading(true));
    if (ig && 'unreadable' in ig) return ig;
    if (ig) levels.push(ignoreLevel(base, ig));
  }
  return { levels, repo, ignoredAbove: false };
}

/**
 * Whether git ignores `full` (a folder when `isDir`) by the rules of `levels`, its parents aside
 * (the walk never enters a folder git ignores). The deepest level with a verdict decides, as in git.
 */
export function isIgnored(full: string, isDir: boolean, levels: IgnoreLevel[]): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    let rel: string;
    if (level.prefix !== null && full.startsWith(level.prefix)) rel = toPosixPath(full.slice(level.prefix.length));
    else {
      rel = toPosixPath(path.relative(level.base, full));
      if (rel === '' || rel === '..' || rel.startsWith('../') || path.isAbsolute(rel)) continue;
    }
    const verdict = level.ig.verdict(rel, isDir);
    if (verdict === IGNORED) return true;
    if (verdict === KEPT) return false;
  }
  return false;
}
