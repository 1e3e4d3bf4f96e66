/**
 * The extended attributes a write by rename would lose, for io.ts. The new file put in the
 * original's place carries none of the original's: not its `user.*` or `trusted.*` attributes,
 * nor its POSIX ACL, which Linux keeps as the attribute `system.posix_acl_access`. (`security.*`
 * is left out: the system labels a new file itself, as SELinux does.) On macOS, every attribute
 * but the system's own bookkeeping (the quarantine flag, the provenance, the last use, the
 * sandbox's grants, the text encoding an editor noted).
 *
 * Node has no call that lists them, so a program is asked (a Lister: getfattr, of the package
 * attr, on Linux; the system's xattr on macOS), in batches: the run announces each file it may
 * write once it has read it (`expectWrite`). A process started from the run's is costly (about
 * 10 ms: the fork copies a large process's page tables), so the batches are asked in the
 * background as the announced files reach a size that doubles (256, 512), and the rest when the
 * run has read everything (`askExpectedNow`): a handful of processes a run. A write first waits
 * for its file's batch (`attributesReady`); a file no batch holds is asked about when its write
 * comes (`attributesOf`). Where the program cannot be started, or elsewhere, nothing is checked:
 * `attributesUnchecked` says what, and why, for the run's summary.
 */
import { execFile, spawnSync } from 'child_process';
import { notStartedCode, notStartedWords } from '../rewrite/light';

/**
 * What the lister said of one file: the attributes a rename would lose (none: an empty list), or why it could not say.
 */
export type AttributeAnswer =
  { kind: 'names'; names: string[] } | { kind: 'unreadable'; why: string } | { kind: 'unchecked' };

/** What is not checked here (`what`), why, and what would have it checked. */
export interface Unchecked {
  what: string;
  why: string;
  remedy: string | null;
}

/**
 * The names asked for: every `user.` and `trusted.` attribute, and the ACL; a getfattr -m pattern (an extended regular
 * expression).
 */
const LOST_BY_RENAME = '^(user|trusted)\\.|^system\\.posix_acl_access$';

/**
 * The attributes macOS keeps for itself, which a rewritten source file may do without: the quarantine flag of a
 * download (every file unpacked from one has it), the provenance and last use the system notes, the sandbox's grants,
 * the text encoding an editor noted.
 */
const MACOS_BOOKKEEPING = new Set([
  'com.apple.quarantine',
  'com.apple.provenance',
  'com.apple.lastuseddate#PS',
  'com.apple.macl',
  'com.apple.TextEncoding',
]);

const BOTH = 'extended attributes and ACLs';

/** A program that lists the attributes of files, and how to read what it says. */
interface Lister {
  command: string;
  args(files: string[]): string[];
  /** Arguments that have it start and answer at once (whether it runs is what is asked). */
  probe: string[];
  /** Reads the names each file holds from a run that succeeded into `found`, where each file holds none yet. */
  readNames(files: string[], r: ListerRun, found: Map<string, AttributeAnswer>): void;
  /** What a refusal says to do: how to save, remove and put back what the rename would drop. */
  wayOut: string;
  /** What it does not see, said in the summary where it runs (null: nothing). */
  blindTo: Unchecked | null;
}

const GETFATTR: Lister = {
  command: 'getfattr',
  args: (files) => ['--absolute-names', '-m', LOST_BY_RENAME, '--', ...files],
  probe: ['--version'],
  readNames: readGetfattr,
  wayOut: 'save them with getfattr -d -m -, remove them, run again, then put them back with setfattr --restore',
  blindTo: null,
};

/**
 * macOS' xattr (`xattr file…`): with two files or more it writes `<file>: <name>` a line, with one the name alone, so a
 * file asked about alone is named twice.
 */
const XATTR: Lister = {
  command: 'xattr',
  args: (files) => (files.length === 1 ? [files[0], files[0]] : files),
  probe: ['-h'],
  readNames: readXattr,
  wayOut: 'note them with xattr -lx, remove them with xattr -c, run again, then put each back with xattr -wx',
  blindTo: { what: 'ACLs', why: 'xattr lists extended attributes only', remedy: null },
};

/** The lister of this platform; null where there is none. */
function lister(): Lister | null {
  return process.platform === 'linux' ? GETFATTR : process.platform === 'darwin' ? XATTR : null;
}

