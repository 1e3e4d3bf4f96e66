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
 * - **A write goes only where the write gate let it** (write-gate.ts): every path written is a
 *   WritablePath, which only that gate gives, after it checked where the path leads and asked
 *   replaceRefusal or createRefusal here; `--dry` asks the same gate.
 * - **A write changes a file's bytes and nothing else.** The rename puts a new file in the
 *   original's place: its other hard links would keep the old text, its owner would be
 *   whoever ran the tool, and its extended attributes and ACL would be gone. So a file with
 *   other names, one this user may not write (read-only: an in-place writer would fail too), one
 *   in a folder this user may not write (the rename could not happen), one whose owner cannot
 *   be kept and one with extended attributes (attributes.ts) are refused with the reason
 *   (replaceRefusal, keepOwner), before anything is written; `--dry` says the same.
 * - **A file is written only if it did not change since it was read.** Just before the
 *   rename, the original's inode, size, mtime and ctime (which any change of its metadata
 *   moves: a link, a mode, an attribute), and then its bytes, are compared with what was read;
 *   a difference refuses the write (FileChangedError). What is left is the microseconds
 *   between that check and the rename.
 * - **No temporary file is left behind.** It is removed by its path, or, where its folder was
 *   moved since (Linux), by the path its open descriptor has now; failing both, the failure names it.
 *
 * Faults can be injected for tests (RECORD_COMPAT_TEST_FAULT, or setIoHooks in process):
 * the fault-injection suite drives every failure path through this module.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fileKindWords, MAX_SOURCE_BYTES, readOpenFile, WRITE_TEMP_SUFFIX } from '../rewrite/light';
import { ACL_ATTRIBUTE, attributesOf, attributesWayOut, expectWrite } from './attributes';

export { askExpectedNow, attributesReady, attributesUnchecked } from './attributes';

