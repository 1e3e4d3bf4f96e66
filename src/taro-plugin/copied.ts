/**
 * Legacy calls in what Taro's `copy` option copies. Its patterns (`copy.patterns`, each
 * `from` a file, a folder or a glob relative to the app) reach the output never compiled (at
 * most minified): a native SDK's `wx.startRecord(…)` copied that way goes out unrewritten, and fails
 * on a base library without it. So each call the rewrite would take in a copied script is a
 * place for review (it fails a `strict` build), its reason naming the codemod as the way out
 * (a copied file cannot import the package: it is not bundled, so the runtime goes beside it).
 *
 * The webpack runners hand each pattern's `ignore` and `copy.options.ignore` to
 * copy-webpack-plugin (version 5's globs match a name anywhere, 12's absolute paths: a file
 * either would skip is skipped here); Taro's vite runner drops them, so a vite build does not
 * honour them here either.
 */
import * as path from 'node:path';
import {
  copiedWayOut,
  copySource,
  globMatcher,
  isScriptFile,
  legacyCallsIn,
  mightContainLegacyCall,
  readSideText,
  toPosixPath,
  walk,
  type CopySource,
  type RewriteOptions,
  type RewriteReport,
} from '../rewrite/light';
import type { CopiedReport } from './options';

/** Taro's `copy` option, as the user's config gives it (unchecked). */
export interface CopyConfig {
  patterns?: { from?: unknown; to?: unknown; ignore?: unknown }[];
  options?: { ignore?: unknown };
}

/** Taro's copy option of a config as Taro evaluated it (`ctx.initialConfig`). */
export function copyOptionOf(initialConfig: unknown): CopyConfig | undefined {
  return (initialConfig as { copy?: CopyConfig } | undefined)?.copy;
}

/** The option's patterns that name what they copy: a `from` that is a string, not empty. */
export function namedPatterns(copy: CopyConfig | undefined): { from: string; ignore?: unknown }[] {
  return (Array.isArray(copy?.patterns) ? copy.patterns : []).filter(
    (pattern): pattern is { from: string; ignore?: unknown } =>
      typeof pattern?.from === 'string' && pattern.from !== '',
  );
}

/**
 * The build's places in every script the copy option copies, by file (absolute). Read at each
 * build start: in watch mode a copied file changes without a module rebuild.
 */
export function copiedReports(
  appPath: string,
  copy: CopyConfig | undefined,
  options: RewriteOptions,
  honoursIgnore: boolean,
): Map<string, CopiedReport> {
  const reports = new Map<string, CopiedReport>();
  const globalIgnore = honoursIgnore ? stringsOf(copy?.options?.ignore) : [];
  for (const pattern of namedPatterns(copy)) {
    const source = copySource(appPath, pattern.from);
    const ignores = [...(honoursIgnore ? stringsOf(pattern.ignore) : []), ...globalIgnore];
    // A glob without a slash matches a name anywhere (version 5's matchBase); one with a slash the path.
    // A glob the patterns gate does not match ignores nothing here: its files' calls are named, never dropped.
    const ignoredBy = ignores.flatMap((glob) => globMatcher(glob, { onName: true }) ?? []);
    const ignored = (file: string) =>
      ignoredBy.some(
        (matches) => matches(toPosixPath(file)) || matches(toPosixPath(path.relative(source.folder, file))),
      );
    const way = copiedWayOut(appPath, source);
    for (const file of copiedScripts(source)) {
      if (reports.has(file) || ignored(file)) continue;
      const report = placesIn(
        file,
        options,
        (api) =>
          `${api} in a file Taro's copy option copies (from '${source.from}'), which this build does not compile: ${way}`,
      );
      if (report) reports.set(file, { report, from: source.from });
    }
  }
  return reports;
}

/** The script files a pattern copies (none where nothing is there: the copy copies nothing either). */
function copiedScripts(source: CopySource): string[] {
  if (!source.whole && !source.glob) return isScriptFile(source.base) ? [source.base] : [];
  const walked = walk([source.base], new Set(), { gitignore: false, everyFolder: true });
  // A minified SDK is copied too: its calls are found as written (dependencies.ts).
  return [...walked.files, ...walked.minifiedByName].filter((file) => source.copies(file));
}

/** The places of one copied file, or undefined (no legacy call: most files). */
function placesIn(file: string, options: RewriteOptions, reasonOf: (api: string) => string): RewriteReport | undefined {
  let text: string;
  try {
    text = readSideText(file);
  } catch {
    return undefined; // unreadable: the copy fails on it and says so
  }
  if (!mightContainLegacyCall(text, options)) return undefined;
  return legacyCallsIn(file, text, options, reasonOf);
}

const stringsOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.filter((v): v is string => typeof v === 'string')
    : typeof value === 'string'
      ? [value]
      : [];
