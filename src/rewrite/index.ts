/** The rewrite engine: one definition of a legacy record call, used by every door. */
export { rewriteProgram, collectLegacySites, type RewriteContext } from './rewrite-program';
export { rewriteSource, analyzeSource, mightContainLegacyCall, parserForFile, RewriteParseError, type ParserName, type RewriteSourceResult } from './source';
export { legacyNamespaceOf, isLegacyApiName } from './legacy-namespace';
export { validateRewriteOptions } from './options';
export * from './types';
