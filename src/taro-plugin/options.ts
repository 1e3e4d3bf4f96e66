/**
 * The Taro plugin's options: what a user may write in
 * `plugins: [['taro-plugin-record-compat', { ... }]]`, checked by the package's one
 * options table (src/rewrite/rules/options-schema.ts), and split between the build (include,
 * strict, importSource, families, parser, report) and the runtime (the recording defaults,
 * injected as TARO_RECORD_COMPAT_OPTIONS).
 */
import { createHash } from 'node:crypto';
import { packageVersion } from '../package-info';
import {
  checkOptions,
  checkParserChoice,
  importSourceOf,
  joiSchemaOf,
  PACKAGE_NAME,
  recordingPart,
  RECORDING_OPTION_NAMES,
  type OptionsOf,
  type ParserChoice,
  type RewriteOptions,
  type RewriteReport,
} from '../rewrite/light';

export const PLUGIN_NAME = PACKAGE_NAME;

/** Options that reach the runtime as app-wide defaults. */
export const RECORD_OPTION_KEYS = RECORDING_OPTION_NAMES;

export type RecordCompatPluginOptions = OptionsOf<'plugin'>;

export interface ResolvedOptions {
  include: string[];
  strict: boolean;
  importSource: string;
  /** The text rewrite's parser (the vite hook, Taro 2's source loader); undefined: the default. */
  parser: ParserChoice | undefined;
  /** The families to migrate; undefined: all. */
  families: RewriteOptions['families'];
  report: boolean;
  /** Only the recording keys the user set; serialised into TARO_RECORD_COMPAT_OPTIONS. */
  runtime: Record<string, unknown>;
}

/** Checks the options (OptionsError names the offending one and what it may be) and splits them. */
export function resolveOptions(raw: unknown): ResolvedOptions {
  const options = checkOptions(raw, 'plugin');
  checkParserChoice(options.parser);
  const runtime = recordingPart(options) as Record<string, unknown>;
  return {
    include: [...(options.include ?? [])],
    strict: options.strict === true,
    importSource: importSourceOf(options),
    parser: options.parser,
    families: options.families,
    report: options.report !== false,
    runtime,
  };
}

/**
 * What the build decided for the project (route.ts; the Taro it runs in, docs/contract.md, Decision R9), beside the
 * user's options.
 */
export interface BuildDecisions {
  options: Pick<ResolvedOptions, 'importSource' | 'parser'> & Partial<Pick<ResolvedOptions, 'families'>>;
  /** Route the app's own getRecorderManager too (the project has a legacy record call). */
  routeRecorderManager?: boolean;
  /** Route the app's own getBackgroundAudioManager too (the project has a legacy background-audio call). */
  routeBackgroundAudioManager?: boolean;
  /** Route the calls that read a canvas by its id too (the build moves a canvas in a component's JSX). */
  routeCanvasPixels?: boolean;
  /** The app is on Taro < 3.3.1: `Taro.*` calls keep Taro's wrapper. */
  taroWrapper?: boolean;
}

/** A copied file's places (copied.ts), and the pattern's `from` that copies it. */
export interface CopiedReport {
  report: RewriteReport;
  from: string;
}

/**
 * What the build says of the scripts Taro's copy option copies without compiling them (copied.ts), by file;
 * `honoursIgnore`: the bundler's copy applies the patterns' `ignore`.
 */
export type CopiedReports = (options: RewriteOptions, honoursIgnore: boolean) => Map<string, CopiedReport>;

/**
 * The engine's options for every file of the build, whichever route reads it (babel-loader,
 * the source loader, vite). The later decisions and the parser are set only when on or given,
 * so the options an older route checked stay as they were.
 */
export function rewriteOptionsOf(d: BuildDecisions): RewriteOptions {
  return {
    importSource: d.options.importSource,
    routeRecorderManager: d.routeRecorderManager,
    ...(d.routeBackgroundAudioManager ? { routeBackgroundAudioManager: true } : {}),
    ...(d.routeCanvasPixels ? { routeCanvasPixels: true } : {}),
    ...(d.taroWrapper ? { taroWrapper: true } : {}),
    ...(d.options.parser ? { parser: d.options.parser } : {}),
    ...(d.options.families ? { families: d.options.families } : {}),
  };
}

/**
 * A short key of everything a file's rewrite depends on besides its text (this package's version,
 * the build's decisions, the plugin's options): a bundler's cache keyed to it keeps no file
 * rewritten under other decisions (webpack's persistent cache, vite's pre-bundled dependencies).
 */
export function decisionsKey(d: BuildDecisions): string {
  return createHash('sha256')
    .update(JSON.stringify([packageVersion(), rewriteOptionsOf(d), d.options]))
    .digest('hex')
    .slice(0, 16);
}

/** Taro's own check of the same options (`ctx.addPluginOptsSchema`), from the same table. */
// `any`: Taro's joi instance, typed loosely so the published types need no joi.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function optionsSchema(joi: any): unknown {
  return joiSchemaOf(joi, 'plugin');
}
