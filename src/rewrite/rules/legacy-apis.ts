/**
 * The deprecated APIs this package knows, as one table. The pre-filter, the matcher
 * (match.ts), with its web JS-SDK test (web-sdk.ts), the audit and the docs
 * (docs/legacy-apis.md, checked against `legacyApiTableMarkdown()` by a test), the CLI's help
 * texts and the tests' minimums all read it. Adding a deprecated API is a row here (a new family
 * also a row of LEGACY_API_KINDS) plus, when it is rewritten, its export in the runtime.
 *
 * Two rows are not deprecated: the app's own `getRecorderManager()` (docs/contract.md, Decision
 * R12) and `getBackgroundAudioManager()` (Decision B4). Each is routed through the runtime, which
 * shares the platform's one manager between the app and the legacy calls, but only in projects
 * that have calls of its family (`onlyWithLegacyCalls`): the selectors below honour the flag, and
 * the rewrite matches such a row only when its option (`routeOption`: `routeRecorderManager`,
 * `routeBackgroundAudioManager`) says the project has such calls.
 *
 * Dependency-free, so the CLI's pre-filter can load it without Babel.
 */

/** What summaries count by: a family's deprecated APIs, or the app's own manager it routes (LEGACY_API_KINDS). */
export type LegacyApiKind = keyof typeof LEGACY_API_KINDS;

export interface LegacyApiRow {
  /** The member of `wx` / `qq` / `Taro`. */
  readonly name: string;
  /**
   * The platform globals whose call of it is the deprecated one, when not every one of
   * PLATFORM_GLOBALS: elsewhere the same name is that platform's current API, left alone.
   */
  readonly onlyOn?: readonly string[];
  readonly kind: LegacyApiKind;
  /** Base library version it was deprecated in (WeChat); absent for the routed app API. */
  readonly deprecatedSince?: string;
  /** The platform API that replaces it (what a person migrating by hand should use). */
  readonly replacement: string;
  /**
   * The runtime export the rewrite calls instead (same name in both runtime entries).
   * Absent: not rewritten; every use is listed for manual review with `replacement`.
   */
  readonly runtimeExport?: string;
  /**
   * Not a deprecated API: the app's own use of the replacement, rewritten only in a project
   * that has at least one call of the `routedWith` family (its `routeOption`). A project
   * without one gets nothing from us, so its own manager code stays untouched.
   */
  readonly onlyWithLegacyCalls?: true;
  /**
   * For a routed app API: the option that routes it, set by the doors when the project has a legacy call of
   * `routedWith`.
   */
  readonly routeOption?: RouteOption;
  /** For a routed app API: the kind of legacy call that makes a project route it. */
  readonly routedWith?: LegacyApiKind;
  /**
   * Taro < 3.3.1 wrapped it (docs/contract.md#taro-wrapper): a `Taro.*` call of it, in a project
   * on such a Taro (option `taroWrapper`), becomes the runtime's `<runtimeExport>Wrapped`,
   * which returns what Taro's wrapper did. `'always'`: Taro wrapped it on every version, so a
   * `Taro.*` call of it becomes the wrapped export whatever `taroWrapper` says.
   */
  readonly taroWrapped?: true | 'always';
  /**
   * The call's result is an object whose fields the replacement APIs answer in groups: a call whose
   * fields are read becomes the runtime function of their group (file/system-info-reads.ts decides).
   */
  readonly fieldGroups?: typeof SYSTEM_INFO_FIELD_GROUPS;
  /**
   * The call names an element of the page's template by its id (`createAudioContext('myAudio')` and
   * `<audio id="myAudio">`): it is rewritten call by call, only where that element can do without it
   * (template.ts reads the template, element-calls.ts decides); any other call is left as it is and
   * reported with the element's place and the reason (docs/legacy-apis.md#createaudiocontext).
   */
  readonly drivesElement?: 'audio';
}

/** The options that route the app's own use of a replacement (options-schema.ts). */
export type RouteOption = 'routeRecorderManager' | 'routeBackgroundAudioManager';
export type RouteOptions = { [K in RouteOption]?: boolean | undefined };

