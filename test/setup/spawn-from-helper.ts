/**
 * The unit project's workers are threads of one process that grows past 2 GB, and each process it
 * starts copies its page tables first: 20-40 ms a start, for about 2,300 git and getfattr
 * processes. Here a worker hands spawnSync, execFileSync and execFile to a small Node process of
 * its own (test/setup/spawner.mjs), where a start costs about 2 ms. The code under test is
 * untouched: Node's functions are replaced on the module, as it reads them at each call.
 *
 * Only what can cross a pipe is handed over: a call with a stream, a file descriptor or a function
 * in its options runs here as before. One difference stays: an execFileSync without `stdio` has
 * the command's stderr written by the helper, to the same terminal, not through this worker's
 * process.stderr (a test that watches it should give `stdio`, as the code under test does).
 */
import * as childProcess from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire, syncBuiltinESMExports } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Socket } from 'node:net';
import * as readline from 'node:readline';
import { EventEmitter } from 'node:events';
import { decode, encode, lineReader } from './spawn-wire.mjs';

type Options = Record<string, unknown>;
type Callback = (error: Error | null, stdout: string | Buffer, stderr: string | Buffer) => void;

// Marked on the worker's global object, not in a module: the setup runs again before each file.
const INSTALLED = Symbol.for('record-compat.test.spawn-from-helper');

/** Node's own module object, whose functions every caller reads at the call. */
const nodeChildProcess: typeof childProcess = createRequire(__filename)('node:child_process');
/** Node's functions, called as they were when a call cannot be handed over. */
type AnyCall = (this: unknown, ...args: unknown[]) => unknown;
const real = {
  spawnSync: nodeChildProcess.spawnSync as unknown as AnyCall,
  execFileSync: nodeChildProcess.execFileSync as unknown as AnyCall,
  execFile: nodeChildProcess.execFile as unknown as AnyCall,
};

/** The error the helper described, as an Error with the same properties. */
function errorFrom(data: Record<string, unknown> | null): Error | undefined {
  if (!data) return undefined;
  const error = new Error(String(data.message));
  Object.assign(error, data);
  return error;
}

/** True for what JSON carries unchanged (and Buffers, tagged). */
function crossesPipe(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  if (['string', 'boolean'].includes(typeof value)) return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Buffer.isBuffer(value)) return true;
  if (Array.isArray(value)) return value.every(crossesPipe);
  if (Object.getPrototypeOf(value) === Object.prototype) return Object.values(value).every(crossesPipe);
  return false;
}

/** The options with the worker's cwd and environment written out; undefined when they cannot be handed over. */
function portable(options: Options | undefined, allowSignal = false): Options | undefined {
  const { signal, ...rest } = options ?? {};
  if (signal !== undefined && !allowSignal) return undefined;
  // A file descriptor of this process (stdio: [0, fd, …]) means nothing in the helper.
  const stdio = rest.stdio;
  if (Array.isArray(stdio) && stdio.some((s) => typeof s === 'number')) return undefined;
  if (!crossesPipe(rest)) return undefined;
  return { ...rest, cwd: rest.cwd ?? process.cwd(), env: { ...(rest.env ?? process.env) } };
}

/** spawnSync(file, args?, options?) and the like: the arguments in order. */
function callParts(rest: unknown[]): { args: string[]; options: Options | undefined } {
  if (Array.isArray(rest[0])) return { args: rest[0] as string[], options: rest[1] as Options | undefined };
  return { args: [], options: rest[0] as Options | undefined };
}

class Helper {
  private requests = -1;
  private answers = -1;
  private nextAnswer!: () => string | undefined;
  private readonly calls = new Map<number, Callback>();
  private nextId = 0;
  private asyncRequests!: Socket;
  private asyncAnswers!: Socket;

  constructor() {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-spawner-'));
    const requests = path.join(folder, 'requests');
    const answers = path.join(folder, 'answers');
    // With stdio given, Node does not copy the command's (empty) stderr to this worker's, where a test may be watching.
    real.execFileSync.call(nodeChildProcess, 'mkfifo', [requests, answers], { stdio: 'pipe' });
    const child = childProcess.spawn(process.execPath, [path.join(__dirname, 'spawner.mjs'), requests, answers], {
      stdio: ['inherit', 'inherit', 'inherit', 'pipe', 'pipe'],
    });
    child.unref();
    child.on('exit', (code, signal) =>
      this.gone(`the spawn helper (test/setup/spawner.mjs) exited: ${signal ?? code}`),
    );
    this.asyncRequests = child.stdio[3] as Socket;
    this.asyncAnswers = child.stdio[4] as Socket;
    // A helper killed with a request unread resets its pipes; its exit, reported above, says why.
    for (const pipe of [this.asyncRequests, this.asyncAnswers]) pipe.on('error', () => {});
    this.listen();
    this.requests = this.openRequests(requests);
    this.answers = fs.openSync(answers, 'r');
    this.nextAnswer = lineReader(this.answers);
    fs.rmSync(folder, { recursive: true, force: true });
  }

