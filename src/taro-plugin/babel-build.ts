/**
 * The build's Babel plugin, joined to babel-loader's run by webpack.ts: the rewrite (the same
 * step as `taro-plugin-record-compat/babel`) and, right after it, the hand-over of the file's
 * report to the build's collector. One plugin rather than a rewrite plugin and a report
 * plugin: every plugin in the run is one more pass object and hook per file of the build.
 * Loaded by path from babel-loader, in the build's process.
 */
import type { PluginObj, PluginPass } from '@babel/core';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { recordCompatBabelPlugin, type RecordCompatMetadata, type RewriteOptions } from '../rewrite';
import { findCollector } from './collector';

export interface BuildPluginOptions {
  /** The rewrite's options, as the public Babel plugin takes them. */
  rewrite: RewriteOptions;
  /** The build's collector (registerCollector). */
  collectorId: string;
}

export default function recordCompatBuildPlugin(api: unknown, options: BuildPluginOptions): PluginObj<PluginPass> {
  // The public plugin's rewrite, whose report lands in the file's metadata.
  const rewrite = recordCompatBabelPlugin(api, options.rewrite).visitor as { Program(path: NodePath<t.Program>, state: PluginPass): void };
  return {
    name: 'record-compat-build',
    visitor: {
      Program(path, state) {
        rewrite.Program(path, state);
        const report = (state.file.metadata as RecordCompatMetadata).recordCompat;
        // state.file.code is the text this run read: the collector counts a text it has seen in this build once.
        if (state.filename && report) findCollector(options.collectorId)?.record(state.filename, report, state.file.code);
      },
    },
  };
}
