/**
 * Every path a run writes passes one gate (src/files/write-gate.ts), the runtime's copies as the
 * rewritten files, and `--dry` asks it too: each fault as a user meets it, on a real git
 * repository, through the built CLI. What each run says and does is in docs/codemod.md's Safety
 * table.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unprivileged } from '../helpers/other-user';
import {
  assertBuilt,
  BIN,
  cleanupProjects,
  commitAll,
  gitStatus,
  makeProject,
  read,
  runCli,
  runJson,
  runtimeCopyText,
  snapshot,
  WX_PAGE,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const APP_JSON = JSON.stringify({ pages: ['pages/p/p'] });
/** A native mini-program with one page calling the legacy API: the default route writes utils/record-compat.js. */
const MINI_PROGRAM = { 'app.json': APP_JSON, 'pages/p/p.js': WX_PAGE };
const RECORD_JS = runtimeCopyText(['record'], 'js');

/** The run with and without --dry: each refused with `said` (exit 1), nothing written in the folders `guarded`. */
function refusedBoth(dir: string, args: string[], said: string | RegExp, guarded: string[]): void {
  const before = guarded.map((folder) => snapshot(folder));
  for (const dry of [['--dry'], []]) {
    const r = runJson(dir, [...args, ...dry]);
    expect(r.code, `${args.join(' ')} ${dry.join(' ')}`).toBe(1);
    expect(r.report.refused.reason).toBe('runtimeCopy');
    if (typeof said === 'string') expect(r.report.refused.message).toBe(said);
    else expect(r.report.refused.message).toMatch(said);
    expect(r.report.refused.message).not.toMatch(/EISDIR|EEXIST|ENOTDIR|EACCES/);
  }
  expect(guarded.map((folder) => snapshot(folder))).toEqual(before);
}

/** A usage error naming `--runtime local=<given>` (exit 2, --dry too), nothing written. */
function usageError(dir: string, given: string, said: string | RegExp): void {
  const before = snapshot(dir);
  for (const dry of [['--dry'], []]) {
    const r = runCli(dir, ['.', '--runtime', `local=${given}`, ...dry]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`error: option '--runtime local=${given}': `);
    if (typeof said === 'string') expect(r.stderr).toContain(said);
    else expect(r.stderr).toMatch(said);
  }
  expect(snapshot(dir)).toEqual(before);
}

describe('a copy through a link', () => {
  it('utils linked outside the repository: the default route, --runtime local and local=<that path> refuse it alike, and the place they suggest works', () => {
    const outside = makeProject({ 'keep.txt': 'mine\n' }, { git: false });
    const dir = makeProject(MINI_PROGRAM);
    fs.symlinkSync(outside, path.join(dir, 'utils'));
    commitAll(dir);
    const said = `utils/record-compat.js goes through utils, a symbolic link to ${outside}, and this tool writes nothing through a link (it could lead out of the project, where git sees no change); nothing was written: choose where the runtime copy goes with --runtime local=<path>, e.g. --runtime local=lib/record-compat.js`;
    refusedBoth(dir, ['.'], said, [dir, outside]);
    refusedBoth(dir, ['.', '--runtime', 'local'], said, [dir, outside]);
    usageError(
      dir,
      'utils/record-compat.js',
      `utils/record-compat.js goes through utils, a symbolic link to ${outside}, and this tool writes nothing through a link (it could lead out of the project, where git sees no change): choose another path, e.g. --runtime local=lib/record-compat.js`,
    );
    const r = runCli(dir, ['.', '--runtime', 'local=lib/record-compat.js']);
    expect(r.code).toBe(0);
    expect(read(dir, 'lib/record-compat.js')).toBe(RECORD_JS);
    expect(read(dir, 'pages/p/p.js')).toContain("require('../../lib/record-compat')");
    expect(gitStatus(dir).split('\n').filter(Boolean).sort()).toEqual([' M pages/p/p.js', '?? lib/']);
    expect(fs.readdirSync(outside)).toEqual(['keep.txt']);
  });

  it('a link (dangling, or to a shared copy) or a hard link at the copy’s path is never replaced', () => {
    const shared = makeProject({ 'record-compat.js': RECORD_JS }, { git: false });
    for (const [made, said] of [
      [
        (dir: string) => fs.symlinkSync('gone.js', path.join(dir, 'utils/record-compat.js')),
        'utils/record-compat.js is a symbolic link, and this tool writes nothing over a link',
      ],
      [
        (dir: string) =>
          fs.symlinkSync(path.join(shared, 'record-compat.js'), path.join(dir, 'utils/record-compat.js')),
        'utils/record-compat.js is a symbolic link, and this tool writes nothing over a link',
      ],
      [
        (dir: string) => fs.linkSync(path.join(shared, 'record-compat.js'), path.join(dir, 'utils/record-compat.js')),
        'utils/record-compat.js: it has 1 other hard link: a new file in its place would leave that name with the old text',
      ],
    ] as const) {
      const dir = makeProject({ ...MINI_PROGRAM, 'utils/keep.js': '\n' });
      made(dir);
      commitAll(dir);
      refusedBoth(dir, ['.', '--force'], new RegExp(`^${said.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`), [dir, shared]);
    }
    expect(fs.readFileSync(path.join(shared, 'record-compat.js'), 'utf8')).toBe(RECORD_JS);
  });

  it('a rewritten file named through a link on the command line fails with the reason, --dry too; its target is untouched', () => {
    const outside = makeProject({ 'pages/a.js': WX_PAGE }, { git: false });
    const dir = makeProject({ 'package.json': '{}', 'src/b.js': WX_PAGE });
    fs.symlinkSync(outside, path.join(dir, 'alias'));
    commitAll(dir);
    for (const dry of [['--dry'], []]) {
      const r = runJson(dir, ['alias/pages/a.js', 'src', '--runtime', 'package', ...dry]);
      expect(r.code).toBe(1);
      expect(r.report.failures).toEqual([
        {
          path: 'alias/pages/a.js',
          line: null,
          column: null,
          reason: `it goes through alias, a symbolic link to ${outside}, and this tool writes nothing through a link (it could lead out of the project, where git sees no change); left as it is`,
        },
      ]);
    }
    expect(read(outside, 'pages/a.js')).toBe(WX_PAGE);
    expect(read(dir, 'src/b.js')).not.toBe(WX_PAGE);
  });
});

