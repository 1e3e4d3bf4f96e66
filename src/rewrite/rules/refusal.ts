/**
 * The refusals of a file before any parser sees it, and the checks behind them; file-class.ts
 * (classifyFile) decides which applies, once for every door, so that the codemod and the audit
 * refuse the same files with the same words:
 *
 * - `unreadableName`: a name that is not UTF-8, which Node cannot open;
 * - `encoding`: not UTF-8 (a UTF-16/32 byte order mark, or bytes that do not decode, GBK say):
 *   writing the text back would corrupt it, and a parser would see other code than the editor;
 * - `tooLarge`: over MAX_SOURCE_BYTES (a bundle, generated data), never read whole;
 * - `minified`: a name that says so (`sdk.min.js`), or long lines on average (bundled output, not hand-written code);
 * - `tooDeep`: nested deeper than MAX_NESTING (brackets, chains such as `else if`, JSX
 *   elements, see nestingDepth). oxc-parser crashes the whole process (a native stack overflow, no error to
 *   catch) from about 3,000 brackets in a planning thread, and the recursive walks after it
 *   (the matcher's, TypeScript's binder) run out of stack well before a person would write such code.
 *
 * No dependencies.
 */

export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Deepest nesting (nestingDepth) handed to a parser. Hand-written code stays far below (a few dozen). */
export const MAX_NESTING = 1000;

/**
 * The stack, in MB, of every thread that parses (the codemod's planning thread, the audit's): MAX_NESTING is safe
 * with it. oxc-parser recurses on the thread's own stack, and on a smaller one (the 1.15 MB of the main thread's
 * JavaScript limit) it crashed the process from about 500 nested functions or 700 type arguments.
 */
export const PARSING_THREAD_STACK_MB = 4;

export type RefusalReason = 'unreadableName' | 'encoding' | 'tooLarge' | 'minified' | 'tooDeep';

export interface Refusal {
  reason: RefusalReason;
  /** Short, for tables: `2.3 MB`, `long lines`, `UTF-16 LE`, `1,204 levels`. */
  detail: string;
  /** The sentence every door prints. */
  message: string;
  /** Refusals a person must act on (the file holds code the rewrite cannot read) fail a run; the others are skips. */
  fails: boolean;
}

function refusal(reason: RefusalReason, detail: string, message: string): Refusal {
  return {
    reason,
    detail,
    message,
    fails: reason === 'encoding' || reason === 'tooDeep' || reason === 'unreadableName',
  };
}

/** A name that is not UTF-8 (GBK, say): Node decodes it lossily, and opens nothing by the name it gives. */
export function unreadableNameRefusal(): Refusal {
  return refusal(
    'unreadableName',
    'name not UTF-8',
    'its name is not UTF-8 (GBK or another encoding?), and Node cannot open a file or folder by such a name: rename it in UTF-8 and run again',
  );
}

export function tooLargeRefusal(size: number): Refusal {
  const limitMb = MAX_SOURCE_BYTES / 1024 / 1024;
  const mb = `${(size / 1024 / 1024).toFixed(1)} MB`;
  // Just over the limit, "1.0 MB" would read as under "1 MB": then in bytes.
  const bytes = (n: number) => `${n.toLocaleString('en-US')} bytes`;
  const sizes =
    size < MAX_SOURCE_BYTES * 1.05
      ? `${bytes(size)}, the limit is ${bytes(MAX_SOURCE_BYTES)} (${limitMb} MB)`
      : `${mb}, the limit is ${limitMb} MB`;
  return refusal('tooLarge', mb, `too large to migrate (${sizes}): generated or bundled code`);
}

/** A byte order mark of an encoding other than UTF-8, or null. UTF-32 LE is tested before UTF-16 LE (its prefix). */
export function foreignByteOrderMark(bytes: Uint8Array): string | null {
  if (bytes.length < 2) return null;
  const a = bytes[0];
  const b = bytes[1];
  const c = bytes[2];
  const d = bytes[3];
  if (a === 0xff && b === 0xfe && c === 0 && d === 0) return 'UTF-32 LE';
  if (a === 0 && b === 0 && c === 0xfe && d === 0xff) return 'UTF-32 BE';
  if (a === 0xff && b === 0xfe) return 'UTF-16 LE';
  if (a === 0xfe && b === 0xff) return 'UTF-16 BE';
  return null;
}