/** How a refusal for attributes says to keep them (the lister's way). */
export function attributesWayOut(): string {
  return (lister() ?? GETFATTR).wayOut;
}

/** The attribute that holds a file's POSIX ACL. */
export const ACL_ATTRIBUTE = 'system.posix_acl_access';

/** At most this many files wait for the next batch (the rest are asked when their write comes). */
const BATCH_MAX = 512;
/**
 * The announced files that start the first background batch; each next batch waits for twice as many. A tree of
 * 10,000 files with 1 % to rewrite asks once, at the end: a process more cost it 2 % of its time.
 */
const FIRST_BATCH = 256;

/** The bytes of file names one lister process is given, well under any system's argument limit. */
const ARGUMENT_BYTES = 64 * 1024;

/** A lister that does not answer in this time (a network file system that stopped) is stopped. */
const TIMEOUT_MS = 120_000;

/** Files read with a view to writing them, to ask about in the next batch. */
let expected = new Set<string>();
/** How many announced files start the next background batch. */
let nextBatch = FIRST_BATCH;
/** The batches' answers, each taken once. */
const answers = new Map<string, AttributeAnswer>();
/** The files of the batches asked in the background, each with its batch: settled once the answers are stored. */
const asking = new Map<string, Promise<void>>();
/** Why nothing can be checked here, once known (the lister missing, none on this platform); null: it answers. */
let unchecked: Unchecked | null | undefined;
/** Settled once the files expected now are answered, by the batch they join or by attributesOf. */
let expectedAnswered = settlement();

/** A file read with a view to writing it: asked about with the next batch. */
export function expectWrite(file: string): void {
  // A new read may find other attributes than an answer kept from before (a long-lived process).
  answers.delete(file);
  if (expected.size < BATCH_MAX) expected.add(file);
  if (expected.size >= nextBatch && !noLister() && !unchecked) {
    askInBackground();
    nextBatch = Math.min(2 * nextBatch, BATCH_MAX);
  }
}

/**
 * What to wait for before `file`'s write (or a --dry look at it): the batch that holds it, or the
 * next one when the file is still waiting for one, so that a run starts a few processes, not one
 * per write; null when there is nothing to wait for (answered already, or to be asked at once by
 * attributesOf).
 */
export function attributesReady(file: string): Promise<void> | null {
  const batch = asking.get(file);
  if (batch) return batch;
  return expected.has(file) && !noLister() && !unchecked ? expectedAnswered.promise : null;
}

/** The run has read every file it may write: the files still expected are asked about now, in the background. */
export function askExpectedNow(): void {
  if (expected.size === 0) return;
  if (!noLister() && !unchecked) return askInBackground();
  expected = new Set();
  answeredExpected();
}

/** Asks getfattr about every file expected, without waiting for it; the answers are stored as they come. */
function askInBackground(): void {
  const files = [...expected];
  const answered = expectedAnswered;
  expected = new Set();
  expectedAnswered = settlement();
  const batch = askGetfattrLater(files).then((found) => {
    if (answers.size > 4 * BATCH_MAX) answers.clear();
    for (const [asked, answer] of found) answers.set(asked, answer);
    for (const asked of files) asking.delete(asked);
  });
  for (const asked of files) asking.set(asked, batch);
  void batch.then(answered.settle);
}

/**
 * The attributes a rename of `file` would lose, asked now with every file expected, unless a batch already answered.
 */
export function attributesOf(file: string): AttributeAnswer {
  const known = answers.get(file);
  if (known) {
    answers.delete(file);
    return known;
  }
  if (noLister() || unchecked) return { kind: 'unchecked' };
  expected.add(file);
  // Answers not taken yet stay for their writes; those of files never written are let go, some time.
  if (answers.size > 4 * BATCH_MAX) answers.clear();
  for (const [asked, answer] of askGetfattr([...expected])) answers.set(asked, answer);
  expected = new Set();
  answeredExpected();
  const answer = answers.get(file) ?? { kind: 'names', names: [] };
  answers.delete(file);
  return answer;
}

/**
 * What the run's summary says is not checked on this machine, or null when everything is. Known
 * from the batches asked; a process that asked none starts the lister on no file to see that it runs.
 */
