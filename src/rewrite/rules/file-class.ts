/**
 * The one classification of a source file, for every door that reads files (the walk, the codemod's
 * read, the audit's read, the one-file doors): whether a parser may see it, or why not. Its name
 * (not UTF-8: Node cannot open it), its size (over MAX_SOURCE_BYTES: never read whole), its bytes
 * (another encoding), its text (minified, by its name or its lines; nested too deep): each fault
 * is decided here once, in this order, so that the codemod and the audit never disagree on a file.
 *
 * A door asks with what it knows so far: the walk with a name, a read with the size and bytes
 * (cheap, for every file), then with the decoded text (only for a file whose bytes name an API).
 * Each answer is the one the full facts would give, as far as those facts go.
 *
 * No dependencies: the CLI's read path and the audit's pre-filter call it on raw bytes.
 */
import {
  encodingRefusal,
  isLossyUtf8,
  isMinifiedName,
  LOSSY_DETAIL,
  looksMinified,
  MAX_NESTING,
  MAX_SOURCE_BYTES,
  minifiedNameRefusal,
  minifiedTextRefusal,
  nestsDeeperThan,
  refusalByByteOrderMark,
  tooDeepRefusal,
  tooLargeRefusal,
  unreadableNameRefusal,
  type Refusal,
} from './refusal';

/** What a door knows of a file when it asks: more facts, more checks. */
export interface FileFacts {
  /**
   * Its base name: as the folder holds it (bytes), or as a path holds it, where a byte that is not UTF-8 is kept as
   * U+DC80–U+DCFF (tree/paths.ts, keepUndecodable). A whole path that keeps no such byte gives the same answer.
   */
  name: string | Uint8Array;
  /** Its size in bytes, when known (a stat, or a read that stopped at MAX_SOURCE_BYTES). */
  size?: number;
  /** All its bytes (a file over MAX_SOURCE_BYTES is never read whole: give its size alone). */
  bytes?: Uint8Array;
  /** Its bytes decoded as UTF-8: the checks of the text run only when it is given (with `bytes`). */
  text?: string;
}

/**
 * Why the engine leaves a file unparsed, or null when a parser may see it (as far as the facts go).
 * The order decides between two faults of one file: the name (not UTF-8, then minified), size,
 * encoding, long lines, nesting. A minified bundle nested too deep is minified: its calls are found
 * as written (package-calls.ts, refusedFilePlaces), not failed.
 */
export function classifyFile(facts: FileFacts): Refusal | null {
  const { name, bytes, text } = facts;
  if (!isReadableName(name)) return unreadableNameRefusal();
  // Whatever its lines, size or bytes: no door migrates it, its calls are found as written.
  if (isMinifiedName(nameText(name))) return minifiedNameRefusal();
  const size = facts.size ?? bytes?.length;
  if (size !== undefined && size > MAX_SOURCE_BYTES) return tooLargeRefusal(size);
  if (bytes === undefined) return null;
  const bom = refusalByByteOrderMark(bytes);
  if (bom) return bom;
  if (text === undefined) return null;
  if (isLossyUtf8(text, bytes)) return encodingRefusal(LOSSY_DETAIL);
  if (looksMinified(text)) return minifiedTextRefusal();
  if (nestsDeeperThan(text, MAX_NESTING)) return tooDeepRefusal();
  return null;
}

/** A name Node can open by: valid UTF-8 bytes, or a string that keeps no byte that was not. */
function isReadableName(name: string | Uint8Array): boolean {
  if (typeof name === 'string') return !KEPT_BYTE.test(name);
  try {
    UTF8.decode(name);
    return true;
  } catch {
    return false;
  }
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });
/** A byte that was not UTF-8, as keepUndecodable keeps it in a string (a lone low surrogate U+DC80–U+DCFF). */
const KEPT_BYTE = /[\udc80-\udcff]/u;

/**
 * The name as text. A path is not cut to its base name: what isMinifiedName matches at a name's end holds no separator,
 * so a path ends with it exactly when its base name does, and the cut would copy every file's name for nothing.
 */
function nameText(name: string | Uint8Array): string {
  return typeof name === 'string' ? name : Buffer.from(name).toString('utf8');
}
