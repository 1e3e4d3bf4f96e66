#!/usr/bin/env node
/*
 * Bundles the command (dist/src/cli/process-entry.js and what it imports from this package) into one file,
 * dist/src/cli/bundle.js, which the bin loads. Node then reads one file at start, not eighty: a one-file run starts
 * about as fast as it did before the round-two checks. Packages stay outside (they load from node_modules as before),
 * and so do the files that must stay files of their own: the CI report formats, loaded only when a run asks for one,
 * and the planning thread's script (dist/src/cli/plan-worker.js), which is bundled in its own place the same way: the
 * thread starts on one file, not forty, and a large run's planning begins that much sooner; the audit's thread
 * (dist/src/cli/audit-worker.js: Ctrl-C ends the audit in any phase) is bundled the same way.
 * Usage: node scripts/bundle-cli.mjs (after tsc, from `npm run build`)
 */
import { build } from 'esbuild';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'src', 'cli');

/** Modules loaded by path at run time that stay files of their own, kept as requires relative to the bundle. */
const SEPARATE = [
  join(root, 'dist', 'src', 'report-formats', 'index.js'),
  // The audit's engine: the audit runs on its own thread (audit-worker.js, bundled below); the command's bundle needs it
  // only where that thread's file is missing, which the build never leaves.
  join(root, 'dist', 'src', 'audit', 'index.js'),
];

/**
 * Keeps the requires of `files` as requires relative to the bundle. The loader of compiled code (code-cache.js) stays a
 * file of its own in every bundle: the bin loads each bundle through it, and each thread tells that same module when to
 * save its code.
 */
const keepSeparate = (files) => ({
  name: 'keep-separate',
  setup(b) {
    b.onResolve({ filter: /^\./ }, ({ path, resolveDir }) => {
      // A folder's index.js is also required by the folder's name.
      const names = (s) => [s, s.replace(/\.js$/, ''), ...(basename(s) === 'index.js' ? [dirname(s)] : [])];
      const file = files.find((s) => names(s).includes(resolve(resolveDir, path)));
      const from = file && relative(cli, file);
      return file ? { path: from.startsWith('..') ? from : './' + from, external: true } : undefined;
    });
  },
});
const CODE_CACHE = join(cli, 'code-cache.js');

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  packages: 'external',
  logLevel: 'warning',
};
await build({
  ...common,
  entryPoints: [join(cli, 'process-entry.js')],
  outfile: join(cli, 'bundle.js'),
  plugins: [keepSeparate([...SEPARATE, CODE_CACHE])],
});
// The planning thread and the audit's thread (Ctrl-C ends it in any phase), each one file.
for (const worker of ['plan-worker.js', 'audit-worker.js'])
  await build({
    ...common,
    entryPoints: [join(cli, worker)],
    outfile: join(cli, worker),
    allowOverwrite: true,
    plugins: [keepSeparate([CODE_CACHE])],
  });
