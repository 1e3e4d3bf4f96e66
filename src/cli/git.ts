/**
 * The git safety check: a migration is reviewed as a diff, so it must start
 * from a clean working tree. Runs git asynchronously so that it overlaps the
 * file walk.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { gitTimeoutMs, gitTimeoutWords, printable, saysNotARepository } from '../rewrite/light';

export type GitState =
  | { kind: 'clean'; root: string }
  | { kind: 'dirty'; root: string; changes: string[] }
  /** Not inside a git working tree, or git is not installed. */
  | { kind: 'none'; why: string }
  /** git ran and failed for another reason (dubious ownership, a broken repository…): its own message. */
  | { kind: 'error'; dir: string; message: string };

interface GitRun {
  ok: boolean;
  missing: boolean;
  stdout: string;
  stderr: string;
}

function git(cwd: string, args: string[]): Promise<GitRun> {
  return new Promise((resolve) => {
    // A git that hangs is stopped, and its failure said (gitTimeoutMs).
    execFile('git', args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, timeout: gitTimeoutMs(), killSignal: 'SIGKILL' }, (err, stdout, stderr) => {
      const missing = (err as NodeJS.ErrnoException | null)?.code === 'ENOENT';
      const stopped = err !== null && (err as { killed?: boolean }).killed === true;
      const said = stopped ? gitTimeoutWords(args) : (stderr ?? '');
      resolve({ ok: !err, missing, stdout: stdout ?? '', stderr: said });
    });
  });
}

/** The first lines git wrote, each printable(): what a broken git or repository prints may hold control characters. */
function firstLines(stderr: string): string {
  return stderr.trim().split('\n').slice(0, 6).map(printable).join('\n');
}

/** What to say when git fails: its message and the ways out. */
export function gitErrorMessage(state: Extract<GitState, { kind: 'error' }>): string {
  const owner = /dubious ownership|safe\.directory/.test(state.message);
  const dir = printable(state.dir);
  return (
    `git failed in ${dir}, so the working tree could not be checked for uncommitted changes:\n${state.message}\n` +
    (owner ? `If you trust this repository: git config --global --add safe.directory '${dir}'. ` : 'Fix what git reports, ') +
    'or pass --force to write without the check.'
  );
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

export async function gitState(target: string): Promise<GitState> {
  const dir = fs.statSync(target).isDirectory() ? target : path.dirname(target);
  // Both at once; porcelain paths are relative to the repository root whatever the cwd.
  const [top, status] = await Promise.all([
    git(dir, ['rev-parse', '--show-toplevel']),
    // Untracked files count: a migrated untracked file could not be reviewed or reverted. So do a
    // submodule's own changes, whatever `ignore` .gitmodules or the config sets for it.
    git(dir, ['status', '--porcelain=v1', '-z', '--untracked-files=normal', '--ignore-submodules=none']),
  ]);
  if (top.missing) return { kind: 'none', why: 'git is not installed' };
  // Only git's own "not a git repository" means no git: any other failure (a repository owned by
  // another user, a corrupt index…) would otherwise turn the dirty-tree check off in silence.
  if (!top.ok) {
    if (saysNotARepository(top.stderr)) return { kind: 'none', why: 'not a git repository' };
    return { kind: 'error', dir, message: firstLines(top.stderr) || 'git rev-parse failed' };
  }
  const root = top.stdout.trim();
  if (!status.ok) return { kind: 'error', dir: root, message: firstLines(status.stderr) || 'git status failed' };
  const changes = parsePorcelain(status.stdout);
  return changes.length > 0 ? { kind: 'dirty', root, changes } : { kind: 'clean', root };
}

/** One state for several (the paths given, the repositories the walk entered): dirty if any is, else a failure, else 'none' if any is outside git, else clean. */
export function combineGitStates(states: GitState[]): GitState {
  const dirty = states.filter((s): s is Extract<GitState, { kind: 'dirty' }> => s.kind === 'dirty');
  if (dirty.length > 0) {
    const roots = [...new Set(dirty.map((d) => d.root))];
    const changes = roots.flatMap((root) => dirty.find((d) => d.root === root)!.changes);
    return { kind: 'dirty', root: roots.join(', '), changes };
  }
  return states.find((s) => s.kind === 'error') ?? states.find((s) => s.kind === 'none') ?? states[0] ?? { kind: 'none', why: 'not a git repository' };
}