  /** Waits (at most a minute, for a busy machine) for the helper to open its end: a FIFO opened for writing alone would block for good. */
  private openRequests(file: string): number {
    const wait = new Int32Array(new SharedArrayBuffer(4));
    for (let tries = 0; tries < 6000; tries++) {
      try {
        return fs.openSync(file, fs.constants.O_WRONLY | fs.constants.O_NONBLOCK);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENXIO') throw error;
        Atomics.wait(wait, 0, 0, 10);
      }
    }
    throw new Error('the spawn helper (test/setup/spawner.mjs) did not start within a minute');
  }

  /** One synchronous call, answered before it returns. */
  ask(call: 'spawnSync' | 'execFileSync', file: string, args: string[], options: Options): any {
    this.write(encode({ call, file, args, options }) + '\n');
    const answer = this.nextAnswer();
    if (answer === undefined) throw new Error('the spawn helper (test/setup/spawner.mjs) exited');
    return decode(answer);
  }

  private write(text: string): void {
    const bytes = Buffer.from(text);
    const wait = new Int32Array(new SharedArrayBuffer(4));
    for (let at = 0; at < bytes.length;) {
      try {
        at += fs.writeSync(this.requests, bytes, at);
      } catch (error) {
        // The FIFO is non-blocking (openRequests): full for a moment while the helper reads.
        if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
        Atomics.wait(wait, 0, 0, 1);
      }
    }
  }

  /** One asynchronous execFile; `stop` aborts it in the helper, as the signal would here. */
  execFile(file: string, args: string[], options: Options, callback: Callback, stop?: AbortSignal): void {
    const id = this.nextId++;
    this.calls.set(id, callback);
    this.refWhileWaiting();
    this.asyncRequests.write(encode({ id, file, args, options }) + '\n');
    const abort = () => this.asyncRequests.write(encode({ abort: id }) + '\n');
    if (stop?.aborted) abort();
    else stop?.addEventListener('abort', abort, { once: true });
  }

  private listen(): void {
    readline.createInterface({ input: this.asyncAnswers }).on('line', (line) => {
      const { id, error, stdout, stderr } = decode(line);
      const callback = this.calls.get(id)!;
      this.calls.delete(id);
      this.refWhileWaiting();
      callback(errorFrom(error) ?? null, stdout, stderr);
    });
    this.refWhileWaiting();
  }

  /** Every call still waiting fails, as no answer will come; the next call starts a new helper. */
  private gone(why: string): void {
    if (helper === this) helper = undefined;
    for (const fd of [this.requests, this.answers]) if (fd >= 0) fs.closeSync(fd);
    const waiting = [...this.calls.values()];
    this.calls.clear();
    for (const callback of waiting) callback(new Error(why), '', '');
  }

  /** The pipes keep the worker alive only while an answer is awaited. */
  private refWhileWaiting(): void {
    for (const pipe of [this.asyncRequests, this.asyncAnswers]) {
      if (this.calls.size > 0) pipe.ref();
      else pipe.unref();
    }
  }
}

let helper: Helper | undefined;
const theHelper = () => (helper ??= new Helper());

function spawnSync(this: unknown, file: string, ...rest: unknown[]) {
  const { args, options } = callParts(rest);
  const handed = portable(options);
  if (!handed) return real.spawnSync.call(this, file, ...rest);
  const { result } = theHelper().ask('spawnSync', file, args, handed);
  return { ...result, error: errorFrom(result.error) };
}

function execFileSync(this: unknown, file: string, ...rest: unknown[]) {
  const { args, options } = callParts(rest);
  const handed = portable(options);
  if (!handed) return real.execFileSync.call(this, file, ...rest);
  const answer = theHelper().ask('execFileSync', file, args, handed);
  if (answer.thrown) throw errorFrom(answer.thrown);
  return answer.result;
}

function execFile(this: unknown, file: string, ...rest: unknown[]) {
  const callback = typeof rest[rest.length - 1] === 'function' ? (rest.pop() as Callback) : () => {};
  const { args, options } = callParts(rest);
  const handed = portable(options, true);
  if (!handed) return real.execFile.call(this, file, ...rest, callback);
  theHelper().execFile(file, args, handed, callback, options?.signal as AbortSignal | undefined);
  // The callers here use the callback alone; a kill() on this is not handed over.
  return new EventEmitter();
}

const marked = globalThis as { [INSTALLED]?: true };
if (!marked[INSTALLED]) {
  marked[INSTALLED] = true;
  Object.assign(nodeChildProcess, { spawnSync, execFileSync, execFile });
  syncBuiltinESMExports();
}
