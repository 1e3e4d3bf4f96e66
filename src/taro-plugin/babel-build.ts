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
import {
  isVueFile,
  placeInComponent,
  readSideText,
  rewritePlugin,
  scriptBlocks,
  type RecordCompatMetadata,
  type RewriteOptions,
  type RewriteReport,
} from '../rewrite';
import { findCollector } from './collector';
import { BUILD_CHECKS } from './rewrite-result';

export interface BuildPluginOptions {
  /** The rewrite's options, as the public Babel plugin takes them. */
  rewrite: RewriteOptions;
  /** The build's collector (registerCollector). */
  collectorId: string;
}

export default function recordCompatBuildPlugin(api: unknown, options: BuildPluginOptions): PluginObj<PluginPass> {
  // The public plugin's rewrite, whose report lands in the file's metadata.
  const rewrite = rewritePlugin(api, options.rewrite, undefined, BUILD_CHECKS.writesTemplates).visitor as {
    Program(path: NodePath<t.Program>, state: PluginPass): void;
  };
  return {
    name: 'record-compat-build',
    visitor: {
      Program(path, state) {
        rewrite.Program(path, state);
        const report = (state.file.metadata as RecordCompatMetadata).recordCompat;
        const collector = findCollector(options.collectorId);
        if (state.filename) collector?.markRead(state.filename);
        // state.file.code is the text this run read: the collector counts a text it has seen in this build once.
        if (state.filename && report)
          collector?.record(
            state.filename,
            isVueFile(state.filename) ? inComponent(report, state.filename, state.file.code) : report,
            state.file.code,
          );
      },
    },
  };
}

/**
 * vue-loader hands Babel a component's `<script>` block alone: the report's places, counted from
 * the block's first line, are moved to the component's lines (the codemod's and vite's places). The
 * block is found by its text. What vue-loader compiled from a `<script setup>` matches no block:
 * its places are none of the component's, and the names its template reads, returned from setup,
 * look stored there; the component loader has said the component's places for a person
 * (component-loader.ts), so only the calls rewritten here are kept.
 */
function inComponent(report: RewriteReport, file: string, code: string): RewriteReport {
  if (report.rewritten.length === 0 && report.manual.length === 0) return report;
  let blocks;
  try {
    blocks = scriptBlocks(readSideText(file), file);
  } catch {
    return report; // the component is gone or does not split: vue-loader says so
  }
  const block = blocks.find((b) => b.content === code);
  if (!block) return blocks.some((b) => b.setup) ? { ...report, manual: [] } : report;
  return {
    ...report,
    rewritten: report.rewritten.map((site) => placeInComponent(block, site)),
    manual: report.manual.map((site) => placeInComponent(block, site)),
  };
}
