/**
 * The deprecated APIs this package knows, as one table. The pre-filter, the matcher
 * (match.ts), with its web JS-SDK test (web-sdk.ts), the audit and the docs
 * (docs/legacy-apis.md, checked against `legacyApiTableMarkdown()` by a test), the CLI's help
 * texts and the tests' minimums all read it. Adding a deprecated API is a row of legacy-api-table.ts
 * (a new family also a row of LEGACY_API_KINDS) plus, when it is rewritten, its export in the runtime.
 * Every row is migrated (a runtime function, a rename, a move, or with the API that created its
 * object) or names why a person migrates it (migrationOf).
 *
 * The last rows are not deprecated: the app's own `getRecorderManager()` (docs/contract.md, Decision
 * R12) and `getBackgroundAudioManager()` (Decision B4), each routed through the runtime, which
 * shares the platform's one manager between the app and the legacy calls, and the calls that read
 * a canvas by its id (`canvasToTempFilePath`, …; Decision C4), which find nothing on a canvas moved
 * to Canvas 2D but through the runtime. Each is routed only in projects that have calls of its family
 * (`onlyWithLegacyCalls`; for the canvas, a canvas the codemod or the build moves): the selectors below honour the
 * flag, and the rewrite matches such a row only when its option (`routeOption`: `routeRecorderManager`,
 * `routeBackgroundAudioManager`, `routeCanvasPixels`) says the project has such calls.
 *
 * Dependency-free, so the CLI's pre-filter can load it without Babel.
 */

import {
  CANVAS_TYPE_EXPORT,
  type CanvasPixelExport,
  LEGACY_API_KINDS,
  LEGACY_API_TABLE,
  type LegacyApiKind,
  type LegacyApiKindRow,
  type LegacyApiOwner,
  type LegacyApiRow,
  type RouteOptions,
  SYSTEM_INFO_AUTHORIZED_EXPORT,
  type SystemInfoGroupExport,
} from './legacy-api-table';

export {
  CANVAS_PIXEL_EXPORTS,
  CANVAS_TYPE_EXPORT,
  LEGACY_API_KINDS,
  LEGACY_API_TABLE,
  OWNER_CREATORS,
  SYSTEM_INFO_FIELD_GROUPS,
  SYSTEM_INFO_FIELDS_WITHOUT_HOME,
  SYSTEM_INFO_AUTHORIZED_EXPORT,
  SYSTEM_INFO_AUTHORIZED_FIELDS,
  SYSTEM_INFO_ENVIRONMENT_FIELD,
  type CanvasPixelExport,
  type LegacyApiKind,
  type LegacyApiKindRow,
  type LegacyApiOwner,
  type LegacyApiRow,
  type RouteOption,
  type RouteOptions,
  type SystemInfoGroupExport,
} from './legacy-api-table';

/** The kinds in the order the API table first names them: the order summaries and next steps follow. */
export const KINDS_IN_TABLE_ORDER: readonly LegacyApiKind[] = [...new Set(LEGACY_API_TABLE.map((row) => row.kind))];

type Row = (typeof LEGACY_API_TABLE)[number];
/** Every deprecated API of the table. */
export type LegacyApiName = Exclude<Row, { onlyWithLegacyCalls: true }>['name'];
/** The app's own APIs routed through the runtime in projects with legacy calls. */
export type RoutedAppApi = Extract<Row, { onlyWithLegacyCalls: true }>['name'];
/** The APIs the rewrite turns into runtime references (deprecated ones and routed ones). */
export type LegacyApi = Extract<Row, { runtimeExport: string }>['name'];
/** The APIs the rewrite migrates where they are written: renamed (`onBLEConnectionStateChanged`) or moved (`attached`). */
export type MigratedInPlaceApi = Extract<
  Row,
  { renamedTo: string } | { movedUnder: string } | { writes: readonly string[] }
