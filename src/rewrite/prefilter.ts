/**
 * What can be decided about a file before loading Babel: which parser its
 * extension wants (file-kinds.ts), and whether its text can hold a legacy call at all.
 * No dependencies, so the CLI can sift thousands of files without paying for the engine.
 */
import { LEGACY_OR_INDIRECT_PATTERN, LEGACY_RECORD_NAME_PATTERN, ROUTED_OR_INDIRECT_PATTERN } from './legacy-apis';

export { parserForFile, type ParserName } from './file-kinds';

/**
 * Cheap test on raw text, run before any parsing: can this file hold a legacy call at all?
 * Every site spells an API's name, or reaches wx/qq/Taro with an escaped or computed member
 * name (legacy-apis.ts, INDIRECT_ACCESS). With `routeRecorderManager` (a project that has legacy
 * record calls), a file that only names `getRecorderManager` passes too.
 */
export function mightContainLegacyCall(text: string, options: { routeRecorderManager?: boolean } = {}): boolean {
  return (options.routeRecorderManager ? ROUTED_OR_INDIRECT_PATTERN : LEGACY_OR_INDIRECT_PATTERN).test(text);
}

/** Cheap test on raw text: can this file hold a legacy record call (the project-level question)? */
export function mightContainLegacyRecordCall(text: string): boolean {
  return LEGACY_RECORD_NAME_PATTERN.test(text);
}
