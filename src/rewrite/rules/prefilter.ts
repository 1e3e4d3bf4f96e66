/**
 * What can be decided about a file's text before loading a parser: can it hold a legacy
 * call at all? No dependencies, so the doors can sift thousands of files without paying
 * for the engine.
 */
import {
  INDIRECT_ACCESS_MARKS,
  INDIRECT_ACCESS_PATTERN,
  isRoutedUnder,
  LEGACY_API_NAMES,
  legacyApisOfKind,
  ROUTED_APP_APIS,
  type LegacyApiKind,
  type RouteOptions,
} from './legacy-apis';
import { nameSearch, type NameSearch } from './name-search';

// The same answers as LEGACY_NAME_PATTERN, ROUTED_NAME_PATTERN and LEGACY_RECORD_NAME_PATTERN
// (legacy-apis.ts), several times faster (name-search.ts; BENCHMARKS.md, codemod speed).
const KIND_NAMES = new Map<LegacyApiKind, NameSearch | null>();
/** The names a file is searched for, by the app APIs routed: the legacy names and those, in one search. */
const NAMES_BY_ROUTES = new Map<string, NameSearch>();
/**
 * The marks of indirect access as bytes (made by the first search of bytes): a string needle is encoded again at every
 * search.
 */
let indirectAccessMarkBytes: Buffer[] | undefined;

/**
 * One search for the legacy names and the app APIs routed under `options` (one pass per anchor, not one more per routed
 * API).
 */
function namesUnder(options: RouteOptions): NameSearch {
  const routed = ROUTED_APP_APIS.filter((api) => isRoutedUnder(api, options));
  const key = routed.join(' ');
  let search = NAMES_BY_ROUTES.get(key);
  if (!search) NAMES_BY_ROUTES.set(key, (search = nameSearch([...LEGACY_API_NAMES, ...routed])));
  return search;
}

/**
 * Cheap test on raw text, run before any parsing: can this file hold a legacy call at all?
 * Every site spells an API's name, or reaches wx/qq/Taro with an escaped or computed member
 * name (legacy-apis.ts, INDIRECT_ACCESS). With `routeRecorderManager` (a project that has legacy
 * record calls), a file that only names `getRecorderManager` passes too, and likewise
 * `getBackgroundAudioManager` with `routeBackgroundAudioManager`.
 */
export function mightContainLegacyCall(text: string, options: RouteOptions = {}): boolean {
  return namesUnder(options).inText(text) || mightReachIndirectly(text);
}

/**
 * Can this text reach wx/qq/Taro with an escaped or computed member name (legacy-apis.ts,
 * INDIRECT_ACCESS), and so call an API it does not spell? Substring searches first (a few ms
 * over 10,000 files): the pattern runs only where one is found.
 */
export function mightReachIndirectly(text: string): boolean {
  return INDIRECT_ACCESS_MARKS.some((mark) => text.includes(mark)) && INDIRECT_ACCESS_PATTERN.test(text);
}

/**
 * The same test on a file's bytes (UTF-8), before decoding them: for doors that read many
 * files and keep few. Only a file with a mark of indirect access (`\u`, `wx[`) is decoded.
 */
export function mightContainLegacyCallBytes(bytes: Buffer, options: RouteOptions = {}): boolean {
  if (namesUnder(options).inBytes(bytes)) return true;
  indirectAccessMarkBytes ??= INDIRECT_ACCESS_MARKS.map((mark) => Buffer.from(mark));
  return (
    indirectAccessMarkBytes.some((mark) => bytes.includes(mark)) && INDIRECT_ACCESS_PATTERN.test(bytes.toString('utf8'))
  );
}

/** Cheap test on raw text: can this file hold a legacy call of this kind (the project-level question)? */
export function mightContainLegacyCallOfKind(text: string, kind: LegacyApiKind): boolean {
  if (!KIND_NAMES.has(kind)) {
    const names = legacyApisOfKind(kind);
    KIND_NAMES.set(kind, names.length > 0 ? nameSearch(names) : null);
  }
  return KIND_NAMES.get(kind)?.inText(text) ?? false;
}

/** Cheap test on raw text: can this file hold a legacy record call (the project-level question)? */
export function mightContainLegacyRecordCall(text: string): boolean {
  return mightContainLegacyCallOfKind(text, 'record');
}