>['name'];
/** The APIs Taro wrapped in a Promise (before 3.3.1, or on every version). */
export type TaroWrappedApi = Extract<Row, { taroWrapped: true | 'always' }>['name'];
/**
 * What rewritten code imports from the runtime: an API's own function, its Taro-wrapped one, the function of a group
 * of its fields, or the value a moved canvas's template binds its type to.
 */
export type RuntimeExport =
  | LegacyApi
  | `${TaroWrappedApi}Wrapped`
  | SystemInfoGroupExport
  | typeof SYSTEM_INFO_AUTHORIZED_EXPORT
  | CanvasPixelExport
  | typeof CANVAS_TYPE_EXPORT;

/**
 * The families a user can choose to migrate (option `families`): each kind's `family`, in the API
 * table's order. A routed app API belongs to the family that routes it, so a family added to
 * LEGACY_API_KINDS is a choice here by its row alone.
 */
export type MigrationFamily = (typeof LEGACY_API_KINDS)[LegacyApiKind]['family'];
export const MIGRATION_FAMILIES: readonly MigrationFamily[] = [
  ...new Set(KINDS_IN_TABLE_ORDER.map((kind) => LEGACY_API_KINDS[kind].family)),
];

/** The family an API of the table belongs to (`stopVoice`: voice; the app's own getRecorderManager: record). */
export function familyOf(api: string): MigrationFamily {
  return LEGACY_API_KINDS[kindOf(api)].family;
}

/** Is this API's family among those chosen? Every family is, when none were chosen (the default). */
export function isChosenFamily(api: string, families: readonly string[] | undefined): boolean {
  return families === undefined || families.includes(familyOf(api));
}

/** What each kind is called in summaries ("rewrote 5 legacy record calls and 3 voice calls"). */
export const KIND_LABELS = Object.fromEntries(
  Object.entries(LEGACY_API_KINDS).map(([kind, row]) => [kind, row.label]),
) as Record<LegacyApiKind, string>;

/** The record kind: a project with one such call has its own `getRecorderManager()` routed. */
export const LEGACY_RECORD_KIND: LegacyApiKind = 'record';

const ROWS = new Map<string, LegacyApiRow>(LEGACY_API_TABLE.map((row) => [row.name, row]));

/** Names of the rewritten APIs, in table order (the order the runtime's imports are added in). */
export const LEGACY_APIS: readonly LegacyApi[] = LEGACY_API_TABLE.filter(
  (row): row is Extract<Row, { runtimeExport: string }> => 'runtimeExport' in row,
).map((row) => row.name);
/**
 * Every deprecated API of the platform object (`wx`, `qq`, `Taro`): the names the pre-filter and the matcher look
 * for. Not the routed app API (its uses are no leftover), nor the members of other objects (OWNED_API_NAMES).
 */
export const LEGACY_API_NAMES: readonly LegacyApiName[] = LEGACY_API_TABLE.filter(
  (row: LegacyApiRow) => !row.onlyWithLegacyCalls && !row.owner,
).map((row) => row.name as LegacyApiName);
/**
 * The deprecated members of other objects (`CanvasContext.setFillStyle`, `Component.attached`), found through what
 * creates the object, or the `Component(` call, never by their name alone.
 */
export const OWNED_API_NAMES: readonly LegacyApiName[] = LEGACY_API_TABLE.filter((row: LegacyApiRow) => row.owner).map(
  (row) => row.name as LegacyApiName,
);
/** The app's own APIs the rewrite routes, each with its `routeOption`, in projects with calls of its family. */
export const ROUTED_APP_APIS: readonly RoutedAppApi[] = LEGACY_API_TABLE.filter(
  (row: LegacyApiRow) => row.onlyWithLegacyCalls,
).map((row) => row.name as RoutedAppApi);
/**
 * The deprecated APIs the rewrite replaces with runtime calls: what must be gone from migrated code (not the routed app
 * API).
 */