const RECORD = { kind: 'record', deprecatedSince: '1.6.0', replacement: 'getRecorderManager' } as const;
const VOICE = { kind: 'voice', deprecatedSince: '1.6.0', replacement: 'createInnerAudioContext' } as const;
const BACKGROUND_AUDIO = {
  kind: 'backgroundAudio',
  deprecatedSince: '1.2.0',
  replacement: 'getBackgroundAudioManager',
} as const;
/** On every platform but WeChat the legacy call is the platform's current API (docs/contract.md, section 12). */
const SYSTEM_INFO = {
  kind: 'systemInfo',
  deprecatedSince: '2.20.1',
  replacement: 'getWindowInfo / getDeviceInfo / getAppBaseInfo / getSystemSetting / getAppAuthorizeSetting',
  onlyOn: ['wx'],
} as const;

/**
 * Where each field of the legacy system info went: the runtime function that answers it, by the
 * API of WeChat's that replaces it (docs/contract.md, section 12). The `*Authorized` fields
 * (SYSTEM_INFO_AUTHORIZED_FIELDS) go to getAppAuthorizeSetting too, read through `authorized()`.
 */
export const SYSTEM_INFO_FIELD_GROUPS = {
  getWindowInfo: [
    'pixelRatio',
    'screenWidth',
    'screenHeight',
    'windowWidth',
    'windowHeight',
    'statusBarHeight',
    'safeArea',
    'screenTop',
  ],
  getDeviceInfo: ['brand', 'model', 'system', 'platform', 'benchmarkLevel'],
  getAppBaseInfo: ['SDKVersion', 'version', 'language', 'enableDebug', 'host', 'theme', 'fontSizeSetting'],
  getSystemSetting: ['bluetoothEnabled', 'locationEnabled', 'wifiEnabled', 'deviceOrientation'],
  getAppAuthorizeSetting: ['locationReducedAccuracy'],
} as const;
/** A field group's runtime function (getWindowInfo, …). */
export type SystemInfoGroupExport = keyof typeof SYSTEM_INFO_FIELD_GROUPS;
/**
 * The legacy object's `*Authorized` fields: booleans there, `'authorized' | 'denied' | 'not determined'` in
 * getAppAuthorizeSetting. A read of one becomes `authorized(…)` of getAppAuthorizeSetting's (Decision S4).
 */
export const SYSTEM_INFO_AUTHORIZED_FIELDS: readonly string[] = [
  'albumAuthorized',
  'cameraAuthorized',
  'locationAuthorized',
  'microphoneAuthorized',
  'notificationAuthorized',
  'notificationAlertAuthorized',
  'notificationBadgeAuthorized',
  'notificationSoundAuthorized',
  'phoneCalendarAuthorized',
];
/** The runtime function that turns an `*Authorized` string back into the legacy boolean. */
export const SYSTEM_INFO_AUTHORIZED_EXPORT = 'authorized' as const;
/**
 * The legacy fields no replacement answers, nor the runtime's whole object of the sync call, by the API whose result
 * lacks them: a call whose result may have one read is for a person. The callback forms' result has `errMsg`
 * (Decision S3).
 */
export const SYSTEM_INFO_FIELDS_WITHOUT_HOME: ReadonlyMap<string, string> = new Map([
  [
    'environment',
    "environment ('wxwork' in WeCom) has no new home, and the runtime's whole object leaves it out where the new APIs answer",
  ],
  ['errMsg', "errMsg of getSystemInfoSync has no new home, and the runtime's whole object has none"],
]);
/**
 * The field without a new home no form's result has (the callback and Promise forms' has errMsg): where a result goes
 * where the rewrite cannot follow it, a read of a field of this name anywhere in the file or its template may be a read
 * of it (errMsg is read of every API's result: not searched for).
 */
export const SYSTEM_INFO_ENVIRONMENT_FIELD = 'environment';

