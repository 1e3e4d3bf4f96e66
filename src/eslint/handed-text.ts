/**
 * The file as ESLint holds it for a fix. ESLint takes one byte-order mark off a file: its parser
 * reads the rest, and its fixer applies a fix's range to the rest and puts the mark back. A second
 * mark is the code's own whitespace there, as it is to the codemod. ESLint 9's SourceCode, though,
 * takes a second mark off its `text` when the rest starts with one, so that text is then one
 * character shorter than the text the ranges count in (ESLint 8's is not). The parser's tokens,
 * placed in the text the parser read, tell the two apart.
 */
import type { SourceCode } from './types';

const BOM = '\uFEFF';

export interface HandedText {
  /** The text a fix's range counts in, and the rule's places: the file without its one mark. */
  text: string;
  /** The file as the codemod reads it from the disk, its mark included. */
  file: string;
}

export function handedTextOf(sourceCode: SourceCode): HandedText {
  const text = parsedTextOf(sourceCode);
  return { text, file: sourceCode.hasBOM ? BOM + text : text };
}

/** The rewrite's new text for `file`, without the mark ESLint's fixer puts back itself. */
export function withoutMark(file: HandedText, output: string): string {
  return file.file === file.text ? output : output.slice(BOM.length);
}

/** The text the parser read: ESLint's `text`, or that text after the mark ESLint 9 took off as well. */
function parsedTextOf({ text, hasBOM, ast }: SourceCode): string {
  if (!hasBOM) return text;
  const marked = BOM + text;
  // The first token found at its range in one reading only decides (a token of repeated characters can be found in
  // both).
  for (const { value, range } of ast.tokens ?? []) {
    const inText = text.slice(range[0], range[1]) === value;
    const inMarked = marked.slice(range[0], range[1]) === value;
    if (inText !== inMarked) return inMarked ? marked : text;
  }
  return text;
}
