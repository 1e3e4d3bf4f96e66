/**
 * The rewrite itself, the full entry's half beyond the light one: analyze or rewrite a
 * file (a script, or a Vue component's script blocks) as text edits, the same edits applied
 * to Babel's tree by the Babel plugin, and the per-file half of the routing decision.
 * Loading it loads the parsers. Reached through ./index, or lazily through loadEngine().
 */
export { componentTemplate, rewriteFile, RewriteRefusedError, type RewriteFileResult } from './file/file';
export {
  analyzeSource,
  rewriteSource,
  RewriteParseError,
  type RewriteChecks,
  type RewriteSourceResult,
} from './file/source';
export {
  babelChildKeys,
  default as recordCompatBabelPlugin,
  rewritePlugin,
  rewriteProgram,
  type RecordCompatMetadata,
} from './file/babel-plugin';
export { hasLegacyCallOfKind, hasLegacyRecordCall } from './file/has-legacy-call';
export {
  blockFileName,
  blockRewriteOptions,
  placeInComponent,
  scriptBlocks,
  SfcParseError,
  type ScriptBlock,
} from './file/vue-blocks';
export { copyPatternsIn } from './file/taro-config';
export { scriptComments, type ScriptComment } from './file/comments';
export { vueTemplateNames, type TemplateNames } from './file/template';
