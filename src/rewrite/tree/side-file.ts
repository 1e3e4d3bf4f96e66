/**
 * Reading the files the engine consults beside a source: package.json, ignore files, the
 * `.wxml` or `.vue` template a script drives, the sources a routing decision reads. Such a
 * file is read only if it is a regular file (links are followed: a monorepo's package.json
 * may be one) and not over MAX_SOURCE_BYTES. The open never blocks, so a FIFO put where a
 * template was expected is reported, not waited on. The doors' own reads of the sources
 * they rewrite are stricter (src/files/io.ts) and name a file's kind with the same words.
 */
import * as fs from 'fs';
import { encodingRefusalOf, MAX_SOURCE_BYTES, type Refusal } from '../rules/refusal';
import { classifyFile } from '../rules/file-class';

/**
 * What a path that is not a regular file is, in words for a report: from its stat, or from the folder entry that names
 * it (a Dirent).
 */
export function fileKindWords(
  stat: Pick<
    fs.Stats,
    'isSymbolicLink' | 'isDirectory' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'
  >,
): string {
  if (stat.isSymbolicLink()) return 'a symbolic link (links are not followed)';
  if (stat.isDirectory()) return 'a folder';
  if (stat.isFIFO()) return 'a FIFO (named pipe), not a regular file';
  if (stat.isSocket()) return 'a socket, not a regular file';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device, not a regular file';
  return 'not a regular file';
}

const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * The first `size` bytes of an open file, read from its start (into `scratch` when it is big
 * enough: then valid only until its next use); fewer if the file ends sooner.
 */
export function readOpenFile(fd: number, size: number, scratch?: Buffer): Buffer {
  const bytes = scratch && scratch.length >= size ? scratch.subarray(0, size) : Buffer.allocUnsafe(size);
  let off = 0;
  while (off < size) {
    const n = fs.readSync(fd, bytes, off, size - off, off);
    if (n === 0) break;
    off += n;
  }
  return off === size ? bytes : bytes.subarray(0, off);
}

/**
 * The first match of `pattern` (ASCII, without the `g` flag) in a file of any size, read a
 * chunk at a time, never whole, with its 1-based line; null when there is none. A match longer
 * than OVERLAP characters that straddles two chunks is missed. Throws as readSideText does.
 */
export function firstMatchInFile(file: string, pattern: RegExp): { match: RegExpExecArray; line: number } | null {
  const fd = openRegularFile(file);
  try {
    const chunk = Buffer.allocUnsafe(MAX_SOURCE_BYTES);
    let tail = '';
    let linesBefore = 0;
    for (let position = 0; ;) {
      const n = fs.readSync(fd, chunk, 0, chunk.length, position);
      if (n === 0) return null;
      position += n;
      // latin1 keeps every ASCII character in place and splits no character between two chunks.
      const text = tail + chunk.toString('latin1', 0, n);
      const match = pattern.exec(text);
      if (match) return { match, line: linesBefore + linesUpTo(text, match.index) + 1 };
      const kept = Math.max(0, text.length - OVERLAP);
      linesBefore += linesUpTo(text, kept);
      tail = text.slice(kept);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** What firstMatchInFile carries from one chunk into the next. */
const OVERLAP = 256;

/** Line breaks in `text` before `end`. */
function linesUpTo(text: string, end: number): number {
  let lines = 0;
  for (let at = text.indexOf('\n'); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
}

/**
 * A side file's text (UTF-8), of at most `maxBytes`; throws the system error, or an Error saying why it was not read.
 */
export function readSideText(file: string, maxBytes = MAX_SOURCE_BYTES): string {
  return readSideBytes(file, maxBytes).toString('utf8');
}

/**
 * For a door handed text that another program decoded as UTF-8 (jscodeshift and ESLint read
 * the file themselves): when the text holds U+FFFD, the file's bytes decide whether that
 * decoding lost some (a GBK file), in which case writing the text back would corrupt the
 * file. Returns the refusal the codemod gives such a file, or null (no file to read: an
 * editor's unsaved buffer is the source itself).
 */
function lossyDecodingOf(text: string, file: string): Refusal | null {
  if (!text.includes('\uFFFD')) return null;
  let bytes: Buffer;
  try {
    bytes = readSideBytes(file);
  } catch {
    return null;
  }
  return encodingRefusalOf(bytes);
}

/** A side file's bytes, of at most `maxBytes`; throws as readSideText does. */
export function readSideBytes(file: string, maxBytes = MAX_SOURCE_BYTES): Buffer {
  const fd = openRegularFile(file);
  try {
    const { size } = fs.fstatSync(fd);
    if (size > maxBytes) throw new Error(`${size} bytes, over the ${maxBytes}-byte limit`);
    return readOpenFile(fd, size);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A descriptor open on `file` for reading, never blocking: throws the system error, or an Error naming what it is when
 * it is not a regular file.
 */
function openRegularFile(file: string): number {
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NONBLOCK);
  } catch (err) {
    // A socket cannot be opened at all.
    if ((err as NodeJS.ErrnoException).code === 'ENXIO') throw new Error('a socket, not a regular file');
    throw err;
  }
  const stat = fs.fstatSync(fd);
  if (!stat.isFile()) {
    fs.closeSync(fd);
    throw new Error(fileKindWords(stat));
  }
  return fd;
}

/**
 * Why the engine refuses a script a door was handed as text (ESLint and jscodeshift read and
 * write the file themselves), or null: the codemod's classification of the file it reads
 * (file-class.ts: minified by its name, too large, not UTF-8, minified, nested too deeply), on the
 * text's UTF-8 bytes, and on the file's own bytes where the text lost some in decoding (lossyDecodingOf).
 */
export function handedTextRefusalOf(text: string, file: string): Refusal | null {
  return lossyDecodingOf(text, file) ?? classifyFile({ name: file, bytes: Buffer.from(text, 'utf8'), text });
}