export function attributesUnchecked(): Unchecked | null {
  if (noLister() || unchecked !== undefined) return unchecked ?? lister()!.blindTo;
  const { command, probe } = lister()!;
  unchecked = notStarted(command, spawnSync(command, probe, { stdio: 'ignore', timeout: TIMEOUT_MS }).error);
  return unchecked ?? lister()!.blindTo;
}

/** Settles the wait of the files expected until now, and starts the next one's. */
function answeredExpected(): void {
  expectedAnswered.settle();
  expectedAnswered = settlement();
}

function settlement(): { promise: Promise<void>; settle: () => void } {
  let settle!: () => void;
  const promise = new Promise<void>((resolve) => (settle = resolve));
  return { promise, settle };
}

/** Where no program lists them (Windows), nothing is asked: says so once, as why nothing is checked. */
function noLister(): boolean {
  if (lister()) return false;
  unchecked ??= { what: BOTH, why: `nothing lists them on ${platformName()}`, remedy: null };
  return true;
}

/** Why nothing is checked when the lister could not be started (programs.ts); null when it was. */
function notStarted(command: string, error: Error | undefined): Unchecked | null {
  const code = notStartedCode(error);
  if (code === undefined) return null;
  const remedy = command === 'getfattr' ? 'install the package attr' : `make ${command} one this user can run`;
  return {
    what: BOTH,
    why: notStartedWords(command, code),
    remedy: `${remedy}${code === 'ENOENT' ? '' : ', or fix the PATH,'} to have a file that has them refused`,
  };
}

function platformName(): string {
  return process.platform === 'darwin' ? 'macOS' : process.platform === 'win32' ? 'Windows' : process.platform;
}

/** Asks the lister about `files`, as many at a time as ARGUMENT_BYTES allows. */
function askGetfattr(files: string[]): Map<string, AttributeAnswer> {
  const found = new Map<string, AttributeAnswer>();
  const { command, args } = lister()!;
  for (const chunk of chunksOf(files)) {
    const r = spawnSync(command, args(chunk), listerOptions());
    readAnswers(chunk, { error: r.error, signal: r.signal, stdout: r.stdout, stderr: r.stderr }, found);
  }
  return found;
}

/** askGetfattr in the background: the same processes, none waited for. */
async function askGetfattrLater(files: string[]): Promise<Map<string, AttributeAnswer>> {
  const found = new Map<string, AttributeAnswer>();
  const { command, args } = lister()!;
  const runs = chunksOf(files).map(
    (chunk) =>
      new Promise<void>((resolve) => {
        execFile(command, args(chunk), listerOptions(), (error, stdout, stderr) => {
          const signal = (error as { signal?: NodeJS.Signals | null } | null)?.signal ?? null;
          // A non-zero exit is getfattr's word on some file (on stderr), not a failure of the process.
          const failure =
            error && (typeof (error as { code?: unknown }).code !== 'number' || signal) ? error : undefined;
          readAnswers(
            chunk,
            {
              error: failure ?? undefined,
              signal,
              stdout: stdout as unknown as Buffer,
              stderr: stderr as unknown as Buffer,
            },
            found,
          );
          resolve();
        });
      }),
  );
  await Promise.all(runs);
  return found;
}

