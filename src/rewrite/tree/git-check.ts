/**
 * The git safety check: a migration is reviewed as a diff, so it must start
 * from a clean working tree. Runs git asynchronously so that it overlaps the
 * file walk. The CLI words a failure of git (src/cli/git.ts).
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { INDEX_LISTING_ARGS, parseIndexListing, type HiddenFile } from './git-index';
import { findGitRoot, gitDirOf, gitProcessOptions, gitTimeoutWords, saysNotARepository } from './git-root';
import { isAtOrUnder, toPosixPath } from './paths';
import { notStartedCode, notStartedWords } from './programs';

export type GitState =
  /**
   * `hidden`: the tracked files under the folder asked about whose changes git hides; `submodules`: those git tracks
   * under it;
   * `installed`: the install's files (INSTALL_FILES) with uncommitted changes, which pass the check (absolute paths).
   */
  | { kind: 'clean'; root: string; hidden: HiddenFile[]; submodules: string[]; installed: string[] }
  /**
   * `changes`: "XY path" lines of `git status`; `hidden`, `submodules`, `installed`: as for clean (run.ts keeps the
   * hidden files the run would rewrite, which alone make a tree dirty).
   */
  | { kind: 'dirty'; root: string; changes: string[]; hidden: HiddenFile[]; submodules: string[]; installed: string[] }
  /** Not inside a git working tree, or git is not installed. */
  | { kind: 'none'; why: string }
  /** git ran and failed for another reason (dubious ownership, a broken repository…): its own message. */
  | { kind: 'error'; dir: string; message: string };

interface GitRun {
  ok: boolean;
  missing: boolean;
  /** Killed before it answered: after gitTimeoutMs(), or by the run (GitChecks). */
  stopped: boolean;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: string[], stop?: AbortSignal): Promise<GitRun> {
  return new Promise((resolve) => {
    // A git that hangs is stopped, and its failure said (gitTimeoutMs).
    execFile(
      'git',
      args,
      { ...gitProcessOptions(cwd), encoding: 'utf8' as const, maxBuffer: 64 * 1024 * 1024, signal: stop },
      (err, stdout, stderr) => {
        const notStarted = notStartedCode(err);
        const missing = notStarted === 'ENOENT';
        const stopped = err !== null && (err as { killed?: boolean }).killed === true;
        // A git the PATH's search could not reach (a folder this user may not search) said so, not as git's failure.
        const said = stopped
          ? gitTimeoutWords(args)
          : notStarted && !missing
            ? notStartedWords('git', notStarted)
            : (stderr ?? '');
        resolve({ ok: !err, missing, stopped, stdout: stdout ?? '', stderr: said });
      },
    );
  });
}

/**
 * The first lines git wrote, as it wrote them: what a broken git or repository prints may hold control characters,
 * shown printable() where it is printed.
 */
function firstLines(stderr: string): string {
  return stderr.trim().split('\n').slice(0, 6).join('\n');
}

/**
 * The files installing this tool changes: a package manifest and the lockfiles. The run never
 * writes them, so their uncommitted changes do not hide its own: they pass the check (named in
 * the summary), and `npm install` then the migration needs no commit in between.
 */
const INSTALL_FILES = new Set([
  'package.json',
  'package-lock.json',
  'npm-shrinkwrap.json',
  'yarn.lock',
  'pnpm-lock.yaml',
  'bun.lock',
  'bun.lockb',
]);

/** An "XY path" line of one of INSTALL_FILES, changed or new (not deleted, renamed or in conflict). */
function isInstallChange(change: string): boolean {
  const space = change.indexOf(' ');
  return /^[MA?]+$/.test(change.slice(0, space)) && INSTALL_FILES.has(path.posix.basename(change.slice(space + 1)));
}

/** Parses `git status --porcelain=v1 -z` into "XY path" lines. */
export function parsePorcelain(out: string): string[] {
  const changes: string[] = [];
  const entries = out.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.length < 4) continue;
    changes.push(`${entry.slice(0, 2).trim()} ${entry.slice(3)}`);
    // A rename or copy is followed by its source path, which has no status of its own.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return changes;
}

/**
 * The folder git is asked in for `target`: a path named by a name that is not UTF-8 opens nothing (the walk says so),
 * so its folder is asked.
 */
function folderOf(target: string): string {
  return fs.statSync(target, { throwIfNoEntry: false })?.isDirectory() ? target : path.dirname(target);
}

/**
 * The state of the working tree holding `target`. `stop` aborted (GitChecks) kills the git still
 * running, and the state is then a failure saying why (the abort's reason), whatever git answered.
 */
