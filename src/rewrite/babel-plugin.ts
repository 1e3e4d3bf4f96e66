/**
 * The rewrite as a Babel 7 plugin: the build-time door (Taro's babel-loader, the
 * vite pre-transform) and `taro-plugin-record-compat/babel`.
 * The report of each file lands in `result.metadata.recordCompat`.
 */
import type { PluginObj, PluginPass } from '@babel/core';
import { rewriteProgram } from './rewrite-program';
import { validateRewriteOptions } from './options';
import type { RewriteOptions, RewriteReport } from './types';

export interface RecordCompatMetadata {
  recordCompat?: RewriteReport;
}

export default function recordCompatBabelPlugin(_api: unknown, options: RewriteOptions = {}): PluginObj<PluginPass> {
  validateRewriteOptions(options);
  return {
    name: 'taro-plugin-record-compat',
    visitor: {
      // Everything happens on entering the program, before any other plugin (TypeScript
      // stripping, module transforms) has touched the user's code.
      Program(path, state) {
        const report = rewriteProgram(path, options, { filename: state.filename, sourceText: state.file.code });
        (state.file.metadata as RecordCompatMetadata).recordCompat = report;
      },
    },
  };
}
