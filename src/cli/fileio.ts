/**
 * File I/O: read a source once (size checked on the open descriptor, no extra
 * stat), and write a migrated source atomically with the original's mode,
 * line endings and byte order mark.
 */
import * as fs from 'fs';
import * as path from 'path';
import type WriteFileAtomic from 'write-file-atomic';

/** Loaded on the first write: with signal-exit it costs ~15 ms at start-up, and most runs write little or nothing. */
let atomic: typeof WriteFileAtomic | undefined;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const writeFileAtomic = (): typeof WriteFileAtomic => (atomic ??= require('write-file-atomic') as typeof WriteFileAtomic);

export const MAX_BYTES = 1024 * 1024;

export type ReadOutcome = { kind: 'ok'; bytes: Buffer } | { kind: 'tooLarge'; size: number };

export function readSource(file: string): ReadOutcome {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > MAX_BYTES) return { kind: 'tooLarge', size };
    const bytes = Buffer.allocUnsafe(size);
    let off = 0;
    while (off < size) {
      const n = fs.readSync(fd, bytes, off, size - off, off);
      if (n === 0) break;
      off += n;
    }
    return { kind: 'ok', bytes: off === size ? bytes : bytes.subarray(0, off) };
  } finally {
    fs.closeSync(fd);
  }
}

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

/** True when decoding as UTF-8 lost bytes (a GBK file, say): writing it back would corrupt it. */
export function isLossyUtf8(text: string, bytes: Buffer): boolean {
  if (!text.includes('\uFFFD')) return false;
  return !Buffer.from(text, 'utf8').equals(bytes);
}

/** Atomic write (temp file + rename). write-file-atomic copies the old file's mode and owner. */
export function writeSource(file: string, text: string): void {
  writeFileAtomic().sync(file, text, { encoding: 'utf8' });
}

/** Writes a new file (or replaces one) atomically, creating folders as needed. */
export function writeNewFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  writeFileAtomic().sync(file, text, { encoding: 'utf8' });
}
