/**
 * Fault injection: the codemod under a full disk, failing git, unreadable folders, links,
 * FIFOs, files edited while it runs, signals, and hostile input. The contract (docs/codemod.md,
 * "Safety"): every file ends byte-identical to its original or to a clean run's output,
 * every file not written is reported with a reason, the summary (and --json) always comes.
 *
 * Some cases need root (a tmpfs mount, chown to another user) or an unprivileged user;
 * where the machine cannot provide one, the case is skipped with the reason in its name.
 */
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setIoHooks } from '../../src/files/io';
import type { RunResult } from '../../src/cli/run-result';
import type { Tree } from '../helpers/temp-project';
import { unprivileged } from '../helpers/other-user';
import { gitIn } from '../helpers/temp-project';
import {
  assertBuilt,
  BIN,
  cleanupProjects,
  makeProject,
  migrateInProcess,
  PLAIN,
  read,
  readBytes,
  runCli,
  runCliAsync,
  runJson,
  snapshot,
  WX_PAGE,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

/** A package.json that lists the runtime the rewritten files import: the run has nothing to say of it. */
const LISTS_RUNTIME = JSON.stringify({ dependencies: { 'record-compat-runtime': '^0.1.0' } });

const isRoot = process.getuid?.() === 0;

/** A 23 KB legacy file: a call, then filler that still parses if cut anywhere at a line end. */
function bigLegacyFile(i: number): string {
  let text = `wx.startRecord({ success(res) { console.log(res.tempFilePath, ${i}) } })\n`;
  while (text.length < 23_000) text += `export const v${text.length} = ${text.length} // filler line\n`;
  return text;
}

/** Runs the codemod in this process (src, not dist) and returns the result. */
async function runInProcess(
  dir: string,
  args: string[] = ['.', '--force'],
): Promise<Extract<RunResult, { kind: 'done' }>> {
  const r = await migrateInProcess(args, dir);
  if (r.kind !== 'done') throw new Error(`expected a finished run, got ${JSON.stringify(r)}`);
  return r;
}

/** The bytes a clean run writes for each file of `files`. */
function cleanOutputs(files: Record<string, string>): Map<string, string> {
  const dir = makeProject(files);
  const r = runCli(dir, ['.']);
  if (r.code !== 0) throw new Error(`clean run failed: ${r.stdout}${r.stderr}`);
  return new Map(Object.keys(files).map((rel) => [rel, read(dir, rel)]));
}

function leftoverTemps(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((f) => f.includes('record-compat-tmp'));
}

/**
 * Why extended attributes cannot be set and seen here (null: they can): setfattr, setfacl and getfattr, on a file
 * system that keeps user attributes.
 */
const noAttributes = ((): string | null => {
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-xattr-probe-'));
  try {
    fs.writeFileSync(path.join(probe, 'f'), '');
    execFileSync('setfattr', ['-n', 'user.probe', '-v', '1', path.join(probe, 'f')], { stdio: 'ignore' });
    execFileSync('setfacl', ['-m', 'u:65534:r', path.join(probe, 'f')], { stdio: 'ignore' });
    execFileSync('getfattr', ['--version'], { stdio: 'ignore' });
    return null;
  } catch (err) {
    return `needs setfattr, setfacl and getfattr (packages attr, acl) and a file system with user attributes: ${(err as Error).message.split('\n')[0]}`;
  } finally {
    fs.rmSync(probe, { recursive: true, force: true });
  }
})();

const canMount = (() => {
  if (!isRoot || process.platform !== 'linux') return false;
  const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    fs.rmdirSync(probe);
  }
})();

describe('a full disk', () => {
  it.skipIf(!canMount)(
    `tmpfs with 8 KB free: every file fails with ENOSPC, nothing is truncated, exit 1${canMount ? '' : ' (skipped: needs root and mount)'}`,
    () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-tmpfs-'));
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', dir]);
      try {
        const files: Record<string, string> = {};
        for (let i = 0; i < 10; i++) files[`src/a${i}.js`] = bigLegacyFile(i);
        for (const [rel, text] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
          fs.writeFileSync(path.join(dir, rel), text);
        }
        const free = Number(
          execFileSync('df', ['-k', '--output=avail', dir], { encoding: 'utf8' }).trim().split('\n')[1],
        );
        // Leave 8 KB: the first write of each file is short, the next one fails.
        if (free > 8)
          execFileSync('dd', ['if=/dev/zero', `of=${path.join(dir, 'fill')}`, 'bs=1k', `count=${free - 8}`], {
            stdio: 'ignore',
          });
        const { code, report } = runJson(dir, ['src']);
        expect(code).toBe(1);
        expect(report.exitCode).toBe(1);
        expect(report.summary.failed + report.summary.changed).toBe(10);
        expect(report.summary.failed).toBeGreaterThan(0);
        for (const f of report.failures)
          expect(f.reason).toMatch(/^could not write \(the original is untouched\): ENOSPC/);
        const written = new Set(
          report.files.filter((f: { status: string }) => f.status === 'changed').map((f: { path: string }) => f.path),
        );
        for (const [rel, text] of Object.entries(files)) {
          if (!written.has(rel)) expect(read(dir, rel), rel).toBe(text);
        }
        expect(fs.readdirSync(path.join(dir, 'src')).filter((f) => f.includes('tmp'))).toEqual([]);
      } finally {
        execFileSync('umount', [dir]);
        fs.rmdirSync(dir);
      }
    },
  );

  // The same failures through the I/O layer itself, on any machine.
  for (const [fault, reason] of [
    ['short', /short write: \d+ of \d+ bytes reached the disk/],
    ['enospc', /ENOSPC: no space left on device/],
    ['lost', /the bytes read back differ from the bytes written/],
    ['rename', /rename failed/],
  ] as const) {
    it(`an injected ${fault} write: the file fails, its original stays byte for byte, the others are written`, () => {
      const files = {
        'a.js': WX_PAGE,
        'b.js': WX_PAGE.replace('onStart', 'onBegin'),
        'c.js': WX_PAGE.replace('onStop', 'onEnd'),
      };
      const dir = makeProject(files);
      const r = runCli(dir, ['.', '--json'], { RECORD_COMPAT_TEST_FAULT: `${fault}@2` });
      const report = JSON.parse(r.stdout);
      expect(r.code).toBe(1);
      expect(report.summary).toMatchObject({ changed: 2, failed: 1 });
      expect(report.failures).toEqual([
        { path: 'b.js', line: null, column: null, reason: expect.stringMatching(reason) },
      ]);
      expect(read(dir, 'b.js')).toBe(files['b.js']);
      expect(read(dir, 'a.js')).not.toBe(files['a.js']);
      expect(leftoverTemps(dir)).toEqual([]);
    });
  }

  // An append-only folder (chattr +a, as root on a file system that has it) lets a file be created, not replaced nor
  // removed.
  const appendOnlySkip = (() => {
    if (!isRoot) return 'needs root for chattr';
    const probe = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-chattr-'));
    const works = spawnSync('chattr', ['+a', probe]).status === 0;
    spawnSync('chattr', ['-a', probe]);
    fs.rmSync(probe, { recursive: true, force: true });
    return works ? null : 'chattr +a does not work here';
  })();

  it.skipIf(appendOnlySkip !== null)(
    'a rename refused in an append-only folder: the file fails, and the temporary file that could not be removed is named',
    () => {
      const dir = makeProject({ 'pages/index.js': WX_PAGE });
      execFileSync('chattr', ['+a', path.join(dir, 'pages')]);
      try {
        const r = runCli(dir, ['.', '--json']);
        expect(r.code).toBe(1);
        expect(JSON.parse(r.stdout).failures).toEqual([
          {
            path: 'pages/index.js',
            line: null,
            column: null,
            reason: expect.stringMatching(
              /; its temporary file \.index\.js\.\d+\.\d+\.record-compat-tmp could not be removed \(EPERM\): delete it$/,
            ),
          },
        ]);
        expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
      } finally {
        execFileSync('chattr', ['-a', path.join(dir, 'pages')]);
      }
    },
  );

  it.each([
    ['the local runtime copy', 'short@1'],
    ['the declaration file beside it', 'short@2'],
  ])(
    'a short write of %s (the first writes of a run) stops the run before any source is written, and leaves no copy',
    (_what, fault) => {
      const files = {
        'miniprogram/app.json': '{"pages":[]}',
        'miniprogram/app.js': 'App({})\n',
        'miniprogram/pages/index.js': WX_PAGE,
        'project.config.json': '{"miniprogramRoot":"miniprogram/"}',
      };
      const dir = makeProject(files);
      const before = snapshot(dir);
      const r = runCli(dir, ['.', '--runtime', 'local', '--json'], { RECORD_COMPAT_TEST_FAULT: fault });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({
        refused: {
          reason: 'runtimeCopy',
          message: expect.stringMatching(/could not write the runtime copy .*short write.*; no file was written$/),
        },
      });
      expect(snapshot(dir)).toEqual(before);
    },
  );

  it.each([
    ['runtime copy', 'short@appB/utils/record-compat.js', 'js'],
    // The copy's .js is on disk by then: it goes again, a copy is written whole or not at all.
    ["runtime copy's declaration file", 'short@appB/utils/record-compat.d.ts', 'd.ts'],
  ])(
    "a short write of a second mini-program's %s, after a source's write was queued, fails that mini-program's files and leaves them and no copy",
    (_what, fault, part) => {
      const app = '{"pages":["pages/p/p"]}';
      const files = {
        'appA/app.json': app,
        'appA/pages/p/p.js': WX_PAGE,
        'appB/app.json': app,
        'appB/pages/p/p.js': WX_PAGE,
        'appB/pages/q/q.js': WX_PAGE,
      };
      const dir = makeProject(files);
      // appA's copy and its declaration file are written as appA's page is queued, appB's as appB's first page is; the
      // pages once their extended attributes are known (asked in a batch), so the fault names the file it hits.
      const r = runCli(dir, ['.', '--runtime', 'local', '--json'], { RECORD_COMPAT_TEST_FAULT: fault });
      expect(r.code).toBe(1);
      const report = JSON.parse(r.stdout);
      expect(report.summary).toMatchObject({ changed: 1, failed: 2 });
      const reason = expect.stringMatching(
        new RegExp(
          `^could not write the runtime copy appB/utils/record-compat\\.${part.replace('.', '\\.')} it would import \\(.*short write.*\\); left as it is$`,
        ),
      );
      expect(report.failures).toEqual([
        { path: 'appB/pages/p/p.js', line: null, column: null, reason },
        { path: 'appB/pages/q/q.js', line: null, column: null, reason },
      ]);
      const families = ['record'];
      expect(report.runtime.copies).toEqual([
        { file: 'appA/utils/record-compat.js', written: true, families },
        { file: 'appA/utils/record-compat.d.ts', written: true, families },
        { file: 'appB/utils/record-compat.js', written: false, families },
        { file: 'appB/utils/record-compat.d.ts', written: false, families },
      ]);
      expect(read(dir, 'appB/pages/p/p.js')).toBe(WX_PAGE);
      expect(read(dir, 'appB/pages/q/q.js')).toBe(WX_PAGE);
      expect(fs.existsSync(path.join(dir, 'appB/utils/record-compat.js'))).toBe(false);
      expect(fs.existsSync(path.join(dir, 'appB/utils/record-compat.d.ts'))).toBe(false);
      expect(read(dir, 'appA/pages/p/p.js')).toContain("require('../../utils/record-compat')");
      expect(leftoverTemps(dir)).toEqual([]);
    },
  );
});

