import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { execFileSync, spawn, spawnSync } from 'child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  BIN,
  cleanupProjects,
  commitAll,
  gitStatus,
  makeProject,
  migrateInProcess,
  PLAIN,
  read,
  ROOT,
  runCli,
  snapshot,
  WX_PAGE,
  runJsonInProcess,
  mainInProcess,
} from './helpers';
import { gitIn } from '../helpers/temp-project';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

/** A package.json that lists the runtime the rewritten files import: the run has nothing to say of it. */
const LISTS_RUNTIME = JSON.stringify({ dependencies: { 'record-compat-runtime': '^0.1.0' } });

let refusedProject: string | undefined;

/**
 * One committed project with nothing to migrate, made on first use, for the runs refused with exit 2 before they
 * write (usage errors): they share it, as none of them changes it.
 */
function usageErrorProject(): string {
  return (refusedProject ??= makeProject({ 'utils/add.js': PLAIN }));
}

describe('git working tree safety', () => {
  it('refuses to write into a tree with uncommitted changes, naming them', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    fs.appendFileSync(path.join(dir, 'utils/add.js'), '// edited\n');
    const before = snapshot(dir);
    const r = await mainInProcess(dir, ['.']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/uncommitted changes/);
    expect(r.stderr).toContain('utils/add.js');
    expect(r.stderr).toContain('--force');
    expect(snapshot(dir)).toEqual(before);
  });

  it('says so in JSON too, with --json', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    fs.writeFileSync(path.join(dir, 'scratch.js'), PLAIN);
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(1);
    expect(report).toMatchObject({
      version: 1,
      exitCode: 1,
      refused: { reason: 'dirtyTree', message: expect.stringContaining('scratch.js') },
    });
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
  });

  it('counts an untracked file as uncommitted', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    fs.writeFileSync(path.join(dir, 'scratch.js'), PLAIN);
    const r = await mainInProcess(dir, ['.']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('scratch.js');
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
  });

  it('lets untracked files outside the paths given pass (a build cache at the root), not those inside them nor tracked edits', async () => {
    const dir = makeProject({ 'src/pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    fs.mkdirSync(path.join(dir, '.swc/plugins'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.swc/plugins/cache.json'), '{}\n');
    const onSrc = await runJsonInProcess(dir, ['src']);
    expect(onSrc.code).toBe(0);
    expect(onSrc.report.git.state).toBe('clean');
    expect(read(dir, 'src/pages/index.js')).toContain('record-compat-runtime');
    gitIn(dir, 'checkout', '--', 'src/pages/index.js');
    // The whole repository holds the cache: it is the run's to report.
    const onAll = await runJsonInProcess(dir, ['.']);
    expect(onAll.code).toBe(1);
    expect(onAll.report.refused.message).toContain('?? .swc/');
    // Untracked inside the paths, or a tracked file edited anywhere, still refuse.
    fs.writeFileSync(path.join(dir, 'src/scratch.js'), PLAIN);
    expect((await runJsonInProcess(dir, ['src'])).report.refused.message).toMatch(/\?\? src\/scratch\.js\n/);
    fs.rmSync(path.join(dir, 'src/scratch.js'));
    fs.appendFileSync(path.join(dir, 'utils/add.js'), '// edited\n');
    const edited = await runJsonInProcess(dir, ['src']);
    expect(edited.report.refused.message).toMatch(/uncommitted changes:\n {2}M utils\/add\.js\n/);
    expect(edited.report.refused.message).not.toContain('.swc');
    expect(read(dir, 'src/pages/index.js')).toBe(WX_PAGE);
  });

  it("lets the install's files pass uncommitted (package.json and the lockfiles, changed or new), naming them in the summary: install, then migrate, no commit between", async () => {
    const manifest = '{ "name": "app", "private": true }\n';
    const dir = makeProject({
      'package.json': manifest,
      'yarn.lock': '# yarn\n',
      'pages/index.js': WX_PAGE,
      'sub/package.json': manifest,
    });
    const installed = '{ "name": "app", "private": true, "dependencies": { "record-compat-runtime": "^0.1.0" } }\n';
    fs.writeFileSync(path.join(dir, 'package.json'), installed);
    fs.writeFileSync(path.join(dir, 'package-lock.json'), '{}\n');
    fs.writeFileSync(path.join(dir, 'sub/package.json'), installed);
    const r = await mainInProcess(dir, ['.']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(read(dir, 'pages/index.js')).toContain('record-compat-runtime');
    expect(r.stdout).toContain(
      "  git: package-lock.json, package.json, sub/package.json have uncommitted changes (an install's files, which this run does not write), so they passed the check: commit them with the migration\n",
    );
    // Written as they were: the run does not touch them.
    expect(read(dir, 'package.json')).toBe(installed);
    expect(read(dir, 'package-lock.json')).toBe('{}\n');
    gitIn(dir, 'checkout', '--', 'pages/index.js');
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.git).toEqual({
      state: 'clean',
      forced: false,
      installed: ['package-lock.json', 'package.json', 'sub/package.json'],
    });
  });

  it("refuses a tree whose install's files are deleted, or beside other changes, naming only what blocks it", async () => {
    const dir = makeProject({
      'package.json': '{}\n',
      'yarn.lock': '# yarn\n',
      'pages/index.js': WX_PAGE,
      'utils/add.js': PLAIN,
    });
    fs.rmSync(path.join(dir, 'yarn.lock'));
    const deleted = await runJsonInProcess(dir, []);
    expect(deleted.code).toBe(1);
    expect(deleted.report.refused.message).toContain('D yarn.lock');
    gitIn(dir, 'checkout', '--', 'yarn.lock');
    fs.writeFileSync(path.join(dir, 'package.json'), '{ "private": true }\n');
    fs.appendFileSync(path.join(dir, 'utils/add.js'), '// edited\n');
    const other = await runJsonInProcess(dir, []);
    expect(other.code).toBe(1);
    expect(other.report.refused.message).toMatch(/uncommitted changes:\n {2}M utils\/add\.js\n/);
    expect(other.report.refused.message).not.toContain('package.json');
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
  });

  it('writes into a dirty tree with --force, with a warning', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    fs.appendFileSync(path.join(dir, 'utils/add.js'), '// edited\n');
    const r = await mainInProcess(dir, ['.', '--force']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning:.*uncommitted/);
    expect(read(dir, 'pages/index.js')).not.toContain('wx.startRecord');
    // The user's own edit is left as it was.
    expect(read(dir, 'utils/add.js')).toBe(PLAIN + '// edited\n');
  });

  it('migrates a folder outside git, with a warning', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE }, { git: false });
    const r = await mainInProcess(dir, ['.']);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: not a git repository/);
    expect(read(dir, 'pages/index.js')).toContain('record-compat-runtime/native');
  });

  it('checks the repository of the path given, not the current folder', async () => {
    const repo = makeProject({ 'pages/index.js': WX_PAGE });
    fs.writeFileSync(path.join(repo, 'untracked.js'), PLAIN);
    const elsewhere = makeProject({ 'readme.txt': 'x' }, { git: false });
    const r = await mainInProcess(elsewhere, [repo]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('untracked.js');
  });
});

