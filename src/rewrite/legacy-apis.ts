/**
 * The deprecated APIs this package knows, as one table. The pre-filter, the matcher
 * (rewrite-program.ts), the web JS-SDK test (js-sdk.ts), the audit and the docs
 * (docs/legacy-apis.md, checked against `legacyApiTableMarkdown()` by a test) all
 * read it. Adding a deprecated API is a row here plus, when it is rewritten, its
 * export in the runtime (src/runtime/taro.ts and native.ts).
 *
 * A later row for the app's own `getRecorderManager()` (issue 13: route it through the
 * runtime, but only in projects that still have legacy calls) would carry a flag such as
 * `rewrite: 'in-projects-with-legacy-calls'`; the selectors below are where it would be
 * honoured. No such row exists yet.
 *
 * Dependency-free, so the CLI's pre-filter can load it without Babel.
 */

/** What summaries count by: the rewritten kinds first, in the order they are reported. */
export type LegacyApiKind = 'record' | 'voice' | 'audio' | 'backgroundAudio';

export interface LegacyApiRow {
  /** The member of `wx` / `qq` / `Taro`. */
  readonly name: string;
  readonly kind: LegacyApiKind;
  /** Base library version it was deprecated in (WeChat). */
  readonly deprecatedSince: string;
  /** The platform API that replaces it (what a person migrating by hand should use). */
  readonly replacement: string;
  /**
   * The runtime export the rewrite calls instead (same name in both runtime entries).
   * Absent: not rewritten; every use is listed for manual review with `replacement`.
   */
  readonly runtimeExport?: string;
}

const RECORD = { kind: 'record', deprecatedSince: '1.6.0', replacement: 'getRecorderManager' } as const;
const VOICE = { kind: 'voice', deprecatedSince: '1.6.0', replacement: 'createInnerAudioContext' } as const;
const BACKGROUND_AUDIO = { kind: 'backgroundAudio', deprecatedSince: '1.2.0', replacement: 'getBackgroundAudioManager' } as const;

export const LEGACY_API_TABLE = [
  { name: 'startRecord', ...RECORD, runtimeExport: 'startRecord' },
  { name: 'stopRecord', ...RECORD, runtimeExport: 'stopRecord' },
  { name: 'playVoice', ...VOICE, runtimeExport: 'playVoice' },
  { name: 'pauseVoice', ...VOICE, runtimeExport: 'pauseVoice' },
  { name: 'stopVoice', ...VOICE, runtimeExport: 'stopVoice' },
  { name: 'createAudioContext', kind: 'audio', deprecatedSince: '1.6.0', replacement: 'createInnerAudioContext' },
  { name: 'playBackgroundAudio', ...BACKGROUND_AUDIO },
  { name: 'pauseBackgroundAudio', ...BACKGROUND_AUDIO },
  { name: 'seekBackgroundAudio', ...BACKGROUND_AUDIO },
  { name: 'stopBackgroundAudio', ...BACKGROUND_AUDIO },
  { name: 'getBackgroundAudioPlayerState', ...BACKGROUND_AUDIO },
  { name: 'onBackgroundAudioPlay', ...BACKGROUND_AUDIO },
  { name: 'onBackgroundAudioPause', ...BACKGROUND_AUDIO },
  { name: 'onBackgroundAudioStop', ...BACKGROUND_AUDIO },
] as const satisfies readonly LegacyApiRow[];

type Row = (typeof LEGACY_API_TABLE)[number];
/** Every deprecated API of the table. */
export type LegacyApiName = Row['name'];
/** The deprecated APIs the rewrite turns into runtime calls. */
export type LegacyApi = Extract<Row, { runtimeExport: string }>['name'];

/** What each kind is called in summaries ("rewrote 5 legacy record calls and 3 voice calls"). */
export const KIND_LABELS: Record<LegacyApiKind, string> = {
  record: 'legacy record call',
  voice: 'voice call',
  audio: 'AudioContext use',
  backgroundAudio: 'background audio use',
};

const ROWS = new Map<string, LegacyApiRow>(LEGACY_API_TABLE.map((row) => [row.name, row]));

/** Names of the rewritten APIs, in table order (the order the runtime's imports are added in). */
export const LEGACY_APIS: readonly LegacyApi[] = LEGACY_API_TABLE.filter((row): row is Extract<Row, { runtimeExport: string }> => 'runtimeExport' in row).map(
  (row) => row.name,
);
/** Every name of the table. */
export const LEGACY_API_NAMES: readonly LegacyApiName[] = LEGACY_API_TABLE.map((row) => row.name);