export const LEGACY_API_TABLE = [
  { name: 'startRecord', ...RECORD, runtimeExport: 'startRecord', taroWrapped: true },
  { name: 'stopRecord', ...RECORD, runtimeExport: 'stopRecord' },
  { name: 'playVoice', ...VOICE, runtimeExport: 'playVoice', taroWrapped: true },
  { name: 'pauseVoice', ...VOICE, runtimeExport: 'pauseVoice' },
  { name: 'stopVoice', ...VOICE, runtimeExport: 'stopVoice' },
  {
    name: 'createAudioContext',
    kind: 'audio',
    deprecatedSince: '1.6.0',
    replacement: 'createInnerAudioContext',
    runtimeExport: 'createAudioContext',
    drivesElement: 'audio',
  },
  { name: 'playBackgroundAudio', ...BACKGROUND_AUDIO, runtimeExport: 'playBackgroundAudio', taroWrapped: true },
  { name: 'pauseBackgroundAudio', ...BACKGROUND_AUDIO, runtimeExport: 'pauseBackgroundAudio' },
  { name: 'seekBackgroundAudio', ...BACKGROUND_AUDIO, runtimeExport: 'seekBackgroundAudio', taroWrapped: true },
  { name: 'stopBackgroundAudio', ...BACKGROUND_AUDIO, runtimeExport: 'stopBackgroundAudio' },
  {
    name: 'getBackgroundAudioPlayerState',
    ...BACKGROUND_AUDIO,
    runtimeExport: 'getBackgroundAudioPlayerState',
    taroWrapped: true,
  },
  { name: 'onBackgroundAudioPlay', ...BACKGROUND_AUDIO, runtimeExport: 'onBackgroundAudioPlay' },
  { name: 'onBackgroundAudioPause', ...BACKGROUND_AUDIO, runtimeExport: 'onBackgroundAudioPause' },
  { name: 'onBackgroundAudioStop', ...BACKGROUND_AUDIO, runtimeExport: 'onBackgroundAudioStop' },
  {
    name: 'getSystemInfoSync',
    ...SYSTEM_INFO,
    runtimeExport: 'getSystemInfoSync',
    fieldGroups: SYSTEM_INFO_FIELD_GROUPS,
  },
  { name: 'getSystemInfo', ...SYSTEM_INFO, runtimeExport: 'getSystemInfo', taroWrapped: 'always' },
  { name: 'getSystemInfoAsync', ...SYSTEM_INFO, runtimeExport: 'getSystemInfoAsync' },
  {
    name: 'getRecorderManager',
    kind: 'recorderManager',
    replacement: 'getRecorderManager',
    runtimeExport: 'getRecorderManager',
    onlyWithLegacyCalls: true,
    routeOption: 'routeRecorderManager',
    routedWith: 'record',
  },
  {
    name: 'getBackgroundAudioManager',
    kind: 'backgroundAudioManager',
    replacement: 'getBackgroundAudioManager',
    runtimeExport: 'getBackgroundAudioManager',
    onlyWithLegacyCalls: true,
    routeOption: 'routeBackgroundAudioManager',
    routedWith: 'backgroundAudio',
  },
] as const satisfies readonly LegacyApiRow[];

export interface LegacyApiKindRow {
  /** What one rewritten use is called in summaries and help texts ("3 voice calls", "the voice API"). */
  readonly label: string;
  /** The runtime family whose module holds what its calls become (a local copy holds the families its files import). */
  readonly family: string;
  /**
   * Where docs/ tells the hand migration of a place of this kind, when a section of its own does:
   * the audit's next steps point a person there.
   */
  readonly handMigrationDoc?: { readonly page: string; readonly what: string };
}

/**
 * The kinds of the table's rows, one per family of deprecated APIs and one per app API a family
 * routes, in the order a local copy of the runtime holds their families (RUNTIME_FAMILIES).
 * Summaries report the kinds in the API table's order instead (countByKind).
 */
