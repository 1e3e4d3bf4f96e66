/**
 * The one place a migration touches the disk for a source file. Its contract:
 *
 * - **Reads only regular files.** The walk lists regular files only (lstat / directory
 *   entry types); the read opens with O_NOFOLLOW and O_NONBLOCK (a file swapped for a link
 *   or a FIFO since is neither followed nor hangs the run) and checks the open descriptor:
 *   anything but a regular file is refused with its kind. The size is checked before
 *   anything is read.
 * - **A write never loses bytes.** The new text goes to a temporary file next to the
 *   original (same folder, so the rename is atomic), every `write` is checked for the count
 *   it returns, the file is fsynced, and its bytes are read back and compared with the text
 *   meant. Only then is it renamed over the original. On any failure the temporary file is
 *   removed and the original is untouched, byte for byte.
 * - **A write changes a file's bytes and nothing else.** The rename puts a new file in the
 *   original's place: its other hard links would keep the old text, and its owner would be
 *   whoever ran the tool. So a file with other names, one this user may not write (read-only:
 *   an in-place writer would fail too) and one whose owner cannot be kept are refused with the
 *   reason (replaceRefusal, keepOwner), before anything is written; `--dry` says the same.
 * - **A file is written only if it did not change since it was read.** Just before the
 *   rename, the original's inode, size and mtime, and then its bytes, are compared with what
 *   was read; a difference refuses the write (FileChangedError). What is left is the
 *   microseconds between that check and the rename.
 *
 * Faults can be injected for tests (RECORD_COMPAT_TEST_FAULT, or setIoHooks in process):
 * the fault-injection suite drives every failure path through this module.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileKindWords, MAX_SOURCE_BYTES, readOpenFile, WRITE_TEMP_SUFFIX } from '../rewrite/light';

/** What was read: the bytes, and what identifies that version of the file. */
export interface ReadStamp {
  bytes: Buffer;
  size: number;
  mtimeMs: number;
  ino: number;
  dev: number;
  mode: number;
  uid: number;
  gid: number;
  /** How many names (hard links) the file had. */
  nlink: number;
}

export type ReadOutcome = { kind: 'ok'; stamp: ReadStamp; bytes: Buffer } | { kind: 'tooLarge'; size: number };

/** A path the I/O layer will not open or write, with the reason in words. */
export class IoRefusal extends Error {}

/** The original changed (or went away) between the read and the write: left alone. */
export class FileChangedError extends Error {}

/** Hooks for tests: called at the named moments with the file's path. */
export interface IoHooks {
  /** After a source was read (a test edits or replaces the file here). */
  afterRead?: (file: string) => void;
  /** After the temporary file is written and verified, before the original is checked and replaced. */
  beforeReplace?: (file: string) => void;
  /** Replaces fs.writeSync for the temporary file (a short write, ENOSPC…). */
  writeSync?: (fd: number, buffer: Buffer, offset: number, length: number) => number;
}

let hooks: IoHooks = {};

/** Installs test hooks (in process); returns a function that removes them. */
export function setIoHooks(next: IoHooks): () => void {
  const previous = hooks;
  hooks = next;
  return () => {
    hooks = previous;
  };
}

// RECORD_COMPAT_TEST_FAULT=<fault>[@<n>]: the fault on the n-th source write of the run (every write when n is omitted).
//   short: a write stores half of what it was asked, then no more (a full disk)
//   enospc: a write fails with ENOSPC
//   lost: a write reports the full count but stores half (a lying device: only the read-back sees it)
//   edit: the original is edited between the read and the replace
//   rename: the rename fails with EIO
const FAULT_ENV = 'RECORD_COMPAT_TEST_FAULT';
type FaultKind = 'short' | 'enospc' | 'lost' | 'edit' | 'rename';
let envFault: { kind: FaultKind; nth: number | null } | null | undefined;
let writeCount = 0;

function faultForThisWrite(): FaultKind | null {
  if (envFault === undefined) {
    const value = process.env[FAULT_ENV];
    const m = value ? /^(short|enospc|lost|edit|rename)(?:@(\d+))?$/.exec(value) : null;
    if (value && !m) throw new Error(`${FAULT_ENV}=${value}: expected short|enospc|lost|edit|rename, optionally @<n>`);
    envFault = m ? { kind: m[1] as FaultKind, nth: m[2] ? Number(m[2]) : null } : null;
  }
  if (!envFault) return null;
  return envFault.nth === null || envFault.nth === writeCount ? envFault.kind : null;
}

function errno(code: string, message: string): NodeJS.ErrnoException {
  const err: NodeJS.ErrnoException = new Error(`${code}: ${message}`);
  err.code = code;
  return err;
}


const O_NOFOLLOW = fs.constants.O_NOFOLLOW ?? 0;
const O_NONBLOCK = fs.constants.O_NONBLOCK ?? 0;

/**
 * Reads a source file: a regular file only, never through a link, never hanging on a FIFO,
 * never more than MAX_SOURCE_BYTES. Throws IoRefusal (not a regular file) or the system error.
 * With `scratch` (at least MAX_SOURCE_BYTES), the bytes are read into it and are valid only
 * until its next use: keepRead copies out what is kept.
 */