describe('what git tracks that is not on the disk', () => {
  it('names the scripts a sparse checkout left off the disk, which the run could not read; the rest is migrated', async () => {
    const dir = makeProject({
      'package.json': LISTS_RUNTIME,
      'pages/index.js': WX_PAGE,
      'sdk/voice.js': WX_PAGE,
      'sdk/readme.md': '# sdk\n',
      'node_modules/x/index.js': WX_PAGE,
    });
    gitIn(dir, 'sparse-checkout', 'set', '--no-cone', '/pages/', '/package.json');
    // off the disk too, and not named: a file that is no script, and one under a folder every walk passes over
    expect(
      fs.existsSync(path.join(dir, 'sdk/readme.md')) || fs.existsSync(path.join(dir, 'node_modules/x/index.js')),
    ).toBe(false);
    expect(fs.existsSync(path.join(dir, 'sdk/voice.js'))).toBe(false);
    const { code, report } = await runJsonInProcess(dir, ['.', '--dry']);
    expect(code).toBe(0);
    expect(report.warnings).toEqual([
      '1 script file git tracks is not checked out (a sparse checkout), so they were not read: sdk/voice.js; check them out (git sparse-checkout add <folder>, or disable) and run again',
    ]);
    expect(report.files.map((f: { path: string }) => f.path)).toEqual(['pages/index.js']);
    // Only what lies under the paths given is named.
    expect((await runJsonInProcess(dir, ['pages', '--dry'])).report.warnings).toEqual([]);
  });

  it('names a submodule never checked out (a clone without --recursive), whose files the run could not read', async () => {
    const lib = makeProject({ 'voice.js': WX_PAGE });
    const sup = makeProject({ 'package.json': LISTS_RUNTIME, 'pages/index.js': WX_PAGE });
    gitIn(sup, '-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', '../' + path.basename(lib), 'libs/voice');
    gitIn(sup, 'commit', '-q', '-m', 'a submodule');
    const clone = makeProject({}, { git: false });
    fs.rmSync(clone, { recursive: true });
    execFileSync('git', ['clone', '-q', sup, clone]);
    expect(fs.readdirSync(path.join(clone, 'libs/voice'))).toEqual([]);
    const { code, report } = await runJsonInProcess(clone, ['.', '--dry']);
    expect(code).toBe(0);
    expect(report.warnings).toEqual([
      '1 submodule git tracks is not checked out, so nothing in them was read: libs/voice; check them out (git submodule update --init --recursive) and run again',
    ]);
    // Checked out, it is walked as a repository of its own, and nothing is said.
    gitIn(clone, '-c', 'protocol.file.allow=always', 'submodule', '-q', 'update', '--init');
    const after = (await runJsonInProcess(clone, ['.', '--dry'])).report;
    expect(after.warnings).toEqual([]);
    expect(after.files.map((f: { path: string }) => f.path)).toEqual(['libs/voice/voice.js', 'pages/index.js']);
  });
});

