/**
 * The codemod's environment variables that tests and benchmarks set, read in one place each
 * and checked where the command line is (options.ts): a bad value is a usage error naming the
 * variable and what it takes, before anything runs. RECORD_COMPAT_GIT_TIMEOUT_MS is the
 * engine's (git-root.ts), RECORD_COMPAT_PARSER too (options-schema.ts: checked with --parser).
 */
import { gitTimeoutMs, OptionsError } from '../rewrite/light';

/** RECORD_COMPAT_PLAN_THREAD=worker|main forces where candidates are planned (pipeline.ts). */
export function forcedPlanThread(): 'worker' | 'main' | undefined {
  const forced = process.env.RECORD_COMPAT_PLAN_THREAD;
  if (forced === undefined || forced === '') return undefined;
  if (forced !== 'worker' && forced !== 'main')
    throw new OptionsError(`RECORD_COMPAT_PLAN_THREAD=${forced}: expected worker or main`);
  return forced;
}

/** Throws the OptionsError of the first environment variable whose value is not one it takes. */
export function checkEnvironment(): void {
  gitTimeoutMs();
  forcedPlanThread();
}