export const LEGACY_API_KINDS = {
  record: { label: 'legacy record call', family: 'record' },
  recorderManager: { label: "app's own getRecorderManager use", family: 'record' },
  voice: { label: 'voice call', family: 'voice' },
  backgroundAudio: {
    label: 'background-audio call',
    family: 'background-audio',
    handMigrationDoc: { page: 'legacy-apis.md#background-audio', what: 'background audio: what replaces it' },
  },
  backgroundAudioManager: { label: "app's own getBackgroundAudioManager use", family: 'background-audio' },
  audio: {
    label: 'AudioContext use',
    family: 'audio-context',
    handMigrationDoc: {
      page: 'legacy-apis.md#createaudiocontext',
      what: 'a createAudioContext left as it is: why, and its hand migration',
    },
  },
  systemInfo: {
    label: 'system-info call',
    family: 'system-info',
    handMigrationDoc: {
      page: 'legacy-apis.md#system-info',
      what: 'system info: which new API answers each field, and what is left for a person',
    },
  },
} as const satisfies Record<string, LegacyApiKindRow>;

/** The kinds in the order the API table first names them: the order summaries and next steps follow. */
export const KINDS_IN_TABLE_ORDER: readonly LegacyApiKind[] = [...new Set(LEGACY_API_TABLE.map((row) => row.kind))];

type Row = (typeof LEGACY_API_TABLE)[number];
/** Every deprecated API of the table. */
export type LegacyApiName = Exclude<Row, { onlyWithLegacyCalls: true }>['name'];
/** The app's own APIs routed through the runtime in projects with legacy calls. */
export type RoutedAppApi = Extract<Row, { onlyWithLegacyCalls: true }>['name'];
/** The APIs the rewrite turns into runtime references (deprecated ones and routed ones). */
export type LegacyApi = Extract<Row, { runtimeExport: string }>['name'];
/** The APIs Taro wrapped in a Promise (before 3.3.1, or on every version). */
export type TaroWrappedApi = Extract<Row, { taroWrapped: true | 'always' }>['name'];
/**
 * What rewritten code imports from the runtime: an API's own function, its Taro-wrapped one, or the function of a group
 * of its fields.
 */
export type RuntimeExport =
  LegacyApi | `${TaroWrappedApi}Wrapped` | SystemInfoGroupExport | typeof SYSTEM_INFO_AUTHORIZED_EXPORT;

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
/** Every deprecated API of the table (not the routed app API: its uses are no leftover). */
export const LEGACY_API_NAMES: readonly LegacyApiName[] = LEGACY_API_TABLE.filter(
  (row: LegacyApiRow) => !row.onlyWithLegacyCalls,
).map((row) => row.name as LegacyApiName);
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

/** Every runtime export the rewrite may import, in table order (an API's own, then its wrapped one). */
export const RUNTIME_EXPORTS: readonly RuntimeExport[] = LEGACY_APIS.flatMap(runtimeExportsOf);

/**
 * The runtime functions a rewritten call of this API may import: its own, then the Taro-wrapped one, then those of its
 * field groups and `authorized`.
 */
