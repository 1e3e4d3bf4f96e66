/**
 * What can be decided about a file before loading Babel: which parser its
 * extension wants (file-kinds.ts), and whether its text can hold a legacy call at all.
 * No dependencies, so the CLI can sift thousands of files without paying for the engine.
 */
import { LEGACY_API_NAMES, LEGACY_RECORD_APIS, ROUTED_APP_APIS } from './legacy-apis';
import { nameSearch } from './name-search';

export { parserForFile, type ParserName } from './file-kinds';

// The same answers as LEGACY_NAME_PATTERN, ROUTED_NAME_PATTERN and LEGACY_RECORD_NAME_PATTERN
// (legacy-apis.ts), several times faster (name-search.ts; BENCHMARKS.md, codemod speed).
const LEGACY_NAMES = nameSearch(LEGACY_API_NAMES);
const ROUTED_NAMES = nameSearch([...LEGACY_API_NAMES, ...ROUTED_APP_APIS]);
const LEGACY_RECORD_NAMES = nameSearch(LEGACY_RECORD_APIS);

/**
 * Cheap test on raw text, run before any parsing: can this file hold a legacy call at all?
 * Every site spells an API's name. With `routeRecorderManager` (a project that has legacy
 * record calls), a file that only names `getRecorderManager` passes too.
 */
export function mightContainLegacyCall(text: string, options: { routeRecorderManager?: boolean } = {}): boolean {
  return (options.routeRecorderManager ? ROUTED_NAMES : LEGACY_NAMES).inText(text);
}

/** The same test on a file's bytes (UTF-8), before decoding them: for doors that read many files and keep few. */
export function mightContainLegacyCallBytes(bytes: Buffer, options: { routeRecorderManager?: boolean } = {}): boolean {
  return (options.routeRecorderManager ? ROUTED_NAMES : LEGACY_NAMES).inBytes(bytes);
}

/** Cheap test on raw text: can this file hold a legacy record call (the project-level question)? */
export function mightContainLegacyRecordCall(text: string): boolean {
  return LEGACY_RECORD_NAMES.inText(text);
}