/** What was read: the bytes, and what identifies that version of the file. */
export interface ReadStamp {
  /** The path it was read by. */
  file: string;
  bytes: Buffer;
  size: number;
  mtimeMs: number;
  /** The last change of its metadata (a link, a mode, an owner, an extended attribute) or bytes. */
  ctimeMs: number;
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

/**
 * An absolute path the write gate let through (write-gate.ts, writablePath): the only kind of path this module writes.
 * Made nowhere else.
 */
export type WritablePath = string & { readonly writableByTheGate: unique symbol };

/** The original changed (or went away) between the read and the write: left alone. */
export class FileChangedError extends Error {}

/** What a file gone between the walk and its read, or its write, is reported with. */
const DELETED_DURING_RUN = 'deleted while the run was going: left alone, run again';

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

// RECORD_COMPAT_TEST_FAULT=<fault>[@<n>|@<path>]: the fault on the n-th source write of the run, or on the
// writes of the files whose path ends with <path> (every write when neither is given).
//   short: a write stores half of what it was asked, then no more (a full disk)
//   enospc: a write fails with ENOSPC
//   lost: a write reports the full count but stores half (a lying device: only the read-back sees it)
//   edit: the original is edited between the read and the replace
//   rename: the rename fails with EIO
const FAULT_ENV = 'RECORD_COMPAT_TEST_FAULT';
type FaultKind = 'short' | 'enospc' | 'lost' | 'edit' | 'rename';
let envFault: { kind: FaultKind; nth: number | null; path: string | null } | null | undefined;
let writeCount = 0;

function faultForThisWrite(file: string): FaultKind | null {
  if (envFault === undefined) {
    const value = process.env[FAULT_ENV];
    const m = value ? /^(short|enospc|lost|edit|rename)(?:@(?:(\d+)|(.+)))?$/.exec(value) : null;
    if (value && !m)
      throw new Error(`${FAULT_ENV}=${value}: expected short|enospc|lost|edit|rename, optionally @<n> or @<path>`);
    envFault = m ? { kind: m[1] as FaultKind, nth: m[2] ? Number(m[2]) : null, path: m[3] ?? null } : null;
  }
  if (!envFault) return null;
  if (envFault.path !== null) return file.split(path.sep).join('/').endsWith(envFault.path) ? envFault.kind : null;
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
    if (code === 'ENOENT') throw new FileChangedError(DELETED_DURING_RUN);
    throw err;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new IoRefusal(fileKindWords(stat));
    if (stat.size > MAX_SOURCE_BYTES) return { kind: 'tooLarge', size: stat.size };
    const bytes = readOpenFile(fd, stat.size, scratch);
    hooks.afterRead?.(file);
    const stamp: ReadStamp = {
      file,
      bytes,
      size: stat.size,
      mtimeMs: stat.mtimeMs,
      ctimeMs: stat.ctimeMs,
      ino: stat.ino,
      dev: stat.dev,
      mode: stat.mode,
      uid: stat.uid,
      gid: stat.gid,
      nlink: stat.nlink,
    };
    return { kind: 'ok', stamp, bytes };
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * A read's bytes and stamp in memory of their own (after a read into a scratch buffer): a file
 * the run may write, whose extended attributes are asked for with the next batch (attributes.ts).
 */
export function keepRead(read: Extract<ReadOutcome, { kind: 'ok' }>): { bytes: Buffer; stamp: ReadStamp } {
  const bytes = Buffer.from(read.bytes);
  expectWrite(read.stamp.file);
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
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new FileChangedError(DELETED_DURING_RUN);
    throw err;
  }
  const changed = () => new FileChangedError('changed while the run was going: left alone, run again');
  const same =
    now.isFile() &&
    now.ino === stamp.ino &&
    now.dev === stamp.dev &&
    now.size === stamp.size &&
    now.mtimeMs === stamp.mtimeMs &&
    now.ctimeMs === stamp.ctimeMs;
  if (!same) throw changed();
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
export function writeNewFile(file: WritablePath, text: string): void {
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
export async function replaceSourceAsync(file: WritablePath, text: string, stamp: ReadStamp): Promise<void> {
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

/**
 * Removes the temporary files of the writes under way (a second signal: the process exits at once); their originals are
 * untouched.
 */
export function removeUnfinishedWrites(): void {
  for (const write of unfinished) abandonWrite(write);
}

/**
 * Step 1: the temporary file next to the original, with the original's mode (and owner), holding every byte. What
 * the write would change beyond the bytes was asked by the write gate just before (replaceRefusal, createRefusal).
 */
function beginWrite(file: WritablePath, data: Buffer, stamp: ReadStamp | null): PendingWrite {
  writeCount++;
  const fault = faultForThisWrite(file);
  const mode = stamp ? stamp.mode & 0o7777 : 0o644;
  if (temporaryPath(file) === null) throw new IoRefusal(NO_ROOM_FOR_TEMPORARY);
  const temp = temporaryPath(file, ++tempCounter)!;
  const write: PendingWrite = {
    file,
    temp,
    fd: fs.openSync(temp, fs.constants.O_RDWR | fs.constants.O_CREAT | fs.constants.O_EXCL | O_NOFOLLOW, mode),
    stamp,
    fault,
  };
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

/**
 * The longest name a folder entry may have, and the longest path a system call takes (Linux; macOS allows no more), in
 * bytes.
 */
const NAME_MAX = 255;
const PATH_MAX = 4095;
/** The widest counter a temporary name is checked with (replaceRefusal runs before the counter is known). */
const WIDEST_COUNTER = 2 ** 32;

/**
 * The temporary file beside `file`: `.<name>.<pid>.<n>.record-compat-tmp`, the walk's sign of a
 * write a killed run left (WRITE_TEMP_SUFFIX). A name too long to take the rest within
 * NAME_MAX (a file named near the limit) is cut, at a character's boundary, to what fits: the
 * pid and the counter keep it unique. Null when even an empty name does not fit in PATH_MAX.
 */
function temporaryPath(file: string, counter = WIDEST_COUNTER): string | null {
  const dir = path.dirname(file);
  const tail = `.${process.pid}.${counter}${WRITE_TEMP_SUFFIX}`;
  const room = Math.min(NAME_MAX, PATH_MAX - Buffer.byteLength(path.join(dir, 'x')) + 1) - 1 - Buffer.byteLength(tail);
  if (room < 0) return null;
  return path.join(dir, `.${leadingBytes(path.basename(file), room)}${tail}`);
}

/** The longest start of `name` whose UTF-8 takes at most `max` bytes, cut between two characters. */
function leadingBytes(name: string, max: number): string {
  const bytes = Buffer.from(name, 'utf8');
  if (bytes.length <= max) return name;
  let end = max;
  // A byte 10xxxxxx continues a character begun before it.
  while (end > 0 && (bytes[end] & 0xc0) === 0x80) end--;
  return bytes.subarray(0, end).toString('utf8');
}

const NO_ROOM_FOR_TEMPORARY = `its path is too long for a temporary file beside it (${PATH_MAX} bytes at most): left as it is (move it to a shorter path to migrate it)`;

const NO_WRITE_PERMISSION = new Set(['EACCES', 'EPERM']);

/**
 * Why a new file renamed over `file` would change more than its bytes (or could not be put
 * there by this user), in words for the report; null when it can be replaced. `stamp`: what
 * the file is now (its names, its owner). Asked by the write gate before every replace, and so
 * by `--dry` for each file it would change: the same checks, in the same words.
 */
export function replaceRefusal(file: string, stamp: Pick<ReadStamp, 'nlink' | 'uid'>): string | null {
  if (stamp.nlink > 1) {
    const others = stamp.nlink - 1;
    return `it has ${others} other hard link${others === 1 ? '' : 's'}: a new file in its place would leave ${others === 1 ? 'that name' : 'those names'} with the old text; left as it is (copy it and move the copy over it, to migrate it)`;
  }
  // Root may write anything: access() answers for this user, as an in-place writer would meet it.
  const fileRefusal = writeRefusal(
    file,
    fs.constants.W_OK,
    'read-only for this user: left as it is (make it writable to migrate it)',
  );
  if (fileRefusal) return fileRefusal;
  // The temporary file is created in the folder and renamed there: both need the folder writable.
  const folderRefusal = writeRefusal(
    path.dirname(file),
    fs.constants.W_OK | fs.constants.X_OK,
    'its folder is read-only for this user, and the new file is put in its place by a rename there: left as it is (make the folder writable to migrate it)',
  );
  if (folderRefusal) return folderRefusal;
  const uid = process.getuid?.();
  // Root can give the new file any owner (keepOwner); another user only its own uid and groups.
  if (uid !== undefined && uid !== 0 && stamp.uid !== uid)
    return `owned by another user (uid ${stamp.uid}): a new file in its place would be yours; left as it is`;
  if (temporaryPath(file) === null) return NO_ROOM_FOR_TEMPORARY;
  return attributeRefusal(file);
}

/**
 * Why a new file cannot be created at `file`, whose nearest folder that exists is `folder` (the folders between are
 * made): this user may not write there, or the path leaves no room for the temporary file; null when it can.
 */
export function createRefusal(file: string, folder: string): string | null {
  const refusal = writeRefusal(
    folder,
    fs.constants.W_OK | fs.constants.X_OK,
    folder === path.dirname(file)
      ? 'its folder is read-only for this user, so it cannot be created there (make the folder writable)'
      : 'the folder it would be made in is read-only for this user (make that folder writable)',
  );
  return refusal ?? (temporaryPath(file) === null ? NO_ROOM_FOR_TEMPORARY : null);
}

/** Why this user may not write `target` (access() with `mode`), in words; null when it may. */
function writeRefusal(target: string, mode: number, readOnly: string): string | null {
  try {
    fs.accessSync(target, mode);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return 'on a read-only file system: left as it is';
    if (code && NO_WRITE_PERMISSION.has(code)) return readOnly;
    if (code === 'ENOENT') throw new FileChangedError(DELETED_DURING_RUN);
    throw err;
  }
}

/**
 * The extended attributes (and ACL) a new file in `file`'s place would not carry, as a refusal; null when it has none,
 * or where they are not checked (the run's summary says so: attributesUnchecked).
 */
function attributeRefusal(file: string): string | null {
  const answer = attributesOf(file);
  if (answer.kind === 'unreadable')
    return `its extended attributes could not be read (${answer.why}), and a new file in its place would carry none: left as it is`;
  if (answer.kind === 'unchecked' || answer.names.length === 0) return null;
  const named = answer.names.map((name) => (name === ACL_ATTRIBUTE ? `${name}: its ACL` : name));
  return `it has extended attributes (${named.join(', ')}) that a new file in its place would not carry: left as it is (to migrate it, ${attributesWayOut()})`;
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
    throw new IoRefusal(
      `its owner and group (${stamp.uid}:${stamp.gid}) could not be kept (${(err as NodeJS.ErrnoException).code ?? (err as Error).message}): left as it is`,
    );
  }
}

/** Step 3, once the bytes are on the disk: read them back, check the original is the version read, rename. */
function completeWrite(write: PendingWrite, data: Buffer): void {
  const { file, temp, stamp, fault } = write;
  try {
    if (!sameBytes(write.fd, data))
      throw errno('EIO', 'the bytes read back differ from the bytes written (is the disk full?)');
    hooks.beforeReplace?.(file);
    if (fault === 'edit') fs.appendFileSync(file, '\n// edited by hand (injected)\n');
    if (stamp) assertUnchanged(file, stamp);
    if (fault === 'rename') throw errno('EIO', 'rename failed (injected)');
    fs.renameSync(temp, file);
  } catch (err) {
    throw abandonWrite(write, err);
  }
  // Open until here: a failure before the rename removes the temporary file wherever its folder went (abandonWrite).
  unfinished.delete(write);
  closeQuietly(write);
}

/**
 * On any failure: the temporary file goes, the original stays as it was. Returns the failure
 * to report, which names the temporary file when it could not go (a folder that lets files be
 * created but not removed: append-only, some network file systems; a folder moved during the
 * run, off Linux).
 */
function abandonWrite(write: PendingWrite, failure?: unknown): unknown {
  unfinished.delete(write);
  const left = removeTemporary(write);
  closeQuietly(write);
  if (left && failure instanceof Error)
    failure.message += `; its temporary file ${path.basename(write.temp)} could not be removed (${left}): delete it`;
  return failure;
}

/** Removes a write's temporary file; returns why it could not, or null. */
function removeTemporary(write: PendingWrite): string | null {
  try {
    fs.unlinkSync(write.temp);
    return null;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') return code ?? (err as Error).message;
  }
  // Not at its path: gone, or its folder was moved or renamed since. The open descriptor tells which, and where it is
  // now.
  if (write.fd === -1 || linksOf(write.fd) === 0) return null;
  const now = currentPathOf(write.fd);
  if (now === null || path.basename(now) !== path.basename(write.temp)) return 'its folder was moved during the run';
  try {
    fs.unlinkSync(now);
    return null;
  } catch (err) {
    return `its folder was moved during the run, to ${now}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`;
  }
}

/** How many names an open file has (0: removed); null where fstat fails. */
function linksOf(fd: number): number | null {
  try {
    return fs.fstatSync(fd).nlink;
  } catch {
    return null;
  }
}

/** Where an open file is now, by its descriptor (Linux's /proc); null where that cannot be told. */
function currentPathOf(fd: number): string | null {
  try {
    return fs.readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return null;
  }
}

function closeQuietly(write: PendingWrite): void {
  if (write.fd === -1) return;
  try {
    fs.closeSync(write.fd);
  } catch {
    // already failing, or already written
  }
  write.fd = -1;
}