export const REPLACED_LEGACY_APIS: readonly LegacyApi[] = LEGACY_APIS.filter(
  (api) => !ROWS.get(api)?.onlyWithLegacyCalls,
);
/** The deprecated record APIs: one rewritten call of these makes a project route the app's own manager. */
export const LEGACY_RECORD_APIS: readonly LegacyApi[] = LEGACY_APIS.filter(
  (api) => ROWS.get(api)?.kind === LEGACY_RECORD_KIND,
);

/**
 * Every runtime export the rewrite may import, in table order (an API's own, then its wrapped one), each once: a canvas
 * pixel call moves with createCanvasContext and has a routed row of its own.
 */
export const RUNTIME_EXPORTS: readonly RuntimeExport[] = [...new Set(LEGACY_APIS.flatMap(runtimeExportsOf))];

/**
 * The runtime exports a rewritten call of this API may import: its own, then the Taro-wrapped one, then those of its
 * field groups and `authorized`, then those that move with it, then the canvas type its template may bind.
 */
function runtimeExportsOf(api: LegacyApi): RuntimeExport[] {
  const row = ROWS.get(api);
  const fieldExports: RuntimeExport[] = row?.fieldGroups
    ? [...(Object.keys(row.fieldGroups) as SystemInfoGroupExport[]), SYSTEM_INFO_AUTHORIZED_EXPORT]
    : [];
  const movingWith = (row?.movesWith ?? []) as readonly CanvasPixelExport[];
  const templateBinds = row?.drivesElement === 'canvas' ? [CANVAS_TYPE_EXPORT] : [];
  return [api, ...(row?.taroWrapped ? [wrappedExportOf(api)] : []), ...fieldExports, ...movingWith, ...templateBinds];
}

/** The runtime's function that keeps Taro's wrapper for an API Taro wrapped (taroWrapped in the table). */
function wrappedExportOf(api: LegacyApi): RuntimeExport {
  return `${api as TaroWrappedApi}Wrapped`;
}

/**
 * The runtime function a rewritten reference becomes: the wrapped one for a reference reached
 * through Taro, when Taro wrapped the API on every version, or in a project on Taro < 3.3.1
 * (`taroWrapper`).
 */
export function runtimeExportFor(
  api: LegacyApi,
  throughTaro: boolean,
  taroWrapper: boolean | undefined,
): RuntimeExport {
  const wrapped = ROWS.get(api)?.taroWrapped;
  return throughTaro && (wrapped === 'always' || (taroWrapper && wrapped)) ? wrappedExportOf(api) : api;
}

/**
 * Is the deprecated API reached on this platform global (`wx`, `qq`)? Elsewhere the same name is the platform's current
 * API.
 */
export function isDeprecatedOn(api: string, global: string): boolean {
  const onlyOn = ROWS.get(api)?.onlyOn;
  return !onlyOn || onlyOn.includes(global);
}

export function legacyApiRow(name: string): LegacyApiRow | undefined {
  return ROWS.get(name);
}

/** A deprecated API of the platform object in the table (rewritten or listed for review). */
export function isLegacyApiName(name: unknown): name is LegacyApiName {
  const row = typeof name === 'string' ? ROWS.get(name) : undefined;
  return row !== undefined && !row.onlyWithLegacyCalls && !row.owner;
}

/** The member of `owner` an owned row names (`setFillStyle` of `CanvasContext.setFillStyle`), or the API's name. */
export function memberNameOf(api: string): string {
  const row = ROWS.get(api);
  return row?.owner ? api.slice(row.owner.length + 1) : api;
}

/** The owned rows of `owner` (`CanvasContext`: its deprecated methods), in table order. */
export function ownedApisOf(owner: LegacyApiOwner): readonly LegacyApiName[] {
  return OWNED_API_NAMES.filter((api) => ROWS.get(api)!.owner === owner);
}