describe('git failing', () => {
  // An empty global config: a safe.directory of the machine's own must not hide the failure.
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-gitcfg-'));
  fs.writeFileSync(path.join(configDir, 'gitconfig'), '');
  afterAll(() => fs.rmSync(configDir, { recursive: true, force: true }));
  const gitEnv = () => ({ GIT_CONFIG_GLOBAL: path.join(configDir, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1' });

  it('a git that hangs is stopped after RECORD_COMPAT_GIT_TIMEOUT_MS and said: the run refuses (--force writes, --dry goes on), audit --verify says one sentence', () => {
    // A git that answers only after 20 s, first on PATH.
    const slow = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-slowgit-'));
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(slow, 'git'), `#!/bin/sh\nsleep 20\nexec ${realGit} "$@"\n`, { mode: 0o755 });
    try {
      const dir = makeProject({ 'package.json': LISTS_RUNTIME, 'pages/index.js': WX_PAGE });
      const env = { PATH: `${slow}${path.delimiter}${process.env.PATH}`, RECORD_COMPAT_GIT_TIMEOUT_MS: '1000' };
      const before = snapshot(dir);
      const started = Date.now();
      const r = runCli(dir, ['.', '--json'], env);
      expect(Date.now() - started).toBeLessThan(15_000);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({
        refused: {
          reason: 'git',
          message: expect.stringMatching(
            /did not answer within 1 s and was stopped\nFix what git reports, or pass --force/,
          ),
        },
      });
      expect(snapshot(dir)).toEqual(before);
      const dry = runCli(dir, ['.', '--dry', '--json'], env);
      expect(dry.code).toBe(0);
      expect(JSON.parse(dry.stdout).warnings).toEqual([
        expect.stringMatching(/did not answer within 1 s and was stopped$/),
      ]);
      const forced = runCli(dir, ['.', '--force'], env);
      expect(forced.code).toBe(0);
      expect(forced.stderr).toMatch(/did not answer within 1 s and was stopped \(writing anyway: --force\)/);
      expect(read(dir, 'pages/index.js')).not.toBe(WX_PAGE);
      const verify = runCli(dir, ['audit', '--verify'], env);
      expect(verify.code).toBe(2);
      expect(verify.stderr).toMatch(
        /^error: --verify: git could not find the repository in \S+ \(git rev-parse did not answer within 1 s and was stopped\); verify again once git answers \(RECORD_COMPAT_GIT_TIMEOUT_MS gives it longer\)\n$/,
      );
      expect(verify.stderr).not.toMatch(/\n\s+at /);
    } finally {
      fs.rmSync(slow, { recursive: true, force: true });
    }
  }, 60_000);

  it("a git status stopped at the timeout while a slow fsmonitor hook keeps it waiting leaves no .git/index.lock: git runs with optional locks off, and the user's next commit works", () => {
    // git status calls a repository's hook before it takes the index's lock, and goes into a
    // submodule's status holding it: a submodule's slow hook keeps it waiting with the lock held.
    const lib = makeProject({ 'voice.js': WX_PAGE });
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    gitIn(dir, '-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', lib, 'libs/voice');
    gitIn(dir, 'commit', '-q', '-m', 'a submodule');
    const hooks = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-fsmonitor-'));
    const slow = path.join(hooks, 'slow');
    fs.writeFileSync(slow, '');
    // Slow while the marker is there; an fsmonitor that fails (exit 1) makes git look at every file itself.
    fs.writeFileSync(path.join(hooks, 'hook'), `#!/bin/sh\nif [ -e '${slow}' ]; then sleep 4; fi\nexit 1\n`, {
      mode: 0o755,
    });
    gitIn(path.join(dir, 'libs/voice'), 'config', 'core.fsmonitor', path.join(hooks, 'hook'));
    try {
      const r = runCli(dir, ['.', '--json'], { RECORD_COMPAT_GIT_TIMEOUT_MS: '1000' });
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout).refused).toEqual({
        reason: 'git',
        message: expect.stringMatching(/did not answer within 1 s and was stopped\n/),
      });
      expect(fs.existsSync(path.join(dir, '.git', 'index.lock'))).toBe(false);
      // A lock that is there when git is stopped is not the run's: named, and left alone.
      const lock = path.join(dir, '.git', 'index.lock');
      fs.writeFileSync(lock, '');
      const locked = runCli(dir, ['.', '--json'], { RECORD_COMPAT_GIT_TIMEOUT_MS: '1000' });
      expect(JSON.parse(locked.stdout).refused.message).toContain(
        `did not answer within 1 s and was stopped\n${lock} exists (another git command holds it, or one that crashed left it: this run's git takes no lock); remove it if no git command is running\n`,
      );
      fs.rmSync(lock);
      fs.rmSync(slow);
      gitIn(dir, 'commit', '-q', '--allow-empty', '-m', 'after the run');
      expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
    } finally {
      fs.rmSync(hooks, { recursive: true, force: true });
    }
  }, 30_000);

  it('control characters in what a failing git prints are escaped once in the refusal and the warning on stderr, and kept exact in --json', () => {
    // A git that fails with a terminal escape (set the window title, clear the screen) and a bell in its message.
    const bad = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-badgit-'));
    fs.writeFileSync(
      path.join(bad, 'git'),
      `#!/bin/sh\nprintf 'fatal: \\033]0;pwned\\007broken\\033[2J\\n' >&2\nexit 128\n`,
      { mode: 0o755 },
    );
    try {
      const dir = makeProject({ 'package.json': LISTS_RUNTIME, 'pages/index.js': WX_PAGE });
      const env = { PATH: `${bad}${path.delimiter}${process.env.PATH}` };
      const r = runCli(dir, ['.'], env);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('\nfatal: \\x1b]0;pwned\\x07broken\\x1b[2J\n');
      expect(r.stderr).not.toMatch(/[\u0007\u001b]/);
      const json = runCli(dir, ['.', '--json'], env);
      expect(JSON.parse(json.stdout)).toMatchObject({
        refused: { reason: 'git', message: expect.stringContaining('\nfatal: \u001b]0;pwned\u0007broken\u001b[2J\n') },
      });
      // --dry goes on, with git's first line as a warning: escaped once on stderr, exact in the JSON's warnings.
      const dry = runCli(dir, ['.', '--dry', '--json'], env);
      expect(dry.stderr).toContain(': fatal: \\x1b]0;pwned\\x07broken\\x1b[2J\n');
      expect(dry.stderr).not.toMatch(/[\u0007\u001b]/);
      expect(JSON.parse(dry.stdout).warnings).toEqual([
        expect.stringMatching(/^git failed in .*: fatal: \u001b\]0;pwned\u0007broken\u001b\[2J$/),
      ]);
    } finally {
      fs.rmSync(bad, { recursive: true, force: true });
    }
  });

  it("Ctrl-C while git is still answering (it reaches git too, as a terminal's Ctrl-C reaches the whole group) is an interrupted run, not git failing", async () => {
    const slow = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-slowgit-'));
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    fs.writeFileSync(path.join(slow, 'git'), `#!/bin/sh\nsleep 3\nexec ${realGit} "$@"\n`, { mode: 0o755 });
    try {
      const dir = makeProject({ 'pages/index.js': WX_PAGE });
      const before = snapshot(dir);
      // A group of its own, signalled whole: what a terminal does on Ctrl-C.
      const child = spawn(process.execPath, [BIN, '.', '--json'], {
        cwd: dir,
        detached: true,
        env: { ...process.env, PATH: `${slow}${path.delimiter}${process.env.PATH}` },
      });
      let stdout = '';
      child.stdout.setEncoding('utf8'); // a chunk may end inside a character
      child.stdout.on('data', (d) => (stdout += d));
      const timer = setTimeout(() => process.kill(-child.pid!, 'SIGINT'), 1500);
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      clearTimeout(timer);
      expect(code).toBe(130);
      const report = JSON.parse(stdout);
      expect(report.refused).toBeUndefined();
      // Every git answers slowly: the signal comes while the walk waits for git's configuration, before any file.
      expect(report.interrupted).toEqual({ signal: 'SIGINT', notProcessed: 0, listing: true });
      expect(snapshot(dir)).toEqual(before);
    } finally {
      fs.rmSync(slow, { recursive: true, force: true });
    }
  }, 30_000);

  it('a linked worktree whose main repository was moved (git: "not a git repository: <its git dir>") refuses the run, its uncommitted edit kept out of the migration, with the repair named', () => {
    const main = makeProject({ 'pages/index.js': WX_PAGE });
    const linked = `${main}-linked`;
    gitIn(main, 'worktree', 'add', '-q', linked);
    try {
      fs.appendFileSync(path.join(linked, 'pages/index.js'), '// an uncommitted edit\n');
      fs.renameSync(main, `${main}-moved`);
      const before = snapshot(linked);
      const r = runCli(linked, ['.', '--json']);
      expect(r.code).toBe(1);
      expect(JSON.parse(r.stdout)).toMatchObject({
        refused: { reason: 'git', message: expect.stringContaining(`git worktree repair '${linked}'`) },
        exitCode: 1,
      });
      expect(r.stderr).not.toMatch(/not a git repository: the changes/);
      expect(snapshot(linked)).toEqual(before);
      // GIT_DIR naming a folder that is not there is the same: a repository was meant.
      const gitDirGone = runCli(linked, ['.'], { GIT_DIR: path.join(linked, 'gone') });
      expect(gitDirGone.code).toBe(1);
      expect(gitDirGone.stderr).toContain('or pass --force to write without the check.');
      expect(snapshot(linked)).toEqual(before);
    } finally {
      fs.rmSync(`${main}-moved`, { recursive: true, force: true });
      fs.rmSync(linked, { recursive: true, force: true });
    }
  });

  // git (2.35.2 and later) refuses a repository owned by another user; older versions have no such check.
  const ownershipSkip = (() => {
    if (!isRoot) return 'needs root to chown';
    const probe = makeProject({ 'a.js': '' });
    execFileSync('chown', ['-R', 'nobody', probe]);
    const r = spawnSync('git', ['status'], { cwd: probe, encoding: 'utf8', env: { ...process.env, ...gitEnv() } });
    return /dubious ownership/.test(r.stderr)
      ? null
      : `this git (${execFileSync('git', ['--version'], { encoding: 'utf8' }).trim()}) does not check ownership`;
  })();
  it.skipIf(ownershipSkip !== null)(
    `a repository owned by another user refuses the run with git's message and the ways out${ownershipSkip ? ` (skipped: ${ownershipSkip})` : ''}`,
    async () => {
      const dir = makeProject({ 'pages/index.js': WX_PAGE });
      fs.appendFileSync(path.join(dir, 'pages/index.js'), '// an uncommitted edit\n');
      execFileSync('chown', ['-R', 'nobody', dir]);
      const before = snapshot(dir);
      const env = gitEnv();
      // The runs that write nothing, side by side: each is a whole process.
      const [r, verify, json] = await Promise.all([
        runCliAsync(dir, ['.'], env),
        runCliAsync(dir, ['audit', '--verify'], env),
        runCliAsync(dir, ['.', '--json'], env),
      ]);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/dubious ownership/);
      expect(r.stderr).toContain('safe.directory');
      expect(r.stderr).toContain('--force');
      expect(r.stderr).not.toMatch(/not a git repository/);
      expect(r.stderr).toContain(
        `If you trust this repository: git config --global --add safe.directory '${dir}', or pass --force to write without the check.`,
      );
      expect(snapshot(dir)).toEqual(before);
      // audit --verify names the same way out, not a repair of the repository
      expect(verify.code).toBe(2);
      expect(verify.stderr).toContain(
        `; if you trust this repository: git config --global --add safe.directory '${dir}', then verify again\n`,
      );
      expect(verify.stderr).not.toContain('git fsck');
      expect(JSON.parse(json.stdout)).toMatchObject({ refused: { reason: 'git' }, exitCode: 1 });
      // --force is the way out
      const forced = runCli(dir, ['.', '--force'], env);
      expect(forced.code).toBe(0);
      expect(read(dir, 'pages/index.js')).toContain('// an uncommitted edit');
      expect(read(dir, 'pages/index.js')).not.toContain('wx.startRecord');
    },
  );

  it.skipIf(ownershipSkip !== null)(
    `where git refuses to list what it tracks (a repository owned by another user), a tracked file under an ignored folder is not skipped in silence: the audit warns, the codemod fails the folder${ownershipSkip ? ` (skipped: ${ownershipSkip})` : ''}`,
    async () => {
      const dir = makeProject({ 'pages/index.js': WX_PAGE, '.gitignore': 'gen/\n' });
      fs.mkdirSync(path.join(dir, 'gen'));
      fs.writeFileSync(path.join(dir, 'gen/tracked.js'), WX_PAGE);
      gitIn(dir, 'add', '-f', 'gen/tracked.js');
      gitIn(dir, 'commit', '-q', '-m', 'a tracked file under an ignored folder');
      execFileSync('chown', ['-R', 'nobody', dir]);
      const env = gitEnv();
      const said =
        /git could not list the files it tracks here \(fatal: detected dubious ownership in repository at '[^']+'\), so the files its ignore rules match were skipped, also any it tracks: fix what git reports and run again/;
      const [audit, dry] = await Promise.all([
        runCliAsync(dir, ['audit', '--json'], env),
        runCliAsync(dir, ['.', '--dry', '--json'], env),
      ]);
      expect(JSON.parse(audit.stdout).warnings).toEqual([expect.stringMatching(said)]);
      expect(dry.code).toBe(1);
      expect(JSON.parse(dry.stdout).failures).toEqual([
        expect.objectContaining({ path: '.', reason: expect.stringMatching(said) }),
      ]);
    },
  );

  it.skipIf(ownershipSkip !== null)(
    `where git refuses to list what it tracks, the audit of a repository with submodules says it cannot name those not checked out; of one without, it says nothing${ownershipSkip ? ` (skipped: ${ownershipSkip})` : ''}`,
    async () => {
      const plain = makeProject({ 'pages/index.js': PLAIN });
      const withSubmodules = makeProject({
        'pages/index.js': PLAIN,
        '.gitmodules': '[submodule "lib"]\n\tpath = lib\n\turl = ../lib\n',
      });
      for (const dir of [plain, withSubmodules]) execFileSync('chown', ['-R', 'nobody', dir]);
      const env = gitEnv();
      const [plainAudit, audit] = await Promise.all([
        runCliAsync(plain, ['audit', '--json'], env),
        runCliAsync(withSubmodules, ['audit', '--json', '--strict'], env),
      ]);
      expect(JSON.parse(plainAudit.stdout).warnings).toEqual([]);
      expect(audit.code).toBe(1);
      expect(JSON.parse(audit.stdout).warnings).toEqual([
        `.: git could not list the files it tracks here (fatal: detected dubious ownership in repository at '${withSubmodules}'), so those a sparse checkout or a submodule left off the disk cannot be named: if you trust this repository: git config --global --add safe.directory '${withSubmodules}'; references in it are missing`,
      ]);
    },
  );
});

