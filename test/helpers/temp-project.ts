/**
 * Temporary projects on disk for the tests: a fresh folder holding the files given,
 * by default a git repository with everything committed (the codemod refuses to write
 * into a dirty tree, and the audit's --verify compares with HEAD).
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** Files by path relative to the project. */
export type Tree = Record<string, string | Buffer>;

export interface TempProjectOptions {
  /** A git repository with the files committed (default true). */
  git?: boolean;
  /** Start of the temp folder's name, to tell whose it is. */
  prefix?: string;
}

const made: string[] = [];

export function writeTree(dir: string, files: Tree): void {
  for (const [rel, content] of Object.entries(files)) {
    const file = path.join(dir, rel);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }
}

/** Runs git in `dir`; throws with git's stderr when it fails. */
export function gitIn(dir: string, ...args: string[]): string {
  try {
    return execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    throw new Error(`git ${args.join(' ')} failed: ${(err as { stderr?: string }).stderr ?? String(err)}`);
  }
}

/**
 * A new temp folder (real path: macOS and some CI tmp dirs are symlinks) holding `files`. Removed by
 * removeTempProjects.
 */
export function makeTempProject(
  files: Tree,
  { git = true, prefix = 'record-compat-' }: TempProjectOptions = {},
): string {
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), prefix)));
  made.push(dir);
  writeTree(dir, files);
  if (git) {
    fs.cpSync(emptyRepository(), path.join(dir, '.git'), { recursive: true });
    commitEverything(dir, 'legacy code');
  }
  return dir;
}

/**
 * `git add -A` and `git commit` in `dir`, in one process spawned from here: a test worker holds
 * a large heap (the shared declarations), and each process it spawns costs it a copy of its page tables.
 */
export function commitEverything(dir: string, message: string): void {
  try {
    execFileSync('sh', ['-c', 'git add -A && exec git commit -q --no-verify -m "$0"', message], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (err) {
    throw new Error(`git add -A && git commit failed: ${(err as { stderr?: Buffer }).stderr ?? String(err)}`);
  }
}

let emptyGitFolder: string | undefined;

/**
 * The .git folder of an empty repository with the tests' identity, made once per process and
 * copied into each project: four git processes fewer per project, on a busy machine a second.
 */
function emptyRepository(): string {
  if (emptyGitFolder && fs.existsSync(emptyGitFolder)) return emptyGitFolder;
  const dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-empty-repo-')));
  gitIn(dir, 'init', '-q');
  gitIn(dir, 'config', 'user.email', 'test@example.com');
  gitIn(dir, 'config', 'user.name', 'Test');
  gitIn(dir, 'config', 'core.autocrlf', 'false');
  // No `git maintenance run --auto` after each commit: a process per commit, for repositories of a few files.
  gitIn(dir, 'config', 'maintenance.auto', 'false');
  emptyGitFolder = path.join(dir, '.git');
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  return emptyGitFolder;
}

/** Removes every folder makeTempProject made so far. */
export function removeTempProjects(): void {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/**
 * Every file under `dir` except .git, by path with forward slashes, with its bytes (base64): to
 * prove a run wrote nothing, or what it wrote. `keep` narrows it: a folder it refuses is not
 * entered, a file it refuses is left out.
 */
export function snapshot(
  dir: string,
  keep: (rel: string, isFolder: boolean) => boolean = () => true,
): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const full = path.join(d, e.name);
      const rel = path.relative(dir, full).split(path.sep).join('/');
      if (e.isDirectory()) {
        if (keep(rel, true)) visit(full);
      } else if (e.isFile() && keep(rel, false)) out.set(rel, fs.readFileSync(full).toString('base64'));
    }
  };
  visit(dir);
  return out;
}