/** The current name the rewrite gives a renamed API (`onBLEConnectionStateChange`), if it is one. */
export function renamedTo(api: string): string | undefined {
  return ROWS.get(api)?.renamedTo;
}

/**
 * How a deprecated API's places are migrated: `runtime` (the runtime's function), `rename` (its current
 * name, same object), `move` (under another field of the options: `lifetimes`), or `person` (with the
 * row's reason). A member of an object another API creates goes as its creator goes: the runtime's
 * object has it, or it is left with it.
 */
export function migrationOf(api: string): 'runtime' | 'rename' | 'move' | 'person' {
  const row = ROWS.get(api);
  if (!row || row.handReason) return 'person';
  if (row.runtimeExport) return 'runtime';
  if (row.renamedTo) return 'rename';
  if (row.movedUnder) return 'move';
  return row.createdBy && ROWS.has(row.createdBy) ? migrationOf(row.createdBy) : 'person';
}

/** Why a person migrates this API: its row's reason, or the reason of the row that creates its object. */
export function handReasonOf(api: string): string | undefined {
  const row = ROWS.get(api);
  return row?.handReason ?? (row?.createdBy ? handReasonOf(row.createdBy) : undefined);
}

/** An app API the rewrite routes through the runtime in projects with legacy calls. */
export function isRoutedAppApi(name: unknown): name is RoutedAppApi {
  return typeof name === 'string' && ROWS.get(name)?.onlyWithLegacyCalls === true;
}

/** Is this routed app API routed under these options (the project has a legacy call of its family)? */
export function isRoutedUnder(name: string, routes: RouteOptions): boolean {
  const option = ROWS.get(name)?.routeOption;
  return option !== undefined && routes[option] === true;
}

/** What the matcher takes in a file: the deprecated APIs, plus the routed app APIs the options route. */
export function apiMatcher(routes: RouteOptions): (name: unknown) => name is LegacyApiName | RoutedAppApi {
  return (name): name is LegacyApiName | RoutedAppApi =>
    isLegacyApiName(name) || (isRoutedAppApi(name) && isRoutedUnder(name, routes));
}

/** A deprecated API the rewrite replaces with a runtime call. */
export function isRewrittenApi(name: unknown): name is LegacyApi {
  return typeof name === 'string' && ROWS.get(name)?.runtimeExport !== undefined;
}

/**
 * Do these rewritten sites import the runtime (a runtime function of an API), rather than only rename or move in place?
 * A file whose rewrite imports nothing can take it wherever it is loaded from.
 */
export function importsRuntime(sites: readonly { api: string }[]): boolean {
  return sites.some((site) => isRewrittenApi(site.api));
}

/** The template element a call of this API names by its id, if any (the row's `drivesElement`). */
export function elementDrivenBy(name: string): 'audio' | 'canvas' | undefined {
  return ROWS.get(name)?.drivesElement;
}

export function kindOf(name: string): LegacyApiKind {
  return ROWS.get(name)?.kind ?? 'record';
}

/**
 * Why a routed app API goes through the runtime, in the words every door says it with: the
 * legacy calls that route it ("legacy record calls") and the one platform manager they share
 * with the app ("RecorderManager"); for a call that reads a canvas by its id, the moved canvases and the call itself.
 */
export function routingWords(api: RoutedAppApi): { calls: string; manager: string } {
  const row = ROWS.get(api)!;
  if (row.routedWith === CANVAS_KIND) return { calls: MOVED_CANVASES, manager: api };
  return { calls: `${KIND_LABELS[row.routedWith!]}s`, manager: row.replacement.replace(/^get/, '') };
}

/** The kind whose moved canvases route the calls that read a canvas by its id (`routeCanvasPixels`). */
const CANVAS_KIND: LegacyApiKind = 'canvas';
const MOVED_CANVASES = 'canvases moved to Canvas 2D';

/**
 * Why a routed app API's uses went through the runtime, said after their count in a summary: what the project has, and
 * what the app's own use shares with it.
 */
