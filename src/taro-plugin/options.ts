/**
 * The Taro plugin's options: what a user may write in
 * `plugins: [['taro-plugin-record-compat', { ... }]]`, how it is checked, and
 * how it is split between the build (include / strict / importSource) and the
 * runtime (the recording defaults, injected as TARO_RECORD_COMPAT_OPTIONS).
 */
import { validateRecordOptions, type RecordCompatOptions } from '../runtime/core';
import { DEFAULT_IMPORT_SOURCE } from '../rewrite/types';

export const PLUGIN_NAME = 'taro-plugin-record-compat';

/** Options that reach the runtime as app-wide defaults. Checked by the runtime's own rules. */
export const RECORD_OPTION_KEYS = [
  'durationMs',
  'format',
  'sampleRate',
  'numberOfChannels',
  'encodeBitRate',
  'deniedPrompt',
  'stopTimeoutMs',
] as const;

/** Options only the build uses. */
export const BUILD_OPTION_KEYS = ['include', 'strict', 'importSource', 'report'] as const;

export type RecordOptionKey = (typeof RECORD_OPTION_KEYS)[number];

export interface RecordCompatPluginOptions {
  /** Longest recording in ms (the legacy API's one minute by default). */
  durationMs?: number;
  format?: string;
  sampleRate?: number;
  numberOfChannels?: number;
  encodeBitRate?: number;
  /** When the user denied the microphone before: ask with showModal, then openSetting (off by default). */
  deniedPrompt?: boolean | { title?: string; content?: string; confirmText?: string; cancelText?: string };
  /** Fail a recording whose onStop has not arrived this many ms after stop(). */
  stopTimeoutMs?: number;
  /** Packages under node_modules whose code should be rewritten too (by package name). */
  include?: string[];
  /** Fail the build when a legacy call is left for manual review. */
  strict?: boolean;
  /** Module the rewritten calls import from. */
  importSource?: string;
  /** Print the one-line summary at the end of each build (default true). */
  report?: boolean;
}

export interface ResolvedOptions {
  include: string[];
  strict: boolean;
  importSource: string;
  report: boolean;
  /** Only the recording keys the user set; serialised into TARO_RECORD_COMPAT_OPTIONS. */
  runtime: Partial<Record<RecordOptionKey, unknown>>;
}

export class PluginOptionsError extends Error {
  constructor(detail: string) {
    super(`[${PLUGIN_NAME}] invalid plugin options: ${detail}`);
    this.name = 'PluginOptionsError';
    // The stack of the plugin loader says nothing to the user; the message says it all.
    this.stack = `${this.name}: ${this.message}`;
  }
}

const ALL_KEYS: readonly string[] = [...RECORD_OPTION_KEYS, ...BUILD_OPTION_KEYS];

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'undefined';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

// npm package names: optional @scope/, then lowercase-ish name characters.
const PACKAGE_NAME = /^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/i;

const PROMPT_KEYS = ['title', 'content', 'confirmText', 'cancelText'];

function checkDeniedPrompt(value: unknown): void {
  if (value === undefined || typeof value === 'boolean') return;
  const ok =
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.entries(value).every(([k, v]) => PROMPT_KEYS.includes(k) && typeof v === 'string');
  if (!ok) {
    throw new PluginOptionsError(
      `option "deniedPrompt" must be true, false or an object with string ${PROMPT_KEYS.join(', ')}, got ${show(value)}`,
    );
  }
}

/**
 * Check the options and split them. Throws PluginOptionsError whose message
 * names the offending option and what it may be.
 */
export function resolveOptions(raw: unknown): ResolvedOptions {
  const input = raw == null ? {} : raw;
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new PluginOptionsError(`options must be an object, got ${show(input)}`);
  }
  const opts = input as Record<string, unknown>;

  for (const key of Object.keys(opts)) {
    if (!ALL_KEYS.includes(key)) {
      throw new PluginOptionsError(`unknown option "${key}"; allowed options are ${ALL_KEYS.join(', ')}`);
    }
  }

  const include = opts.include ?? [];
  if (!Array.isArray(include) || include.some((p) => typeof p !== 'string' || !PACKAGE_NAME.test(p))) {
    throw new PluginOptionsError(
      `option "include" must be an array of package names such as ["my-sdk", "@scope/pkg"], got ${show(opts.include)}`,
    );
  }
  for (const key of ['strict', 'report'] as const) {
    if (opts[key] !== undefined && typeof opts[key] !== 'boolean') {
      throw new PluginOptionsError(`option "${key}" must be true or false, got ${show(opts[key])}`);
    }
  }
  const importSource = opts.importSource ?? DEFAULT_IMPORT_SOURCE;
  if (typeof importSource !== 'string' || importSource.trim() === '') {
    throw new PluginOptionsError(
      `option "importSource" must be a non-empty module name (default "${DEFAULT_IMPORT_SOURCE}"), got ${show(opts.importSource)}`,
    );
  }

  const runtime: Partial<Record<RecordOptionKey, unknown>> = {};
  for (const key of RECORD_OPTION_KEYS) {
    if (opts[key] !== undefined) runtime[key] = opts[key];
  }
  checkDeniedPrompt(runtime.deniedPrompt);
  // The runtime's own rules for the recording options (one definition, shared with configureRecordCompat).
  const problem = validateRecordOptions(runtime as RecordCompatOptions);
  if (problem) throw new PluginOptionsError(`option ${problem}`);
  try {
    JSON.stringify(runtime);
  } catch {
    throw new PluginOptionsError('recording options must be plain JSON values');
  }

  return {
    include: include as string[],
    strict: opts.strict === true,
    importSource,
    report: opts.report !== false,
    runtime,
  };
}

/**
 * The same shape for Taro's own check (`ctx.addPluginOptsSchema`). Taro replaces
 * joi's reason with a generic message, so resolveOptions() runs first and is
 * the one users see; this schema keeps Taro's check consistent with it.
 */
// `joi` is the instance Taro hands to the schema callback (typed loosely so the
// published .d.ts does not depend on joi).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function optionsSchema(joi: any): unknown {
  return joi
    .object({
      durationMs: joi.number().positive(),
      format: joi.string(),
      sampleRate: joi.number().integer().positive(),
      numberOfChannels: joi.number().integer().positive(),
      encodeBitRate: joi.number().integer().positive(),
      deniedPrompt: joi.alternatives().try(joi.boolean(), joi.object().pattern(joi.string(), joi.string())),
      stopTimeoutMs: joi.number().positive(),
      include: joi.array().items(joi.string().pattern(PACKAGE_NAME)),
      strict: joi.boolean(),
      importSource: joi.string().min(1),
      report: joi.boolean(),
    })
    .unknown(false);
}
