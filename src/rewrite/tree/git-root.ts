import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { OptionsError } from '../rules/options-schema';
import { folderHolding, keepUndecodable } from './paths';

/** Nearest folder at or above `dir` holding `.git` (a folder, or a file for worktrees). */
export function findGitRoot(dir: string): string | null {
  return folderHolding(dir, '.git') ?? null;
}

/**
 * The git directory of the working tree at `root`: `<root>/.git` in a plain checkout; where
 * `.git` is a file (`gitdir: …`: a linked worktree, a submodule), the directory it names. Null
 * when `.git` names no git directory that can be read.
 */
export function gitDirOf(root: string): string | null {
  const dotGit = path.join(root, '.git');
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dotGit);
  } catch {
    return null;
  }
  if (stat.isDirectory()) return dotGit;
  try {
    const named = /^gitdir:[^\S\n]*(.*?)\s*$/m.exec(fs.readFileSync(dotGit, 'utf8'));
    return !named || named[1] === '' ? null : path.resolve(root, named[1]);
  } catch {
    return null;
  }
}

/**
 * The folder of a working tree's repository that holds `info/exclude`: its git directory
 * (gitDirOf), or for a linked worktree the common directory its `commondir` names. Null when
 * `.git` names no git directory that can be read.
 */
export function gitCommonDir(root: string): string | null {
  const gitDir = gitDirOf(root);
  if (gitDir === null || gitDir === path.join(root, '.git')) return gitDir;
  try {
    const common = fs.readFileSync(path.join(gitDir, 'commondir'), 'utf8').trim();
    if (common !== '') return path.resolve(gitDir, common);
  } catch {
    // no commondir: the git directory is its own (a submodule, a separate git dir)
  }
  return gitDir;
}

/**
 * How long a git command may take before the tool stops it and counts it as failing. A git
 * that hangs (a stuck fsmonitor daemon, a network file system that stopped answering) would
 * otherwise hold a run without a word; a cold `git status` of a very large repository takes
 * seconds, not minutes. RECORD_COMPAT_GIT_TIMEOUT_MS overrides it; a value that is not a
 * whole number of milliseconds a timer can hold is an option error, not a silent default.
 */
export function gitTimeoutMs(): number {
  const value = process.env[GIT_TIMEOUT_ENV];
  if (value === undefined || value.trim() === '') return 120_000;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 1 || ms > MAX_TIMER_MS) {
    throw new OptionsError(
      `${GIT_TIMEOUT_ENV}=${value}: expected a whole number of milliseconds, from 1 to ${MAX_TIMER_MS} (about 24 days)`,
    );
  }
  return ms;
}

export const GIT_TIMEOUT_ENV = 'RECORD_COMPAT_GIT_TIMEOUT_MS';
/** The longest delay Node's timers (and a child process's timeout) take: a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * How every git this tool runs is started (the walk's questions, the codemod's check of the
 * working tree, the audit's index listing and --verify): in `cwd`, stopped after gitTimeoutMs(),
 * and with git's optional locks off (GIT_OPTIONAL_LOCKS=0, as `git --no-optional-locks`, which
 * the git processes it starts inherit, a submodule's status among them). Otherwise `git status`
 * takes `.git/index.lock` to write back what it refreshed, and one stopped while it holds it
 * (waiting on a slow fsmonitor hook, on a FIFO) leaves it there: the user's next commit fails.
 */