describe('what the walk cannot read', () => {
  const why = typeof unprivileged === 'string' ? ` (skipped: ${unprivileged})` : '';
  // What is made unreadable, the failure the run reports for it, and the folder that must be left as it was.
  it.skipIf(typeof unprivileged === 'string').each<{
    what: string;
    files: Tree;
    locked: string;
    failure: { path: string; line: null; column: null; reason: string };
  }>([
    {
      what: 'an unreadable folder is a failure with its path and reason, not a silent skip',
      files: { 'pages/index.js': WX_PAGE, 'secret/page.js': WX_PAGE },
      locked: 'secret',
      failure: { path: 'secret', line: null, column: null, reason: 'could not read the folder: EACCES' },
    },
    {
      what: 'a folder whose .gitignore cannot be read is a failure naming it, and nothing under it is touched',
      files: {
        'pages/index.js': WX_PAGE,
        'vendor/.gitignore': 'legacy-sdk/\n',
        'vendor/legacy-sdk/page.js': WX_PAGE,
        'vendor/page.js': WX_PAGE,
      },
      locked: 'vendor/.gitignore',
      failure: {
        path: 'vendor',
        line: null,
        column: null,
        reason: 'could not read its .gitignore: EACCES; not walked, as which of its files git ignores is unknown',
      },
    },
  ])(`$what${why}`, ({ files, locked, failure }) => {
    const dir = makeProject(files, { git: false });
    execFileSync('chown', ['-R', 'nobody', dir]);
    const lockedPath = path.join(dir, locked);
    const mode = fs.statSync(lockedPath).mode & 0o777;
    const before = snapshot(path.join(dir, failure.path));
    fs.chmodSync(lockedPath, 0o000);
    try {
      const r = (unprivileged as Exclude<typeof unprivileged, string>).run(dir, [BIN, '.', '--json']);
      const report = JSON.parse(String(r.stdout));
      expect(r.status).toBe(1);
      expect(report.failures).toEqual([failure]);
      expect(report.summary).toMatchObject({ changed: 1, failed: 1 });
    } finally {
      fs.chmodSync(lockedPath, mode);
    }
    expect(snapshot(path.join(dir, failure.path))).toEqual(before);
  });

  it.skipIf(typeof unprivileged === 'string')(
    `an unreadable script of a committed miniprogram_npm fails in the codemod and is a warning of the audit, never a silent pass${why}`,
    () => {
      const sdk = 'miniprogram_npm/voice-sdk/index.js';
      const dir = makeProject(
        {
          'app.json': '{"pages":["pages/index/index"]}',
          'pages/index/index.js': WX_PAGE,
          [sdk]: 'module.exports = () => wx.startRecord({})\n',
        },
        { git: false },
      );
      execFileSync('chown', ['-R', 'nobody', dir]);
      fs.chmodSync(path.join(dir, sdk), 0o000);
      const asUser = unprivileged as Exclude<typeof unprivileged, string>;
      const said =
        'could not read this script of a package the mini-program loads (EACCES): check it by hand for legacy calls';
      const r = asUser.run(dir, [BIN, '.', '--dry', '--json', '--runtime', 'local']);
      expect(r.status).toBe(1);
      expect(JSON.parse(String(r.stdout)).failures).toEqual([{ path: sdk, line: null, column: null, reason: said }]);
      const audit = asUser.run(dir, [BIN, 'audit', '--json']);
      // The page's own call is the rewrite's (the codemod's default copies the runtime into a mini-program with no
      // package.json): the script it cannot read is what the audit says.
      expect(audit.status).toBe(0);
      expect(JSON.parse(String(audit.stdout)).warnings).toEqual([`${sdk}: ${said}`]);
    },
  );

  it('a symbolic link named on the command line is not followed out of the repository', () => {
    const outside = makeProject({ 'victim.js': WX_PAGE }, { git: false });
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    fs.symlinkSync(path.join(outside, 'victim.js'), path.join(dir, 'link.js'));
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'link'], { cwd: dir });
    const { code, report } = runJson(dir, ['link.js', 'pages']);
    expect(code).toBe(1);
    expect(report.failures).toEqual([
      {
        path: 'link.js',
        line: null,
        column: null,
        reason: expect.stringMatching(/^a symbolic link: links are not followed/),
      },
    ]);
    expect(read(outside, 'victim.js')).toBe(WX_PAGE);
    expect(read(dir, 'pages/index.js')).not.toBe(WX_PAGE);
  });

  it('a FIFO named on the command line is reported, never opened', () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    execFileSync('mkfifo', [path.join(dir, 'pipe.js')]);
    const { code, report } = runJson(dir, ['pipe.js', 'pages', '--force']);
    expect(code).toBe(1);
    expect(report.failures[0]).toMatchObject({ path: 'pipe.js', reason: expect.stringMatching(/not a regular file/) });
  });
});