export function encodingRefusal(detail: string): Refusal {
  return refusal('encoding', detail, `not valid UTF-8 (${detail}): convert it to UTF-8 first`);
}

/**
 * UTF-16 saved without a byte order mark (some Windows editors and tools do): the NULs of its
 * ASCII fall on odd bytes (LE) or even ones (BE). Read from the first kilobyte; null for
 * anything else, a stray NUL in UTF-8 text included.
 */
export function marklessUtf16(bytes: Uint8Array): string | null {
  const head = bytes.subarray(0, 1024);
  if (head.indexOf(0) === -1) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i + 1 < head.length; i += 2) {
    if (head[i] === 0) even++;
    if (head[i + 1] === 0) odd++;
  }
  const pairs = head.length >> 1;
  if (odd >= pairs / 4 && even * 8 <= odd) return 'UTF-16 LE without a byte order mark';
  if (even >= pairs / 4 && odd * 8 <= even) return 'UTF-16 BE without a byte order mark';
  return null;
}

/**
 * Refused by its first bytes alone (a UTF-16/32 byte order mark, or UTF-16 without one): cheap
 * enough to run before the text pre-filter, which such a file would pass only by luck (its
 * ASCII is spread over NULs).
 */
export function refusalByByteOrderMark(bytes: Uint8Array): Refusal | null {
  const encoding = foreignByteOrderMark(bytes) ?? marklessUtf16(bytes);
  return encoding ? encodingRefusal(encoding) : null;
}

/** True when decoding as UTF-8 lost bytes (a GBK file, say): writing it back would corrupt it. */
export function isLossyUtf8(text: string, bytes: Uint8Array): boolean {
  if (!text.includes('\uFFFD')) return false;
  return !Buffer.from(text, 'utf8').equals(bytes);
}

/** Refused for its encoding alone: a foreign byte order mark, or bytes that do not decode as UTF-8. */
export function encodingRefusalOf(bytes: Uint8Array): Refusal | null {
  const bom = refusalByByteOrderMark(bytes);
  if (bom) return bom;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return null;
  } catch {
    return encodingRefusal(LOSSY_DETAIL);
  }
}

export const LOSSY_DETAIL = 'GBK or another encoding?';

/**
 * Minified or bundled code: long lines on average. Real hand-written sources
 * average well under 100 characters a line. Long runs of base64 (an inlined `data:` URI, a
 * sound a page plays offline) are not counted: they are one string, not code on one line,
 * and minified code never goes 200 characters without punctuation.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 2048) return false;
  // A classic-Mac file ends its lines with a lone CR: with no LF at all, they are counted by CR.
  const eol = text.includes('\n') ? '\n' : '\r';
  let lines = 1;
  for (let i = text.indexOf(eol); i !== -1; i = text.indexOf(eol, i + 1)) lines++;
  return text.length / lines > 400 && text.replace(BASE64_RUN, '').length / lines > 400;
}

const BASE64_RUN = /[A-Za-z0-9+/=]{200,}/g;

/**
 * How deep a parser recurses into the text, estimated without parsing: each open bracket is a
 * level, and so is each link of a chain that nests without brackets (`a ? b : c ? …`,
 * `x => y => …`, `a = b = …`, `… else if …`), counted twice: oxc-parser (in a planning
 * thread) crashes on such a chain from about 5,000 links, TypeScript's binder overflows from
 * about 1,000 `else if`s, while 1,000 brackets pass both. A chain ends where its expression
 * or statement does, seen cheaply: a `,` or `;` at its bracket level, its bracket closing, or
 * a line break with no operator on either side of it. Strings and comments are not told
 * apart: an over-estimate at worst, never an under-estimate of what hand-written or generated
 * code nests. JSX elements nest too (`<a><a>…`, with or without line breaks), each open
 * element counted twice: TypeScript's parser overflows inside the audit from about 1,500 of them
 * (the whole audit with it). An element opens at a `<` and a name where an expression can begin
 * (or among an open element's children), and closes at `/>` or at its closing tag, which also
 * closes what was opened inside it and never closed (`<br>` in a template); one never closed
 * (a type assertion `<T>x`, a generic signature, `'<length>'` in a string) is forgotten at the
 * next `,` or `;` at its level, or with the bracket around it. Type arguments
 * nest as brackets do (`Array<Array<…>>`: oxc-parser crashes from about 6,000): a `<` after
 * a name, spaced or not, opens them, a `>` closes them, and one never closed (a comparison
 * `a < b`) is forgotten where its statement ends. A run of prefix operators (`!!!x`,
 * `- - x`, `typeof typeof x`, `new new X`) nests a level per operator until its operand, and a chain's
 * binary operators (`a + b + …`, `&&`, `|`) a level per sixteen: oxc-parser recurses into
 * both on the thread's native stack (on a parsing thread's, 20,000 prefix operators or
 * 40,000 terms of a sum crash the process). Stops counting once `limit` is passed.
 */
