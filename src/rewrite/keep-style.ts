/**
 * recast keeps untouched code byte-identical, but the few statements it does print
 * come out in its own style: a `;` in a file without semicolons, `);` after a
 * reprinted `return (…)`, a destructuring pattern spread over three lines, new
 * imports above a file's header comment. This pass compares the printed text with
 * the original line by line and, in the changed hunks only, brings the file's own
 * style back. It never touches a line recast left alone.
 */
import { diffArrays } from 'diff';

/** A text whose lines end in both CRLF and LF. */
export function hasMixedLineEndings(text: string): boolean {
  return text.includes('\r\n') && /(^|[^\r])\n/.test(text);
}

/**
 * Gives every line of `output` (LF only, the rewrite of `original` with its line endings
 * made LF) the ending it had in `original`; a changed line takes the ending of the line it
 * replaces, a new line the ending of the original line above it.
 */
export function restoreLineEndings(original: string, output: string): string {
  const originalLines = original.split('\n');
  const endings = originalLines.map((line) => (line.endsWith('\r') ? '\r\n' : '\n'));
  const parts = diffArrays(originalLines.map((line) => line.replace(/\r$/, '')), output.split('\n'));
  const out: string[] = [];
  let at = 0; // index of the next original line
  for (const part of parts) {
    if (part.removed) {
      at += part.value.length;
      continue;
    }
    for (const line of part.value) {
      const ending = part.added ? endings[Math.max(0, at - 1)] : endings[at++];
      out.push(line, ending);
    }
  }
  out.pop(); // the last line has no ending of its own (or ends the file, as in the original)
  return out.join('');
}

export interface FileStyle {
  quote: 'single' | 'double';
  semicolons: boolean;
}

