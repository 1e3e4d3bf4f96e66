/** `taro-plugin-record-compat/babel`: the rewrite as a Babel 7 plugin. */
import type { PluginObj, PluginPass } from '@babel/core';
import * as path from 'path';
import { givenOptionsFor, MESSAGE_PREFIX, PACKAGE_NAME, rewritePlugin, TaroProjectLookup, type RewriteOptions } from './rewrite';

export type { RecordCompatMetadata, RewriteOptions, RewriteReport } from './rewrite';

/** What to do instead, where a Babel 6 toolchain (Taro 2's `babel` config) loads this plugin. */
export const BABEL6_MESSAGE =
  `${MESSAGE_PREFIX} ${PACKAGE_NAME}/babel is a Babel 7 plugin and this build runs Babel 6 (Taro 2's \`babel\` config): ` +
  `remove it from \`babel.plugins\` and list '${PACKAGE_NAME}' in \`plugins\` instead (Taro 2.2+), or migrate the source once with \`npx ${PACKAGE_NAME} src/\`.`;

function isBabel6(api: unknown): boolean {
  const version = (api as { version?: unknown } | undefined)?.version;
  return typeof version === 'string' && version.startsWith('6.');
}

export default function recordCompatBabel(api: unknown, options: RewriteOptions = {}): PluginObj<PluginPass> {
  if (isBabel6(api)) {
    const error = new Error(BABEL6_MESSAGE);
    // The message is the whole story: build tools that print the stack print this one line.
    error.stack = BABEL6_MESSAGE;
    throw error;
  }
  // The package.json files and installed Taro read, once per loading of the plugin (Babel loads it once per config).
  const projects = new TaroProjectLookup();
  // What is not given is decided for each file as the codemod decides it: the runtime entry, Taro's
  // wrapper (src/rewrite/project-options.ts). A text without a file name is taken as a file in Babel's cwd.
  return rewritePlugin(api, options, (given, state) =>
    givenOptionsFor(state.filename ?? path.join(state.cwd ?? process.cwd(), '<input>'), state.file.code, given, projects),
  );
}

// Babel 6 deep-copies the options it is given, which drops the non-enumerable `__esModule` of
// this module's exports: `plugins: [require('…/babel')]` (a JS config such as Taro 2's) would
// reach it as a plugin object with the invalid properties `default` and `BABEL6_MESSAGE`. A
// function is passed on as it is, so the module is the plugin itself, its exports on it, and
// Babel 6 calls it and reads BABEL6_MESSAGE; Babel 7 and `import` take `default`, the same function.
// Only where Node loaded this file as CommonJS (the published build: its module has a filename),
// not where a test runner loads the source as an ES module.
if (typeof module === 'object' && typeof module?.filename === 'string') module.exports = Object.defineProperty(Object.assign(recordCompatBabel, { default: recordCompatBabel, BABEL6_MESSAGE }), '__esModule', { value: true });