export function nestingDepth(text: string, limit = Infinity): number {
  const counter = new NestingCounter(text);
  for (let i = 0; i < text.length && counter.max <= limit; i++) i = counter.step(i);
  return counter.max;
}

/** nestingDepth's count as it reads the text, a character at a time (step). */
class NestingCounter {
  // The chain links, the open JSX elements and the open type arguments counted at each open
  // bracket level, the outermost first.
  private readonly links: number[] = [0];
  private readonly elements: string[][] = [[]];
  private readonly angles: number[] = [0];
  private readonly operatorCounts: number[] = [0];
  private depth = 0;
  max = 0;

  constructor(private readonly text: string) {}

  /**
   * Reads the character at `i` (and any it belongs with: `=>`, `</`, `else`); returns the index of the last one read.
   */
  step(i: number): number {
    const text = this.text;
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) this.openBracket();
    else if (c === 41 || c === 93 || c === 125) this.closeBracket();
    else if (c === 60) i = this.lessThan(i);
    else if (c === 62) this.closeAngle();
    else if (c === 47 && text.charCodeAt(i + 1) === 62) {
      this.closeElement(null); // `/>`
      return i + 1;
    } else if (c === 44) {
      this.endChain();
      this.forgetElements();
    } else if (c === 59) this.semicolon(i);
    else if (c === 10) this.lineBreak(i);
    else if (c === 63) i = this.questionMark(i);
    else if (c === 61) i = this.equals(i);
    else if (c === 101 && startsElse(text, i)) {
      this.link();
      i += 3;
    } else if (isPrefixOperator(c) || prefixWordAt(text, i) > 0) i = this.operators(i);
    else if (c === 37 || c === 38 || c === 94 || c === 124) {
      // % & ^ |, and && || as one operator
      this.binaryOperator();
      if (text.charCodeAt(i + 1) === c) i++;
    } else return i;
    if (this.depth > this.max) this.max = this.depth;
    return i;
  }

  private openBracket(): void {
    this.links.push(0);
    this.elements.push([]);
    this.angles.push(0);
    this.operatorCounts.push(0);
    this.depth++;
  }

  private closeBracket(): void {
    if (this.links.length > 1)
      this.depth -=
        1 +
        CHAIN_LINK_WEIGHT * this.links.pop()! +
        JSX_ELEMENT_WEIGHT * this.elements.pop()!.length +
        this.angles.pop()! +
        operatorLevels(this.operatorCounts.pop()!);
  }

  /**
   * A run of prefix operators (`!`, `~`, `+`, `-`, `typeof`, `void`, `delete`, `await`, `new`, any space between them)
   * nests one level each, until its operand begins; the run also counts as one binary operator, which its first one
   * may be. Not the `!`, `+` or `-` of `!=`, `+=`, `-=` (equals reads them). Returns the index of its last operator.
   */
  private operators(i: number): number {
    const text = this.text;
    let count = 0;
    let last = i - 1;
    for (let at = i; at < text.length;) {
      const c = text.charCodeAt(at);
      if (isSpace(c)) at++;
      // `!=`, `+=`, `-=`: the operator is the `=`'s, which equals reads.
      else if (isPrefixOperator(c) && text.charCodeAt(at + 1) !== 61) {
        count++;
        last = at++;
      } else {
        const word = prefixWordAt(text, at);
        if (word === 0) break;
        count++;
        at += word;
        last = at - 1;
      }
    }
    if (count === 0) return i;
    if (this.depth + count > this.max) this.max = this.depth + count;
    this.binaryOperator();
    return last;
  }

  /** A binary operator of the chain: every BINARY_OPERATORS_PER_LEVEL of them nest one level. */
  private binaryOperator(): void {
    const top = this.operatorCounts.length - 1;
    if (++this.operatorCounts[top] % BINARY_OPERATORS_PER_LEVEL === 0) this.depth++;
  }

  /**
   * `<`: a closing tag (`</a>`, `</>`), an element opening, type arguments right after a name (`Array<`, `f<T>(`), or a
   * comparison.
   */
  private lessThan(i: number): number {
    const text = this.text;
    const open = this.elements[this.elements.length - 1];
    if (text.charCodeAt(i + 1) === 47) {
      this.closeElement(tagNameAt(text, i + 2));
      return i + 1;
    }
    if (opensElement(text, i, open.length > 0)) {
      open.push(tagNameAt(text, i + 1));
      this.depth += JSX_ELEMENT_WEIGHT;
    } else if (isIdentifierPart(text.charCodeAt(previousSignificant(text, i - 1)))) {
      this.angles[this.angles.length - 1]++;
      this.depth++;
    }
    return i;
  }

  /** `>` closes type arguments (`=>` and `/>` are read with their first character). */
  private closeAngle(): void {
    if (this.angles[this.angles.length - 1] > 0) {
      this.angles[this.angles.length - 1]--;
      this.depth--;
    }
  }

  private semicolon(i: number): void {
    this.forgetAngles();
    this.forgetElements();
    if (!startsElse(this.text, nextSignificant(this.text, i + 1))) this.endChain();
  }

  private lineBreak(i: number): void {
    if (!statementEndsAt(this.text, i)) return;
    this.endChain();
    // Type arguments split over lines (`Array<` at a line's end, `Map<K,`) go on.
    const last = this.text.charCodeAt(previousSignificant(this.text, i - 1));
    if (last !== 60 && last !== 44) this.forgetAngles();
  }

  /** `?` of a conditional, not `?.` (unless `a?.5:1`) nor `??`. */
  private questionMark(i: number): number {
    const next = this.text.charCodeAt(i + 1);
    if (next === 63) return i + 1;
    if (next !== 46 || isDigit(this.text.charCodeAt(i + 2))) this.link();
    return i;
  }

  /** `=>` and `=` (also `+=`…) link; `==`, `===`, `!=`, `<=`, `>=` compare. */
  private equals(i: number): number {
    const text = this.text;
    const next = text.charCodeAt(i + 1);
    const prev = text.charCodeAt(i - 1);
    if (next === 62) {
      this.link();
      return i + 1;
    }
    if (next === 61) {
      while (text.charCodeAt(i + 1) === 61) i++;
      return i;
    }
    if (prev !== 33 && prev !== 60 && prev !== 62) this.link();
    return i;
  }

  private link(): void {
    this.links[this.links.length - 1]++;
    this.depth += CHAIN_LINK_WEIGHT;
  }

  private endChain(): void {
    const top = this.links.length - 1;
    this.depth -= CHAIN_LINK_WEIGHT * this.links[top] + operatorLevels(this.operatorCounts[top]);
    this.links[top] = 0;
    this.operatorCounts[top] = 0;
  }

  /** A `<` never closed by a `>` was a comparison (`a<b`): forgotten where its statement ends. */
  private forgetAngles(): void {
    this.depth -= this.angles[this.angles.length - 1];
    this.angles[this.angles.length - 1] = 0;
  }

  /**
   * Closes the element named (the last one for `/>`), and with it those opened inside it and
   * never closed: HTML's `<br>` or `<input>` in a template. A name not open here closes nothing.
   */
  private closeElement(name: string | null): void {
    const open = this.elements[this.elements.length - 1];
    const at = name === null ? open.length - 1 : open.lastIndexOf(name);
    if (at < 0) return;
    this.depth -= JSX_ELEMENT_WEIGHT * (open.length - at);
    open.length = at;
  }

  /**
   * A `,` or `;` at an element's level ends what was taken for one (a generic signature
   * `<T>(v: T): T;`, `'<length> | <percentage>',` in a string): JSX children seldom hold them.
   */
  private forgetElements(): void {
    const open = this.elements[this.elements.length - 1];
    this.depth -= JSX_ELEMENT_WEIGHT * open.length;
    open.length = 0;
  }
}

