/**
 * What can be decided about a file's text before loading a parser: can it hold a legacy
 * call at all? No dependencies, so the doors can sift thousands of files without paying
 * for the engine.
 */
import { isRoutedUnder, legacyApisOfKind, LEGACY_NAME_PATTERN, LEGACY_RECORD_NAME_PATTERN, ROUTED_APP_APIS, type LegacyApiKind, type RouteOptions } from './legacy-apis';

/**
 * Cheap test on raw text, run before any parsing: can this file hold a legacy call at all?
 * Every site spells an API's name. With `routeRecorderManager` (a project that has legacy
 * record calls), a file that only names `getRecorderManager` passes too, and likewise
 * `getBackgroundAudioManager` with `routeBackgroundAudioManager`.
 */
export function mightContainLegacyCall(text: string, options: RouteOptions = {}): boolean {
  return LEGACY_NAME_PATTERN.test(text) || ROUTED_APP_APIS.some((api) => isRoutedUnder(api, options) && text.includes(api));
}

const KIND_PATTERNS = new Map<LegacyApiKind, RegExp>();

/** Cheap test on raw text: can this file hold a legacy call of this kind (the project-level question)? */
export function mightContainLegacyCallOfKind(text: string, kind: LegacyApiKind): boolean {
  let pattern = KIND_PATTERNS.get(kind);
  if (!pattern) KIND_PATTERNS.set(kind, (pattern = new RegExp(legacyApisOfKind(kind).join('|') || '$^')));
  return pattern.test(text);
}

/** Cheap test on raw text: can this file hold a legacy record call (the project-level question)? */
export function mightContainLegacyRecordCall(text: string): boolean {
  return LEGACY_RECORD_NAME_PATTERN.test(text);
}
