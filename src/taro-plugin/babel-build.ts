/**
 * The build's Babel plugin, joined to babel-loader's run by webpack.ts: the rewrite (the same
 * step as `taro-plugin-record-compat/babel`) and, right after it, the hand-over of the file's
 * report to the build's collector. One plugin rather than a rewrite plugin and a report
 * plugin: every plugin in the run is one more pass object and hook per file of the build.
 * Loaded by path from babel-loader, in the build's process.
 */
import type { PluginObj, PluginPass } from '@babel/core';
import { babelChildKeys, checkOptions, rewriteProgram, type RewriteOptions } from '../rewrite';
import { findCollector } from './collector';

export interface BuildPluginOptions {
  /** The rewrite's options, as the public Babel plugin takes them. */
  rewrite: RewriteOptions;
  /** The build's collector (registerCollector). */
  collectorId: string;
}

export default function recordCompatBuildPlugin(api: unknown, options: BuildPluginOptions): PluginObj<PluginPass> {
  checkOptions(options.rewrite, 'engine');
  const childKeys = babelChildKeys(api);
  return {
    name: 'record-compat-build',
    visitor: {
      // On entering the program, before any other plugin (TypeScript stripping, module
      // transforms) has touched the user's code.
      Program(path, state) {
        // state.file.code is the text this run read: the collector counts a text it has seen in this build once.
        const sourceText = state.file.code;
        const report = rewriteProgram(path, options.rewrite, { filename: state.filename, sourceText, childKeys });
        if (state.filename) findCollector(options.collectorId)?.record(state.filename, report, sourceText);
      },
    },
  };
}
