/**
 * What can be decided about a file's text before loading a parser: can it hold a legacy
 * call at all? No dependencies, so the doors can sift thousands of files without paying
 * for the engine.
 */
import {
  COMPONENT_REGISTRARS,
  INDIRECT_ACCESS_MARKS,
  INDIRECT_ACCESS_PATTERN,
  isRoutedUnder,
  legacyApisOfKind,
  OLD_LIFECYCLES,
  PREFILTER_NAMES,
  ROUTED_APP_APIS,
  type LegacyApiKind,
  type RouteOptions,
} from './legacy-apis';
import { nameSearch, type NameSearch } from './name-search';

// The same answers as LEGACY_NAME_PATTERN, ROUTED_NAME_PATTERN and LEGACY_RECORD_NAME_PATTERN
// (legacy-apis.ts), several times faster (name-search.ts; BENCHMARKS.md, codemod speed).
const KIND_NAMES = new Map<LegacyApiKind, NameSearch | null>();
/**
 * The names a file is searched for, by the app APIs routed (a bit each, in ROUTED_APP_APIS' order): in one search, the
 * legacy names, those, and the calls that register a component (`names`); without the registrars (`apis`), for the few
 * files the first finds something in.
 */
const NAMES_BY_ROUTES: { names: NameSearch; apis: NameSearch }[] = [];
/**
 * The marks of indirect access as bytes (made by the first search of bytes): a string needle is encoded again at every
 * search.
 */
let indirectAccessMarkBytes: Buffer[] | undefined;

/** `Component(` or `Behavior(`, the global call, and one of the old lifecycles' names: the top-level ones may be there. */
const REGISTRATION = new RegExp(`\\b(?:${COMPONENT_REGISTRARS.join('|')})\\s*\\(`);
const LIFECYCLE_NAME = new RegExp(`\\b(?:${OLD_LIFECYCLES.join('|')})\\b`);

/**
 * One search for the legacy names, the app APIs routed under `options` and the registrars (one pass whatever their
 * number), and the same without the registrars.
 */
function namesUnder(options: RouteOptions): { names: NameSearch; apis: NameSearch } {
  // Asked for every file a run reads: the routes are read into a number, which allocates nothing.
  let routes = 0;
  for (let i = 0; i < ROUTED_APP_APIS.length; i++) if (isRoutedUnder(ROUTED_APP_APIS[i]!, options)) routes |= 1 << i;
  return (NAMES_BY_ROUTES[routes] ??= searchesFor(ROUTED_APP_APIS.filter((_, i) => (routes & (1 << i)) !== 0)));
}

function searchesFor(routed: readonly string[]): { names: NameSearch; apis: NameSearch } {
  // The second is made when a file first needs it: a run whose files name nothing does not build its tables.
  let apis: NameSearch | undefined;
  return {
    // `Component(` as prettier writes it: the name alone (`Behavior`) would shorten every move of the search.
    names: nameSearch([...PREFILTER_NAMES, ...routed, ...COMPONENT_REGISTRARS.map((name) => `${name}(`)]),
    get apis() {
      return (apis ??= nameSearch([...PREFILTER_NAMES, ...routed]));
    },
  };
}

/** Can the text register a component with the old lifecycles at the top of its options (component-lifetimes.ts)? */
export function mightHoldOldLifecycles(text: string): boolean {
  return REGISTRATION.test(text) && LIFECYCLE_NAME.test(text);
}

/**
 * Cheap test on raw text, run before any parsing: can this file hold a legacy call at all?
 * Every site spells an API's name, or reaches wx/qq/Taro with an escaped or computed member
 * name (legacy-apis.ts, INDIRECT_ACCESS), or registers a component with the old lifecycles.
 * With `routeRecorderManager` (a project that has legacy record calls), a file that only names
 * `getRecorderManager` passes too, likewise `getBackgroundAudioManager` with
 * `routeBackgroundAudioManager`, and `canvasToTempFilePath`, `canvasGetImageData` and
 * `canvasPutImageData` with `routeCanvasPixels`: without its option a routed name costs nothing.
 */
export function mightContainLegacyCall(text: string, options: RouteOptions = {}): boolean {
  const search = namesUnder(options);
  return (
    (search.names.inText(text) && (search.apis.inText(text) || mightHoldOldLifecycles(text))) ||
    mightReachIndirectly(text)
  );
}

/**
 * Does this text name a deprecated API (or one the options route), or reach the API objects indirectly: the files
 * whose stored or computed uses of wx/Taro are worth naming (a component's old lifecycles alone are not).
 */
export function mightNameLegacyApi(text: string, options: RouteOptions = {}): boolean {
  return namesUnder(options).apis.inText(text) || mightReachIndirectly(text);
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
  const search = namesUnder(options);
  if (search.names.inBytes(bytes) && (search.apis.inBytes(bytes) || mightHoldOldLifecycles(bytes.toString('utf8'))))
    return true;
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
