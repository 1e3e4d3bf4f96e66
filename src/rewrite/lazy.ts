/**
 * The rewrite (./engine, the full entry's half beyond the light one), loaded on first use: for the doors that see many
 * files and rewrite few (the CLI, the build hooks). The parsers and the Vue compiler take a noticeable time to load,
 * and the text pre-filter settles most files before that.
 */
import type * as Engine from './engine';

let engine: typeof Engine | undefined;

/** The rewrite, required the first time it is asked for. */
export function loadEngine(): typeof Engine {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose
  engine ??= require('./engine') as typeof Engine;
  return engine;
}
