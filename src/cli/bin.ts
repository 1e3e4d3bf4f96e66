#!/usr/bin/env node
/*
 * The command's entry. It checks the Node version before anything else is loaded, in syntax
 * any Node reads (no `??`, no `?.`: Node 12 could not even parse the rest of the CLI), so that
 * an old Node gets one sentence saying what to use instead, not a SyntaxError or a crash deep
 * in a dependency.
 */

import type * as CodeCache from './code-cache';

/** The oldest Node the command runs on: package.json's "engines" (a test holds the two equal). */
const MINIMUM_NODE_MAJOR = 18;

const major = Number(process.versions.node.split('.')[0]);
if (major < MINIMUM_NODE_MAJOR) {
  process.stderr.write(
    `taro-plugin-record-compat needs Node ${MINIMUM_NODE_MAJOR} or later, and this is Node ${process.versions.node}: run it with a current Node (20 or 22, say).\n`,
  );
  process.exitCode = 1;
} else {
  useCompileCache();
  // The command in one file (process-entry.ts and what it imports, bundled by scripts/bundle-cli.mjs): Node reads one
  // file at start instead of eighty, compiled by an earlier run where it can (code-cache.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once the check has passed
  const { runCompiled, saveCompiledCode } = require('./code-cache') as typeof CodeCache;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  runCompiled((require('path') as typeof import('path')).join(__dirname, 'bundle.js'));
  process.once('exit', saveCompiledCode);
}

/**
 * Node 22.1 and later keep the compiled code of the modules a process loads, in the system's temporary folder, for
 * the next run: a run then starts sooner (a small --dry 0.92x, an audit 0.88x, where TypeScript is most of the load).
 * That covers the dependencies; the command's own bundles keep theirs on every Node (code-cache.ts).
 * Node's NODE_DISABLE_COMPILE_CACHE turns it off; a cache that cannot be written only goes unused.
 */
function useCompileCache(): void {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- older Nodes have no such function
    const nodeModule = require('module') as { enableCompileCache?: () => unknown };
    if (nodeModule.enableCompileCache) nodeModule.enableCompileCache();
  } catch (error) {
    // Nothing is lost without the cache but time.
  }
}