export async function gitState(target: string, stop?: AbortSignal): Promise<GitState> {
  const dir = folderOf(target);
  // Both at once; porcelain paths are relative to the repository root whatever the cwd, ls-files's to the cwd.
  const [listed, status] = await Promise.all([
    // `git status` does not look into files git was told not to compare (skip-worktree,
    // assume-unchanged), nor says what it tracks that is not on the disk: the index listing
    // names them. Its failure also says whether there is a repository at all, so no third git
    // process asks that.
    git(dir, [...INDEX_LISTING_ARGS], stop),
    // Untracked files count: a migrated untracked file could not be reviewed or reverted. So do a
    // submodule's own changes, whatever `ignore` .gitmodules or the config sets for it.
    git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=normal', '--ignore-submodules=none'], stop),
  ]);
  if (stop?.aborted) {
    const root = findGitRoot(path.resolve(dir)) ?? dir;
    return { kind: 'error', dir: root, message: String(stop.reason) + lockLeftWords(root) };
  }
  if (listed.missing) return { kind: 'none', why: 'git is not installed' };
  // Only git's own "not a git repository" means no git: any other failure (a repository owned by
  // another user, a corrupt index…) would otherwise turn the dirty-tree check off in silence.
  if (!listed.ok) {
    if (saysNotARepository(listed.stderr)) return { kind: 'none', why: 'not a git repository' };
    return {
      kind: 'error',
      dir,
      message: (firstLines(listed.stderr) || 'git ls-files failed') + (listed.stopped ? lockLeftWords(dir) : ''),
    };
  }
  // The root as the walk finds it (the folder holding .git); git's own answer only where there is
  // none to find (GIT_DIR set in the environment).
  const root =
    findGitRoot(path.resolve(dir)) ?? ((await git(dir, ['rev-parse', '--show-toplevel'])).stdout.trim() || dir);
  if (!status.ok)
    return {
      kind: 'error',
      dir: root,
      message: (firstLines(status.stderr) || 'git status failed') + (status.stopped ? lockLeftWords(root) : ''),
    };
  const all = parsePorcelain(status.stdout);
  const changes = all.filter((change) => !isInstallChange(change));
  const installed = all.filter(isInstallChange).map((change) => path.join(root, change.slice(change.indexOf(' ') + 1)));
  const { hidden, submodules } = parseIndexListing(listed.stdout, dir);
  return changes.length > 0
    ? { kind: 'dirty', root, changes, hidden, submodules, installed }
    : { kind: 'clean', root, hidden, submodules, installed };
}

/** A change ("XY path") of the repository at `root`, inside the one at `outer`, as `outer` names it. */
function changeInside(change: string, root: string, outer: string, submodule: boolean): string {
  const space = change.indexOf(' ');
  const where = toPosixPath(path.relative(outer, root));
  return `${change.slice(0, space)} ${where}/${change.slice(space + 1)} (in ${submodule ? 'submodule' : 'the repository'} ${where})`;
}

/**
 * After a git this run stopped in `dir`: a line naming its repository's `index.lock` if there is
 * one. The run's git takes no optional lock (gitProcessOptions), so the lock is not of its making,
 * but the next `git commit` there fails on it all the same.
 */
function lockLeftWords(dir: string): string {
  const root = findGitRoot(path.resolve(dir));
  const gitDir = root === null ? null : gitDirOf(root);
  const lock = gitDir === null ? null : path.join(gitDir, 'index.lock');
  if (lock === null || !fs.existsSync(lock)) return '';
  return `\n${lock} exists (another git command holds it, or one that crashed left it: this run's git takes no lock); remove it if no git command is running`;
}

/**
 * The checks of a run's working trees (gitState), under way while the walk goes on: the paths
 * given, then each repository the walk enters. The check of a repository whose ignore files the
 * walk found a FIFO among is stopped: git, opening that file, would wait until something writes
 * to it, and the run with it, to the timeout.
 */
export class GitChecks {
  private readonly checks: { root: string | null; stop: AbortController; state: Promise<GitState> }[] = [];

  /** Starts the check of the working tree holding `target`. */
  ask(target: string): void {
    const stop = new AbortController();
    this.checks.push({ root: findGitRoot(path.resolve(folderOf(target))), stop, state: gitState(target, stop.signal) });
  }

  /**
   * Stops the checks git would hang in: those of the repository whose rules a FIFO among `fifos`
   * holds, and of any repository around it (its `git status` goes into a submodule's).
   */
  stopWhereGitWaits(fifos: readonly { file: string; repository: string | null }[]): void {
    for (const check of this.checks) {
      const fifo = fifos.find(
        (f) => f.repository !== null && check.root !== null && isAtOrUnder(f.repository, check.root),
      );
      if (fifo === undefined) continue;
      check.stop.abort(
        `git status was stopped, as it would not answer: it reads ${fifo.file}, a FIFO (named pipe), and git waits on a FIFO until something writes to it; make it a regular file`,
      );
    }
  }

  /** Stops every check still under way (a signal ended the run): no git is left running behind it. */
  stopAll(reason: string): void {
    for (const check of this.checks) check.stop.abort(reason);
  }

  /** Every check's state, in the order asked. */
  states(): Promise<GitState[]> {
    return Promise.all(this.checks.map((check) => check.state));
  }
}

/**
 * What git is in the middle of in the working tree at `root` that a clean tree does not show
 * (a rebase stopped at a commit to edit, a bisect, another git command holding the index): a
 * warning each, for the run writes anyway.
 */
