/**
 * Legacy calls in packages no door rewrites: a dependency a build leaves as it is (the Taro
 * plugin), a file Taro's copy option copies. Each call the rewrite would take
 * is a place for a person, with the way out the caller words; the text is never changed.
 */
import { LEGACY_API_NAMES } from './legacy-apis';
import { loadEngine } from './lazy';
import type { RewriteOptions, RewriteReport } from './types';

/** A legacy call as written on the mini-program globals, for a text the rewrite cannot read. */
const LEGACY_CALL_TEXT = new RegExp(`\\b(?:wx|qq)\\s*\\.\\s*(${LEGACY_API_NAMES.join('|')})\\s*\\(`);

/**
 * Each call the rewrite would take in a file left as it is, as a place for review with the
 * reason `reasonOf` gives (`unreadable`: why the rewrite could not read the text, when the call
 * was found in it as written). Undefined when there is none.
 */
export function legacyCallsIn(file: string, text: string, options: RewriteOptions, reasonOf: (api: string, unreadable?: string) => string): RewriteReport | undefined {
  let report: RewriteReport;
  try {
    // Nothing is written: the rewritten text is not parsed again.
    report = loadEngine().rewriteFile(text, file, options, { reparse: false }).report;
  } catch (error) {
    // Minified or otherwise unreadable to the rewrite: named only where its text holds a call
    // as written (a name alone, an API table say, would fail a strict build for nothing).
    const call = LEGACY_CALL_TEXT.exec(text);
    if (!call) return undefined;
    const line = text.slice(0, call.index).split('\n').length;
    return { rewritten: [], manual: [{ line, column: 0, reason: reasonOf(call[1], (error as Error).message) }] };
  }
  if (report.rewritten.length === 0) return undefined;
  return { rewritten: [], manual: report.rewritten.map((site) => ({ line: site.line, column: site.column, reason: reasonOf(site.api) })) };
}
