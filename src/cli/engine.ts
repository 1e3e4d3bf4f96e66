/**
 * The CLI's view of the rewrite engine, loaded on first use (Babel, recast and
 * jscodeshift cost a few hundred milliseconds to load).
 */
type RewriteModule = typeof import('../rewrite');

let rewriteModule: RewriteModule | undefined;

export function engine(): RewriteModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  rewriteModule ??= require('../rewrite') as RewriteModule;
  return rewriteModule;
}