function runtimeExportsOf(api: LegacyApi): RuntimeExport[] {
  const row = ROWS.get(api);
  const fieldExports: RuntimeExport[] = row?.fieldGroups
    ? [...(Object.keys(row.fieldGroups) as SystemInfoGroupExport[]), SYSTEM_INFO_AUTHORIZED_EXPORT]
    : [];
  return [api, ...(row?.taroWrapped ? [wrappedExportOf(api)] : []), ...fieldExports];
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

/** A deprecated API of the table (rewritten or listed for review). */
export function isLegacyApiName(name: unknown): name is LegacyApiName {
  return typeof name === 'string' && ROWS.has(name) && !ROWS.get(name)!.onlyWithLegacyCalls;
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

/** The template element a call of this API names by its id, if any (the row's `drivesElement`). */
export function elementDrivenBy(name: string): 'audio' | undefined {
  return ROWS.get(name)?.drivesElement;
}

export function kindOf(name: string): LegacyApiKind {
  return ROWS.get(name)?.kind ?? 'record';
}

/**
 * Why a routed app API goes through the runtime, in the words every door says it with: the
 * legacy calls that route it ("legacy record calls") and the one platform manager they share
 * with the app ("RecorderManager").
 */
export function routingWords(api: RoutedAppApi): { calls: string; manager: string } {
  const row = ROWS.get(api)!;
  return { calls: `${KIND_LABELS[row.routedWith!]}s`, manager: row.replacement.replace(/^get/, '') };
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

/** The reason a use of an API that is not rewritten is listed for review. */
export function reviewReason(name: string): string {
  const row = ROWS.get(name);
  if (!row) return `${name} is not known`;
  return `${name} is deprecated (since base library ${row.deprecatedSince ?? '?'}) and not rewritten: migrate it to ${row.replacement} by hand`;
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
export type RuntimeFamily = (typeof LEGACY_API_KINDS)[LegacyApiKind]['family'] | 'taro-wrapper';
export const RUNTIME_FAMILIES: readonly RuntimeFamily[] = [
  ...new Set<RuntimeFamily>(Object.values(LEGACY_API_KINDS).map((row) => row.family)),
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
  if (grouped) return [LEGACY_API_KINDS[grouped.kind].family];
  const wrapped = name.endsWith('Wrapped') && ROWS.get(name.slice(0, -'Wrapped'.length))?.taroWrapped === true;
  const row = ROWS.get(wrapped ? name.slice(0, -'Wrapped'.length) : name);
  if (!row?.runtimeExport) return [];
  const family = LEGACY_API_KINDS[row.kind].family;
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

/** Matches the name of any deprecated API of the table (no word boundaries: `wx['stopRecord']` counts). */
export const LEGACY_NAME_PATTERN = new RegExp(LEGACY_API_NAMES.join('|'));
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

/** The table as the docs show it (docs/legacy-apis.md holds exactly this). */
export function legacyApiTableMarkdown(): string {
  const lines = [
    '| API (`wx.`, `qq.`, `Taro.`) | deprecated since | what happens | replacement |',
    '|---|---|---|---|',
    ...LEGACY_API_TABLE.map((row: LegacyApiRow) => {
      if (row.onlyWithLegacyCalls) {
        const family =
          row.routedWith === LEGACY_RECORD_KIND
            ? 'record'
            : KIND_LABELS[row.routedWith ?? 'record'].replace(/ call$/, '');
        return `| \`${row.name}\` (the app's own) | not deprecated | routed through the runtime's \`${row.runtimeExport}\`, only in projects with legacy ${family} calls | (itself) |`;
      }
      return `| \`${row.name}\` | ${row.deprecatedSince} | ${tableAction(row)} | \`${row.replacement}\` |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** What the docs' table says happens to a deprecated API's uses. */
function tableAction(row: LegacyApiRow): string {
  if (!row.runtimeExport) return 'listed for manual review';
  const runtime = `\`${row.runtimeExport}\``;
  const action = row.drivesElement
    ? `rewritten into the runtime's ${runtime} where its \`<${row.drivesElement}>\` shows nothing and calls nothing; listed for manual review otherwise`
    : row.fieldGroups
      ? `rewritten into the runtime's function of the fields read (${Object.keys(row.fieldGroups)
          .map((name) => `\`${name}\``)
          .join(', ')}), else ${runtime}`
      : row.taroWrapped === 'always'
        ? `rewritten into the runtime's ${runtime} (\`Taro.\`: \`${row.runtimeExport}Wrapped\`)`
        : `rewritten into the runtime's ${runtime}`;
  return row.onlyOn
    ? `${action}; only on ${[...row.onlyOn, 'Taro'].map((name) => `\`${name}.\``).join(' and ')}`
    : action;
}

/** Sites counted by family, in MIGRATION_FAMILIES's order, the families with none left out. */
export function countByFamily(sites: readonly { api: string }[]): Map<MigrationFamily, number> {
  const counts = new Map<MigrationFamily, number>(MIGRATION_FAMILIES.map((family) => [family, 0]));
  for (const site of sites) counts.set(familyOf(site.api), counts.get(familyOf(site.api))! + 1);
  for (const [family, n] of counts) if (n === 0) counts.delete(family);
  return counts;
}

/** Rewritten sites counted by kind, in table order. */
export function countByKind(sites: readonly { api: string }[]): Map<LegacyApiKind, number> {
  const counts = new Map<LegacyApiKind, number>();
  // the routed app API counts only where it was routed: other projects' summaries read as before
  for (const row of LEGACY_API_TABLE as readonly LegacyApiRow[])
    if (row.runtimeExport && !row.onlyWithLegacyCalls) counts.set(row.kind, 0);
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
