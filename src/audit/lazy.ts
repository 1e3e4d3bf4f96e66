/**
 * The audit's modules that the command loads only when it needs them: the answer to whether --verify can run
 * (verify-possible.ts, for the codemod's next steps: TypeScript is loaded only when a step asks), and the audit's
 * engine where it runs on the command's own thread.
 */
import type * as Audit from './index';
import type * as VerifyPossible from './verify-possible';

let loaded: typeof VerifyPossible | undefined;

/** verify-possible.ts, which loads TypeScript. */
export function loadVerifyPossible(): typeof VerifyPossible {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose
  loaded ??= require('./verify-possible') as typeof VerifyPossible;
  return loaded;
}

/**
 * The audit's engine on the command's own thread, where the audit's thread file is missing (the sources, under a test
 * runner): the built command runs it on that thread, and its bundle leaves the engine out (scripts/bundle-cli.mjs), so
 * that a run of the codemod does not read it.
 */
export function loadAudit(): typeof Audit {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a lazy load, on purpose
  return require('./index') as typeof Audit;
}