export function routedBecause(api: RoutedAppApi): string {
  if (ROWS.get(api)!.routedWith === CANVAS_KIND)
    return `the project has ${MOVED_CANVASES}, which the platform's own calls no longer find by their canvas id`;
  const { calls, manager } = routingWords(api);
  return `the project has ${calls}, which share its one ${manager}`;
}

/**
 * Why a file whose only places are the app's own managers is named at all, said before the reason
 * it cannot be migrated ("getBackgroundAudioManager() is here only because …, but WeChat loads …"):
 * the file uses the recommended API, and only the project's legacy calls route it. Null when the
 * file has a legacy call of its own.
 */
export function routedOnlyPreamble(apis: readonly string[]): string | null {
  const routed = [...new Set(apis)];
  if (routed.length === 0 || !routed.every(isRoutedAppApi)) return null;
  const words = routed.map((api) => routingWords(api as RoutedAppApi));
  const and = (parts: string[]) => parts.join(' and ');
  return (
    `${and(routed.map((api) => `${api}()`))} ${routed.length > 1 ? 'are' : 'is'} here only because the project's ${and(words.map((w) => w.calls))} ` +
    `route the app's own ${and(words.map((w) => w.manager))} through the runtime, but `
  );
}

/** When the row's API was deprecated, as reasons say it: `since base library 2.9.0`, or where WeChat says so. */
function deprecatedWhen(row: LegacyApiRow): string {
  return row.deprecatedSince ? `since base library ${row.deprecatedSince}` : `in ${row.deprecatedIn ?? 'WeChat'}`;
}

/** The reason a use of an API that is not rewritten is listed for review: its replacement, and why by hand. */
export function reviewReason(name: string): string {
  const row = ROWS.get(name);
  if (!row) return `${name} is not known`;
  const why = handReasonOf(name);
  // A reason of a row with no replacement says so itself ("WeChat names no replacement, and …").
  const to = row.replacement ? `migrate it to ${row.replacement} by hand` : undefined;
  const what = [to, why].filter(Boolean).join('; ') || 'WeChat names no replacement';
  return `${name} is deprecated (${deprecatedWhen(row)}) and not rewritten: ${what}`;
}

/**
 * How a person takes a call no door rewrites (another framework's wrapper or component): the API
 * that replaces it, or this package's runtime function where that framework's build resolves npm
 * packages.
 */
export function handMigration(name: string): string {
  const row = ROWS.get(name);
  const runtime = row?.runtimeExport
    ? ` (or the runtime's ${row.runtimeExport}, from '${NATIVE_IMPORT_SOURCE}', where the framework's build resolves npm packages)`
    : '';
  if (row && !row.replacement)
    return row.runtimeExport
      ? `which this tool does not rewrite: migrate it by hand to the runtime's ${row.runtimeExport}, from '${NATIVE_IMPORT_SOURCE}', where the framework's build resolves npm packages`
      : `which this tool does not rewrite: ${handReasonOf(name) ?? 'WeChat names no replacement'}`;
  const replacement = row
    ? row.replacement
        .split(' / ')
        .map((api) => `${api}()`)
        .join(' / ')
    : 'its replacement()';
  return `which this tool does not rewrite: migrate it by hand to ${replacement}${runtime}`;
}

// ---- Where the legacy APIs hang from -------------------------------------------------

export const TARO_MODULE = '@tarojs/taro';
/**
 * wepy 1.x's module: its default export carries every `wx` API as its own (`wepy.startRecord`,
 * promisified where the app used `wepy.use('promisify')`). A call through it is for a person:
 * the rewrite does not know which wrapper the app set up.
 */
export const WEPY_MODULE = 'wepy';
/**
 * The helpers compilers wrap `require()` in for an ES import (TypeScript's esModuleInterop and
 * tslib, Babel's CommonJS transform), by what their result is: `default`, an object whose
 * `.default` is the module (`__importDefault(require('@tarojs/taro')).default`); `namespace`,
 * the module's members and its `.default` (`import * as Taro`).
 */
