/**
 * What the build's text hooks (Taro 2's source loader, the vite hook) make of the engine's
 * answer for one file: the same in both.
 */
import type MagicString from 'magic-string';
import {
  loadEngine,
  mightContainLegacyCall,
  readSideText,
  type RewriteOptions,
  type RewriteReport,
  type TemplateWrites,
} from '../rewrite/light';
import type { RewriteChecks } from '../rewrite';

/**
 * The templates the build writes: Taro's JSX in the file it hands on, no other. The routing decision (route.ts) asks
 * with the same, so it routes the pixel calls exactly where this build moves a canvas.
 */
export const BUILD_TEMPLATE_WRITES: TemplateWrites = 'jsx';

/**
 * The engine's checks in a build: no re-parse of the rewritten text (the build's compiler parses it next, and names a
 * syntax error itself); Taro's JSX in the file changes with its canvas, the build writing no other template.
 */
export const BUILD_CHECKS: RewriteChecks = { reparse: false, writesTemplates: BUILD_TEMPLATE_WRITES };

/**
 * A file that does not parse: the build's own compiler reports the syntax error with its
 * message; the place is listed for review meanwhile.
 */
export function unparsedFileReport(error: { line: number; column: number; reason: string }): RewriteReport {
  return {
    rewritten: [],
    manual: [{ line: error.line, column: error.column, reason: `could not be parsed: ${error.reason}` }],
  };
}

/**
 * A script of the app's whose module webpack failed to build: Babel stopped on a syntax error
 * before the rewrite ran, so what an earlier build said of the file (watch mode) no longer
 * holds. The engine reads the file as the text routes do, and a parse error is its place for
 * review in the engine's words (a merge conflict's markers named); any other failure is webpack's
 * to report, and the file says nothing here.
 */
export function failedModuleReport(file: string, options: RewriteOptions): RewriteReport {
  const none: RewriteReport = { rewritten: [], manual: [] };
  let text: string;
  try {
    text = readSideText(file);
  } catch {
    return none;
  }
  if (!mightContainLegacyCall(text, options)) return none;
  const { rewriteFile, RewriteParseError } = loadEngine();
  try {
    rewriteFile(text, file, options, BUILD_CHECKS);
    return none;
  } catch (error) {
    return error instanceof RewriteParseError ? unparsedFileReport(error) : none;
  }
}

/**
 * The source map of the engine's edits, as webpack and vite take it: to the word where the
 * build writes source maps; else to the line (the build still places its errors and warnings
 * with it), for a quarter of the cost.
 */
export function sourceMapOfEdits(
  edits: MagicString,
  file: string,
  toTheWord = true,
): ReturnType<MagicString['generateMap']> {
  return edits.generateMap({ source: file, includeContent: true, hires: toTheWord ? 'boundary' : false });
}