export function gitBusyWith(root: string, show: (file: string) => string): string[] {
  const gitDir = gitDirOf(root);
  if (gitDir === null) return [];
  const has = (name: string) => fs.existsSync(path.join(gitDir, name));
  const said: string[] = [];
  if (has('rebase-merge') || has('rebase-apply')) {
    said.push(
      `a rebase (or git am) is in progress in the repository at ${show(root)}: what this run writes goes into the commit you amend or make next; finish it (git rebase --continue) or abort it (git rebase --abort) first unless that is meant`,
    );
  }
  if (has('BISECT_LOG')) {
    said.push(
      `a bisect is in progress in the repository at ${show(root)}, so the files are those of a commit under test: end it (git bisect reset) and run again on your branch`,
    );
  }
  if (has('index.lock')) {
    said.push(
      `git's index is locked in the repository at ${show(root)} (${show(path.join(gitDir, 'index.lock'))} exists): another git command may be changing files during this run; if none is running, one that crashed left the lock: remove that file`,
    );
  }
  return said;
}

/**
 * Keeps, of each state's hidden files, those `rewritten` holds (the files the run would
 * rewrite): a tree with one of them is dirty, as a file with uncommitted changes makes it,
 * since its migration would not show in git either.
 */
export function keepHidden(state: GitState, rewritten: (file: string) => boolean): GitState {
  if (state.kind !== 'clean' && state.kind !== 'dirty') return state;
  const hidden = state.hidden.length === 0 ? state.hidden : state.hidden.filter((h) => rewritten(h.file));
  if (state.kind === 'dirty') return { ...state, hidden };
  return hidden.length > 0
    ? { kind: 'dirty', root: state.root, changes: [], hidden, submodules: state.submodules, installed: state.installed }
    : { ...state, hidden };
}

/**
 * Drops, from a dirty state's changes, the untracked files and folders (`?? .swc/`) that lie outside every path of
 * `scopes` (absolute: what the run reads or writes) and hold none of them: a tool's cache at the repository's root is
 * no part of the migration's diff. Changes to tracked files count wherever they are.
 */
export function withoutUntrackedOutside(state: GitState, scopes: readonly string[]): GitState {
  if (state.kind !== 'dirty') return state;
  const touches = (change: string) => {
    if (!change.startsWith('?? ')) return true;
    const untracked = path.resolve(state.root, change.slice(3));
    return scopes.some((scope) => isAtOrUnder(untracked, scope) || isAtOrUnder(scope, untracked));
  };
  const changes = state.changes.filter(touches);
  if (changes.length > 0 || state.hidden.length > 0) return { ...state, changes };
  const { root, hidden, submodules, installed } = state;
  return { kind: 'clean', root, hidden, submodules, installed };
}

/**
 * One state for several (the paths given, the repositories the walk entered): dirty if any is,
 * else a failure, else 'none' if any is outside git, else clean. The changes of a repository
 * inside another one named (a submodule, a clone in the tree) are named from that one's root, with
 * the repository they are in: `sub/src/f1.js (in submodule sub)`, not `src/f1.js`. The install's
 * files of every state pass on to the one.
 */
export function combineGitStates(states: GitState[]): GitState {
  const installed = [
    ...new Set(states.flatMap((s) => (s.kind === 'clean' || s.kind === 'dirty' ? s.installed : []))),
  ].sort();
  const combined = combinedState(states);
  return combined.kind === 'clean' || combined.kind === 'dirty' ? { ...combined, installed } : combined;
}

function combinedState(states: GitState[]): GitState {
  const dirty = states.filter((s): s is Extract<GitState, { kind: 'dirty' }> => s.kind === 'dirty');
  if (dirty.length > 0) {
    // The roots named are those with uncommitted changes, else those with hidden files; not those inside another.
    const changed = dirty.filter((d) => d.changes.length > 0);
    const dirtyRoots = [...new Set((changed.length > 0 ? changed : dirty).map((d) => d.root))];
    /** The outermost of the roots `root` lies inside, if any. */
    const outerOf = (root: string) =>
      dirtyRoots.filter((outer) => outer !== root && isAtOrUnder(root, outer)).sort((a, b) => a.length - b.length)[0];
    const roots = dirtyRoots.filter((root) => outerOf(root) === undefined);
    const submodules = new Set(states.flatMap((s) => (s.kind === 'clean' || s.kind === 'dirty' ? s.submodules : [])));
    const changes = dirtyRoots.flatMap((root) => {
      const own = dirty.find((d) => d.root === root && d.changes.length > 0)?.changes ?? [];
      const outer = outerOf(root);
      return outer === undefined ? own : own.map((change) => changeInside(change, root, outer, submodules.has(root)));
    });
    const hidden = [...new Map(dirty.flatMap((d) => d.hidden).map((h) => [h.file, h])).values()];
    return {
      kind: 'dirty',
      root: roots.join(', '),
      changes,
      hidden,
      submodules: dirty.flatMap((d) => d.submodules),
      installed: [],
    };
  }
  return (
    states.find((s) => s.kind === 'error') ??
    states.find((s) => s.kind === 'none') ??
    states[0] ?? { kind: 'none', why: 'not a git repository' }
  );
}