const MODULE_LINE = /^\s*import\s|^\s*}\s*from\s|\brequire\(\s*['"]/;

export function detectStyle(text: string): FileStyle {
  const moduleLines = text.split(/\r?\n/).filter((line) => MODULE_LINE.test(line));
  const sample = moduleLines.length > 0 ? moduleLines.join('\n') : text;
  const singles = (sample.match(/'/g) ?? []).length;
  const doubles = (sample.match(/"/g) ?? []).length;
  const semicolons = moduleLines.length > 0 ? moduleLines.some((line) => /;\s*$/.test(line)) : /;[ \t]*\r?$/m.test(text);
  return { quote: doubles > singles ? 'double' : 'single', semicolons };
}

/** Formatting-only difference: same code once `;` at line ends and white space are ignored. */
function sameCode(a: string[], b: string[]): boolean {
  const norm = (lines: string[]) => lines.map((l) => l.replace(/;+\s*$/, '').trim()).filter(Boolean).join(' ');
  return norm(a) === norm(b);
}

/** recast prints `const { a } = X` as three lines; put a pattern that was on one line back on one. */
function collapsePattern(removed: string[], added: string[]): string[] {
  if (removed.length !== 1 || added.length < 3) return added;
  const first = added[0];
  const last = added[added.length - 1];
  if (!first.trimEnd().endsWith('{') || !last.trim().startsWith('}')) return added;
  const inner = added.slice(1, -1).map((l) => l.trim()).join(' ');
  return [`${first.trimEnd()} ${inner} ${last.trim()}`];
}

/** A line after which a `;` may be dropped without Automatic Semicolon Insertion joining it to the next. */
function safeToDropSemicolon(next: string | undefined): boolean {
  if (next === undefined || /^\s*\/[/*]/.test(next)) return true; // end of file, or a comment
  return !/^\s*[([`+\-/]/.test(next);
}

/**
 * Drops the blank line recast leaves between two import/require lines when one of them is
 * new. When the new lines came right after something else (`'use strict'`, a header) and
 * the blank line was the file's own, it goes back above them: `'use strict'`, blank line,
 * the new requires, the file's own requires.
 */
function joinModuleLines(lines: string[], added: boolean[]): string[] {
  const out: string[] = [];
  const outAdded: boolean[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const around = [i - 1, i + 1];
    const between = line === '' && i > 0 && i < lines.length - 1 && around.every((j) => MODULE_LINE.test(lines[j])) && around.some((j) => added[j]);
    if (!between) {
      out.push(line);
      outAdded.push(added[i]);
      continue;
    }
    if (!added[i] && added[i - 1] && !added[i + 1]) {
      let start = out.length;
      while (start > 0 && outAdded[start - 1]) start--;
      if (start > 0 && out[start - 1].trim() !== '' && !MODULE_LINE.test(out[start - 1])) {
        out.splice(start, 0, '');
        outAdded.splice(start, 0, false);
      }
    }
  }
  return out;
}

/**
 * New statements recast put above the file's header comment (and above `/// <reference>`
 * directives, which must stay first): move them below it.
 */
function moveBelowHeader(lines: string[], original: string[], insertedCount: number): string[] {
  let headerEnd = 0; // lines of the original that stay above the new statements
  let inBlock = false;
  for (let i = 0; i < original.length; i++) {
    const line = original[i].trim();
    if (inBlock) {
      if (line.includes('*/')) inBlock = false;
      continue;
    }
    if (line === '') {
      headerEnd = i + 1;
      continue;
    }
    if (line.startsWith('///')) {
      headerEnd = i + 1;
      continue;
    }
    if (line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      inBlock = !line.includes('*/');
      continue;
    }
    break;
  }
  if (headerEnd === 0) return lines;
  const inserted = lines.slice(0, insertedCount);
  const rest = lines.slice(insertedCount);
  const head = rest.slice(0, headerEnd);
  const tail = rest.slice(headerEnd);
  const needsBlankAfter = tail.length > 0 && tail[0].trim() !== '' && !MODULE_LINE.test(tail[0]);
  return [...head, ...inserted, ...(needsBlankAfter ? [''] : []), ...tail];
}

export function keepFileStyle(printed: string, original: string, style: FileStyle, eol: string): string {
  const before = original.split(eol);
  const after = printed.split(eol);
  const result: string[] = [];
  const added: boolean[] = []; // parallel to result: was the line written by the rewrite?
  const parts = diffArrays(before, after);
  let addedAtTop = 0;
  for (let p = 0; p < parts.length; p++) {
    const part = parts[p];
    if (!part.added && !part.removed) {
      result.push(...part.value);
      added.push(...part.value.map(() => false));
      continue;
    }
    // A change is a removed run optionally followed by an added run (or the reverse).
    let removed: string[] = [];
    let printedLines: string[] = [];
    if (part.removed) {
      removed = part.value;
      if (parts[p + 1]?.added) printedLines = parts[++p].value;
    } else {
      printedLines = part.value;
      if (parts[p + 1]?.removed) removed = parts[++p].value;
    }
    if (removed.length > 0 && sameCode(removed, printedLines)) {
      result.push(...removed); // recast reformatted code we did not change
      added.push(...removed.map(() => false));
      continue;
    }
    // Blank lines recast swallowed where it put new imports/requires (after `'use strict'`, say): keep them above.
    if (removed.length > 0 && removed.every((l) => l.trim() === '') && printedLines.length > 0 && printedLines.every((l) => MODULE_LINE.test(l))) {
      result.push(...removed);
      added.push(...removed.map(() => false));
      removed = [];
    }
    let lines = collapsePattern(removed, printedLines);
    if (!style.semicolons) {
      const nextUnchanged = parts[p + 1]?.value[0];
      lines = lines.map((line, i) => (safeToDropSemicolon(lines[i + 1] ?? nextUnchanged) ? line.replace(/;\s*$/, '') : line));
    }
    if (result.length === 0 && removed.length === 0) addedAtTop = lines.length;
    result.push(...lines);
    added.push(...lines.map(() => true));
  }
  const joined = joinModuleLines(result, added);
  const final = addedAtTop > 0 && joined.slice(0, addedAtTop).every((l) => MODULE_LINE.test(l)) ? moveBelowHeader(joined, before, addedAtTop) : joined;
  return final.join(eol);
}

const BOM = '\uFEFF';

/** The line ending a file uses throughout, or null when it mixes them (then leave lines as printed). */
export function uniformEol(text: string): '\r\n' | '\n' | null {
  let crlf = 0;
  let lf = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) {
    if (i > 0 && text.charCodeAt(i - 1) === 13) crlf++;
    else lf++;
  }
  if (crlf > 0 && lf === 0) return '\r\n';
  if (lf > 0 && crlf === 0) return '\n';
  return null;
}

/**
 * Makes `output` keep the BOM and the line endings of `original`: the last line of
 * defence before a text leaves the engine (a .vue component's blocks are spliced back
 * by offset, and a printer may still slip).
 */
export function matchFileConventions(original: string, output: string): string {
  let out = output;
  const hadBom = original.startsWith(BOM);
  if (hadBom && !out.startsWith(BOM)) out = BOM + out;
  if (!hadBom && out.startsWith(BOM)) out = out.slice(1);
  const eol = uniformEol(original);
  if (eol === '\r\n') out = out.replace(/\r?\n/g, '\r\n');
  else if (eol === '\n') out = out.replace(/\r\n/g, '\n');
  return out;
}