export function readSource(file: string, scratch?: Buffer): ReadOutcome {
  // No lstat first: the walk saw a regular file, and the open itself refuses a link (O_NOFOLLOW)
  // and cannot hang on a FIFO swapped in since (O_NONBLOCK); the descriptor's fstat decides.
  let fd: number;
  try {
    fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') throw new IoRefusal('a symbolic link (links are not followed)');
    if (code === 'ENXIO') throw new IoRefusal('a socket, not a regular file');
    throw err;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new IoRefusal(fileKindWords(stat));
    if (stat.size > MAX_SOURCE_BYTES) return { kind: 'tooLarge', size: stat.size };
    const bytes = readOpenFile(fd, stat.size, scratch);
    hooks.afterRead?.(file);
    const stamp: ReadStamp = { bytes, size: stat.size, mtimeMs: stat.mtimeMs, ino: stat.ino, dev: stat.dev, mode: stat.mode, uid: stat.uid, gid: stat.gid, nlink: stat.nlink };
    return { kind: 'ok', stamp, bytes };
  } finally {
    fs.closeSync(fd);
  }
}

/** A read's bytes and stamp in memory of their own (after a read into a scratch buffer). */
export function keepRead(read: Extract<ReadOutcome, { kind: 'ok' }>): { bytes: Buffer; stamp: ReadStamp } {
  const bytes = Buffer.from(read.bytes);
  return { bytes, stamp: { ...read.stamp, bytes } };
}

function writeAll(fd: number, data: Buffer, fault: FaultKind | null): void {
  const write = hooks.writeSync ?? ((f: number, b: Buffer, o: number, l: number) => fs.writeSync(f, b, o, l));
  let off = 0;
  while (off < data.length) {
    let n: number;
    if (fault === 'enospc') throw errno('ENOSPC', 'no space left on device (injected)');
    if (fault === 'short') {
      n = off === 0 ? write(fd, data, 0, Math.floor(data.length / 2)) : 0;
    } else if (fault === 'lost') {
      write(fd, data, off, Math.floor((data.length - off) / 2));
      n = data.length - off; // claims everything
    } else {
      n = write(fd, data, off, data.length - off);
    }
    if (n <= 0) throw errno('ENOSPC', `short write: ${off} of ${data.length} bytes reached the disk (is it full?)`);
    off += n;
  }
}

function sameBytes(fd: number, data: Buffer): boolean {
  const size = fs.fstatSync(fd).size;
  // A shorter read (the file ended sooner) differs too.
  return size === data.length && readOpenFile(fd, size).equals(data);
}

/** Throws FileChangedError when `file` is no longer the version `stamp` read. */
function assertUnchanged(file: string, stamp: ReadStamp): void {
  let now: fs.Stats;
  try {
    now = fs.lstatSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileChangedError('deleted while the run was going: left alone, run again');
    throw err;
  }
  const changed = () => new FileChangedError('changed while the run was going: left alone, run again');
  if (!now.isFile() || now.ino !== stamp.ino || now.dev !== stamp.dev || now.size !== stamp.size || now.mtimeMs !== stamp.mtimeMs) throw changed();
  // mtime has a coarse grain on some file systems: the bytes decide.
  const fd = fs.openSync(file, fs.constants.O_RDONLY | O_NOFOLLOW | O_NONBLOCK);
  try {
    if (!sameBytes(fd, stamp.bytes)) throw changed();
  } finally {
    fs.closeSync(fd);
  }
}

let tempCounter = 0;

/** Writes a new file (or replaces one) with the same verified write, creating folders as needed. */
export function writeNewFile(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const data = Buffer.from(text, 'utf8');
  const write = beginWrite(file, data, null);
  try {
    fs.fsyncSync(write.fd);
  } catch (err) {
    throw abandonWrite(write, err);
  }
  completeWrite(write, data);
}

/**
 * Replaces `file` with `text` (UTF-8) if it is still the version `stamp` read, keeping its
 * mode, owner and group (a file where that cannot be done is refused: replaceRefusal).
 * Verified temp file, fsync, check, rename. Rejects on any failure, leaving the original as
 * it was: FileChangedError when the original changed.
 * The fsync runs on libuv's thread pool: the caller's thread goes on with other work
 * meanwhile (the CLI keeps reading, with a few writes under way); every other step is
 * synchronous, the check of the original and the rename included.
 */
export async function replaceSourceAsync(file: string, text: string, stamp: ReadStamp): Promise<void> {
  const data = Buffer.from(text, 'utf8');
  const write = beginWrite(file, data, stamp);
  try {
    await new Promise<void>((resolve, reject) => fs.fsync(write.fd, (err) => (err ? reject(err) : resolve())));
  } catch (err) {
    throw abandonWrite(write, err);
  }
  completeWrite(write, data);
}

/** A write under way: its temporary file, written and not yet synced. */
interface PendingWrite {
  file: string;
  temp: string;
  fd: number;
  stamp: ReadStamp | null;
  fault: FaultKind | null;
}

