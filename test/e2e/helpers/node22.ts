/**
 * A Node.js on which oxc-parser hands its trees over by raw transfer (Node >= 22): the one
 * running the tests when it is new enough, else Node's own build from the npm registry (the
 * `node-<platform>-<arch>` package), unpacked once under .tmp/.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { cleanEnv, run, TMP, withLock } from './example';

const NODE_22 = '22.23.3';

export async function nodeWithRawTransfer(): Promise<string> {
  if (Number(process.versions.node.split('.')[0]) >= 22) return process.execPath;
  const pkg = `node-${process.platform === 'win32' ? 'win' : process.platform}-${process.arch}`;
  const dir = path.join(TMP, `${pkg}-${NODE_22}`);
  const bin = path.join(dir, 'package', 'bin', 'node');
  return withLock(`${pkg}-${NODE_22}`, async () => {
    if (fs.existsSync(bin)) return bin;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const packed = await run('npm', ['pack', `${pkg}@${NODE_22}`, '--pack-destination', dir, '--json'], { cwd: dir, env: cleanEnv(), timeoutMs: 10 * 60_000 });
    // The registry has Node 22 for Linux, not for every platform (for Apple silicon it stops at 18.9).
    if (packed.code !== 0) throw new Error(`Node ${NODE_22} is not to be had as ${pkg} from the npm registry: run the e2e tests on Node 22 or later, or on Linux.\n${packed.output.slice(-2000)}`);
    const tarball = path.join(dir, `${pkg}-${NODE_22}.tgz`);
    const unpacked = await run('tar', ['xzf', tarball], { cwd: dir });
    if (unpacked.code !== 0) throw new Error(`unpacking ${tarball} failed:\n${unpacked.output}`);
    fs.rmSync(tarball);
    return bin;
  });
}
