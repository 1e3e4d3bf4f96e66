/**
 * The extended attributes a write by rename would lose, for io.ts. The new file put in the
 * original's place carries none of the original's: not its `user.*` or `trusted.*` attributes,
 * nor its POSIX ACL, which Linux keeps as the attribute `system.posix_acl_access`. (`security.*`
 * is left out: the system labels a new file itself, as SELinux does.)
 *
 * Node has no call that lists them, so getfattr (the package attr) is asked, in batches: the
 * run announces each file it may write once it has read it (`expectWrite`). A process started
 * from the run's is costly (about 10 ms: the fork copies a large process's page tables), so the
 * batches are asked in the background as the announced files reach a size that doubles (256,
 * 512), and the rest when the run has read everything (`askExpectedNow`): a handful of
 * processes a run. A write first waits for its file's batch (`attributesReady`); a file no
 * batch holds is asked about when its write comes (`attributesOf`). Where getfattr is not
 * installed, or off Linux, nothing is checked: `attributesUnchecked` says why, for the run's warning.
 */
import { execFile, spawnSync } from 'child_process';

/**
 * What getfattr said of one file: the attributes a rename would lose (none: an empty list), or why it could not say.
 */
export type AttributeAnswer =
  { kind: 'names'; names: string[] } | { kind: 'unreadable'; why: string } | { kind: 'unchecked' };

/** Why nothing is checked here, and what would change it. */
export interface Unchecked {
  why: string;
  remedy: string | null;
}

/**
 * The names asked for: every `user.` and `trusted.` attribute, and the ACL; a getfattr -m pattern (an extended regular
 * expression).
 */
const LOST_BY_RENAME = '^(user|trusted)\\.|^system\\.posix_acl_access$';

/** The attribute that holds a file's POSIX ACL. */
export const ACL_ATTRIBUTE = 'system.posix_acl_access';

/** At most this many files wait for the next batch (the rest are asked when their write comes). */
const BATCH_MAX = 512;
/**
 * The announced files that start the first background batch; each next batch waits for twice as many. A tree of
 * 10,000 files with 1 % to rewrite asks once, at the end: a process more cost it 2 % of its time.
 */
const FIRST_BATCH = 256;

/** The bytes of file names one getfattr process is given, well under any system's argument limit. */
const ARGUMENT_BYTES = 64 * 1024;

/** A getfattr that does not answer in this time (a network file system that stopped) is stopped. */
const TIMEOUT_MS = 120_000;

/** Files read with a view to writing them, to ask about in the next batch. */
let expected = new Set<string>();
/** How many announced files start the next background batch. */
let nextBatch = FIRST_BATCH;
/** The batches' answers, each taken once. */
const answers = new Map<string, AttributeAnswer>();
/** The files of the batches asked in the background, each with its batch: settled once the answers are stored. */
const asking = new Map<string, Promise<void>>();
/** Why nothing can be checked here, once known (getfattr missing, not Linux); null: getfattr answers. */
let unchecked: Unchecked | null | undefined;
/** Settled once the files expected now are answered, by the batch they join or by attributesOf. */
let expectedAnswered = settlement();