/** A link of an unbracketed chain weighs as two brackets (see nestingDepth). */
const CHAIN_LINK_WEIGHT = 2;
/** So does an open JSX element (see nestingDepth). */
const JSX_ELEMENT_WEIGHT = 2;
/** Binary operators of one chain nest a level per this many (see nestingDepth). */
const BINARY_OPERATORS_PER_LEVEL = 16;

const operatorLevels = (count: number) => Math.floor(count / BINARY_OPERATORS_PER_LEVEL);

/** `!`, `~`, `+`, `-`: the characters a run of prefix operators is made of, beside its words. */
const isPrefixOperator = (c: number) => c === 33 || c === 126 || c === 43 || c === 45;

const PREFIX_WORDS = ['typeof', 'void', 'delete', 'await', 'new'];

/** The length of the prefix word (`typeof`, `new`…) at `at`, a word of its own, or 0. */
function prefixWordAt(text: string, at: number): number {
  const c = text.charCodeAt(at);
  if (c !== 116 && c !== 118 && c !== 100 && c !== 97 && c !== 110) return 0;
  if (isIdentifierPart(text.charCodeAt(at - 1))) return 0;
  for (const word of PREFIX_WORDS)
    if (text.startsWith(word, at) && !isIdentifierPart(text.charCodeAt(at + word.length))) return word.length;
  return 0;
}

