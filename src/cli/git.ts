/**
 * The git safety check: a migration is reviewed as a diff, so it must start
 * from a clean working tree.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

export type GitState =
  | { kind: 'clean'; root: string }
  | { kind: 'dirty'; root: string; changes: string[] }
  /** Not inside a git working tree, or git is not installed. */
  | { kind: 'none'; why: string };

function git(cwd: string, args: string[]) {
  return spawnSync('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

export function gitState(target: string): GitState {
  const dir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  if (top.error) return { kind: 'none', why: 'git is not installed' };
  if (top.status !== 0) return { kind: 'none', why: 'not a git repository' };
  const root = top.stdout.trim();
  // Untracked files count: a migrated untracked file could not be reviewed or reverted.
  const status = git(root, ['status', '--porcelain=v1', '-z', '--untracked-files=normal']);
  if (status.status !== 0) return { kind: 'none', why: `git status failed: ${status.stderr.trim()}` };
  const changes: string[] = [];
  const entries = status.stdout.split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.length < 4) continue;
    changes.push(`${entry.slice(0, 2).trim()} ${entry.slice(3)}`);
    // A rename or copy is followed by its source path, which has no status of its own.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return changes.length > 0 ? { kind: 'dirty', root, changes } : { kind: 'clean', root };
}