describe('a copy where the walk does not look', () => {
  it('--exclude utils/ (or the declaration file): the copy there is refused, an edited copy is not overwritten even with --force', () => {
    const dir = makeProject({ ...MINI_PROGRAM, 'utils/record-compat.js': RECORD_JS + '// my edit\n' });
    refusedBoth(
      dir,
      ['.', '--exclude', 'utils/', '--force'],
      'utils/record-compat.js lies in utils/, which --exclude leaves out; nothing was written: choose where the runtime copy goes with --runtime local=<path>, e.g. --runtime local=lib/record-compat.js',
      [dir],
    );
    refusedBoth(
      dir,
      ['.', '--exclude', 'utils/record-compat.d.ts'],
      /^utils\/record-compat\.d\.ts, where the runtime copy utils\/record-compat\.js takes its declaration file, is left out by --exclude; /,
      [dir],
    );
  });

  it('local= a dependency, build, hidden or git-ignored folder, a .d.ts, a hidden name: a usage error naming the option', () => {
    const dir = makeProject({ ...MINI_PROGRAM, '.gitignore': 'vendor/\n' });
    const eg = ': choose another path, e.g. --runtime local=utils/record-compat.js';
    usageError(
      dir,
      'node_modules/rc.js',
      `node_modules/rc.js lies in node_modules/, a folder the run never walks (dependencies, build output and hidden folders are passed over)${eg}`,
    );
    usageError(dir, 'dist/rc.js', 'dist/rc.js lies in dist/, a folder the run never walks');
    usageError(dir, '.cache/rc.js', '.cache/rc.js lies in .cache/, a folder the run never walks');
    usageError(
      dir,
      'vendor/rc.js',
      `vendor/rc.js lies in vendor/, which git ignores, so a file written there would not be committed${eg}`,
    );
    usageError(
      dir,
      'utils/record-compat.d.ts',
      `utils/record-compat.d.ts is a declaration file, which holds types only, and the runtime copy is code${eg}`,
    );
    usageError(
      dir,
      '.js',
      `.js.js would be a hidden file (its name starts with a dot), which the walk and many tools pass over${eg}`,
    );
  });
});

describe('--exclude written as a path', () => {
  const files = { 'package.json': '{}', 'src/legacy/a.js': WX_PAGE, 'src/a.js': WX_PAGE, 'src/b.js': WX_PAGE };

  it("the current folder's absolute path and .. inside are read as the path from it; a path outside it is a usage error", () => {
    const dir = makeProject(files);
    const r = runJson(dir, [
      '.',
      '--runtime',
      'package',
      '--exclude',
      `${dir}/src/legacy/`,
      '--exclude',
      'src/legacy/../a.js',
    ]);
    expect(r.code).toBe(0);
    expect(read(dir, 'src/legacy/a.js')).toBe(WX_PAGE);
    expect(read(dir, 'src/a.js')).toBe(WX_PAGE);
    expect(read(dir, 'src/b.js')).not.toBe(WX_PAGE);
    expect(r.report.summary.excluded).toMatchObject({ files: 2, namingLegacyApi: ['src/a.js', 'src/legacy/a.js'] });
    const other = makeProject({ 'x.js': WX_PAGE }, { git: false });
    for (const [pattern, said] of [
      [`${other}/x.js`, `it is an absolute path outside the current folder (${dir})`],
      [dir, `it names the current folder itself (${dir})`],
      ['src/../../x.js', 'it reaches above the current folder'],
      ['src/*/../a.js', 'its .. follows a wildcard (*)'],
    ]) {
      const refused = runCli(dir, ['.', '--exclude', pattern, '--dry']);
      expect(refused.code, pattern).toBe(2);
      expect(refused.stderr).toContain(`option --exclude '${pattern}': ${said}`);
    }
  });
});

