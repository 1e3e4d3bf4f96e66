/**
 * The files the engine refuses before any parser sees them, decided here once so that every
 * door (the codemod, the audit) refuses the same files with the same words:
 *
 * - `encoding`: not UTF-8 (a UTF-16/32 byte order mark, or bytes that do not decode, GBK say):
 *   writing the text back would corrupt it, and a parser would see other code than the editor;
 * - `tooLarge`: over MAX_SOURCE_BYTES (a bundle, generated data), never read whole;
 * - `minified`: long lines on average (bundled output, not hand-written code);
 * - `tooDeep`: brackets nested deeper than MAX_NESTING. oxc-parser crashes the whole process
 *   (a native stack overflow) from about 10,000 levels, and the recursive walks after it
 *   (the matcher's, TypeScript's) run out of stack well before a person would write such code.
 *
 * No dependencies: the CLI's read path and the audit's pre-filter call it on raw bytes.
 */

export const MAX_SOURCE_BYTES = 1024 * 1024;
/** Deepest bracket nesting handed to a parser. Hand-written code stays far below (a few dozen). */
export const MAX_NESTING = 1000;

export type RefusalReason = 'encoding' | 'tooLarge' | 'minified' | 'tooDeep';

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
  return { reason, detail, message, fails: reason === 'encoding' || reason === 'tooDeep' };
}

export function tooLargeRefusal(size: number): Refusal {
  const mb = `${(size / 1024 / 1024).toFixed(1)} MB`;
  return refusal('tooLarge', mb, `too large to migrate (${mb}, the limit is ${MAX_SOURCE_BYTES / 1024 / 1024} MB): generated or bundled code`);
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

function encodingRefusal(detail: string): Refusal {
  return refusal('encoding', detail, `not valid UTF-8 (${detail}): convert it to UTF-8 first`);
}

/** Refused by its first bytes alone (a UTF-16/32 byte order mark): cheap enough to run before the text pre-filter. */
export function refusalByByteOrderMark(bytes: Uint8Array): Refusal | null {
  const bom = foreignByteOrderMark(bytes);
  return bom ? encodingRefusal(bom) : null;
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

const LOSSY_DETAIL = 'GBK or another encoding?';

/**
 * Minified or bundled code: long lines on average. Real hand-written sources
 * average well under 100 characters a line.
 */
export function looksMinified(text: string): boolean {
  if (text.length < 2048) return false;
  let lines = 1;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines++;
  return text.length / lines > 400;
}

/**
 * The deepest nesting of (), [] and {} in the text, counted without reading strings or
 * comments: an over-estimate at worst (a bracket in a string), never an under-estimate.
 * Stops counting once `limit` is passed.
 */
export function nestingDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 40 || c === 91 || c === 123) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if ((c === 41 || c === 93 || c === 125) && depth > 0) {
      depth--;
    }
  }
  return max;
}

/**
 * Whether brackets nest deeper than `limit`. Most texts hold fewer brackets than the limit
 * at all, which a few substring searches show (far cheaper than the character loop of
 * nestingDepth, which then runs only on the rest).
 */
export function nestsDeeperThan(text: string, limit: number): boolean {
  let count = 0;
  for (const bracket of ['(', '[', '{']) {
    for (let i = text.indexOf(bracket); i !== -1; i = text.indexOf(bracket, i + 1)) {
      if (++count > limit) return nestingDepth(text, limit) > limit;
    }
  }
  return false;
}

/**
 * Why the engine refuses a file whose bytes were read (and decoded as UTF-8 into `text`),
 * or null when it takes it. Size, encoding, minified, nesting, in that order.
 */
export function refusalOf(bytes: Uint8Array, text: string): Refusal | null {
  if (bytes.length > MAX_SOURCE_BYTES) return tooLargeRefusal(bytes.length);
  const bom = refusalByByteOrderMark(bytes);
  if (bom) return bom;
  if (isLossyUtf8(text, bytes)) return encodingRefusal(LOSSY_DETAIL);
  if (looksMinified(text)) return refusal('minified', 'long lines', 'minified or bundled code (long lines): not migrated');
  if (nestsDeeperThan(text, MAX_NESTING)) {
    return refusal('tooDeep', `over ${MAX_NESTING} levels`, `nested too deeply to parse safely (brackets over ${MAX_NESTING} levels deep): migrate it by hand`);
  }
  return null;
}
