/**
 * What can be decided about a file's text before loading a parser: can it hold a legacy
 * call at all? No dependencies, so the doors can sift thousands of files without paying
 * for the engine.
 */
import { INDIRECT_ACCESS_MARKS, INDIRECT_ACCESS_PATTERN, LEGACY_API_NAMES, LEGACY_RECORD_APIS, ROUTED_APP_APIS } from './legacy-apis';
import { nameSearch } from './name-search';

// The same answers as LEGACY_NAME_PATTERN, ROUTED_NAME_PATTERN and LEGACY_RECORD_NAME_PATTERN
// (legacy-apis.ts), several times faster (name-search.ts; BENCHMARKS.md, codemod speed).
const LEGACY_NAMES = nameSearch(LEGACY_API_NAMES);
const ROUTED_NAMES = nameSearch([...LEGACY_API_NAMES, ...ROUTED_APP_APIS]);
const LEGACY_RECORD_NAMES = nameSearch(LEGACY_RECORD_APIS);
const ROUTED_APP_NAMES = nameSearch(ROUTED_APP_APIS);

/**
 * Cheap test on raw text, run before any parsing: can this file hold a legacy call at all?
 * Every site spells an API's name, or reaches wx/qq/Taro with an escaped or computed member
 * name (legacy-apis.ts, INDIRECT_ACCESS). With `routeRecorderManager` (a project that has legacy
 * record calls), a file that only names `getRecorderManager` passes too.
 */
export function mightContainLegacyCall(text: string, options: { routeRecorderManager?: boolean } = {}): boolean {
  if ((options.routeRecorderManager ? ROUTED_NAMES : LEGACY_NAMES).inText(text)) return true;
  // Substring searches first (a few ms over 10,000 files): the pattern runs only where one is found.
  return INDIRECT_ACCESS_MARKS.some((mark) => text.includes(mark)) && INDIRECT_ACCESS_PATTERN.test(text);
}

/**
 * The same test on a file's bytes (UTF-8), before decoding them: for doors that read many
 * files and keep few. Only a file with a mark of indirect access (`\u`, `wx[`) is decoded.
 */
export function mightContainLegacyCallBytes(bytes: Buffer, options: { routeRecorderManager?: boolean } = {}): boolean {
  if ((options.routeRecorderManager ? ROUTED_NAMES : LEGACY_NAMES).inBytes(bytes)) return true;
  return INDIRECT_ACCESS_MARKS.some((mark) => bytes.includes(mark)) && INDIRECT_ACCESS_PATTERN.test(bytes.toString('utf8'));
}

/** Cheap test on raw text: can this file hold a legacy record call (the project-level question)? */
export function mightContainLegacyRecordCall(text: string): boolean {
  return LEGACY_RECORD_NAMES.inText(text);
}

/**
 * Cheap test on raw text: can this file use an app API the rewrite routes (its own
 * `getRecorderManager`)? Only such a file is rewritten differently with `routeRecorderManager`.
 */
export function mightContainRoutedAppCall(text: string): boolean {
  return ROUTED_APP_NAMES.inText(text);
}