/** `files` in groups whose names fit in ARGUMENT_BYTES. */
function chunksOf(files: string[]): string[][] {
  const chunks: string[][] = [];
  let chunk: string[] = [];
  let bytes = 0;
  for (const file of files) {
    const size = Buffer.byteLength(file) + 1;
    if (chunk.length > 0 && bytes + size > ARGUMENT_BYTES) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(file);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

/** Read at each process: a test (or a long-lived caller) may change the environment between two. */
function listerOptions(): {
  encoding: 'buffer';
  timeout: number;
  killSignal: NodeJS.Signals;
  maxBuffer: number;
  stdio: ['ignore', 'pipe', 'pipe'];
  env: NodeJS.ProcessEnv;
} {
  return {
    encoding: 'buffer',
    timeout: TIMEOUT_MS,
    killSignal: 'SIGKILL',
    maxBuffer: 64 * 1024 * 1024,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its error messages in English, whatever the user's locale: they are matched below.
    env: { ...process.env, LC_ALL: 'C' },
  };
}

/** What one lister process did. */
interface ListerRun {
  error: Error | undefined;
  signal: NodeJS.Signals | null;
  stdout: Buffer | null;
  stderr: Buffer | null;
}

/**
 * One lister's run over `files` (absolute paths): where it could not be started, nothing is
 * checked (and said once); where it failed or was stopped, each file is unreadable; else the
 * names it says each file holds (a file it does not name holds none).
 */
function readAnswers(files: string[], r: ListerRun, found: Map<string, AttributeAnswer>): void {
  const { command, readNames } = lister()!;
  const missing = notStarted(command, r.error);
  unchecked = missing;
  const failure = missing
    ? null
    : r.error
      ? `${command} failed: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`
      : r.signal
        ? `${command} was stopped by ${r.signal}`
        : null;
  for (const file of files)
    found.set(
      file,
      missing ? { kind: 'unchecked' } : failure ? { kind: 'unreadable', why: failure } : { kind: 'names', names: [] },
    );
  if (!missing && !failure) readNames(files, r, found);
}

/**
 * getfattr lists, under `# file: <path>`, each file holding attributes the pattern matches, and says on stderr, as
 * `getfattr: <path>: <error>`, each it could not read. A file gone since (ENOENT) or on a file system that keeps none
 * (ENOTSUP) has none to lose; any other error leaves the file unreadable.
 */
function readGetfattr(files: string[], r: ListerRun, found: Map<string, AttributeAnswer>): void {
  const byName = new Map(files.map((file) => [Buffer.from(file).toString('latin1'), file]));
  let current: string | undefined;
  for (const line of splitLines(r.stdout)) {
    if (line.startsWith('# file: ')) {
      current = byName.get(unquote(line.slice('# file: '.length)));
    } else if (line !== '' && current !== undefined) {
      const answer = found.get(current)!;
      if (answer.kind === 'names') answer.names.push(Buffer.from(unquote(line), 'latin1').toString('utf8'));
    }
  }
  for (const line of splitLines(r.stderr)) {
    const m = /^getfattr: (.*): ([^:]+)$/.exec(line);
    const file = m ? byName.get(unquote(m[1])) : undefined;
    if (!file || m![2] === 'No such file or directory' || m![2] === 'Operation not supported') continue;
    found.set(file, { kind: 'unreadable', why: `getfattr: ${m![2]}` });
  }
}

/**
 * xattr writes `<file>: <name>` for each attribute (a file is named as it was given: the longest that starts the line
 * is it), and on stderr `No such file: <file>` for a file gone since (none to lose) or its error, which names the file.
 * A file whose name holds a line break cannot be told from its lines: unreadable. The system's bookkeeping is left out.
 */
function readXattr(files: string[], r: ListerRun, found: Map<string, AttributeAnswer>): void {
  const longestFirst = [...files].sort((a, b) => b.length - a.length);
  const fileOf = (line: string) => longestFirst.find((file) => line.startsWith(`${file}: `));
  for (const line of (r.stdout?.toString('utf8') ?? '').split('\n')) {
    const file = fileOf(line);
    const answer = file === undefined ? undefined : found.get(file);
    const name = file === undefined ? '' : line.slice(file.length + 2);
    if (answer?.kind === 'names' && !MACOS_BOOKKEEPING.has(name) && !answer.names.includes(name))
      answer.names.push(name);
  }
  for (const line of (r.stderr?.toString('utf8') ?? '').split('\n').filter((text) => text.trim() !== '')) {
    if (line.startsWith('No such file: ') && files.includes(line.slice('No such file: '.length))) continue;
    const named = files.filter((file) => line.includes(file));
    for (const file of named.length > 0 ? named : files) found.set(file, { kind: 'unreadable', why: `xattr: ${line}` });
  }
  for (const file of files.filter((name) => /[\r\n]/.test(name)))
    found.set(file, { kind: 'unreadable', why: 'its name holds a line break, which the list of xattr cannot name' });
}

/** A lister's output as lines of bytes (held in latin1 strings, one character a byte). */
function splitLines(output: Buffer | null): string[] {
  return output ? output.toString('latin1').split('\n') : [];
}

/** getfattr writes a backslash and the line-break characters of a name as `\` and three octal digits. */
function unquote(quoted: string): string {
  return quoted.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
