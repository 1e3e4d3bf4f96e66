/**
 * The comments of a script, read by the parser the rewrite reads it with (parse.ts): for a door
 * that needs them without the rest of the tree, the ESLint rule's parser of its own
 * (src/eslint/text-parser.ts), where ESLint reads its directives (`eslint-disable …`) from them.
 */
import { parserForFile } from '../rules/file-kinds';
import { parseForRewrite } from './parse';
import type { ParserChoice } from '../rules/options-schema';
import type { ScriptComment } from '../rules/types';

export type { ScriptComment };

/** The script's comments in order, or null when it does not parse (or is no script the rewrite reads). */
export function scriptComments(text: string, filePath: string, parser?: ParserChoice): ScriptComment[] | null {
  const name = parserForFile(filePath);
  if (name === null) return null;
  let comments: readonly { start: number; end: number }[];
  try {
    comments = parseForRewrite(text, name, parser).comments;
  } catch {
    return null;
  }
  return [...comments]
    .sort((a, b) => a.start - b.start)
    .map(({ start, end }) =>
      text.startsWith('//', start)
        ? { type: 'Line', value: text.slice(start + 2, end), start, end }
        : { type: 'Block', value: text.slice(start + 2, end - 2), start, end },
    );
}