describe('a copy its import would not load', () => {
  it('a TypeScript project holding its own utils/record-compat.js: the .ts copy beside it is refused, naming both', () => {
    const mine = 'module.exports = { mine: true }\n';
    const dir = makeProject({ ...MINI_PROGRAM, 'tsconfig.json': '{}', 'utils/record-compat.js': mine });
    refusedBoth(
      dir,
      ['.'],
      'utils/record-compat.ts would sit beside utils/record-compat.js (a file), and rewritten code imports the copy without an extension (./record-compat), which may load that instead; nothing was written: choose where the runtime copy goes with --runtime local=<path>, e.g. --runtime local=lib/record-compat.ts',
      [dir],
    );
    expect(read(dir, 'utils/record-compat.js')).toBe(mine);
  });
});

describe('what is at the copy’s path, or on its way', () => {
  it('a folder at the copy’s path, a file where its folder should be: named with the way out, no raw system error', () => {
    const folder = makeProject({ ...MINI_PROGRAM, 'utils/record-compat.js/keep.txt': 'x\n' });
    refusedBoth(
      folder,
      ['.'],
      "utils/record-compat.js is a folder, and a file is never written in a folder's place (it is left as it is); nothing was written: choose where the runtime copy goes with --runtime local=<path>, e.g. --runtime local=lib/record-compat.js",
      [folder],
    );
    const file = makeProject({ ...MINI_PROGRAM, utils: 'not a folder\n' });
    refusedBoth(
      file,
      ['.'],
      'utils/record-compat.js cannot be made: utils is a file, not a folder; nothing was written: choose where the runtime copy goes with --runtime local=<path>, e.g. --runtime local=lib/record-compat.js',
      [file],
    );
    const asked = makeProject({ ...MINI_PROGRAM, 'lib/rc.js/keep.txt': 'x\n' });
    usageError(asked, 'lib/rc.js', "lib/rc.js is a folder, and a file is never written in a folder's place");
  });

  const why = typeof unprivileged === 'string' ? ` (skipped: ${unprivileged})` : '';
  it.skipIf(typeof unprivileged === 'string')(
    `a read-only utils/: --dry says the refusal the real run gives${why}`,
    () => {
      const user = unprivileged as Exclude<typeof unprivileged, string>;
      const dir = makeProject({ ...MINI_PROGRAM, 'utils/util.js': 'module.exports = {}\n' }, { git: false });
      if (user.name) execFileSync('chown', ['-R', user.name, dir]);
      fs.chmodSync(path.join(dir, 'utils'), 0o555);
      const before = snapshot(dir);
      const said =
        'utils/record-compat.js: its folder is read-only for this user, so it cannot be created there (make the folder writable); nothing was written: choose where the runtime copy goes with --runtime local=<path>, e.g. --runtime local=lib/record-compat.js';
      for (const dry of [['--dry'], []]) {
        const r = user.run(dir, [BIN, '.', '--json', ...dry]);
        expect(r.status).toBe(1);
        expect(JSON.parse(r.stdout).refused).toEqual({ reason: 'runtimeCopy', message: said });
      }
      expect(snapshot(dir)).toEqual(before);
    },
  );
});

describe('where nothing installs the package', () => {
  it('no package.json: the run says the files import a package nothing installs, and how to add it', () => {
    const dir = makeProject({ 'pages/p.js': WX_PAGE });
    for (const dry of [['--dry'], []]) {
      const r = runCli(dir, ['.', ...dry]);
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(
        `warning: no package.json is at or above the files that import record-compat-runtime (the ${dry.length ? 'files that would change would' : 'changed files now'} import it), so nothing installs it and the import will not resolve: create package.json with the package in its dependencies (npm init -y && npm install record-compat-runtime) before the app is built, or import a local copy of the runtime instead (--runtime local)`,
      );
    }
    expect(read(dir, 'pages/p.js')).toContain('record-compat-runtime/native');
  });

  it('a folder named app.json: the files below it fail, left as they are', () => {
    const dir = makeProject({ 'app.json/keep.txt': 'x\n', 'pages/p.js': WX_PAGE, 'package.json': '{}' });
    for (const dry of [['--dry'], []]) {
      const r = runJson(dir, ['.', ...dry]);
      expect(r.code).toBe(1);
      expect(r.report.failures).toEqual([
        {
          path: 'pages/p.js',
          line: 4,
          column: null,
          reason:
            "../app.json is a folder, not a mini-program's app.json, so whether this file is in a native mini-program (which decides where it may import the runtime from) is not known; left as it is: rename or remove ../app.json, or make it the mini-program's app.json, and run again",
        },
      ]);
    }
    expect(read(dir, 'pages/p.js')).toBe(WX_PAGE);
  });
});
