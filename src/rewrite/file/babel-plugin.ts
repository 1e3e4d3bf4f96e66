/**
 * The rewrite as a Babel 7 plugin: the build-time door (Taro's babel-loader, the
 * vite pre-transform) and `taro-plugin-record-compat/babel`. The one matcher reads the
 * build's own tree; its edits are made in that tree (Babel prints it).
 * The report of each file lands in `result.metadata.recordCompat`.
 */
import type { PluginObj, PluginPass } from '@babel/core';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import { applyEditsToTree } from './apply-tree';
import { matchLegacyCalls } from './match';
import type { MatchContext } from './match-types';
import { parserForFile } from '../rules/file-kinds';
import { otherBlocksOf } from './source';
import { PACKAGE_NAME } from '../rules/legacy-apis';
import { checkOptions } from '../rules/options-schema';
import type { RewriteOptions, RewriteReport, TemplateWrites } from '../rules/types';
import type { ChildKeys } from './scope';

export interface RecordCompatMetadata {
  recordCompat?: RewriteReport;
}

/** Rewrites a program of Babel's tree in place and reports what it did. */
export function rewriteProgram(
  program: NodePath<t.Program>,
  options: RewriteOptions = {},
  context: MatchContext = {},
): RewriteReport {
  const match = matchLegacyCalls(program.node, options, context);
  applyEditsToTree(program, match.edits);
  return match.report;
}

/** The child keys of the running Babel's node kinds (its @babel/types, handed to plugins as `api.types`). */
export function babelChildKeys(api: unknown): ChildKeys | undefined {
  return (api as { types?: { VISITOR_KEYS?: ChildKeys } } | undefined)?.types?.VISITOR_KEYS;
}

/** The plugin with the same options for every file (the build plugin has decided them for the project). */
export default function recordCompatBabelPlugin(api: unknown, options: RewriteOptions = {}): PluginObj<PluginPass> {
  return rewritePlugin(api, options);
}

/**
 * The plugin object. `optionsFor`: each file's options from those given, where what is not
 * given depends on the file (the public plugin decides it as the codemod does). `writesTemplates`:
 * the build's, which lets Taro's JSX in the file change with its canvas (TemplateWrites).
 */
export function rewritePlugin(
  api: unknown,
  options: RewriteOptions,
  optionsFor?: (given: RewriteOptions, state: PluginPass) => RewriteOptions,
  writesTemplates: TemplateWrites = false,
): PluginObj<PluginPass> {
  checkOptions(options, 'engine');
  const childKeys = babelChildKeys(api);
  return {
    name: PACKAGE_NAME,
    visitor: {
      // Everything happens on entering the program, before any other plugin (TypeScript
      // stripping, module transforms) has touched the user's code.
      Program(path, state) {
        const fileOptions = optionsFor ? optionsFor(options, state) : options;
        // A Vue script block's other block, handed over as text (blockRewriteOptions), is read with the parser of the
        // block's name.
        const blocksBeside = otherBlocksOf(
          parserForFile(state.filename ?? '') ?? 'tsx',
          state.filename ?? 'unknown',
          fileOptions,
        );
        const report = rewriteProgram(path, fileOptions, {
          filename: state.filename,
          sourceText: state.file.code,
          childKeys,
          writesTemplates,
          ...blocksBeside,
        });
        (state.file.metadata as RecordCompatMetadata).recordCompat = report;
      },
    },
  };
}
