#!/usr/bin/env node
/*
 * npm run build: dist/ and the runtime package's files, from the sources.
 * Two chains run side by side, since neither reads what the other writes and each keeps one core busy:
 *   tsc (dist/src, dist/transforms), the bin made executable, then the command's bundle (bundle-cli.mjs);
 *   the runtime (build-runtime.mjs: packages/runtime and dist/runtime).
 * Then the entry folders and the declarations TypeScript 4 reads, which need both.
 * Usage: node scripts/build.mjs
 */
import { spawn } from 'node:child_process';
import { chmodSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');

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
  rmSync(join(root, 'dist'), { recursive: true, force: true });
  // Both chains run to their end, so that every failure is printed, not only the first one's.
  const results = await Promise.allSettled([compileTheTool(), node('scripts/build-runtime.mjs')]);
  const failed = results.filter((r) => r.status === 'rejected');
  if (failed.length) throw new Error(failed.map((r) => r.reason.message).join('\n'));
  await node('scripts/build-entry-folders.mjs');
  await node('scripts/build-declarations.mjs');
}

build().catch((e) => {
  console.error(e.message);
  process.exit(1);
});
