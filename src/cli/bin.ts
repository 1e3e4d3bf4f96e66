#!/usr/bin/env node
/*
 * The command's entry. It checks the Node version before anything else is loaded, in syntax
 * any Node reads (no `??`, no `?.`: Node 12 could not even parse the rest of the CLI), so that
 * an old Node gets one sentence saying what to use instead, not a SyntaxError or a crash deep
 * in a dependency.
 */

/** The oldest Node the command runs on: package.json's "engines" (a test holds the two equal). */
const MINIMUM_NODE_MAJOR = 18;

const major = Number(process.versions.node.split('.')[0]);
if (major < MINIMUM_NODE_MAJOR) {
  process.stderr.write(
    `taro-plugin-record-compat needs Node ${MINIMUM_NODE_MAJOR} or later, and this is Node ${process.versions.node}: run it with a current Node (20 or 22, say).\n`,
  );
  process.exitCode = 1;
} else {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only once the check has passed
  require('./process-entry');
}