export const INTEROP_HELPERS: ReadonlyMap<string, 'default' | 'namespace'> = new Map([
  ['__importDefault', 'default'],
  ['_interopRequireDefault', 'default'],
  ['__importStar', 'namespace'],
  ['_interopRequireWildcard', 'namespace'],
]);
/** WeChat's global; also the name the web JS-SDK uses (see web-sdk.ts). */
export const WECHAT_GLOBAL = 'wx';
/**
 * The platform globals that had the legacy API (docs/contract.md#platforms: WeChat and QQ; Douyin, Baidu
 * and Alipay never did). The native runtime finds the same platform object at call
 * time, so `qq.startRecord` migrates like `wx.startRecord`.
 */
export const PLATFORM_GLOBALS: readonly string[] = [WECHAT_GLOBAL, 'qq'];

// ---- The runtime the rewritten calls import ------------------------------------------

/** This package's name on npm: the Taro plugin's and the command's name (a devDependency of an app). */
export const PACKAGE_NAME = 'taro-plugin-record-compat';
/**
 * The runtime's own package (packages/runtime), which migrated code imports: a dependency of an app, with none of its
 * own.
 */
export const RUNTIME_PACKAGE = 'record-compat-runtime';
/** The runtime's Taro entry (`@tarojs/taro`'s API). */
export const DEFAULT_IMPORT_SOURCE = RUNTIME_PACKAGE;
/** The runtime's entry for plain mini-programs (the platform's global: wx, qq, …). */
export const NATIVE_IMPORT_SOURCE = `${RUNTIME_PACKAGE}/native`;
/** The runtime's entry for Taro H5 builds (the build plugin resolves the Taro entry to it there). */
export const H5_IMPORT_SOURCE = `${RUNTIME_PACKAGE}/h5`;
/**
 * The runtime's entries as this package shipped them before the runtime was a package of its
 * own, by the entry of the runtime package each re-exports: code migrated by earlier versions
 * imports them, and they still resolve (to the same modules, so both share one recorder).
 */
export const FORMER_RUNTIME_ENTRIES: ReadonlyMap<string, string> = new Map([
  [`${PACKAGE_NAME}/runtime`, DEFAULT_IMPORT_SOURCE],
  [`${PACKAGE_NAME}/runtime/native`, NATIVE_IMPORT_SOURCE],
  [`${PACKAGE_NAME}/runtime/h5`, H5_IMPORT_SOURCE],
]);

/**
 * The name of a local copy of the runtime the codemod writes (`utils/record-compat.js`, `--runtime local`): a module of
 * that name is the runtime to the rewrite, as its entries are.
 */
export const LOCAL_RUNTIME_COPY_NAME = 'record-compat';

/** Is `source` one of the runtime's entries, the package's or a former one of this package? */
export function isRuntimeEntry(source: string): boolean {
  return source === RUNTIME_PACKAGE || source.startsWith(`${RUNTIME_PACKAGE}/`) || FORMER_RUNTIME_ENTRIES.has(source);
}

/**
 * Do two module specifiers name the same runtime entry (`taro-plugin-record-compat/runtime` is
 * `record-compat-runtime`)?
 */
export function sameRuntimeEntry(a: string, b: string): boolean {
  return (FORMER_RUNTIME_ENTRIES.get(a) ?? a) === (FORMER_RUNTIME_ENTRIES.get(b) ?? b);
}

// ---- The runtime's families: what a local copy of the runtime holds ------------------

/**
 * The runtime's families, in the order a local copy of the runtime holds them: each is a module
 * of src/runtime (`record` is record.ts), and `taro-wrapper` is Taro < 3.3.1's Promise wrapper
 * over the functions of the others (the `…Wrapped` exports). A local copy (`--runtime local`)
 * holds the families its files import, and what they need of each other (the caller, the
 * platform lookup), no more. The kinds' families, in LEGACY_API_KINDS's order, then the wrapper.
 */
