import { folderHolding } from './paths';

/** Nearest folder at or above `dir` holding `.git` (a folder, or a file for worktrees). */
export function findGitRoot(dir: string): string | null {
  return folderHolding(dir, '.git') ?? null;
}
