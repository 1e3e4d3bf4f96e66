/**
 * The audit's answer to whether --verify can run (verify-possible.ts), for the codemod's next steps (verify-question.ts): loaded with
 * TypeScript only when a step asks it, so that a run that recommends nothing never pays for loading them.
 */
import type * as VerifyPossible from './verify-possible';

let loaded: typeof VerifyPossible | undefined;

export function loadVerifyPossible(): typeof VerifyPossible {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose
  loaded ??= require('./verify-possible') as typeof VerifyPossible;
  return loaded;
}