export function legacyApiRow(name: string): LegacyApiRow | undefined {
  return ROWS.get(name);
}

/** A deprecated API of the table (rewritten or listed for review). */
export function isLegacyApiName(name: unknown): name is LegacyApiName {
  return typeof name === 'string' && ROWS.has(name);
}

/** A deprecated API the rewrite replaces with a runtime call. */
export function isRewrittenApi(name: unknown): name is LegacyApi {
  return typeof name === 'string' && ROWS.get(name)?.runtimeExport !== undefined;
}

export function kindOf(name: string): LegacyApiKind {
  return ROWS.get(name)?.kind ?? 'record';
}

/** The reason a use of an API that is not rewritten is listed for review. */
export function reviewReason(name: string): string {
  const row = ROWS.get(name);
  if (!row) return `${name} is not known`;
  return `${name} is deprecated (since base library ${row.deprecatedSince}) and not rewritten: migrate it to ${row.replacement} by hand`;
}

// ---- Where the legacy APIs hang from -------------------------------------------------

export const TARO_MODULE = '@tarojs/taro';
/** WeChat's global; also the name the web JS-SDK uses (see js-sdk.ts). */
export const WECHAT_GLOBAL = 'wx';
/**
 * The platform globals that had the legacy API (SPEC §4: WeChat and QQ; Douyin, Baidu
 * and Alipay never did). The native runtime finds the same platform object at call
 * time, so `qq.startRecord` migrates like `wx.startRecord`.
 */
export const PLATFORM_GLOBALS: readonly string[] = [WECHAT_GLOBAL, 'qq'];

// ---- The runtime the rewritten calls import ------------------------------------------

export const DEFAULT_IMPORT_SOURCE = 'taro-plugin-record-compat/runtime';
export const NATIVE_IMPORT_SOURCE = 'taro-plugin-record-compat/runtime/native';

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

/** Matches the name of any API of the table (no word boundaries: `wx['stopRecord']` counts). */
export const LEGACY_NAME_PATTERN = new RegExp(LEGACY_API_NAMES.join('|'));
/** Matches a table API as a whole word. */
export const LEGACY_WORD_PATTERN = new RegExp(`\\b(?:${LEGACY_API_NAMES.join('|')})\\b`);
/** Matches the API objects as whole words: the platform globals and the usual name of Taro. */
export const NAMESPACE_WORD_PATTERN = new RegExp(`\\b(?:${[...PLATFORM_GLOBALS, 'Taro'].join('|')})\\b`, 'g');

/** The table as the docs show it (docs/legacy-apis.md holds exactly this). */
export function legacyApiTableMarkdown(): string {
  const lines = [
    '| API (`wx.`, `qq.`, `Taro.`) | deprecated since | what happens | replacement |',
    '|---|---|---|---|',
    ...LEGACY_API_TABLE.map((row: LegacyApiRow) => {
      const action = row.runtimeExport ? `rewritten into the runtime's \`${row.runtimeExport}\`` : 'listed for manual review';
      return `| \`${row.name}\` | ${row.deprecatedSince} | ${action} | \`${row.replacement}\` |`;
    }),
  ];
  return `${lines.join('\n')}\n`;
}

/** Rewritten sites counted by kind, in table order. */
export function countByKind(sites: readonly { api: string }[]): Map<LegacyApiKind, number> {
  const counts = new Map<LegacyApiKind, number>();
  for (const row of LEGACY_API_TABLE) if ('runtimeExport' in row) counts.set(row.kind, 0);
  for (const site of sites) counts.set(kindOf(site.api), (counts.get(kindOf(site.api)) ?? 0) + 1);
  return counts;
}

/**
 * "5 legacy record calls and 3 voice calls": the first kind (record) always, the others
 * when there are any, so a project without voice calls reads as before.
 */
export function describeCountsByKind(counts: Map<LegacyApiKind, number>): string {
  const parts = [...counts]
    .filter(([, n], i) => i === 0 || n > 0)
    .map(([kind, n]) => `${n} ${KIND_LABELS[kind]}${n === 1 ? '' : 's'}`);
  return parts.length <= 1 ? parts.join('') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
}