/** The temporary files of writes under way, for a process that must exit now (removeUnfinishedWrites). */
const unfinished = new Set<PendingWrite>();

/** Removes the temporary files of the writes under way (a second signal: the process exits at once); their originals are untouched. */
export function removeUnfinishedWrites(): void {
  for (const write of unfinished) abandonWrite(write);
}

/** Step 1: the temporary file next to the original, with the original's mode (and owner), holding every byte. */
function beginWrite(file: string, data: Buffer, stamp: ReadStamp | null): PendingWrite {
  writeCount++;
  const fault = faultForThisWrite();
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${++tempCounter}${WRITE_TEMP_SUFFIX}`);
  const mode = stamp ? stamp.mode & 0o7777 : 0o644;
  const refusal = stamp && replaceRefusal(file, stamp);
  if (refusal) throw new IoRefusal(refusal);
  const write: PendingWrite = { file, temp, fd: fs.openSync(temp, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, mode), stamp, fault };
  unfinished.add(write);
  try {
    // Owner first: a chown clears the setuid and setgid bits, even root's (Linux), so the mode comes after it.
    if (stamp) keepOwner(write.fd, stamp);
    fs.fchmodSync(write.fd, mode); // the umask applied at creation
    writeAll(write.fd, data, fault);
    return write;
  } catch (err) {
    throw abandonWrite(write, err);
  }
}

const NO_WRITE_PERMISSION = new Set(['EACCES', 'EPERM']);

/**
 * Why a new file renamed over `file` would change more than its bytes (or could not be put
 * there by this user), in words for the report; null when it can be replaced. Checked before
 * every replace, and by `--dry` for each file it would change.
 */
export function replaceRefusal(file: string, stamp: ReadStamp): string | null {
  if (stamp.nlink > 1) {
    const others = stamp.nlink - 1;
    return `it has ${others} other hard link${others === 1 ? '' : 's'}: a new file in its place would leave ${others === 1 ? 'that name' : 'those names'} with the old text; left as it is (copy it and move the copy over it, to migrate it)`;
  }
  try {
    fs.accessSync(file, fs.constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return 'on a read-only file system: left as it is';
    // Root may write anything: access() answers for this user, as an in-place writer would meet it.
    if (code && NO_WRITE_PERMISSION.has(code)) return 'read-only for this user: left as it is (make it writable to migrate it)';
    if (code === 'ENOENT') throw new FileChangedError('deleted while the run was going: left alone, run again');
    throw err;
  }
  const uid = process.getuid?.();
  // Root can give the new file any owner (keepOwner); another user only its own uid and groups.
  if (uid === undefined || uid === 0) return null;
  if (stamp.uid !== uid) return `owned by another user (uid ${stamp.uid}): a new file in its place would be yours; left as it is`;
  return null;
}

/**
 * Gives the temporary file the original's owner and group. Root must manage both, or the file
 * is refused. Another user (the owner, replaceRefusal saw to it) keeps the group where it may
 * set it (a group it belongs to); else the new file has the user's group, as a save by any
 * editor that renames would give it: refusing there would refuse every file of a container run
 * as the host's uid with another gid.
 */
function keepOwner(fd: number, stamp: ReadStamp): void {
  if (process.getuid === undefined) return;
  const made = fs.fstatSync(fd);
  if (made.uid === stamp.uid && made.gid === stamp.gid) return;
  try {
    fs.fchownSync(fd, stamp.uid, stamp.gid);
  } catch (err) {
    if (process.getuid() !== 0) return;
    throw new IoRefusal(`its owner and group (${stamp.uid}:${stamp.gid}) could not be kept (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): left as it is`);
  }
}

/** Step 3, once the bytes are on the disk: read them back, check the original is the version read, rename. */
function completeWrite(write: PendingWrite, data: Buffer): void {
  const { file, temp, stamp, fault } = write;
  try {
    if (!sameBytes(write.fd, data)) throw errno('EIO', 'the bytes read back differ from the bytes written (is the disk full?)');
    fs.closeSync(write.fd);
    write.fd = -1;
    hooks.beforeReplace?.(file);
    if (fault === 'edit') fs.appendFileSync(file, '\n// edited by hand (injected)\n');
    if (stamp) assertUnchanged(file, stamp);
    if (fault === 'rename') throw errno('EIO', 'rename failed (injected)');
    fs.renameSync(temp, file);
    unfinished.delete(write);
  } catch (err) {
    throw abandonWrite(write, err);
  }
}

/**
 * On any failure: the temporary file goes, the original stays as it was. Returns the failure
 * to report, which names the temporary file when it could not go (a folder that lets files be
 * created but not removed: append-only, some network file systems).
 */
function abandonWrite(write: PendingWrite, failure?: unknown): unknown {
  unfinished.delete(write);
  if (write.fd !== -1) {
    try {
      fs.closeSync(write.fd);
    } catch {
      // already failing
    }
    write.fd = -1;
  }
  try {
    fs.unlinkSync(write.temp);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT' && failure instanceof Error) {
      failure.message += `; its temporary file ${path.basename(write.temp)} could not be removed (${code ?? (err as Error).message}): delete it`;
    }
  }
  return failure;
}
