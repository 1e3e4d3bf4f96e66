/** The rewrite engine: one definition of a legacy call (the table in legacy-apis.ts, the matcher in match.ts), used by every door. */
export { matchLegacyCalls, type LegacyMatch, type RewriteEdits, type MatchContext } from './match';
export { rewriteSource, analyzeSource, mightContainLegacyCall, parserForFile, RewriteParseError, type ParserName, type RewriteSourceResult } from './source';
export { mightContainLegacyRecordCall } from './prefilter';
export { hasLegacyRecordCall } from './project';
export * from './legacy-apis';
export { validateRewriteOptions } from './options';
export * from './types';
export { rewriteFile, RewriteRefusedError, type RewriteFileResult } from './file';
export * from './file-kinds';
export { SfcParseError } from './vue-blocks';
export { assertParses } from './parse-check';
