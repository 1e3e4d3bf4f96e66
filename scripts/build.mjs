#!/usr/bin/env node
/*
 * npm run build: dist/ and the runtime package's files, from the sources.
 * Two chains run side by side, since neither reads what the other writes and each keeps one core busy:
 *   tsc (dist/src, dist/transforms), the bin made executable, then the command's bundle (bundle-cli.mjs);
 *   the runtime (build-runtime.mjs: packages/runtime and dist/runtime).
 * Then the entry folders and the declarations TypeScript 4 reads, which need both.
 * With --if-changed (npm run test:unit) nothing is built when the inputs are the ones the last build was made from:
 * a hash of their bytes is kept in dist/.build-inputs, written once a build has succeeded.
 * Usage: node scripts/build.mjs [--if-changed]
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

/** What a build reads: the sources, the build scripts, the settings and the installed versions (the lockfile). */
const INPUTS = [
  'src',
  'transforms',
  'scripts',
  'package.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.build.json',
  'packages/runtime/package.json',
];
/** The hash of the inputs the last successful build was made from, in a repository. */
export const STAMP = join('dist', '.build-inputs');
/** One output of each step, gone if someone removed a step's folder since. */
export const OUTPUTS = [
  'dist/src/cli/bundle.js',
  'dist/runtime/standalone/pieces.json',
  'packages/runtime/dist/esm/taro.js',
  'packages/runtime/native/package.json',
];

/** The files of one input (itself, or every file under the folder), relative to the repository `at`, in order. */
function filesOf(at, input) {
  const full = join(at, input);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [input];
  return readdirSync(full, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(at, join(entry.parentPath, entry.name)))
    .sort();
}

/** The hash of the build's inputs in the repository `at`: their names and bytes. */
export function inputsHash(at = root) {
  const hash = createHash('sha256');
  for (const file of INPUTS.flatMap((input) => filesOf(at, input)))
    hash.update(file + '\0').update(readFileSync(join(at, file)));
  return hash.digest('hex');
}

/** Whether the last build in `at` succeeded on inputs of this hash, and its outputs are still there. */
export function upToDate(hash, at = root) {
  const stamp = join(at, STAMP);
  return existsSync(stamp) && readFileSync(stamp, 'utf8') === hash && OUTPUTS.every((out) => existsSync(join(at, out)));
}

/** Runs `node <args>` in the repository, its output on ours; rejects naming the step when it fails. */
function node(...args) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0
        ? resolvePromise()
        : reject(new Error(`build: ${args.join(' ')} failed (${signal ?? `exit ${code}`})`)),
    );
  });
}

async function compileTheTool() {
  await node(TSC, '-p', 'tsconfig.build.json');
  chmodSync(join(root, 'dist', 'src', 'cli', 'bin.js'), 0o755);
  await node('scripts/bundle-cli.mjs');
}

async function build() {
  const hash = inputsHash();
  if (process.argv.includes('--if-changed') && upToDate(hash)) {
    console.log('build: dist/ was built from these sources already (--if-changed): nothing to do');
    return;
  }
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  // Both chains run to their end, so that every failure is printed, not only the first one's.
  const results = await Promise.allSettled([compileTheTool(), node('scripts/build-runtime.mjs')]);
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) throw new Error(failed.map((r) => r.reason.message).join('\n'));
  await node('scripts/build-entry-folders.mjs');
  await node('scripts/build-declarations.mjs');
  writeFileSync(join(root, STAMP), hash);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  build().catch((e) => {
    console.error(e.message);
    process.exit(1);
  });
}
