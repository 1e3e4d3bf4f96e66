import { OptionsError } from './options-schema';
import { folderHolding } from './paths';

/** Nearest folder at or above `dir` holding `.git` (a folder, or a file for worktrees). */
export function findGitRoot(dir: string): string | null {
  return folderHolding(dir, '.git') ?? null;
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
    throw new OptionsError(`${GIT_TIMEOUT_ENV}=${value}: expected a whole number of milliseconds, from 1 to ${MAX_TIMER_MS} (about 24 days)`);
  }
  return ms;
}

export const GIT_TIMEOUT_ENV = 'RECORD_COMPAT_GIT_TIMEOUT_MS';
/** The longest delay Node's timers (and a child process's timeout) take: a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** What to say of a git command stopped after gitTimeoutMs(). */
export function gitTimeoutWords(args: readonly string[]): string {
  return `git ${args[0]} did not answer within ${Math.round(gitTimeoutMs() / 1000)} s and was stopped`;
}

/** Whether git's message says the folder is in no repository: the one failure that means "no git" (any other is git failing). */
export function saysNotARepository(stderr: string): boolean {
  return /not a git repository/i.test(stderr);
}
