/** `taro-plugin-record-compat/babel`: the rewrite as a Babel 7 plugin. */
import type { PluginObj, PluginPass } from '@babel/core';
import * as path from 'path';
import { leftAsChosenLines } from './report/words';
import {
  countByFamily,
  givenOptionsFor,
  MESSAGE_PREFIX,
  PACKAGE_NAME,
  printable,
  rewritePlugin,
  TaroProjectLookup,
  toPosixPath,
  type RecordCompatMetadata,
  type RewriteOptions,
} from './rewrite';

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
  const fileOf = (state: PluginPass) => state.filename ?? path.join(state.cwd ?? process.cwd(), '<input>');
  // What is not given is decided for each file as the codemod decides it: the runtime entry, Taro's
  // wrapper (src/rewrite/project/project-options.ts). A text without a file name is taken as a file in Babel's cwd.
  const plugin = rewritePlugin(api, options, (given, state) =>
    givenOptionsFor(fileOf(state), state.file.code, given, projects),
  );
  return {
    ...plugin,
    // A plain Babel build has no summary of its own: what is left is said on stderr, where the
    // build's other warnings go, as the jscodeshift transform reports it (the report stays in the metadata).
    post(file) {
      const report = (file.metadata as RecordCompatMetadata).recordCompat;
      if (!report) return;
      const filename = fileOf(this);
      const cwd = this.cwd ?? process.cwd();
      const shown = (f: string) => printable(toPosixPath(path.relative(cwd, f)) || '.');
      const lines: string[] = [];
      if (report.skipped) lines.push(`${shown(filename)}: skipped: ${report.skipped}`);
      for (const site of report.manual)
        lines.push(`${shown(filename)}:${site.line}:${site.column + 1}: manual review: ${site.reason}`);
      // Calls of a family the `families` option left out: one line per family, never in silence.
      for (const line of leftAsChosenLines(countByFamily(report.leftAsChosen ?? [])))
        lines.push(`${shown(filename)}: ${line}`);
      // Taro.startRecord and the like followed the project's Taro: said (once per loading of the plugin) when it was
      // not told for sure.
      if (report.taroWrapped && options.taroWrapper === undefined) {
        for (const message of projects.unsaidTaroVersionWarnings(filename, shown)) lines.push(`warning: ${message}`);
      }
      for (const line of lines) console.warn(`${MESSAGE_PREFIX} ${line}`);
    },
  };
}

// Babel 6 deep-copies the options it is given, which drops the non-enumerable `__esModule` of
// this module's exports: `plugins: [require('…/babel')]` (a JS config such as Taro 2's) would
// reach it as a plugin object with the invalid properties `default` and `BABEL6_MESSAGE`. A
// function is passed on as it is, so the module is the plugin itself, its exports on it, and
// Babel 6 calls it and reads BABEL6_MESSAGE; Babel 7 and `import` take `default`, the same function.
// Only where Node loaded this file as CommonJS (the published build: its module has a filename),
// not where a test runner loads the source as an ES module.
if (typeof module === 'object' && typeof module?.filename === 'string')
  module.exports = Object.defineProperty(
    Object.assign(recordCompatBabel, { default: recordCompatBabel, BABEL6_MESSAGE }),
    '__esModule',
    { value: true },
  );