describe('files a rename would change beyond their bytes', () => {
  const why = typeof unprivileged === 'string' ? ` (skipped: ${unprivileged})` : '';
  const asUser = () => unprivileged as Exclude<typeof unprivileged, string>;
  const inode = (dir: string, rel: string) => fs.statSync(path.join(dir, rel)).ino;

  it('a file with another hard link (in the tree or outside it) is refused, its links intact; --dry says the same', () => {
    const outside = makeProject({ 'shared.js': WX_PAGE }, { git: false });
    const dir = makeProject({ 'a.js': WX_PAGE, 'plain.js': WX_PAGE });
    fs.linkSync(path.join(dir, 'a.js'), path.join(dir, 'b.js'));
    fs.linkSync(path.join(outside, 'shared.js'), path.join(dir, 'c.js'));
    execFileSync('git', ['add', '-A'], { cwd: dir });
    execFileSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'links'], { cwd: dir });
    const reason = (others: number) =>
      expect.stringMatching(
        new RegExp(
          `^it has ${others} other hard link: a new file in its place would leave that name with the old text; left as it is`,
        ),
      );
    const failures = ['a.js', 'b.js', 'c.js'].map((rel) => ({
      path: rel,
      line: null,
      column: null,
      reason: reason(1),
    }));
    const dry = runJson(dir, ['.', '--dry']);
    expect(dry.code).toBe(1);
    expect(dry.report.failures).toEqual(failures);
    const { code, report } = runJson(dir, ['.']);
    expect(code).toBe(1);
    expect(report.failures).toEqual(failures);
    expect(report.summary).toMatchObject({ changed: 1, failed: 3 });
    for (const rel of ['a.js', 'b.js', 'c.js']) expect(read(dir, rel)).toBe(WX_PAGE);
    expect(inode(dir, 'a.js')).toBe(inode(dir, 'b.js'));
    expect(inode(dir, 'c.js')).toBe(inode(outside, 'shared.js'));
    expect(read(dir, 'plain.js')).not.toBe(WX_PAGE);
    expect(leftoverTemps(dir)).toEqual([]);
  });

  it.skipIf(typeof unprivileged === 'string')(
    `as a user: a read-only file, a file in a read-only folder and another user's file (writable by this one) are refused and left byte for byte; --dry says the same${why}`,
    () => {
      const dir = makeProject(
        { 'a.js': WX_PAGE, 'readonly.js': WX_PAGE, 'theirs.js': WX_PAGE, 'locked/inside.js': WX_PAGE },
        { git: false },
      );
      execFileSync('chown', ['-R', 'nobody', dir]);
      fs.chmodSync(path.join(dir, 'readonly.js'), 0o444);
      fs.chownSync(path.join(dir, 'theirs.js'), 0, 0);
      fs.chmodSync(path.join(dir, 'theirs.js'), 0o666);
      // The file may be written, its folder not: the new file could not be renamed into it.
      fs.chmodSync(path.join(dir, 'locked'), 0o555);
      const failures = [
        {
          path: 'locked/inside.js',
          line: null,
          column: null,
          reason:
            'its folder is read-only for this user, and the new file is put in its place by a rename there: left as it is (make the folder writable to migrate it)',
        },
        {
          path: 'readonly.js',
          line: null,
          column: null,
          reason: 'read-only for this user: left as it is (make it writable to migrate it)',
        },
        {
          path: 'theirs.js',
          line: null,
          column: null,
          reason: 'owned by another user (uid 0): a new file in its place would be yours; left as it is',
        },
      ];
      const dry = JSON.parse(String(asUser().run(dir, [BIN, '.', '--dry', '--json']).stdout));
      expect(dry.failures).toEqual(failures);
      const r = asUser().run(dir, [BIN, '.', '--json']);
      const report = JSON.parse(String(r.stdout));
      expect(r.status).toBe(1);
      expect(report.failures).toEqual(failures);
      expect(read(dir, 'readonly.js')).toBe(WX_PAGE);
      expect(read(dir, 'theirs.js')).toBe(WX_PAGE);
      expect(read(dir, 'locked/inside.js')).toBe(WX_PAGE);
      expect(fs.statSync(path.join(dir, 'theirs.js')).uid).toBe(0);
      expect(read(dir, 'a.js')).not.toBe(WX_PAGE);
    },
  );

  it.skipIf(typeof unprivileged === 'string')(
    `as its owner, a file whose group is not the owner's is rewritten and takes the owner's group${why}`,
    () => {
      const dir = makeProject({ 'a.js': WX_PAGE }, { git: false });
      execFileSync('chown', ['-R', 'nobody:root', dir]);
      const r = asUser().run(dir, [BIN, '.', '--json']);
      expect(r.status).toBe(0);
      const stat = fs.statSync(path.join(dir, 'a.js'));
      expect(read(dir, 'a.js')).not.toBe(WX_PAGE);
      expect(stat.uid).toBe(Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })));
      expect(stat.gid).toBe(Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' })));
    },
  );

  it.skipIf(!isRoot)(
    `as root, a read-only file is rewritten (root may write it) and another user's file keeps its owner, group and mode (setuid and setgid included)${isRoot ? '' : ' (skipped: needs root)'}`,
    () => {
      const dir = makeProject({ 'readonly.js': WX_PAGE, 'theirs.js': WX_PAGE }, { git: false });
      fs.chmodSync(path.join(dir, 'readonly.js'), 0o444);
      const nobody = {
        uid: Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' })),
        gid: Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' })),
      };
      fs.chownSync(path.join(dir, 'theirs.js'), nobody.uid, nobody.gid);
      // setuid and setgid too: the chown that keeps the owner would clear them if it came after the mode.
      fs.chmodSync(path.join(dir, 'theirs.js'), 0o6750);
      const { code } = runJson(dir, ['.']);
      expect(code).toBe(0);
      expect(read(dir, 'readonly.js')).not.toBe(WX_PAGE);
      expect(fs.statSync(path.join(dir, 'readonly.js')).mode & 0o777).toBe(0o444);
      const theirs = fs.statSync(path.join(dir, 'theirs.js'));
      expect(read(dir, 'theirs.js')).not.toBe(WX_PAGE);
      expect({ uid: theirs.uid, gid: theirs.gid, mode: theirs.mode & 0o7777 }).toEqual({ ...nobody, mode: 0o6750 });
    },
  );
});