describe('a repository busy with something a clean tree does not show', () => {
  const warningsOf = async (dir: string) => (await runJsonInProcess(dir, ['.', '--dry'])).report.warnings as string[];

  it('warns of a rebase stopped at a commit to edit, of a bisect and of a locked index, and still migrates', async () => {
    const dir = makeProject({ 'package.json': LISTS_RUNTIME, 'pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    fs.appendFileSync(path.join(dir, 'utils/add.js'), '// second\n');
    commitAll(dir);
    expect(await warningsOf(dir)).toEqual([]);

    gitIn(dir, '-c', 'sequence.editor=sed -i s/^pick/edit/', 'rebase', '-q', '-i', 'HEAD~1');
    expect(gitStatus(dir)).toBe('');
    expect(await warningsOf(dir)).toEqual([
      'a rebase (or git am) is in progress in the repository at .: what this run writes goes into the commit you amend or make next; finish it (git rebase --continue) or abort it (git rebase --abort) first unless that is meant',
    ]);
    gitIn(dir, 'rebase', '--abort');

    gitIn(dir, 'bisect', 'start', 'HEAD', 'HEAD~1');
    expect(await warningsOf(dir)).toEqual([
      'a bisect is in progress in the repository at ., so the files are those of a commit under test: end it (git bisect reset) and run again on your branch',
    ]);
    gitIn(dir, 'bisect', 'reset');

    fs.writeFileSync(path.join(dir, '.git/index.lock'), '');
    const { code, report } = await runJsonInProcess(dir, ['.']);
    expect(report.warnings).toEqual([
      "git's index is locked in the repository at . (.git/index.lock exists): another git command may be changing files during this run; if none is running, one that crashed left the lock: remove that file",
    ]);
    expect(code).toBe(0);
    expect(read(dir, 'pages/index.js')).not.toContain('wx.startRecord');
  });
});

describe('files whose changes git hides (skip-worktree, assume-unchanged)', () => {
  /**
   * A repository with a page, and files git was told not to compare, each holding a local edit `git status` does not
   * show.
   */
  function hidingRepo(): string {
    const dir = makeProject({
      'package.json': LISTS_RUNTIME,
      'pages/index.js': WX_PAGE,
      'config/both.js': WX_PAGE,
      'config/record.js': WX_PAGE,
      'config/voice.js': WX_PAGE,
      'config/plain.js': PLAIN,
    });
    gitIn(dir, 'update-index', '--skip-worktree', 'config/record.js', 'config/both.js');
    gitIn(dir, 'update-index', '--assume-unchanged', 'config/voice.js', 'config/plain.js', 'config/both.js');
    for (const file of ['config/both.js', 'config/record.js', 'config/voice.js', 'config/plain.js'])
      fs.appendFileSync(path.join(dir, file), '// local setting\n');
    expect(gitStatus(dir)).toBe('');
    return dir;
  }

  it('refuses to rewrite them as it refuses uncommitted changes, naming each and why; one it would not rewrite does not count', async () => {
    const dir = hidingRepo();
    const before = snapshot(dir);
    const { code, report } = await runJsonInProcess(dir, ['.']);
    expect(code).toBe(1);
    expect(report.refused.reason).toBe('dirtyTree');
    expect(report.refused.message).toBe(
      `the git working tree at ${dir} hides the changes of files this run would rewrite (marked with git update-index --skip-worktree or --assume-unchanged), so neither git status nor git diff would show their migration, nor the edits they may already hold:\n` +
        '  config/both.js (skip-worktree and assume-unchanged)\n  config/record.js (skip-worktree)\n  config/voice.js (assume-unchanged)\n' +
        'Make git compare them again first, git update-index --no-skip-worktree <file> (or --no-assume-unchanged <file>), and commit or stash what they hold, or pass --force.',
    );
    expect(snapshot(dir)).toEqual(before);
    // Once git compares them again, their edits are uncommitted changes like any other.
    gitIn(dir, 'update-index', '--no-skip-worktree', 'config/record.js', 'config/both.js');
    gitIn(dir, 'update-index', '--no-assume-unchanged', 'config/voice.js', 'config/both.js');
    const r = await mainInProcess(dir, ['.']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'has uncommitted changes:\n  M config/both.js\n  M config/record.js\n  M config/voice.js\n',
    );
  });

  it('writes them with --force, warning of each, and the report says the tree was dirty', async () => {
    const dir = hidingRepo();
    const { code, report } = await runJsonInProcess(dir, ['.', '--force']);
    expect(code).toBe(0);
    expect(report.git).toEqual({ state: 'dirty', forced: true, installed: [] });
    expect(report.warnings).toEqual([
      'git hides the changes of files this run rewrites (marked with git update-index --skip-worktree or --assume-unchanged): config/both.js (skip-worktree and assume-unchanged), config/record.js (skip-worktree), config/voice.js (assume-unchanged); writing anyway (--force): neither git status nor git diff will show their migration until git update-index --no-skip-worktree <file> (or --no-assume-unchanged <file>)',
    ]);
    expect(read(dir, 'config/record.js')).not.toContain('wx.startRecord');
    expect(read(dir, 'config/record.js')).toContain('// local setting');
    expect(read(dir, 'config/plain.js')).toBe(PLAIN + '// local setting\n');
  });

  it("does not count one the run would leave as it is (the app's own getRecorderManager in a project that does not route it), on either planning thread", async () => {
    const MANAGER = 'const recorder = wx.getRecorderManager()\nmodule.exports = recorder\n';
    const VOICE_PAGE = 'Page({\n  onPlay() {\n    wx.playVoice({ filePath: this.data.file })\n  }\n})\n';
    /** A project whose page is `page`, beside a manager file git hides a local edit of. */
    const hidingManager = (page: string): string => {
      const dir = makeProject({ 'pages/index.js': page, 'config/recorder.js': MANAGER });
      gitIn(dir, 'update-index', '--skip-worktree', 'config/recorder.js');
      fs.appendFileSync(path.join(dir, 'config/recorder.js'), '// local setting\n');
      return dir;
    };
    // The worker thread exists only in the bin (dist/); in this process the main thread plans.
    const runOn = async (dir: string, thread: string) => {
      if (thread === 'main') return runJsonInProcess(dir, ['.']);
      const r = runCli(dir, ['.', '--json'], { RECORD_COMPAT_PLAN_THREAD: thread });
      return { code: r.code, report: JSON.parse(r.stdout) };
    };
    for (const thread of ['main', 'worker']) {
      // No legacy record call: the manager is not routed, the file would not change, the run goes on.
      const quiet = hidingManager(VOICE_PAGE);
      const { code, report } = await runOn(quiet, thread);
      expect(code, thread).toBe(0);
      expect(report.git).toEqual({ state: 'clean', forced: false, installed: [] });
      expect(read(quiet, 'pages/index.js')).not.toContain('wx.playVoice');
      expect(read(quiet, 'config/recorder.js')).toBe(MANAGER + '// local setting\n');
      // A legacy record call routes the manager: the same file would change, and the run is refused, nothing written.
      const routed = hidingManager(WX_PAGE);
      const before = snapshot(routed);
      const refused = await runOn(routed, thread);
      expect(refused.code, thread).toBe(1);
      expect(refused.report.refused.reason).toBe('dirtyTree');
      expect(refused.report.refused.message).toContain(`hides the changes of files this run would rewrite`);
      expect(refused.report.refused.message).toContain('\n  config/recorder.js (skip-worktree)\n');
      expect(snapshot(routed)).toEqual(before);
    }
  });

  it('looks in each repository the walk enters, and in the folder given alone', async () => {
    const dir = makeProject(
      { 'app/pages/index.js': WX_PAGE, 'app/config/record.js': WX_PAGE, 'loose/page.js': WX_PAGE },
      { git: false },
    );
    const app = path.join(dir, 'app');
    gitIn(app, 'init', '-q');
    gitIn(app, 'add', '-A');
    gitIn(app, '-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '--no-verify', '-m', 'init');
    gitIn(app, 'update-index', '--skip-worktree', 'config/record.js');
    const before = snapshot(dir);
    for (const [cwd, args, shown] of [
      [dir, ['.'], 'app/config/record.js'],
      [app, ['config'], 'config/record.js'],
    ] as const) {
      const r = await runJsonInProcess(cwd, [...args]);
      expect(r.code).toBe(1);
      expect(r.report.refused.message).toContain(
        `the git working tree at ${app} hides the changes of files this run would rewrite`,
      );
      expect(r.report.refused.message).toContain(`\n  ${shown} (skip-worktree)\n`);
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('repositories inside the paths given', () => {
  const commitIn = (repo: string) =>
    gitIn(repo, '-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '--no-verify', '-m', 'init');

  it('checks each git repository the walk enters (a workspace of apps outside git): a dirty one refuses the run, as the path given would', async () => {
    const dir = makeProject(
      { 'appA/pages/index.js': WX_PAGE, 'appB/pages/index.js': WX_PAGE, 'loose/page.js': WX_PAGE },
      { git: false },
    );
    for (const app of ['appA', 'appB']) {
      gitIn(path.join(dir, app), 'init', '-q');
      gitIn(path.join(dir, app), 'add', '-A');
      commitIn(path.join(dir, app));
    }
    fs.appendFileSync(path.join(dir, 'appB/pages/index.js'), '// work in progress\n');
    const before = snapshot(dir);
    const r = await runJsonInProcess(dir, ['.']);
    expect(r.code).toBe(1);
    expect(r.report.refused).toMatchObject({
      reason: 'dirtyTree',
      message: expect.stringContaining(
        `the git working tree at ${path.join(dir, 'appB')} has uncommitted changes:\n  M pages/index.js\n`,
      ),
    });
    expect(snapshot(dir)).toEqual(before);
    // --dry says what would change; --force writes, and says whose changes it writes among
    expect((await runJsonInProcess(dir, ['.', '--dry'])).report.summary.changed).toBe(3);
    const forced = await mainInProcess(dir, ['.', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.stderr).toContain(
      `warning: the git working tree at ${path.join(dir, 'appB')} has uncommitted changes; writing anyway (--force)`,
    );
    expect(read(dir, 'appB/pages/index.js')).toContain('// work in progress');
    expect(read(dir, 'appB/pages/index.js')).not.toContain('wx.startRecord');
  });

  it('migrates a workspace whose repositories are clean, warning only of the folder outside git; each repository by its own ignore rules', async () => {
    const dir = makeProject(
      { 'package.json': LISTS_RUNTIME, 'appA/pages/index.js': WX_PAGE, 'loose/page.js': WX_PAGE },
      { git: false },
    );
    gitIn(path.join(dir, 'appA'), 'init', '-q');
    gitIn(path.join(dir, 'appA'), 'add', '-A');
    commitIn(path.join(dir, 'appA'));
    fs.mkdirSync(path.join(dir, 'appA/.git/info'), { recursive: true });
    fs.appendFileSync(path.join(dir, 'appA/.git/info/exclude'), 'experiments/\n');
    fs.mkdirSync(path.join(dir, 'appA/experiments'));
    fs.writeFileSync(path.join(dir, 'appA/experiments/try.js'), WX_PAGE);
    const r = await runJsonInProcess(dir, ['.']);
    expect(r.code).toBe(0);
    expect(r.report.warnings).toEqual(['not a git repository: the changes cannot be reviewed or undone with git']);
    expect(r.report.summary.changed).toBe(2);
    expect(read(dir, 'appA/experiments/try.js')).toBe(WX_PAGE);
    expect(gitStatus(path.join(dir, 'appA'))).toBe(' M pages/index.js\n');
  });

  it("sees a submodule's own uncommitted changes, though .gitmodules says `ignore = all` for it, wherever the paths given are", async () => {
    const dir = makeProject({ 'lib/pages/index.js': WX_PAGE, 'super/src/index.js': WX_PAGE }, { git: false });
    for (const repo of ['lib', 'super']) {
      gitIn(path.join(dir, repo), 'init', '-q');
      gitIn(path.join(dir, repo), 'add', '-A');
      commitIn(path.join(dir, repo));
    }
    const sup = path.join(dir, 'super');
    gitIn(sup, '-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', '../lib', 'lib');
    gitIn(sup, 'config', '-f', '.gitmodules', 'submodule.lib.ignore', 'all');
    gitIn(sup, 'add', '.gitmodules');
    commitIn(sup);
    fs.appendFileSync(path.join(sup, 'lib/pages/index.js'), '// work in progress\n');
    expect(gitStatus(sup)).toBe('');
    const before = snapshot(dir);
    // The whole superproject, and only its src folder: the submodule's changes are the repository's.
    for (const args of [['.'], ['src']]) {
      const r = await runJsonInProcess(sup, args);
      expect(r.code).toBe(1);
      expect(r.report.refused).toMatchObject({
        reason: 'dirtyTree',
        message: expect.stringContaining('uncommitted changes:\n  M lib\n'),
      });
    }
    expect(snapshot(dir)).toEqual(before);
  });
});

describe('a dirty submodule', () => {
  it('is refused with its changes named from the outer repository, in the submodule they are in', async () => {
    const lib = makeProject({ 'src/f1.js': PLAIN });
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    gitIn(dir, '-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', lib, 'sub');
    gitIn(dir, 'commit', '-q', '-m', 'a submodule');
    fs.appendFileSync(path.join(dir, 'sub/src/f1.js'), '// work in progress\n');
    const refused = await migrateInProcess(['.'], dir);
    expect(refused).toMatchObject({ kind: 'refused', reason: 'dirtyTree' });
    expect(refused.kind === 'refused' && refused.message).toContain(
      `the git working tree at ${dir} has uncommitted changes:\n  M sub\n  M sub/src/f1.js (in submodule sub)\n`,
    );
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
  });
});

describe('--dry', () => {
  it('writes nothing, even in a dirty tree, and says what would change', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    fs.writeFileSync(path.join(dir, 'untracked.js'), PLAIN);
    const before = snapshot(dir);
    const r = await mainInProcess(dir, ['--dry']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/would change\s+pages\/index\.js/);
    expect(r.stdout).toMatch(/dry run/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports the same changes a real run then makes', async () => {
    const dir = makeProject({
      'pages/index.js': WX_PAGE,
      'pages/other.js': WX_PAGE.replace('onStart', 'onBegin'),
      'utils/add.js': PLAIN,
    });
    const dry = await runJsonInProcess(dir, ['--dry']);
    expect(gitStatus(dir)).toBe('');
    const real = await runJsonInProcess(dir, []);
    expect(dry.report.summary).toEqual(real.report.summary);
    expect(dry.report.summary.changed).toBe(2);
    expect(gitStatus(dir).split('\n').filter(Boolean).sort()).toEqual([' M pages/index.js', ' M pages/other.js']);
  });
});

describe('exit codes', () => {
  it('is 0 when every file migrated', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    expect((await mainInProcess(dir, [])).code).toBe(0);
  });

  it('is 0 when there is nothing to migrate', async () => {
    const dir = makeProject({ 'utils/add.js': PLAIN });
    const r = await mainInProcess(dir, []);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 looked at, 0 name a legacy API/);
  });

  it('is 1 when a file failed', () => {
    const dir = makeProject({ 'pages/bad.js': 'wx.startRecord({\n' });
    expect(runCli(dir, []).code).toBe(1);
  });

  it('is 1 under --strict when places are left for manual review, 0 without it', async () => {
    const source = `const name = pickApi()\nexport function go(o) {\n  return wx[name](o)\n}\nexport function rec() {\n  wx.startRecord({})\n}\n`;
    const dir = makeProject({ 'pages/dyn.js': source });
    const lax = await mainInProcess(dir, ['--dry']);
    expect(lax.code).toBe(0);
    expect(lax.stdout).toMatch(/left for a person: 1 place/);
    expect(lax.stdout).toMatch(/\n {6}pages\/dyn\.js:3:\d+\n/);
    const strict = await mainInProcess(dir, ['--dry', '--strict']);
    expect(strict.code).toBe(1);
  });

  it('is 2 for an unknown option, naming it', () => {
    const dir = usageErrorProject();
    const r = runCli(dir, ['--dryrun']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'--dryrun'");
  });

  it('is 2 for a bad --runtime value, naming the option and the value', async () => {
    const dir = usageErrorProject();
    const r = await mainInProcess(dir, ['--runtime', 'global']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--runtime');
    expect(r.stderr).toContain("'global'");
  });

  it('is 2 for a path that does not exist, naming it', async () => {
    const dir = usageErrorProject();
    const r = await mainInProcess(dir, ['src', 'nope/']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'src'");
  });

  it('is 2, in one sentence with no stack trace, when the current folder was deleted: the migration and the audit, --json too; --version still answers', () => {
    const gone =
      'the current folder no longer exists (it was deleted or moved since this shell entered it): cd into a folder that exists and run again';
    // A shell enters the folder, removes it, and runs the bin there, as a user whose folder another terminal deleted.
    const inDeletedFolder = (args: string[]) => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-gone-'));
      return spawnSync(
        'sh',
        ['-c', 'cd "$1" && rmdir "$1" && shift && exec "$@"', 'sh', dir, process.execPath, BIN, ...args],
        { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      );
    };
    const migration = inDeletedFolder(['--dry', '.']);
    expect({ status: migration.status, stderr: migration.stderr, stdout: migration.stdout }).toEqual({
      status: 2,
      stderr: `error: ${gone}\n`,
      stdout: '',
    });
    const audit = inDeletedFolder(['audit', '--json']);
    expect({ status: audit.status, stderr: audit.stderr, stdout: JSON.parse(audit.stdout) }).toEqual({
      status: 2,
      stderr: `error: ${gone}\n`,
      stdout: { error: gone, exitCode: 2 },
    });
    expect(inDeletedFolder(['--version'])).toMatchObject({ status: 0, stderr: '' });
  });

  it('is 2 for a local runtime path that is not .js or .ts', async () => {
    const dir = usageErrorProject();
    const r = await mainInProcess(dir, ['--runtime', 'local=lib/rc.mjs']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('local=lib/rc.mjs');
  });
});

describe('usage errors under --json', () => {
  // The human sentence stays on stderr; stdout holds the same error as JSON, in the shape the audit's errors have.
  const cases: { name: string; args: string[]; env?: Record<string, string>; error: string }[] = [
    { name: 'an unknown option after --json', args: ['--json', '--bogus'], error: "unknown option '--bogus'" },
    { name: 'an unknown option before --json', args: ['--bogus', '--json'], error: "unknown option '--bogus'" },
    {
      name: 'a bad option value read before --json',
      args: ['--runtime', 'global', '--json'],
      error: "argument 'global' is invalid",
    },
    { name: 'a path that does not exist', args: ['--json', 'nope'], error: "path 'nope' does not exist" },
    {
      name: 'a bad environment value',
      args: ['--json', '--dry'],
      env: { RECORD_COMPAT_GIT_TIMEOUT_MS: 'abc' },
      error: 'RECORD_COMPAT_GIT_TIMEOUT_MS=abc',
    },
  ];
  for (const c of cases) {
    it(`are printed as JSON on stdout: ${c.name}`, async () => {
      const dir = usageErrorProject();
      // A variable the bin reads at start needs a process of its own; the rest is answered in this one.
      const r = c.env ? runCli(dir, c.args, c.env) : await mainInProcess(dir, c.args);
      expect(r.code).toBe(2);
      expect(JSON.parse(r.stdout)).toEqual({ error: expect.stringContaining(c.error), exitCode: 2 });
      expect(r.stderr).toContain(`error: ${JSON.parse(r.stdout).error}`);
      expect(r.stderr).toContain('(run with --help for usage)');
    });
  }

  it('leave stdout empty without --json, and after `--` the word is a path, not the option', async () => {
    const dir = usageErrorProject();
    expect((await mainInProcess(dir, ['--bogus'])).stdout).toBe('');
    const r = await mainInProcess(dir, ['--', '--json']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain("path '--json' does not exist");
  });
});

describe('--help and --version', () => {
  it('documents every option and the exit codes', async () => {
    const dir = makeProject({}, { git: false });
    const r = await mainInProcess(dir, ['--help']);
    expect(r.code).toBe(0);
    for (const option of [
      '--dry',
      '--print',
      '--json',
      '--runtime',
      '--force',
      '--strict',
      '--no-color',
      '--version',
      '--help',
    ]) {
      expect(r.stdout).toContain(option);
    }
    expect(r.stdout).toMatch(/Exit codes/);
    expect(r.stdout).toMatch(/local=<path>/);
    expect(r.stdout).toMatch(/\.gitignore/);
  });

  it('prints the package version', () => {
    const dir = makeProject({}, { git: false });
    const r = runCli(dir, ['--version']);
    const { version } = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(version);
  });
});

describe('a second run', () => {
  it('is refused in the tree the first run left dirty, and says to commit first or to look with --dry', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    expect((await mainInProcess(dir, ['.'])).code).toBe(0);
    const migrated = read(dir, 'pages/index.js');
    const again = await mainInProcess(dir, ['.']);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(
      /If they are a first run's edits, commit them: a second run then changes nothing \(--dry shows it without committing\)/,
    );
    // --dry never refuses, and shows that nothing is left
    const dry = await mainInProcess(dir, ['.', '--dry']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(/0 would change/);
    // committed, the second run changes nothing
    commitAll(dir);
    const second = await mainInProcess(dir, ['.']);
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(/0 changed/);
    expect(read(dir, 'pages/index.js')).toBe(migrated);
    expect(gitStatus(dir)).toBe('');
  });
});

describe('a reader that stops early (`… | head`)', () => {
  it('closing the output pipe drops the rest of the log; the run still migrates every file and exits as usual, with no stack trace', async () => {
    const files = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`pages/p${i}.js`, WX_PAGE]));
    const dir = makeProject(files);
    const child = spawn(process.execPath, [BIN, '--no-color', '.'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    // The reader goes away before the first line: every write to stdout meets a closed pipe.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled|internal error/);
    expect(code).toBe(0);
    for (const file of Object.keys(files)) expect(read(dir, file)).toContain("require('record-compat-runtime/native')");
  });
});

describe('a log that cannot be written (a full disk)', () => {
  it.runIf(fs.existsSync('/dev/full'))(
    'the run migrates every file to its end, then says once on stderr that its output was lost, and exits 1',
    async () => {
      const files = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`pages/p${i}.js`, WX_PAGE]));
      const dir = makeProject(files);
      // /dev/full fails every write with ENOSPC, as a log file on a full disk does.
      const full = fs.openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [BIN, '--no-color', '.'], {
        cwd: dir,
        stdio: ['ignore', full, 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      fs.closeSync(full);
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).not.toMatch(/internal error|Unhandled|\n\s+at /);
      expect(stderr.match(/could not write its output \(ENOSPC\); the run went on to its end/g)).toHaveLength(1);
      expect(code).toBe(1);
      for (const file of Object.keys(files))
        expect(read(dir, file)).toContain("require('record-compat-runtime/native')");
      expect(fs.readdirSync(path.join(dir, 'pages')).filter((name) => !name.endsWith('.js'))).toEqual([]);
    },
  );

  it.runIf(fs.existsSync('/dev/full'))(
    'the audit says its report is lost, not that it changed files for `git status` to show',
    async () => {
      const dir = makeProject({ 'pages/index.js': WX_PAGE });
      const before = snapshot(dir);
      const full = fs.openSync('/dev/full', 'w');
      const child = spawn(process.execPath, [BIN, 'audit', '--json'], {
        cwd: dir,
        stdio: ['ignore', full, 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      });
      fs.closeSync(full);
      let stderr = '';
      child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect(stderr).toBe(
        'record-compat: could not write its output (ENOSPC); the audit went on to its end and changed nothing, but its report is lost: run it again with its output going where it can be written\n',
      );
      expect(code).toBe(1);
      expect(snapshot(dir)).toEqual(before);
    },
  );
});