/** A file read with a view to writing it: asked about with the next batch. */
export function expectWrite(file: string): void {
  // A new read may find other attributes than an answer kept from before (a long-lived process).
  answers.delete(file);
  if (expected.size < BATCH_MAX) expected.add(file);
  if (expected.size >= nextBatch && !offLinux() && !unchecked) {
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
  return expected.has(file) && !offLinux() && !unchecked ? expectedAnswered.promise : null;
}

/** The run has read every file it may write: the files still expected are asked about now, in the background. */
export function askExpectedNow(): void {
  if (expected.size === 0) return;
  if (!offLinux() && !unchecked) return askInBackground();
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
  if (offLinux() || unchecked) return { kind: 'unchecked' };
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
 * Why extended attributes are not checked on this machine (named in the run's warning), or null
 * when they are. Known from the batches asked; a process that asked none asks getfattr its version.
 */
export function attributesUnchecked(): Unchecked | null {
  if (offLinux() || unchecked !== undefined) return unchecked!;
  const probe = spawnSync('getfattr', ['--version'], { stdio: 'ignore', timeout: TIMEOUT_MS });
  return (unchecked = missingGetfattr(probe.error));
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

/** Off Linux nothing is asked (getfattr is Linux's): says so once, as why nothing is checked. */
function offLinux(): boolean {
  if (process.platform === 'linux') return false;
  unchecked ??= { why: `extended attributes and ACLs are not checked on ${platformName()}`, remedy: null };
  return true;
}

function missingGetfattr(error: Error | undefined): Unchecked | null {
  if ((error as NodeJS.ErrnoException | undefined)?.code !== 'ENOENT') return null;
  return {
    why: 'getfattr is not installed, so extended attributes and ACLs are not checked',
    remedy: 'install the package attr to have such a file refused instead',
  };
}

function platformName(): string {
  return process.platform === 'darwin' ? 'macOS' : process.platform === 'win32' ? 'Windows' : process.platform;
}

/** Asks getfattr about `files`, as many at a time as ARGUMENT_BYTES allows. */
function askGetfattr(files: string[]): Map<string, AttributeAnswer> {
  const found = new Map<string, AttributeAnswer>();
  for (const chunk of chunksOf(files)) {
    const r = spawnSync('getfattr', getfattrArguments(chunk), getfattrOptions());
    readAnswers(chunk, { error: r.error, signal: r.signal, stdout: r.stdout, stderr: r.stderr }, found);
  }
  return found;
}

/** askGetfattr in the background: the same processes, none waited for. */
async function askGetfattrLater(files: string[]): Promise<Map<string, AttributeAnswer>> {
  const found = new Map<string, AttributeAnswer>();
  const runs = chunksOf(files).map(
    (chunk) =>
      new Promise<void>((resolve) => {
        execFile('getfattr', getfattrArguments(chunk), getfattrOptions(), (error, stdout, stderr) => {
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

function getfattrArguments(files: string[]): string[] {
  return ['--absolute-names', '-m', LOST_BY_RENAME, '--', ...files];
}

/** Read at each process: a test (or a long-lived caller) may change the environment between two. */
function getfattrOptions(): {
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

/** What one getfattr process did. */
interface GetfattrRun {
  error: Error | undefined;
  signal: NodeJS.Signals | null;
  stdout: Buffer | null;
  stderr: Buffer | null;
}

/**
 * One getfattr over `files` (absolute paths): it lists, under `# file: <path>`, each file
 * holding attributes the pattern matches, and says on stderr, as `getfattr: <path>: <error>`,
 * each it could not read. A file it does not name has none. A file gone since (ENOENT) or on a
 * file system that keeps none (ENOTSUP) has none to lose; any other error leaves the file unreadable.
 */
function readAnswers(files: string[], r: GetfattrRun, found: Map<string, AttributeAnswer>): void {
  const missing = missingGetfattr(r.error);
  unchecked = missing;
  const failure = missing
    ? null
    : r.error
      ? `getfattr failed: ${(r.error as NodeJS.ErrnoException).code ?? r.error.message}`
      : r.signal
        ? `getfattr was stopped by ${r.signal}`
        : null;
  for (const file of files)
    found.set(
      file,
      missing ? { kind: 'unchecked' } : failure ? { kind: 'unreadable', why: failure } : { kind: 'names', names: [] },
    );
  if (missing || failure) return;
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

/** getfattr's output as lines of bytes (held in latin1 strings, one character a byte). */
function splitLines(output: Buffer | null): string[] {
  return output ? output.toString('latin1').split('\n') : [];
}

/** getfattr writes a backslash and the line-break characters of a name as `\` and three octal digits. */
function unquote(quoted: string): string {
  return quoted.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