describe('extended attributes and ACLs, which a rename does not carry', () => {
  const why = noAttributes ? ` (skipped: ${noAttributes})` : '';
  const attributes = (dir: string, rel: string) =>
    execFileSync(
      'getfattr',
      ['--absolute-names', '-d', '-m', '^user\\.|^system\\.posix_acl_access$', path.join(dir, rel)],
      { encoding: 'utf8' },
    ).replace(/^# file: .*\n/, '');
  const refused = (names: string) =>
    `it has extended attributes (${names}) that a new file in its place would not carry: left as it is (to migrate it, save them with getfattr -d -m -, remove them, run again, then put them back with setfattr --restore)`;

  it.skipIf(noAttributes !== null)(
    `a file with an attribute or an ACL is refused and keeps them; --dry says the same; the others are migrated${why}`,
    async () => {
      const dir = makeProject(
        { 'a.js': WX_PAGE, 'tagged.js': WX_PAGE, 'shared.js': WX_PAGE, 'both.js': WX_PAGE },
        { git: false },
      );
      execFileSync('setfattr', ['-n', 'user.origin', '-v', 'mail', path.join(dir, 'tagged.js')]);
      execFileSync('setfacl', ['-m', 'u:65534:rw', path.join(dir, 'shared.js')]);
      execFileSync('setfattr', ['-n', 'user.origin', '-v', 'mail', path.join(dir, 'both.js')]);
      execFileSync('setfacl', ['-m', 'g:65534:r', path.join(dir, 'both.js')]);
      const before = ['tagged.js', 'shared.js', 'both.js'].map((rel) => attributes(dir, rel));
      const failures = [
        { path: 'both.js', line: null, column: null, reason: refused('system.posix_acl_access: its ACL, user.origin') },
        { path: 'shared.js', line: null, column: null, reason: refused('system.posix_acl_access: its ACL') },
        { path: 'tagged.js', line: null, column: null, reason: refused('user.origin') },
      ];
      const dry = await runInProcess(dir, ['.', '--dry']);
      expect(dry.tally.failures()).toEqual(failures);
      const r = await runInProcess(dir, ['.']);
      expect(r.tally.failures()).toEqual(failures);
      expect(r.tally.summary.changed).toBe(1);
      for (const rel of ['tagged.js', 'shared.js', 'both.js']) expect(read(dir, rel)).toBe(WX_PAGE);
      expect(['tagged.js', 'shared.js', 'both.js'].map((rel) => attributes(dir, rel))).toEqual(before);
      expect(read(dir, 'a.js')).not.toBe(WX_PAGE);
      expect(leftoverTemps(dir)).toEqual([]);
    },
  );

  it.skipIf(noAttributes !== null)(
    `an attribute set after the check, before the rename, leaves the file as "changed while the run was going"${why}`,
    async () => {
      const dir = makeProject({ 'a.js': WX_PAGE }, { git: false });
      const remove = setIoHooks({
        beforeReplace: (file) => execFileSync('setfattr', ['-n', 'user.late', '-v', '1', file]),
      });
      try {
        const r = await runInProcess(dir);
        expect(r.tally.failures()).toEqual([
          { path: 'a.js', line: null, column: null, reason: 'changed while the run was going: left alone, run again' },
        ]);
        expect(read(dir, 'a.js')).toBe(WX_PAGE);
        expect(attributes(dir, 'a.js')).toContain('user.late');
      } finally {
        remove();
      }
    },
  );

  // A process started from the run's costs about 10 ms (the fork copies its page tables): a few batches a run, each
  // file once.
  it.skipIf(noAttributes !== null).each([
    { count: 6, batches: 1 },
    { count: 60, batches: 4 },
  ])(
    `getfattr is asked about each of $count files a run may write once, in $batches batch(es), not once a file${why}`,
    async ({ count, batches }) => {
      const files = Object.fromEntries(Array.from({ length: count }, (_, i) => [`pages/p${i}.js`, WX_PAGE]));
      const dir = makeProject({ ...files, 'plain.js': PLAIN }, { git: false });
      // A getfattr first on the PATH that notes each call, then runs the real one.
      const bin = makeProject({}, { git: false });
      const log = path.join(bin, 'calls');
      const real = execFileSync('sh', ['-c', 'command -v getfattr'], { encoding: 'utf8' }).trim();
      fs.writeFileSync(path.join(bin, 'getfattr'), `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`, {
        mode: 0o755,
      });
      const pathBefore = process.env.PATH;
      process.env.PATH = `${bin}${path.delimiter}${pathBefore}`;
      try {
        const r = await runInProcess(dir, ['.']);
        expect(r.tally.summary.changed).toBe(count);
      } finally {
        process.env.PATH = pathBefore;
      }
      const calls = fs.readFileSync(log, 'utf8').trim().split('\n');
      expect(calls.length).toBeLessThanOrEqual(batches);
      const asked = calls.flatMap((call) => call.split(' ').filter((word) => word.startsWith(dir)));
      expect(asked.sort()).toEqual(
        Object.keys(files)
          .map((rel) => path.join(dir, rel))
          .sort(),
      );
    },
  );
});

describe('names a temporary file cannot take', () => {
  it('a file named near the 255-byte limit is migrated: its temporary name is cut to fit and still ends as the next run recognises; --dry says the same', async () => {
    // 240 bytes of a three-byte character and ASCII: the cut falls inside a character unless it is made between two.
    const name = `${'录音'.repeat(30)}${'x'.repeat(57)}.js`;
    expect(Buffer.byteLength(name)).toBe(240);
    const dir = makeProject({ [name]: WX_PAGE }, { git: false });
    const dry = await runInProcess(dir, ['.', '--dry']);
    expect(dry.tally.failures()).toEqual([]);
    expect(dry.tally.summary.changed).toBe(1);
    const temps: string[] = [];
    const remove = setIoHooks({
      beforeReplace: () => temps.push(...fs.readdirSync(dir).filter((f) => f.endsWith('.record-compat-tmp'))),
    });
    try {
      const r = await runInProcess(dir);
      expect(r.tally.failures()).toEqual([]);
      expect(r.tally.summary.changed).toBe(1);
    } finally {
      remove();
    }
    expect(read(dir, name)).not.toBe(WX_PAGE);
    expect(temps).toHaveLength(1);
    expect(Buffer.byteLength(temps[0])).toBeLessThanOrEqual(255);
    expect(temps[0]).toMatch(/^\.录音/);
    expect(leftoverTemps(dir)).toEqual([]);
  });
});

describe('files that change while the run goes', () => {
  it('a file replaced by a FIFO between the walk and the read fails; the run does not hang', async () => {
    const dir = makeProject({ 'a.js': WX_PAGE, 'b.js': WX_PAGE, 'c.js': WX_PAGE });
    const r = await migrateInProcess(['.', '--force'], dir, {
      start: () => {
        fs.unlinkSync(path.join(dir, 'b.js'));
        execFileSync('mkfifo', [path.join(dir, 'b.js')]);
      },
    });
    if (r.kind !== 'done') throw new Error(r.kind);
    expect(r.exitCode).toBe(1);
    expect(r.tally.failures()).toEqual([
      { path: 'b.js', line: null, column: null, reason: 'a FIFO (named pipe), not a regular file' },
    ]);
    expect(r.tally.summary.changed).toBe(2);
  });

  it('a file edited after it was read is left with the edit, reported "changed while the run was going"', async () => {
    const dir = makeProject({ 'a.js': WX_PAGE, 'b.js': WX_PAGE });
    const remove = setIoHooks({
      beforeReplace: (file) => {
        if (file.endsWith('b.js')) fs.appendFileSync(file, '// typed while the codemod ran\n');
      },
    });
    try {
      const r = await runInProcess(dir);
      expect(r.exitCode).toBe(1);
      expect(r.tally.failures()).toEqual([
        { path: 'b.js', line: null, column: null, reason: 'changed while the run was going: left alone, run again' },
      ]);
      expect(read(dir, 'b.js')).toBe(WX_PAGE + '// typed while the codemod ran\n');
      expect(read(dir, 'a.js')).not.toBe(WX_PAGE);
    } finally {
      remove();
    }
  });

  it('a file deleted after it was read is not recreated', async () => {
    const dir = makeProject({ 'a.js': WX_PAGE });
    const remove = setIoHooks({ afterRead: (file) => fs.unlinkSync(file) });
    try {
      const r = await runInProcess(dir);
      expect(r.tally.failures()).toEqual([
        { path: 'a.js', line: null, column: null, reason: 'deleted while the run was going: left alone, run again' },
      ]);
      expect(fs.existsSync(path.join(dir, 'a.js'))).toBe(false);
      expect(leftoverTemps(dir)).toEqual([]);
    } finally {
      remove();
    }
  });

  it('a file deleted between the walk and its read is said in a sentence, not with an error code', async () => {
    const dir = makeProject({ 'a.js': WX_PAGE, 'b.js': WX_PAGE }, { git: false });
    const r = await migrateInProcess(['.', '--dry'], dir, { start: () => fs.unlinkSync(path.join(dir, 'b.js')) });
    if (r.kind !== 'done') throw new Error(r.kind);
    expect(r.tally.failures()).toEqual([
      { path: 'b.js', line: null, column: null, reason: 'deleted while the run was going: left alone, run again' },
    ]);
    expect(r.tally.summary.changed).toBe(1);
  });

  it('a folder moved while its file is being written: the file is reported, and no temporary file is left in the folder where it went', async () => {
    const dir = makeProject({ 'pages/a.js': WX_PAGE, 'other.js': WX_PAGE }, { git: false });
    const remove = setIoHooks({
      beforeReplace: (file) => {
        if (file.endsWith('a.js')) fs.renameSync(path.join(dir, 'pages'), path.join(dir, 'moved'));
      },
    });
    try {
      const r = await runInProcess(dir);
      expect(r.tally.failures()).toEqual([
        {
          path: 'pages/a.js',
          line: null,
          column: null,
          reason: 'deleted while the run was going: left alone, run again',
        },
      ]);
      expect(fs.readdirSync(path.join(dir, 'moved'))).toEqual(['a.js']);
      expect(read(dir, 'moved/a.js')).toBe(WX_PAGE);
      expect(read(dir, 'other.js')).not.toBe(WX_PAGE);
    } finally {
      remove();
    }
  });

  it('the same edit, injected into the built CLI', () => {
    const dir = makeProject({ 'a.js': WX_PAGE });
    const r = runCli(dir, ['.', '--json'], { RECORD_COMPAT_TEST_FAULT: 'edit' });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).failures[0].reason).toBe('changed while the run was going: left alone, run again');
    expect(read(dir, 'a.js')).toBe(`${WX_PAGE}\n// edited by hand (injected)\n`);
  });
});

