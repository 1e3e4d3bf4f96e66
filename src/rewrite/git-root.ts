import { folderHolding } from './paths';

/** Nearest folder at or above `dir` holding `.git` (a folder, or a file for worktrees). */
export function findGitRoot(dir: string): string | null {
  return folderHolding(dir, '.git') ?? null;
}

/**
 * How long a git command may take before the tool stops it and counts it as failing. A git
 * that hangs (a stuck fsmonitor daemon, a network file system that stopped answering) would
 * otherwise hold a run without a word; a cold `git status` of a very large repository takes
 * seconds, not minutes. RECORD_COMPAT_GIT_TIMEOUT_MS overrides it.
 */
export function gitTimeoutMs(): number {
  return Number(process.env.RECORD_COMPAT_GIT_TIMEOUT_MS) || 120_000;
}

/** What to say of a git command stopped after gitTimeoutMs(). */
export function gitTimeoutWords(args: readonly string[]): string {
  return `git ${args[0]} did not answer within ${Math.round(gitTimeoutMs() / 1000)} s and was stopped`;
}

/** Whether git's message says the folder is in no repository: the one failure that means "no git" (any other is git failing). */
export function saysNotARepository(stderr: string): boolean {
  return /not a git repository/i.test(stderr);
}
