/**
 * What git's index says of the files under a folder that the working tree does not show: the
 * tracked files whose changes git hides (skip-worktree, assume-unchanged), and what git tracks
 * that is not on the disk (a sparse checkout's files, a submodule never checked out), which no
 * walk can read. Both doors ask git the same question (INDEX_LISTING_ARGS): the codemod
 * beside the walk, the audit after it; this module reads the answer and words it.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { isRewritableFile, isSkippedFolder } from '../rules/file-kinds';
import { gitDirOf, gitProcessOptions, gitTimeoutWords, saysNotARepository } from './git-root';
import { counted, firstTen, isAtOrUnder } from './paths';

/**
 * `git ls-files`, run in the folder asked about: one entry per tracked path under it, with its tag (-v) and its mode
 * (-s).
 */
export const INDEX_LISTING_ARGS: readonly string[] = ['ls-files', '-v', '-s', '-z'];

/**
 * A tracked file git does not compare with the working tree (`git update-index --skip-worktree`
 * or `--assume-unchanged`: a locally edited config, a sparse checkout): its changes, earlier
 * edits and a migration alike, show in neither `git status` nor `git diff`.
 */
export interface HiddenFile {
  /** Absolute, joined to the folder git was asked in, as the walk names files. */
  file: string;
  flag: 'skip-worktree' | 'assume-unchanged' | 'skip-worktree and assume-unchanged';
}

/** What a listing (INDEX_LISTING_ARGS) says of the folder it was run in. */
export interface IndexListing {
  hidden: HiddenFile[];
  /** The submodules git tracks under the folder (gitlinks, mode 160000), absolute. */
  submodules: string[];
}

/**
 * Reads a listing run in `dir`: entries `<tag> <mode> <object> <stage>\t<path>`, paths relative
 * to `dir`. Tag `S` is skip-worktree, a lowercase tag assume-unchanged (`s`: both).
 */
export function parseIndexListing(out: string, dir: string): IndexListing {
  const listing: IndexListing = { hidden: [], submodules: [] };
  for (const entry of out.split('\0')) {
    const tag = entry[0];
    const submodule = entry.startsWith('160000 ', 2);
    // Most entries: a file whose changes git shows. Nothing to keep, no path to join.
    if (tag === 'H' && !submodule) continue;
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const file = path.join(dir, entry.slice(tab + 1));
    if (submodule) listing.submodules.push(file);
    const skip = tag === 'S' || tag === 's';
    const assume = tag !== tag.toUpperCase();
    if (skip || assume)
      listing.hidden.push({
        file,
        flag: skip && assume ? 'skip-worktree and assume-unchanged' : skip ? 'skip-worktree' : 'assume-unchanged',
      });
  }
  return listing;
}

/** What git tracks under the paths a run was given that is not on the disk: the walk never saw it. */
export interface NotCheckedOut {
  /** Scripts a sparse checkout left off the disk (skip-worktree, and not there). */
  scripts: string[];
  /**
   * Submodules whose folder is missing or empty: never initialized (`git clone` without `--recursive`) or
   * deinitialized.
   */
  submodules: string[];
}

/**
 * The scripts and submodules of `listings` (each run in a folder of the repository at `root`)
 * that lie at or under one of `roots` and are not on the disk. Those in folders every walk passes
 * over (node_modules, dist, hidden ones) are not named, nor files of kinds no door reads.
 */
export function notCheckedOut(
  listings: readonly (IndexListing & { root: string })[],
  roots: readonly string[],
): NotCheckedOut {
  const scripts = new Set<string>();
  const submodules = new Set<string>();
  /** Under a root, and under no folder a walk passes over (the folders between the repository's root and `folder`). */
  const wanted = (file: string, folder: string, repositoryRoot: string) =>
    roots.some((root) => isAtOrUnder(file, path.resolve(root))) &&
    !path
      .relative(repositoryRoot, folder)
      .split(path.sep)
      .some((name) => name !== '' && name !== '..' && isSkippedFolder(name));
  for (const listing of listings) {
    for (const { file, flag } of listing.hidden) {
      if (
        flag === 'assume-unchanged' ||
        !isRewritableFile(path.basename(file)) ||
        !wanted(file, path.dirname(file), listing.root)
      )
        continue;
      if (!fs.existsSync(file)) scripts.add(file);
    }
    for (const folder of listing.submodules) {
      if (wanted(folder, folder, listing.root) && isEmptyOrMissing(folder)) submodules.add(folder);
    }
  }
  return { scripts: [...scripts].sort(), submodules: [...submodules].sort() };
}

function isEmptyOrMissing(folder: string): boolean {
  try {
    return fs.readdirSync(folder).length === 0;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** The warnings for what was not checked out, `rel` naming paths as the run does. */
export function notCheckedOutWarnings(off: NotCheckedOut, rel: (file: string) => string): string[] {
  const warnings: string[] = [];
  if (off.scripts.length > 0) {
    warnings.push(
      `${counted(off.scripts.length, 'script file')} git tracks ${off.scripts.length === 1 ? 'is' : 'are'} not checked out (a sparse checkout), so they were not read: ${firstTen(off.scripts.map(rel)).join(', ')}; check them out (git sparse-checkout add <folder>, or disable) and run again`,
    );
  }
  if (off.submodules.length > 0) {
    warnings.push(
      `${counted(off.submodules.length, 'submodule')} git tracks ${off.submodules.length === 1 ? 'is' : 'are'} not checked out, so nothing in them was read: ${firstTen(off.submodules.map(rel)).join(', ')}; check them out (git submodule update --init --recursive) and run again`,
    );
  }
  return warnings;
}

/**
 * Whether the working tree at `root` can have tracked files off its disk: it is a sparse checkout
 * (its git directory holds `info/sparse-checkout`) or has submodules (`.gitmodules`). The audit
 * asks git only then, so that a repository git will not read (owned by another user) costs it no
 * warning where nothing could be missing; the codemod reads the listing it takes anyway.
 */
export function mayHaveFilesOffDisk(root: string): boolean {
  const gitDir = gitDirOf(root);
  return (
    fs.existsSync(path.join(root, '.gitmodules')) ||
    (gitDir !== null && fs.existsSync(path.join(gitDir, 'info', 'sparse-checkout')))
  );
}

/**
 * The listing of `dir` asked of git synchronously (the audit, after its walk), with the root of
 * its repository; null outside git or where git is not installed, and a sentence where git failed.
 */
export function indexListingOf(
  dir: string,
  root: string,
): (IndexListing & { root: string }) | null | { failed: string } {
  const r = spawnSync('git', INDEX_LISTING_ARGS, {
    ...gitProcessOptions(dir),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if ((r.error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT') return null;
  if (r.error || r.status !== 0) {
    if (r.status !== null && saysNotARepository(r.stderr)) return null;
    const said =
      r.status === null
        ? gitTimeoutWords(INDEX_LISTING_ARGS)
        : r.stderr.trim().split('\n')[0] || `git ls-files exited with ${r.status}`;
    return { failed: said };
  }
  return { ...parseIndexListing(r.stdout, dir), root };
}
