/**
 * The CLI's handle on src/rewrite, loaded on first use (the parsers and the
 * Vue compiler cost a noticeable time to load, and most files never need
 * them: the text pre-filter settles them first).
 */
import type * as RewriteModule from '../rewrite';

let loaded: typeof RewriteModule | undefined;

/** src/rewrite's exports, required the first time they are asked for. */
export function rewriteModule(): typeof RewriteModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('../rewrite') as typeof RewriteModule;
  return loaded;
}
