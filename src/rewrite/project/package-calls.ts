/**
 * Legacy calls in code no door rewrites: a dependency a build leaves as it is (the Taro
 * plugin), a file Taro's copy option copies, the packages WeChat's "build npm" wrote into a
 * mini-program's `miniprogram_npm`, the other frameworks' components (`.wpy`, `.mpx`; the
 * codemod and the audit), and the files the engine refuses as minified or too large (the
 * codemod). Each call the rewrite would take is a place for a person, with the way out the
 * caller words; the text is never changed.
 */
import * as path from 'node:path';
import {
  handMigration,
  isChosenFamily,
  isDeprecatedOn,
  LEGACY_API_NAMES,
  PLATFORM_GLOBALS,
} from '../rules/legacy-apis';
import { BUILT_PACKAGES_FOLDER, isInBuiltPackages, otherComponentFramework } from '../rules/file-kinds';
import { loadEngine } from '../lazy';
import { mightContainLegacyCall } from '../rules/prefilter';
import type { Refusal } from '../rules/refusal';
import { firstMatchInFile } from '../tree/side-file';
import { positionsOf } from '../rules/text-positions';
import type { ManualReviewSite, RewriteOptions, RewriteReport } from '../rules/types';

/**
 * A legacy call as written on the mini-program globals or on Taro, for a text the rewrite cannot read:
 * `wx.startRecord(`, `Taro.startRecord(`; not `qq.getSystemInfo(`, QQ's current API (the table's onlyOn).
 */
const LEGACY_CALL_SOURCE = `\\b(?:${[...PLATFORM_GLOBALS.map(globalNotBefore), 'Taro'].join('|')})\\s*\\.\\s*(${LEGACY_API_NAMES.join('|')})\\s*\\(`;
const LEGACY_CALL_TEXT = new RegExp(LEGACY_CALL_SOURCE);

/** A platform global, not before the names that are its current API there (`qq(?!\s*\.\s*getSystemInfo\b)`). */
function globalNotBefore(global: string): string {
  const current = LEGACY_API_NAMES.filter((api) => !isDeprecatedOn(api, global));
  return current.length === 0 ? global : `${global}(?!\\s*\\.\\s*(?:${current.join('|')})\\b)`;
}

/** Each legacy call as written in `text` (LEGACY_CALL_TEXT), in one pass: its API and place. */
function callsAsWritten(text: string): { api: string; line: number; column: number }[] {
  const position = positionsOf(text);
  return [...text.matchAll(new RegExp(LEGACY_CALL_SOURCE, 'g'))].map((m) => ({ api: m[1], ...position(m.index) }));
}

/**
 * Each call the rewrite would take in a file left as it is, as a place for review with the
 * reason `reasonOf` gives (`unreadable`: why the rewrite could not read the text, when the call
 * was found in it as written). Undefined when there is none.
 */
export function legacyCallsIn(
  file: string,
  text: string,
  options: RewriteOptions,
  reasonOf: (api: string, unreadable?: string) => string,
): RewriteReport | undefined {
  let report: RewriteReport;
  try {
    // Nothing is written: the rewritten text is not parsed again.
    report = loadEngine().rewriteFile(text, file, options, { reparse: false }).report;
  } catch (error) {
    // Minified or otherwise unreadable to the rewrite: named only where its text holds a call
    // as written (a name alone, an API table say, would fail a strict build for nothing).
    const calls = callsAsWritten(text);
    if (calls.length === 0) return undefined;
    const unreadable = (error as Error).message;
    return {
      rewritten: [],
      manual: calls.map(({ api, line, column }) => ({ line, column, reason: reasonOf(api, unreadable) })),
    };
  }
  if (report.rewritten.length === 0) return undefined;
  return {
    rewritten: [],
    manual: report.rewritten.map((site) => ({ line: site.line, column: site.column, reason: reasonOf(site.api) })),
  };
}

/**
 * A deprecated API read as a member of a mini-program global or of Taro's API object (`taro`,
 * `Taro`), written out: not an assignment to it, which defines the API rather than using it.
 */
const API_MEMBER_TEXT = new RegExp(
  `\\b(?:wx|qq|tt|swan|my|jd|taro|Taro)\\s*\\.\\s*(${LEGACY_API_NAMES.join('|')})\\b(?!\\s*=(?!=))`,
  'g',
);

/**
 * Each read of a deprecated API of the chosen families on a platform global or on Taro's API
 * object in `text`, as a place with the reason `reasonOf` gives: how Taro's own code uses them
 * (its canIUseWebp reads `taro.getSystemInfoSync` off the object it is handed, which no rewrite
 * follows). Empty for most files.
 */
export function legacyMemberReadsIn(
  text: string,
  options: Pick<RewriteOptions, 'families'>,
  reasonOf: (api: string) => string,
): ManualReviewSite[] {
  const position = positionsOf(text);
  return [...text.matchAll(API_MEMBER_TEXT)]
    .filter((match) => isChosenFamily(match[1]!, options.families))
    .map((match) => ({ ...position(match.index), reason: reasonOf(match[1]!) }));
}

/** What a person does about a legacy call in code the engine refuses as minified or too large. */
const REFUSED_WAY_OUT = 'migrate the source it is built from and build it again, or update the package it comes from';

/**
 * The places for a person in a file the engine refuses without failing it (file-class.ts: minified,
 * by its name or its lines, or too large), the same for the codemod and the audit. Too large (or
 * not read, `text` undefined): its first call on wx, qq or Taro as written, read a chunk at a time.
 * Else each call the rewrite would take, where it can read the text, else each such call as
 * written. The refusal's words say why it is left as it is. None for a refusal that fails the
 * file (not UTF-8, nested too deep): the file is the failure. Empty for most files; throws as a read does.
 */
