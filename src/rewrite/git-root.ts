import * as fs from 'fs';
import * as path from 'path';
import { findUp } from './paths';

/** Nearest folder at or above `dir` holding `.git` (a folder, or a file for worktrees). */
export function findGitRoot(dir: string): string | null {
  return findUp(dir, (at) => (fs.existsSync(path.join(at, '.git')) ? at : undefined)) ?? null;
}
