import * as fs from 'fs';
import * as path from 'path';

/** Nearest folder at or above `dir` holding `.git` (a folder, or a file for worktrees). */
export function findGitRoot(dir: string): string | null {
  let cur = dir;
  for (;;) {
    if (fs.existsSync(path.join(cur, '.git'))) return cur;
    const up = path.dirname(cur);
    if (up === cur) return null;
    cur = up;
  }
}