export function refusedFilePlaces(file: string, refusal: Refusal, text?: string): ManualReviewSite[] {
  if (refusal.fails) return [];
  const reason = (api: string) => `${api}: ${refusal.message}; ${REFUSED_WAY_OUT}`;
  if (text === undefined || refusal.reason === 'tooLarge') {
    const found = firstMatchInFile(file, LEGACY_CALL_TEXT);
    return found ? [{ line: found.line, column: 0, reason: reason(found.match[1]) }] : [];
  }
  if (!mightContainLegacyCall(text)) return [];
  return legacyCallsIn(file, text, {}, reason)?.manual ?? [];
}

/** The package a file under `miniprogram_npm` belongs to (`@scope/name` or `name`), as its folder names it. */
function builtPackageOf(file: string): string {
  const parts = file.split(/[\\/]/);
  const at = parts.lastIndexOf(BUILT_PACKAGES_FOLDER);
  const first = parts[at + 1] ?? '';
  return first.startsWith('@') && at + 2 < parts.length - 1 ? `${first}/${parts[at + 2]}` : first;
}

/**
 * The places for a person in a script of a mini-program's `miniprogram_npm` (the walk's
 * builtPackageFiles): what the mini-program loads, but the output of WeChat's "build npm", which
 * writes it again from node_modules, so an edit there would be lost. Only a text that names an
 * API is parsed. Empty for most files.
 */
export function builtPackageCalls(file: string, text: string): ManualReviewSite[] {
  if (!mightContainLegacyCall(text)) return [];
  const report = legacyCallsIn(file, text, {}, (api, unreadable) => {
    const read =
      unreadable === undefined ? '' : ` (its text shows the call; the rewrite cannot read it: ${unreadable})`;
    return `${api} in ${builtPackageWhy(file, read)}`;
  });
  return report?.manual ?? [];
}

/**
 * Why no door edits a file under `miniprogram_npm` (the ESLint rule's fix and the jscodeshift
 * transform included, which read any file they are given), or null for a file elsewhere.
 */
export function builtPackageRefusal(file: string): string | null {
  return isInBuiltPackages(file) ? builtPackageWhy(file, '') : null;
}

/** "could not read <what> (<the error's code>)": a file the codemod and the audit read only for a person's places. */
function unreadWords(error: unknown, what: string): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return `could not read ${what} (${code ?? message})`;
}

/** What the codemod and the audit say of a script under `miniprogram_npm` they could not read (`error`: the read's). */
export function unreadBuiltPackage(error: unknown): string {
  return `${unreadWords(error, 'this script of a package the mini-program loads')}: check it by hand for legacy calls`;
}

/** What the codemod and the audit say of another framework's component they could not read (`error`: the read's). */
export function unreadComponent(error: unknown): string {
  return `${unreadWords(error, 'this component')}, which this tool does not rewrite: check it by hand for legacy calls`;
}

function builtPackageWhy(file: string, read: string): string {
  return `package '${builtPackageOf(file)}'${read}, which the mini-program loads from ${BUILT_PACKAGES_FOLDER}; not edited there, as WeChat's "build npm" writes it again from node_modules: update or replace the package, or fork it`;
}

/** wepy's own wrapper of an API (`wepy.startRecord(…)`, the `wepy` of `import wepy from 'wepy'`), as written. */
const WEPY_MEMBER = new RegExp(`\\bwepy(\\s*\\.\\s*(?:${LEGACY_API_NAMES.join('|')})\\b)`, 'g');

/**
 * The places for a person in another framework's single-file component (`.wpy`, `.mpx`: the
 * walk's otherComponents). It has a `.vue` file's shape, so the rewrite reads it as one (its
 * `<script>` blocks, lines counted in the component) and nothing is written: each call it would
 * take is a place, and so is what it would leave to a person. wepy's wrapper (`wepy.startRecord`)
 * is read as the `wx` call it wraps: the name is spelled `wx` in the text handed over, at the same
 * offsets, and never where a comment holds it (the parser skips comments). Empty for most files.
 */
export function otherComponentCalls(file: string, text: string): ManualReviewSite[] {
  if (!mightContainLegacyCall(text)) return [];
  const framework = otherComponentFramework(path.basename(file)) ?? 'other';
  const ext = path.extname(file);
  const asWx = text.replace(WEPY_MEMBER, (_, member: string) => `wx  ${member}`);
  let report: RewriteReport;
  try {
    report = loadEngine().rewriteFile(asWx, `${file}.vue`, {}, { reparse: false }).report;
  } catch (error) {
    const call = LEGACY_CALL_TEXT.exec(asWx);
    if (!call) return [];
    const { line } = positionsOf(text)(call.index);
    return [
      {
        line,
        column: 0,
        reason: `${call[1]} in a ${framework} component (${ext}) the rewrite cannot read (${(error as Error).message}), ${handMigration(call[1])}`,
      },
    ];
  }
  // Where wepy's name was spelled `wx`, by line and column as the report places its sites.
  const position = positionsOf(text);
  const wepyAt = new Set(
    [...text.matchAll(WEPY_MEMBER)].map((m) => position(m.index)).map(({ line, column }) => `${line}:${column}`),
  );
  const rewritten = report.rewritten.map((site) => {
    const through = wepyAt.has(`${site.line}:${site.column}`) ? 'wepy' : site.via;
    return {
      line: site.line,
      column: site.column,
      reason: `${through}.${site.api} in a ${framework} component (${ext}), ${handMigration(site.api)}`,
    };
  });
  return [...rewritten, ...report.manual].sort((a, b) => a.line - b.line || a.column - b.column);
}