describe('one file reached by two paths given', () => {
  it('a file named by its path and through a link above it is read and written once, under the first name; the run says so (--dry too)', async () => {
    const dir = makeProject({ 'src/pages/a.js': WX_PAGE, 'src/pages/b.js': WX_PAGE }, { git: false });
    fs.symlinkSync('src', path.join(dir, 'alias'));
    const said =
      'the paths given reach 2 files a second time, under another name (through a link or a mount on the way): each is read once, by the name met first: alias/pages/a.js is src/pages/a.js, alias/pages/b.js is src/pages/b.js';
    for (const dry of [true, false]) {
      const warnings: string[] = [];
      const r = await migrateInProcess(
        ['src/pages/a.js', 'src/pages/b.js', 'alias/pages/a.js', 'alias/pages', ...(dry ? ['--dry'] : [])],
        dir,
        { warning: (w) => warnings.push(w) },
      );
      if (r.kind !== 'done') throw new Error(r.kind);
      expect(r.tally.failures()).toEqual([]);
      expect(r.tally.summary).toMatchObject({ scanned: 2, changed: 2 });
      expect(warnings).toContain(said);
    }
    expect(read(dir, 'src/pages/a.js')).not.toBe(WX_PAGE);
    expect(read(dir, 'src/pages/b.js')).not.toBe(WX_PAGE);
  });
});