export function gitProcessOptions(cwd: string): {
  cwd: string;
  env: NodeJS.ProcessEnv;
  timeout: number;
  killSignal: 'SIGKILL';
} {
  return { cwd, env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' }, timeout: gitTimeoutMs(), killSignal: 'SIGKILL' };
}

/** What to say of a git command stopped after gitTimeoutMs(). */
export function gitTimeoutWords(args: readonly string[]): string {
  return `git ${args[0]} did not answer within ${Math.round(gitTimeoutMs() / 1000)} s and was stopped`;
}

/**
 * The way out when git refuses a repository owned by another user (`detected dubious ownership`,
 * the usual Docker setup), or undefined for any other failure: said by the codemod's refusal and
 * by the audit's --verify alike.
 */
export function trustTheRepository(
  gitMessage: string,
  dir: string,
  show: (text: string) => string = (text) => text,
): string | undefined {
  if (!/dubious ownership|safe\.directory/.test(gitMessage)) return undefined;
  return `if you trust this repository: git config --global --add safe.directory '${show(dir)}'`;
}

/**
 * Whether git's message says the folder is in no repository: the one failure that means "no git"
 * (any other is git failing). Only git's "(or any of the parent directories)" / "(or any parent up
 * to mount point …)" says that: "not a git repository: <path>" is a `.git` file or GIT_DIR naming a
 * git directory that is gone (a linked worktree whose main repository was moved), a repository
 * that holds uncommitted work git cannot show.
 */
export function saysNotARepository(stderr: string): boolean {
  return /not a git repository \(or any/i.test(stderr);
}

/**
 * The walk's questions to git, asked synchronously (at most a few per repository the walk
 * enters). Once git could not answer (not installed, stopped after gitTimeoutMs()), it is not
 * asked again in this walk, and every answer is null: the walk then does without, as with no git.
 */
export class WalkGit {
  private gone = false;
  /**
   * The repositories where git refused to list the files it tracks (one owned by another user, a
   * broken index), with git's first line: files there that a rule matches were skipped as ignored,
   * tracked or not, which the walk must say.
   */
  readonly refused = new Map<string, string>();

  /** git's answer, its output as bytes: a path git prints may be a name that is not UTF-8. */
  private run(cwd: string, args: string[]): { status: number; stdout: Buffer; stderr: string } | null {
    if (this.gone) return null;
    const r = spawnSync('git', args, {
      ...gitProcessOptions(cwd),
      encoding: 'buffer',
      maxBuffer: 256 * 1024 * 1024,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (r.error || r.status === null) {
      this.gone = true;
      return null;
    }
    return { status: r.status, stdout: r.stdout, stderr: r.stderr.toString('utf8') };
  }

  /**
   * What git's configuration for the repository at `root` says of ignore rules: the user's own
   * ignore file (`core.excludesFile`, by default `$XDG_CONFIG_HOME/git/ignore`, or
   * `~/.config/git/ignore` where XDG_CONFIG_HOME is unset or empty; null when git cannot say),
   * and whether rules match regardless of case (`core.ignoreCase`; undefined when git cannot say).
   * One question to git, a second only for a file named from the home folder (`~/…`), which git expands.
   */
  ignoreConfig(root: string): { excludesFile: string | null; ignoreCase: boolean | undefined } {
    const r = this.run(root, ['config', '-z', '--get-regexp', '^core\\.(excludesfile|ignorecase)$']);
    // 1: neither is set; anything else is git failing
    if (r === null || (r.status !== 0 && r.status !== 1)) return { excludesFile: null, ignoreCase: undefined };
    let named: string | undefined;
    let ignoreCase = false; // git's default where core.ignoreCase is not set
    for (const entry of r.stdout.toString('utf8').split('\0')) {
      // `key\nvalue`, or `key` alone for a key written without a value (a boolean's true); the last one counts
      const [key, value] = entry.includes('\n')
        ? [entry.slice(0, entry.indexOf('\n')), entry.slice(entry.indexOf('\n') + 1)]
        : [entry, null];
      if (key === 'core.excludesfile' && value !== null) named = value;
      else if (key === 'core.ignorecase') ignoreCase = gitBoolean(value) ?? ignoreCase;
    }
    return { excludesFile: this.excludesFileFrom(root, named), ignoreCase };
  }

  /** The user's ignore file, from the value core.excludesFile holds (undefined: not set). */
  private excludesFileFrom(root: string, named: string | undefined): string | null {
    if (named !== undefined && /^(~|%\()/.test(named)) {
      // `~/…`, `~user/…`, `%(prefix)/…`: expanded as git expands them, by git
      const r = this.run(root, ['config', '--path', '--get', 'core.excludesFile']);
      named = r !== null && r.status === 0 ? r.stdout.toString('utf8').replace(/\r?\n$/, '') : '';
    }
    if (named !== undefined) return named === '' ? null : path.resolve(root, named);
    const xdg = process.env.XDG_CONFIG_HOME;
    if (xdg) return path.join(xdg, 'git', 'ignore');
    const home = process.env.HOME;
    return home ? path.join(home, '.config', 'git', 'ignore') : null;
  }

  /**
   * The files git tracks in the repository at `root` (absolute, sorted); null when git cannot say.
   * Asked without git's ignore rules (no --exclude-standard): an ignore file git would wait on (a
   * FIFO) cannot hold the walk, and the walk, which applies the rules, asks only of paths they match.
   */
  trackedFiles(root: string): string[] | null {
    const r = this.run(root, ['ls-files', '-z', '--cached']);
    if (r === null) return null;
    if (r.status !== 0) {
      // "No repository here" (a folder merely named .git) changes nothing: there is nothing git tracks.
      if (!saysNotARepository(r.stderr))
        this.refused.set(root, r.stderr.trim().split('\n')[0] || `git ls-files exited with ${r.status}`);
      return null;
    }
    // Each path's bytes kept (keepUndecodable): the walk names one that is not UTF-8 rather than miss it.
    const files: string[] = [];
    for (let start = 0; start < r.stdout.length;) {
      const end = r.stdout.indexOf(0, start);
      const stop = end === -1 ? r.stdout.length : end;
      if (stop > start) files.push(path.join(root, keepUndecodable(r.stdout.subarray(start, stop))));
      start = stop + 1;
    }
    return files.sort();
  }
}

/**
 * A boolean as git reads one from its configuration: true, yes, on, or a number other than 0
 * (and a key written without a value) are true; false, no, off, 0 and the empty value false,
 * regardless of case. Undefined for anything else, which git itself refuses.
 */
function gitBoolean(value: string | null): boolean | undefined {
  if (value === null) return true;
  const word = value.toLowerCase();
  if (word === 'true' || word === 'yes' || word === 'on') return true;
  if (word === 'false' || word === 'no' || word === 'off' || word === '') return false;
  const number = /^[-+]?(0x[0-9a-f]+|[0-9]+)[kmg]?$/.exec(word);
  return number ? Number(number[1]) !== 0 : undefined;
}