/**
 * Characters after which a `<` and a name begin an expression: a JSX element, not a comparison (`(<a/>`, `= <a>`, `&&
 * <a>`, `> <a>`).
 */
const ELEMENT_FOLLOWS = new Set([...'([{,;:?=&|!>}'].map((ch) => ch.charCodeAt(0)));

/**
 * Whether the `<` at `at` opens a JSX element: a name (or `>` of a fragment) after it, and before it an expression's
 * start, `return`, or an open element's children.
 */
function opensElement(text: string, at: number, inChildren: boolean): boolean {
  const next = text.charCodeAt(at + 1);
  if (!(next === 62 || (isIdentifierPart(next) && !isDigit(next)))) return false;
  if (inChildren) return true;
  let before = at - 1;
  while (before >= 0 && isSpace(text.charCodeAt(before))) before--;
  return (
    before < 0 ||
    ELEMENT_FOLLOWS.has(text.charCodeAt(before)) ||
    (text.startsWith('return', before - 5) && !isIdentifierPart(text.charCodeAt(before - 6)))
  );
}

/** The tag name at `at` (`a`, `my-comp`, `a.b`, `svg:path`; `''` for a fragment's `<>` and `</>`). */
function tagNameAt(text: string, at: number): string {
  let end = at;
  for (
    let c = text.charCodeAt(end);
    isIdentifierPart(c) || c === 45 || c === 46 || c === 58;
    c = text.charCodeAt(++end)
  );
  return text.slice(at, end);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
const isIdentifierPart = (c: number) =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || isDigit(c) || c === 36 || c === 95;

/** The word `else` at `at`, not part of a longer name (`elsewhere`, `$else`). */
function startsElse(text: string, at: number): boolean {
  return (
    text.startsWith('else', at) &&
    !isIdentifierPart(text.charCodeAt(at - 1)) &&
    !isIdentifierPart(text.charCodeAt(at + 4))
  );
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 13 || c === 10;
}

function previousSignificant(text: string, from: number): number {
  let at = from;
  while (at >= 0 && isSpace(text.charCodeAt(at))) at--;
  return at;
}

function nextSignificant(text: string, from: number): number {
  let at = from;
  while (at < text.length && isSpace(text.charCodeAt(at))) at++;
  return at;
}

/**
 * Operators a line can end or begin with when the expression goes on (`=>` ends with `>`).
 * Not `<`: a JSX line begins with one, and a comparison split there nests nothing.
 */
const GOES_ON = new Set([...'?:=+-*/%&|^!~,.'].map((ch) => ch.charCodeAt(0)));

/** Whether the line break at `at` ends the statement before it: no operator either side, no `else`. */
function statementEndsAt(text: string, at: number): boolean {
  let before = at - 1;
  while (before >= 0 && isSpace(text.charCodeAt(before))) before--;
  if (before < 0) return true;
  const last = text.charCodeAt(before);
  if (GOES_ON.has(last) || (last === 62 && text.charCodeAt(before - 1) === 61)) return false;
  if (before >= 3 && startsElse(text, before - 3)) return false;
  const after = nextSignificant(text, at + 1);
  if (after >= text.length) return true;
  const first = text.charCodeAt(after);
  return !GOES_ON.has(first) && first !== 62 && !startsElse(text, after);
}

/**
 * Whether the text nests deeper than `limit` (nestingDepth). Most texts hold too few brackets
 * and chain links to get there at all, which a few substring searches show (far cheaper than
 * the character loop of nestingDepth, which then runs only on the rest).
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let count = 0;
  for (const [mark, weight] of NESTING_MARKS) {
    for (let i = text.indexOf(mark); i !== -1; i = text.indexOf(mark, i + 1)) {
      count += weight;
      if (count > limit) return nestingDepth(text, limit) > limit;
    }
  }
  return false;
}

/** What can add a level in nestingDepth, with its weight there: every `=` and `?` is counted, whatever follows. */
const NESTING_MARKS: readonly [string, number][] = [
  ['(', 1],
  ['[', 1],
  ['{', 1],
  ['=', CHAIN_LINK_WEIGHT],
  ['?', CHAIN_LINK_WEIGHT],
  ['else', CHAIN_LINK_WEIGHT],
  ['<', JSX_ELEMENT_WEIGHT],
  // A prefix operator nests a level while its run lasts; as a binary operator, less.
  ...['!', '~', '+', '-', ...PREFIX_WORDS].map((mark) => [mark, 1] as [string, number]),
  ...['%', '&', '^', '|'].map((mark) => [mark, 1 / BINARY_OPERATORS_PER_LEVEL] as [string, number]),
];

/**
 * Why a file whose parse or rewrite ran out of stack is refused, or undefined for any other
 * error: code nested in a way the estimate does not count (a member chain thousands of links
 * long, `builder.add(…)` generated line after line), which the parser or a walk after it
 * follows by recursion. A verdict on the file, as tooDeep is, not a fault of the tool.
 */
export function stackExhaustedRefusal(error: unknown): string | undefined {
  if (!(error instanceof RangeError) || !/call stack size/i.test(error.message)) return undefined;
  return 'nested too deeply to parse safely (it ran out of stack: nesting the depth count misses, such as a chain thousands of links long): migrate it by hand';
}

/**
 * A name that says the file is minified (`sdk.min.js`, `sdk-min.mjs`): the walk lists it apart, and no door migrates it
 * whatever its lines.
 */
export function isMinifiedName(name: string): boolean {
  return /[.-]min\.[cm]?js$/.test(name);
}

/** The refusal of a file by its minified name (isMinifiedName), in the words of the refusal by its long lines. */
export function minifiedNameRefusal(): Refusal {
  return refusal('minified', 'file name', 'minified or bundled code (its name says so): not migrated');
}

/** The refusal of a file by its long lines (looksMinified). */
export function minifiedTextRefusal(): Refusal {
  return refusal('minified', 'long lines', 'minified or bundled code (long lines): not migrated');
}

/** The refusal of a file nested deeper than MAX_NESTING (nestsDeeperThan). */
export function tooDeepRefusal(): Refusal {
  return refusal(
    'tooDeep',
    `over ${MAX_NESTING} levels`,
    `nested too deeply to parse safely (over ${MAX_NESTING} levels of brackets, chained operators and JSX elements): migrate it by hand`,
  );
}
