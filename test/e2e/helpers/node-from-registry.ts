/**
 * Node.js builds other than the one running the tests, from the npm registry (the
 * `node-<platform>-<arch>` package), unpacked once under .tmp/: Node 22 for oxc's raw transfer,
 * Node 18 for the oldest Node the package supports (package.json "engines"), 12 and 16 below it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { cleanEnv, run, TMP, withLock } from './example';

/** oxc-parser hands its trees over by raw transfer from Node 22 on. */
const NODE_22 = '22.23.3';
/** The oldest line package.json's "engines" allows. */
export const NODE_18 = '18.20.8';
/** Lines below it, which the command turns away in one sentence. */
export const NODE_16 = '16.20.2';
export const NODE_12 = '12.22.12';

/**
 * The folder of `name@version` as the registry packs it, fetched and unpacked under .tmp/ on
 * first use; `unavailable` says why, should the registry not have it.
 */
export async function packageFromRegistry(name: string, version: string, unavailable: string): Promise<string> {
  // A scoped name (`@scope/name`) is one folder and one lock, not a folder per scope.
  const key = `${name.replace('/', '+')}-${version}`;
  const dir = path.join(TMP, key);
  const unpacked = path.join(dir, 'package');
  return withLock(key, async () => {
    if (fs.existsSync(path.join(unpacked, 'package.json'))) return unpacked;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const packed = await run('npm', ['pack', `${name}@${version}`, '--pack-destination', dir, '--json'], {
      cwd: dir,
      env: cleanEnv(),
      timeoutMs: 10 * 60_000,
    });
    if (packed.code !== 0) throw new Error(`${unavailable}\n${packed.output.slice(-2000)}`);
    const tarball = path.join(dir, (JSON.parse(packed.stdout) as { filename: string }[])[0]!.filename);
    const untarred = await run('tar', ['xzf', tarball], { cwd: dir });
    if (untarred.code !== 0) throw new Error(`unpacking ${tarball} failed:\n${untarred.output}`);
    fs.rmSync(tarball);
    return unpacked;
  });
}

/** The `node` binary of `version`, fetched and unpacked on first use. */
export async function nodeFromRegistry(version: string): Promise<string> {
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  // The registry has these builds for Linux, not for every platform (for Apple silicon it stops at 18.9).
  const dir = await packageFromRegistry(
    pkg,
    version,
    `Node ${version} is not to be had as ${pkg} from the npm registry: run these e2e tests on Linux.`,
  );
  return path.join(dir, 'bin', 'node');
}

/** A Node on which oxc-parser offers raw transfer: the one running the tests when it is 22 or later. */
export async function nodeWithRawTransfer(): Promise<string> {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  return nodeFromRegistry(NODE_22);
}
