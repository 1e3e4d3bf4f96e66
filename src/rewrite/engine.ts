/**
 * The rewrite itself, the full entry's half beyond the light one: analyze or rewrite a
 * file (a script, or a Vue component's script blocks) as text edits, the same edits applied
 * to Babel's tree by the Babel plugin, and the per-file half of the routing decision.
 * Loading it loads the parsers. Reached through ./index, or lazily through loadEngine().
 */
export { componentTemplate, rewriteFile, RewriteRefusedError, type RewriteFileResult } from './file';
export { analyzeSource, rewriteSource, RewriteParseError, type RewriteChecks, type RewriteSourceResult } from './source';
export { babelChildKeys, default as recordCompatBabelPlugin, rewritePlugin, rewriteProgram, type RecordCompatMetadata } from './babel-plugin';
export { hasLegacyCallOfKind, hasLegacyRecordCall } from './project';
export { blockFileName, blockRewriteOptions, placeInComponent, scriptBlocks, SfcParseError, type ScriptBlock } from './vue-blocks';
export { copyPatternsIn } from './taro-config';
export { scriptComments, type ScriptComment } from './comments';
export { vueTemplateNames, type TemplateNames } from './template';
