/**
 * What can be decided about a file before loading Babel or recast: which parser its
 * extension wants (file-kinds.ts), and whether its text can hold a legacy call at all.
 * No dependencies, so the CLI can sift thousands of files without paying for the engine.
 */
import { LEGACY_NAME_PATTERN } from './legacy-apis';

export { parserForFile, type ParserName } from './file-kinds';

/** Cheap test on raw text, run before any parsing: can this file hold a legacy call at all? Every site spells an API's name. */
export function mightContainLegacyCall(text: string): boolean {
  return LEGACY_NAME_PATTERN.test(text);
}
