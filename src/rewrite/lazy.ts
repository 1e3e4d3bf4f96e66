/**
 * src/rewrite's exports, loaded on first use: for the doors that see many files and need
 * the engine for few (the CLI, the vite hook). The parsers and the Vue compiler cost a
 * noticeable time to load, and the text pre-filter settles most files before that.
 */
import type * as RewriteModule from './index';

let loaded: typeof RewriteModule | undefined;

/** src/rewrite's exports, required the first time they are asked for. */
export function rewriteModule(): typeof RewriteModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  loaded ??= require('./index') as typeof RewriteModule;
  return loaded;
}