type KindRows = typeof LEGACY_API_KINDS;
/** The kinds whose family has a module of src/runtime (not a rename, a move, nor one left to a person). */
type RuntimeKind = { [K in LegacyApiKind]: KindRows[K] extends { withoutRuntime: true } ? never : K }[LegacyApiKind];
export type RuntimeFamily = KindRows[RuntimeKind]['family'] | 'taro-wrapper';
export const RUNTIME_FAMILIES: readonly RuntimeFamily[] = [
  ...new Set<RuntimeFamily>(
    Object.values(LEGACY_API_KINDS as Record<string, LegacyApiKindRow>)
      .filter((row) => !row.withoutRuntime)
      .map((row) => row.family as RuntimeFamily),
  ),
  'taro-wrapper',
];

/**
 * The families a runtime export is part of: its API's, and the Taro wrapper's too for a `…Wrapped` one; none for a name
 * the runtime does not export.
 */
export function runtimeFamiliesOf(name: string): RuntimeFamily[] {
  const grouped = LEGACY_API_TABLE.find(
    (row: LegacyApiRow) => row.fieldGroups !== undefined && Object.prototype.hasOwnProperty.call(row.fieldGroups, name),
  );
  if (grouped) return [LEGACY_API_KINDS[grouped.kind].family as RuntimeFamily];
  const wrapped = name.endsWith('Wrapped') && ROWS.get(name.slice(0, -'Wrapped'.length))?.taroWrapped === true;
  const row = ROWS.get(wrapped ? name.slice(0, -'Wrapped'.length) : name);
  if (!row?.runtimeExport) return [];
  const family = LEGACY_API_KINDS[row.kind].family as RuntimeFamily;
  return wrapped ? [family, 'taro-wrapper'] : [family];
}

// ---- What marks WeChat's *web* JS-SDK (never rewritten) ------------------------------

export const JS_SDK = {
  /** Calls that exist only in the web JS-SDK: a file that makes one is left alone. */
  onlyMethods: ['ready', 'onVoiceRecordEnd', 'onVoicePlayEnd', 'uploadVoice', 'downloadVoice', 'translateVoice'],
  /** `wx.config({ jsApiList })`: the file configures the JS-SDK. */
  configMethod: 'config',
  configKey: 'jsApiList',
  /** The JS-SDK's handle to a recording: a call whose argument names it is a JS-SDK call. */
  handle: 'localId',
  /** The JS-SDK's `startRecord({ cancel })`: no mini-program API has that callback. */
  cancelKey: 'cancel',
} as const;

// ---- Text-level views, for pre-filters that run before any parsing -------------------

/**
 * The names a file that uses a deprecated API spells: the platform object's APIs, and the members of objects whose
 * creator is no row of its own (`translateMarker`, on a context of the current `createMapContext`). The members of a
 * context a deprecated API creates need no name: their file names the creator.
 */
export const PREFILTER_NAMES: readonly string[] = [
  ...LEGACY_API_NAMES,
  ...OWNED_API_NAMES.filter((api) => {
    const creator = ROWS.get(api)!.createdBy;
    return creator !== undefined && !ROWS.has(creator);
  }).map(memberNameOf),
];
/** Matches the name of any deprecated API of the table (no word boundaries: `wx['stopRecord']` counts). */
export const LEGACY_NAME_PATTERN = new RegExp(PREFILTER_NAMES.join('|'));
/**
 * The calls that register a native component's options (or a behavior's), whose top-level old lifecycles are
 * deprecated: `Component({ attached() {} })`.
 */
