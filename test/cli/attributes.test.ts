/**
 * What a run says of the extended attributes a rewrite by rename would drop, where it cannot list
 * them (getfattr not installed, or not startable from the PATH) and where macOS' xattr lists them:
 * the built CLI, spawned. Where getfattr lists them, the fault suite (faults.test.ts) refuses such
 * a file.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, describe, expect, it } from 'vitest';
import { unprivileged } from '../helpers/other-user';
import { BIN, cleanupProjects, makeProject, read, runCli, runCliWithPreload, WX_PAGE } from './helpers';

afterAll(cleanupProjects);

const NOT_INSTALLED =
  'extended attributes and ACLs, which a rewritten file does not keep (getfattr is not installed; install the package attr to have a file that has them refused)';

describe('where getfattr is not installed', () => {
  it('a run that rewrites files says once, in its summary, what was not checked; no warning; nothing rewritten, nothing said', () => {
    const dir = makeProject({ 'a.js': WX_PAGE, 'b.js': WX_PAGE }, { git: false });
    // A PATH with neither getfattr nor git in it: the bin itself is run by its absolute path.
    const empty = makeProject({}, { git: false });
    const dry = runCli(dir, ['.', '--dry'], { PATH: empty });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`\n  not checked: ${NOT_INSTALLED}\n`);
    expect(dry.stderr).not.toMatch(/getfattr|attributes/);
    const r = runCli(dir, ['.', '--json'], { PATH: empty });
    const report = JSON.parse(r.stdout);
    expect(report.summary).toMatchObject({ changed: 2, notChecked: NOT_INSTALLED });
    expect(report.warnings.join('\n')).not.toMatch(/getfattr|attributes/);
    expect(read(dir, 'a.js')).not.toBe(WX_PAGE);
    expect(JSON.parse(runCli(dir, ['.', '--json'], { PATH: empty }).stdout).summary.notChecked).toBeNull();
  });

  const skip = typeof unprivileged === 'string' ? ` (skipped: ${unprivileged})` : '';
  it.skipIf(typeof unprivileged === 'string')(
    `a PATH holding a folder the user cannot search is getfattr (or git) not started, said so, not a failure of every file${skip}`,
    () => {
      const user = unprivileged as Exclude<typeof unprivileged, string>;
      const dir = makeProject({ 'a.js': WX_PAGE, 'b.js': WX_PAGE });
      const locked = makeProject({}, { git: false });
      // git itself, in a folder of its own after the locked one.
      const gitOnly = makeProject({}, { git: false });
      fs.symlinkSync(
        execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(),
        path.join(gitOnly, 'git'),
      );
      fs.chmodSync(gitOnly, 0o755);
      if (user.name) execFileSync('chown', ['-R', user.name, dir]);
      fs.chmodSync(locked, 0o000);
      try {
        // The search of the PATH meets the folder first: the spawn fails with EACCES, getfattr installed or not.
        const r = user.run(dir, [BIN, '.', '--json'], { PATH: `${locked}${path.delimiter}${gitOnly}` });
        const report = JSON.parse(r.stdout);
        expect(report.failures).toEqual([]);
        expect(report.summary).toMatchObject({
          changed: 2,
          notChecked:
            'extended attributes and ACLs, which a rewritten file does not keep (getfattr could not be started (EACCES: a folder of the PATH this user may not search, or a getfattr it may not run); install the package attr, or fix the PATH, to have a file that has them refused)',
        });
        expect(r.status).toBe(0);
        // git reached the same way: the check of the tree cannot run, and says why (--dry: a warning; a real run: refused).
        const noGit = user.run(dir, [BIN, '.', '--dry', '--json'], { PATH: locked });
        expect(JSON.parse(noGit.stdout).warnings).toEqual([
          `git failed in ${dir}, so the working tree could not be checked for uncommitted changes: git could not be started (EACCES: a folder of the PATH this user may not search, or a git it may not run)`,
        ]);
      } finally {
        fs.chmodSync(locked, 0o755);
      }
    },
  );
});

/**
 * A stand-in for macOS' xattr on this Linux, over the file's real attributes: it writes what macOS' writes when it
 * lists names (`<file>: <name>` a line with two files or more, the name alone with one; `No such file: <file>` on
 * stderr). macOS' names have no namespace: this Linux keeps them under `user.`, which it drops.
 */
const FAKE_XATTR = `#!/usr/bin/env python3
import os, sys
args = sys.argv[1:]
if args == ['-h']:
    print('usage: xattr [-lz] file [file ...]')
    sys.exit(0)
for name in args:
    try:
        names = os.listxattr(name)
    except OSError as e:
        sys.stderr.write(('No such file: %s' % name if not os.path.exists(name) else str(e)) + '\\n')
        continue
    for attribute in names:
        if attribute.startswith('user.'):
            print(('%s: ' % name if len(args) > 1 else '') + attribute[len('user.'):])
`;

/** Why this Linux cannot stand in for macOS here (null: it can): python3, and a file system with user attributes. */
const noFakeMacos = ((): string | null => {
  const probe = makeProject({ f: '' }, { git: false });
  const r = spawnSync('python3', [
    '-c',
    `import os; os.setxattr(${JSON.stringify(path.join(probe, 'f'))}, 'user.p', b'1')`,
  ]);
  return r.status === 0 ? null : 'needs python3 and a file system with user attributes';
})();

describe("on macOS, where the system's xattr lists them", () => {
  const skip = noFakeMacos ? ` (skipped: ${noFakeMacos})` : '';
  it.skipIf(noFakeMacos !== null)(
    `a file with an attribute of its own is refused with the way out in xattr's terms; the system's bookkeeping is no reason; the summary says ACLs were not checked${skip}`,
    () => {
      const dir = makeProject({ 'a.js': WX_PAGE, 'tagged.js': WX_PAGE, 'downloaded.js': WX_PAGE }, { git: false });
      const set = (file: string, name: string) =>
        execFileSync('python3', [
          '-c',
          `import os; os.setxattr(${JSON.stringify(path.join(dir, file))}, '${name}', b'1')`,
        ]);
      set('tagged.js', 'user.origin');
      set('downloaded.js', 'user.com.apple.quarantine');
      const bin = makeProject({}, { git: false });
      fs.writeFileSync(path.join(bin, 'xattr'), FAKE_XATTR, { mode: 0o755 });
      const macos = "Object.defineProperty(process, 'platform', { value: 'darwin' });";
      const r = runCliWithPreload(dir, ['.', '--json'], macos, { PATH: `${bin}${path.delimiter}${process.env.PATH}` });
      const report = JSON.parse(r.stdout);
      expect(report.failures).toEqual([
        {
          path: 'tagged.js',
          line: null,
          column: null,
          reason:
            'it has extended attributes (origin) that a new file in its place would not carry: left as it is (to migrate it, note them with xattr -lx, remove them with xattr -c, run again, then put each back with xattr -wx)',
        },
      ]);
      expect(report.summary).toMatchObject({
        changed: 2,
        notChecked: 'ACLs, which a rewritten file does not keep (xattr lists extended attributes only)',
      });
      expect(read(dir, 'tagged.js')).toBe(WX_PAGE);
      expect(read(dir, 'downloaded.js')).not.toBe(WX_PAGE);
    },
  );
});
