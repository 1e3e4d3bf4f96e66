/**
 * The rewrite as a Babel 7 plugin: the build-time door (Taro's babel-loader, the
 * vite pre-transform) and `taro-plugin-record-compat/babel`. The one matcher plans on
 * the build's own tree; the plan is applied to that tree (Babel prints it).
 * The report of each file lands in `result.metadata.recordCompat`.
 */
import type { PluginObj, PluginPass } from '@babel/core';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { applyPlanToTree } from './apply-tree';
import { planRewrite, type MatchContext } from './match';
import { PACKAGE_NAME } from './legacy-apis';
import { checkOptions } from './options-schema';
import type { RewriteOptions, RewriteReport } from './types';

export interface RecordCompatMetadata {
  recordCompat?: RewriteReport;
}

/** Rewrites a program of Babel's tree in place and reports what it did. */
export function rewriteProgram(program: NodePath<t.Program>, options: RewriteOptions = {}, context: MatchContext = {}): RewriteReport {
  const plan = planRewrite(program.node, options, context);
  applyPlanToTree(program, plan);
  return plan.report;
}

export default function recordCompatBabelPlugin(_api: unknown, options: RewriteOptions = {}): PluginObj<PluginPass> {
  checkOptions(options, 'engine');
  return {
    name: PACKAGE_NAME,
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
