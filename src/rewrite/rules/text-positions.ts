/**
 * Where an offset of a text lies, lines counted as JavaScript ends them. No dependencies: the
 * light entry's readers (package-calls.ts) count lines the same way as the parsers' positions.
 */

const LINE_BREAK = /\r\n?|[\n\u2028\u2029]/g;

/**
 * Line (1-based) and column of an offset, lines counted as JavaScript ends them (CRLF, a lone CR,
 * LF, U+2028, U+2029): as Babel's `loc` counts them, and ESLint, which places the rule's reports
 * by them (a classic Mac OS file, with lone CRs, has as many lines there as it shows).
 */
export function positionsOf(text: string): (offset: number) => { line: number; column: number } {
  let lineStarts: number[] | undefined;
  return (offset) => {
    lineStarts ??= lineStartsOf(text);
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (lineStarts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low + 1, column: offset - lineStarts[low] };
  };
}

/** The offset of a line (1-based) and column, lines counted as positionsOf counts them. */
export function offsetsOf(text: string): (position: { line: number; column: number }) => number {
  let lineStarts: number[] | undefined;
  return ({ line, column }) => {
    lineStarts ??= lineStartsOf(text);
    return lineStarts[Math.min(Math.max(line, 1), lineStarts.length) - 1] + column;
  };
}

function lineStartsOf(text: string): number[] {
  const lineStarts = [0];
  for (const lineBreak of text.matchAll(LINE_BREAK)) lineStarts.push(lineBreak.index + lineBreak[0].length);
  return lineStarts;
}
