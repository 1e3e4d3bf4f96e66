/**
 * This repository's packages as `npm pack` ships them, packed once per run of the e2e project: pack.test.ts and
 * install.test.ts install the same tarballs. The first file to ask packs them, holding a lock, and leaves a record
 * beside them (in the run's folder of shared-build.ts, which the next run's global setup removes); the other reads it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROOT, cleanEnv, run, withLock } from './example';
import { runFolder } from './shared-build';

export interface Tarball {
  /** Its path. */
  file: string;
  /** The paths it holds, as `npm pack --json` lists them. */
  files: string[];
}

/** The tool, the runtime package its migrated code imports, and the eslintrc plugin. */
const PACKAGES = {
  tool: '.',
  runtime: './packages/runtime',
  eslintPlugin: './packages/eslint-plugin-record-compat',
} as const;
export type Packed = Record<keyof typeof PACKAGES, Tarball>;

export async function packedTarballs(): Promise<Packed> {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/taro-plugin/index.js')))
    throw new Error('the package is not built: run `npm run build` first (npm test does)');
  const dir = path.join(runFolder(), 'packed');
  const record = path.join(dir, 'packed.json');
  return withLock('packed-tarballs', async () => {
    if (fs.existsSync(record)) return JSON.parse(fs.readFileSync(record, 'utf8')) as Packed;
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    const packed: Partial<Packed> = {};
    for (const [name, folder] of Object.entries(PACKAGES) as [keyof Packed, string][]) {
      const res = await run('npm', ['pack', folder, '--json', '--pack-destination', dir], {
        cwd: ROOT,
        env: cleanEnv(),
      });
      if (res.code !== 0) throw new Error(`npm pack ${folder} failed:\n${res.output}`);
      const [info] = JSON.parse(res.stdout.slice(res.stdout.indexOf('['))) as {
        filename: string;
        files: { path: string }[];
      }[];
      packed[name] = { file: path.join(dir, info.filename), files: info.files.map((f) => f.path) };
    }
    fs.writeFileSync(record, JSON.stringify(packed));
    return packed as Packed;
  });
}