describe('signals', () => {
  it('SIGINT, SIGTERM, SIGHUP and SIGQUIT at random moments: every file is its original or the complete output, the summary says which', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 200; i++)
      files[`src/legacy${String(i).padStart(3, '0')}.js`] = WX_PAGE.replace('onStart', `onStart${i}`);
    for (let i = 0; i < 600; i++) files[`src/plain${i}.js`] = `export const n${i} = ${i}\n`;
    const started = Date.now();
    const clean = cleanOutputs(files);
    // The moments are drawn over the length of a clean run (project set-up included), so most land inside it.
    const runMs = Date.now() - started;
    const outcomes: string[] = [];
    /** How many files a run changed; each is its original or its complete output. */
    const writtenFiles = (dir: string) =>
      Object.keys(files).filter((rel) => {
        const now = read(dir, rel);
        if (now === files[rel]) return false;
        expect(now, rel).toBe(clean.get(rel));
        return true;
      }).length;
    for (let attempt = 0; attempt < 8; attempt++) {
      const dir = makeProject(files);
      // A closed terminal or a dropped connection sends SIGHUP; Ctrl-\\ SIGQUIT.
      const signal = (['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const)[attempt % 4];
      const child = spawn(process.execPath, [BIN, '.', '--json'], { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
      let stdout = '';
      child.stdout.setEncoding('utf8'); // a chunk may end inside a character
      child.stdout.on('data', (d) => (stdout += d));
      const delay = Math.floor(runMs * (0.2 + Math.random() * 0.7));
      const timer = setTimeout(() => child.kill(signal), delay);
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      clearTimeout(timer);
      if (code === null) {
        // Node's default applied: the signal came while Node was still starting, before the CLI
        // could hear it, or after the run had ended and the output had not drained within two
        // seconds (a loaded machine): either way each file is its original or its complete output.
        const written = writtenFiles(dir);
        expect([0, 200], "files written by a run killed by Node's default").toContain(written);
        expect(leftoverTemps(dir)).toEqual([]);
        outcomes.push(`${signal}@${delay}ms→killed (${written} written)`);
        continue;
      }
      expect([0, 128 + os.constants.signals[signal]]).toContain(code);
      const report = JSON.parse(stdout);
      const written = writtenFiles(dir);
      expect(report.summary.changed).toBe(written);
      if (code === 0) expect(report.interrupted).toBeNull();
      else {
        // Stopped in the read phase, the count also holds files not read yet; in the write phase, exactly the legacy
        // files not written.
        expect(report.interrupted.signal).toBe(signal);
        // Stopped while listing the files, nothing was read: the count is what was listed until then.
        if (report.interrupted.listing) expect(written).toBe(0);
        else expect(report.interrupted.notProcessed).toBeGreaterThanOrEqual(200 - written);
        if (report.summary.scanned === 800) expect(report.interrupted.notProcessed).toBe(200 - written);
      }
      expect(leftoverTemps(dir)).toEqual([]);
      outcomes.push(`${signal}@${delay}ms→${code} (${written} written)`);
    }
    // Say what the random moments hit (the run is short: some finish before the signal).
    console.log(`signals: ${outcomes.join(', ')}`);
  }, 120_000);

  /** Runs the CLI in a process group of its own; `ready` says when to send SIGINT to the whole group, as a terminal does. */
  async function interruptedWhen(
    dir: string,
    args: string[],
    env: NodeJS.ProcessEnv,
    ready: () => boolean,
  ): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; afterSignalMs: number }> {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: dir,
      detached: true,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d) => (stdout += d));
    let sent = 0;
    const poll = setInterval(() => {
      if (sent === 0 && ready()) {
        sent = Date.now();
        process.kill(-child.pid!, 'SIGINT');
      }
    }, 20);
    const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) =>
      child.on('close', (c, s) => resolve([c, s])),
    );
    clearInterval(poll);
    expect(sent, 'the moment to interrupt came').toBeGreaterThan(0);
    return { code, signal, stdout, afterSignalMs: Date.now() - sent };
  }

  it('Ctrl-C during the walk of a pathological tree (git asked, and slow, which ignored files it tracks) ends the run at once: 130, interrupted, nothing read', async () => {
    const tools = fs.mkdtempSync(path.join(os.tmpdir(), 'rc-walkgit-'));
    const realGit = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
    const asked = path.join(tools, 'asked');
    // The walk's own question, what git tracks under a folder a rule ignores: marked, then answered only after a minute.
    fs.writeFileSync(
      path.join(tools, 'git'),
      `#!/bin/sh\nif [ "$1 $2 $3" = "ls-files -z --cached" ]; then : > '${asked}'; exec sleep 60; fi\nexec ${realGit} "$@"\n`,
      { mode: 0o755 },
    );
    try {
      const deep = Array.from({ length: 40 }, () => 'a').join('/');
      const dir = makeProject({ [`${deep}/f.js`]: WX_PAGE, [`${deep}/z/g.js`]: WX_PAGE, 'pages/index.js': WX_PAGE });
      // Committed before the rules, so that git 2.40 and older (exponential on them) never match them against a path.
      fs.writeFileSync(path.join(dir, '.gitignore'), `${'**/a/'.repeat(10)}z\n${'x'.repeat(100_000)}\n`);
      gitIn(dir, 'add', '.gitignore');
      gitIn(dir, 'commit', '-q', '-m', 'rules');
      const before = snapshot(dir);
      const env = { PATH: `${tools}${path.delimiter}${process.env.PATH}`, NO_COLOR: '1' };
      const run = await interruptedWhen(dir, ['.', '--json'], env, () => fs.existsSync(asked));
      expect(run.code).toBe(130);
      // A minute sooner than the git it waited on: git, in the group, was interrupted too.
      expect(run.afterSignalMs).toBeLessThan(30_000);
      const report = JSON.parse(run.stdout);
      // Listed until then: the deep folder's f.js, met before its folder z, which a rule ignores.
      expect(report.interrupted).toEqual({ signal: 'SIGINT', notProcessed: 1, listing: true });
      expect(report.files).toEqual([]);
      expect(snapshot(dir)).toEqual(before);
    } finally {
      fs.rmSync(tools, { recursive: true, force: true });
    }
  }, 90_000);

  it("Ctrl-C at a terminal during the audit's TypeScript phase ends it at once with 130 and says so in one line; it writes nothing", async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 300; i++)
      files[`src/m${i}.ts`] =
        `import Taro from '@tarojs/taro'\nexport function f${i}(): void {\n  Taro.startRecord({})\n}\n`;
    const dir = makeProject(files);
    const before = snapshot(dir);
    // A terminal of its own (script): its status line names the phase, and a Ctrl-C typed there is the terminal's.
    const command = `'${process.execPath}' '${BIN}' audit .`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
    let screen = '';
    let typed = 0;
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (d: string) => {
      screen += d;
      if (typed === 0 && screen.includes('building the TypeScript program')) {
        typed = Date.now();
        child.stdin.write('\x03');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    const afterSignalMs = Date.now() - typed;
    expect(typed, screen).toBeGreaterThan(0);
    expect(code).toBe(130);
    // The audit's own exit, not Node's default death by the signal: its line, naming the phase it stopped in.
    expect(screen).toMatch(
      /interrupted by SIGINT while building the TypeScript program from 300 files, their imports and typings \(the long part\): stopped before the report, nothing written \(run again to finish\)/,
    );
    // Within a second on a quiet machine; generous for a busy one (the program alone takes seconds).
    expect(afterSignalMs).toBeLessThan(5_000);
    expect(screen).not.toContain('startRecord');
    expect(snapshot(dir)).toEqual(before);
  }, 90_000);

  it.each(['SIGHUP', 'SIGQUIT'] as const)(
    '%s once the first file is written: the run stops between two files, says so, and exits 128 + its number',
    async (signal) => {
      const files: Record<string, string> = {};
      for (let i = 0; i < 300; i++)
        files[`src/legacy${String(i).padStart(3, '0')}.js`] = WX_PAGE.replace('onStart', `onStart${i}`);
      const clean = cleanOutputs(files);
      const dir = makeProject(files);
      const child = spawn(process.execPath, [BIN, '--no-color', '.'], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', RECORD_COMPAT_PLAN_THREAD: 'main' },
      });
      let stdout = '';
      child.stdout.on('data', (d) => {
        // The first line of a written file: the run is in its write phase.
        if (!stdout.includes('changed') && `${stdout}${d}`.includes('changed')) child.kill(signal);
        stdout += d;
      });
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      const written = Object.keys(files).filter((rel) => read(dir, rel) !== files[rel]);
      for (const rel of written) expect(read(dir, rel), rel).toBe(clean.get(rel));
      // Each write waits for its fsync: the signal lands long before the 300th.
      expect(written.length).toBeLessThan(300);
      expect(code).toBe(128 + os.constants.signals[signal]);
      expect(stdout).toContain(`interrupted by ${signal}: stopped between two files`);
      expect(leftoverTemps(dir)).toEqual([]);
    },
    60_000,
  );
});

