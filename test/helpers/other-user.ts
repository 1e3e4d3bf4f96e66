/**
 * An unprivileged user to run Node as, for the cases where file modes matter (root ignores
 * them): as root, the user "nobody" through setpriv; as any other user, that user itself.
 */
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ROOT } from './paths';

export interface OtherUser {
  /** Runs `node …args` in `cwd` as that user (NO_COLOR set, HOME a folder it may write), with `extraEnv` set too. */
  run(cwd: string, args: string[], extraEnv?: Record<string, string>): SpawnSyncReturns<string>;
  /** The user name to chown a test's files to (root only: otherwise the files are already its own). */
  name: string | null;
}

/** That user, or why there is none (the reason a test names when it is skipped). */
export const unprivileged: OtherUser | string = (() => {
  const env = { ...process.env, NO_COLOR: '1', HOME: os.tmpdir() };
  if (!process.getuid) return 'no POSIX users here';
  if (process.getuid() !== 0)
    return {
      run: (cwd, args, extraEnv = {}) =>
        spawnSync(process.execPath, args, { cwd, encoding: 'utf8', env: { ...env, ...extraEnv } }),
      name: null,
    };
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => fs.existsSync(p));
  if (!setpriv) return 'running as root and setpriv is not installed';
  let uid: number;
  let gid: number;
  try {
    uid = Number(execFileSync('id', ['-u', 'nobody'], { encoding: 'utf8' }).trim());
    gid = Number(execFileSync('id', ['-g', 'nobody'], { encoding: 'utf8' }).trim());
  } catch {
    return 'running as root and there is no user "nobody"';
  }
  const run = (cwd: string, args: string[], extraEnv: Record<string, string> = {}) =>
    spawnSync(setpriv, [`--reuid=${uid}`, `--regid=${gid}`, '--clear-groups', process.execPath, ...args], {
      cwd,
      encoding: 'utf8',
      env: { ...env, ...extraEnv },
      maxBuffer: 64 * 1024 * 1024,
    });
  // The repository must be readable to that user: the tests run its built code.
  const probe = run(os.tmpdir(), ['-e', `require(${JSON.stringify(path.join(ROOT, 'package.json'))})`]);
  return probe.status === 0
    ? { run, name: 'nobody' }
    : `user "nobody" cannot read this repository (${probe.stderr.trim().split('\n')[0]})`;
})();