export const COMPONENT_REGISTRARS: readonly string[] = ['Component', 'Behavior'];
/** The old lifecycles, by their names as keys of the options (`attached`). */
export const OLD_LIFECYCLES: readonly string[] = OWNED_API_NAMES.filter(
  (api) => ROWS.get(api)!.owner === 'Component',
).map(memberNameOf);
/** Matches a deprecated record API's name: the cheap first step of "does this project have legacy record calls?". */
export const LEGACY_RECORD_NAME_PATTERN = new RegExp(LEGACY_RECORD_APIS.join('|'));
/** The deprecated APIs of one kind: a rewritten call of one makes a project route that family's app API. */
export function legacyApisOfKind(kind: LegacyApiKind): readonly LegacyApi[] {
  return LEGACY_APIS.filter((api) => !ROWS.get(api)?.onlyWithLegacyCalls && ROWS.get(api)?.kind === kind);
}
/** The runtime functions rewritten calls of this kind import: each API's own, and its Taro-wrapped one. */
export function runtimeExportsOfKind(kind: LegacyApiKind): readonly RuntimeExport[] {
  return legacyApisOfKind(kind).flatMap(runtimeExportsOf);
}
/**
 * Ways to reach an API without spelling its name in the text: a member name with a `\u` escape
 * (`wx.start\u0052ecord`) and a computed member whose key starts with a string
 * (`wx['start' + 'Record']`). The pre-filter lets such files through to the matcher, which
 * rewrites the first and lists the second for a person. (`wx[key]` alone stays quiet in a file
 * that names no API: see match-sites.ts.) INDIRECT_ACCESS_MARKS are plain substrings one of which
 * such a text must hold (`wx[`, `\u`…): cheap to search, so the pattern runs on few files.
 */
const NAMESPACES = [...PLATFORM_GLOBALS, 'Taro'];
export const INDIRECT_ACCESS_PATTERN = new RegExp(
  `\\b(?:${NAMESPACES.join('|')})(?:\\??\\.\\s*[\\w$]*\\\\u|\\[\\s*['"\x60])`,
);
export const INDIRECT_ACCESS_MARKS: readonly string[] = ['\\u', ...NAMESPACES.map((name) => `${name}[`)];
/** Matches the API objects as whole words: the platform globals and the usual name of Taro. */
export const NAMESPACE_WORD_PATTERN = new RegExp(`\\b(?:${[...PLATFORM_GLOBALS, 'Taro'].join('|')})\\b`, 'g');

/** Sites counted by family, in MIGRATION_FAMILIES's order, the families with none left out. */
export function countByFamily(sites: readonly { api: string }[]): Map<MigrationFamily, number> {
  const counts = new Map<MigrationFamily, number>(MIGRATION_FAMILIES.map((family) => [family, 0]));
  for (const site of sites) counts.set(familyOf(site.api), counts.get(familyOf(site.api))! + 1);
  for (const [family, n] of counts) if (n === 0) counts.delete(family);
  return counts;
}

/** Rewritten sites counted by kind, in table order: every kind the rewrite migrates, and those it found. */
export function countByKind(sites: readonly { api: string }[]): Map<LegacyApiKind, number> {
  const counts = new Map<LegacyApiKind, number>();
  // the routed app API counts only where it was routed: other projects' summaries read as before
  for (const row of LEGACY_API_TABLE as readonly LegacyApiRow[])
    if (!row.onlyWithLegacyCalls && migrationOf(row.name) !== 'person') counts.set(row.kind, 0);
  for (const site of sites) counts.set(kindOf(site.api), (counts.get(kindOf(site.api)) ?? 0) + 1);
  return counts;
}

/**
 * "5 legacy record calls and 3 voice calls": the kinds there are; "0 legacy calls" when there
 * are none, named after no kind, since a run may have found only background audio to review.
 */
export function describeCountsByKind(counts: Map<LegacyApiKind, number>): string {
  const parts = [...counts]
    .filter(([, n]) => n > 0)
    .map(([kind, n]) => `${n} ${KIND_LABELS[kind]}${n === 1 ? '' : 's'}`);
  if (parts.length === 0) return '0 legacy calls';
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