describe('a run killed while writing (SIGKILL, power loss)', () => {
  it('the temporary file it left is named by the next run, which leaves it and its original alone', () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'pages/other.js': WX_PAGE });
    // What a kill between the temporary file's write and its rename leaves: the original intact beside it.
    const temp = 'pages/.index.js.4242.1.record-compat-tmp';
    fs.writeFileSync(path.join(dir, temp), WX_PAGE.slice(0, 40));
    const said = `warning: ${temp}: a temporary file left by a run of this tool that was killed while writing; the original beside it is intact: delete it`;
    // In git it is an untracked file, so the tree is not clean: the refusal comes with the reason.
    const refused = runCli(dir, ['.']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(said);
    // --json carries the warning beside the refusal.
    expect(JSON.parse(runCli(dir, ['.', '--json']).stdout)).toMatchObject({
      refused: { reason: 'dirtyTree' },
      warnings: [said.replace('warning: ', '')],
    });
    const forced = runCli(dir, ['.', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain(said);
    expect(read(dir, temp)).toBe(WX_PAGE.slice(0, 40));
    expect(read(dir, 'pages/index.js')).not.toBe(WX_PAGE);
  });
});

describe('hostile input', () => {
  /** ~50,000 nested parentheses with a line break every 80 characters (not minified), after a legacy call. */
  const brackets = `wx.startRecord()\nconst x = ${'('.repeat(50_000)}1${')'.repeat(50_000)}\n`.replace(
    /(.{80})/g,
    '$1\n',
  );
  /** Generated dispatch code: no bracket nests, but each `else if` does (oxc crashed the process on 20,000). */
  const elseIfs = `wx.startRecord({})\nfunction k(a) {\n${'  if (a === 1) { f(); } else\n'.repeat(20_000)}  f();\n}\n`;

  it.each([
    ['brackets', brackets],
    ['an else-if chain', elseIfs],
  ])(
    'a deeply nested file (%s) fails with a reason; the files after it are still migrated, the summary and JSON come',
    (_, deep) => {
      const dir = makeProject({ 'a.js': WX_PAGE, 'deep.js': deep, 'z.js': WX_PAGE });
      const { code, report } = runJson(dir, ['.']);
      expect(code).toBe(1);
      expect(report.failures).toEqual([
        {
          path: 'deep.js',
          line: null,
          column: null,
          reason:
            'nested too deeply to parse safely (over 1000 levels of brackets, chained operators and JSX elements): migrate it by hand',
        },
      ]);
      expect(report.summary.changed).toBe(2);
      expect(read(dir, 'deep.js')).toBe(deep);
    },
  );

  it('a UTF-16 file with a byte order mark is reported as not UTF-8, left alone', () => {
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(WX_PAGE, 'utf16le')]);
    const dir = makeProject({ 'page.js': utf16 });
    const { code, report } = runJson(dir, ['.']);
    expect(code).toBe(1);
    expect(report.failures).toEqual([
      { path: 'page.js', line: null, column: null, reason: 'not valid UTF-8 (UTF-16 LE): convert it to UTF-8 first' },
    ]);
    expect(readBytes(dir, 'page.js').equals(utf16)).toBe(true);
  });

  it('a UTF-16 file without a byte order mark (LE or BE) is reported as not UTF-8 too, never "unchanged"; a stray NUL in UTF-8 text is not', () => {
    const le = Buffer.from(WX_PAGE, 'utf16le');
    const be = Buffer.from(le).swap16();
    const dir = makeProject({ 'le.js': le, 'be.js': be, 'nul.js': `${WX_PAGE}const s = '\0'\n` });
    const { code, report } = runJson(dir, ['.']);
    expect(code).toBe(1);
    expect(report.failures).toEqual([
      {
        path: 'be.js',
        line: null,
        column: null,
        reason: 'not valid UTF-8 (UTF-16 BE without a byte order mark): convert it to UTF-8 first',
      },
      {
        path: 'le.js',
        line: null,
        column: null,
        reason: 'not valid UTF-8 (UTF-16 LE without a byte order mark): convert it to UTF-8 first',
      },
    ]);
    expect(readBytes(dir, 'le.js').equals(le)).toBe(true);
    expect(readBytes(dir, 'be.js').equals(be)).toBe(true);
    expect(report.files.find((f: { path: string }) => f.path === 'nul.js')).toMatchObject({ status: 'changed' });
  });

  it("an escaped member name (wx.start\\u0052ecord) is rewritten; a computed one (wx['start' + 'Record']) is listed for a person", () => {
    const dir = makeProject({
      'escaped.js': 'wx.start\\u0052ecord({})\n',
      'computed.js': "wx['start' + 'Record']()\n",
      'quiet.js': 'const k = 1\nwx[k]()\n',
    });
    const { code, report } = runJson(dir, ['.']);
    expect(code).toBe(0);
    expect(report.files.find((f: { path: string }) => f.path === 'escaped.js')).toMatchObject({
      status: 'changed',
      rewritten: [{ api: 'startRecord' }],
    });
    expect(report.manualReview).toEqual([
      { path: 'computed.js', line: 1, column: 0, reason: expect.stringMatching(/^dynamic access on wx/) },
    ]);
  });
});
