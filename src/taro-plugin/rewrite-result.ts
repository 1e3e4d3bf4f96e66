/**
 * What the build's text hooks (Taro 2's source loader, the vite hook) make of the engine's
 * answer for one file: the same in both.
 */
import type MagicString from 'magic-string';
import type { RewriteReport } from '../rewrite/light';

/**
 * A file that does not parse: the build's own compiler reports the syntax error with its
 * message; the place is listed for review meanwhile.
 */
export function unparsedFileReport(error: { line: number; column: number; reason: string }): RewriteReport {
  return { rewritten: [], manual: [{ line: error.line, column: error.column, reason: `could not be parsed: ${error.reason}` }] };
}

/** The source map of the engine's edits, as webpack and vite take it. */
export function sourceMapOfEdits(edits: MagicString, file: string): ReturnType<MagicString['generateMap']> {
  return edits.generateMap({ source: file, includeContent: true, hires: 'boundary' });
}
