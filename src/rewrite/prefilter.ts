/**
 * What can be decided about a file's text before loading a parser: can it hold a legacy
 * call at all? No dependencies, so the doors can sift thousands of files without paying
 * for the engine.
 */
import { LEGACY_NAME_PATTERN, LEGACY_RECORD_NAME_PATTERN, ROUTED_APP_NAME_PATTERN, ROUTED_NAME_PATTERN } from './legacy-apis';

/**
 * Cheap test on raw text, run before any parsing: can this file hold a legacy call at all?
 * Every site spells an API's name. With `routeRecorderManager` (a project that has legacy
 * record calls), a file that only names `getRecorderManager` passes too.
 */
export function mightContainLegacyCall(text: string, options: { routeRecorderManager?: boolean } = {}): boolean {
  return (options.routeRecorderManager ? ROUTED_NAME_PATTERN : LEGACY_NAME_PATTERN).test(text);
}

/** Cheap test on raw text: can this file hold a legacy record call (the project-level question)? */
export function mightContainLegacyRecordCall(text: string): boolean {
  return LEGACY_RECORD_NAME_PATTERN.test(text);
}

/**
 * Cheap test on raw text: can this file use an app API the rewrite routes (its own
 * `getRecorderManager`)? Only such a file is rewritten differently with `routeRecorderManager`.
 */
export function mightContainRoutedAppCall(text: string): boolean {
  return ROUTED_APP_NAME_PATTERN.test(text);
}
