/**
 * What can be decided about a file's text before loading a parser: can it hold a legacy
 * call at all? No dependencies, so the doors can sift thousands of files without paying
 * for the engine.
 */
import { INDIRECT_ACCESS_MARKS, INDIRECT_ACCESS_PATTERN, LEGACY_NAME_PATTERN, LEGACY_RECORD_NAME_PATTERN, ROUTED_NAME_PATTERN } from './legacy-apis';

/**
 * Cheap test on raw text, run before any parsing: can this file hold a legacy call at all?
 * Every site spells an API's name, or reaches wx/qq/Taro with an escaped or computed member
 * name (legacy-apis.ts, INDIRECT_ACCESS). With `routeRecorderManager` (a project that has legacy
 * record calls), a file that only names `getRecorderManager` passes too.
 */
export function mightContainLegacyCall(text: string, options: { routeRecorderManager?: boolean } = {}): boolean {
  if ((options.routeRecorderManager ? ROUTED_NAME_PATTERN : LEGACY_NAME_PATTERN).test(text)) return true;
  // Substring searches first (a few ms over 10,000 files): the pattern runs only where one is found.
  return INDIRECT_ACCESS_MARKS.some((mark) => text.includes(mark)) && INDIRECT_ACCESS_PATTERN.test(text);
}

/** Cheap test on raw text: can this file hold a legacy record call (the project-level question)? */
export function mightContainLegacyRecordCall(text: string): boolean {
  return LEGACY_RECORD_NAME_PATTERN.test(text);
}
