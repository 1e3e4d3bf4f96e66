/**
 * The unit project's processes are started by a helper (spawn-from-helper.ts): what the code under
 * test gets back must be what Node's own functions give, failures included.
 */
import * as childProcess from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/** A Node process of its own, where child_process is Node's, not replaced. */
const own = (script: string) =>
  childProcess.spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });

/** What a call gives in a process without the helper, as JSON. */
function unhelped(call: string): unknown {
  const r = own(`import * as cp from 'node:child_process';
const plain = (v) => JSON.parse(JSON.stringify(v, (k, x) => (x && x.type === 'Buffer' ? Buffer.from(x.data).toString('base64') : x)));
const result = await (async () => { ${call} })();
process.stdout.write(JSON.stringify(plain(result)));`);
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout);
}

const plain = (value: unknown) =>
  JSON.parse(JSON.stringify(value, (_k, x) => (x && x.type === 'Buffer' ? Buffer.from(x.data).toString('base64') : x)));

/** The same call here, through the helper, shaped as unhelped() shapes it. */
async function helped(call: string): Promise<unknown> {
  const cp = createRequire(__filename)('node:child_process');
  const run = new Function('cp', `return (async () => { ${call} })();`) as (cp: unknown) => Promise<unknown>;
  return plain(await run(cp));
}

// Each call returns the parts a caller reads; pid and the helper's own stack differ by nature.
const CALLS: Record<string, string> = {
  'spawnSync: output, status': `const r = cp.spawnSync('sh', ['-c', 'echo out; echo err >&2; exit 3']);
    return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, output: r.output };`,
  'spawnSync: encoding and input': `const r = cp.spawnSync('cat', [], { input: 'typed\\n', encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout };`,
  'spawnSync: a missing command': `const r = cp.spawnSync('no-such-command-here', ['x']);
    return { status: r.status, code: r.error.code, syscall: r.error.syscall, path: r.error.path, spawnargs: r.error.spawnargs };`,
  'spawnSync: a timeout': `const r = cp.spawnSync('sleep', ['5'], { timeout: 100, killSignal: 'SIGKILL' });
    return { status: r.status, signal: r.signal, code: r.error.code };`,
  'execFileSync: output': `return cp.execFileSync('sh', ['-c', 'printf "%s" "$X"'], { env: { ...process.env, X: 'from env' }, encoding: 'utf8' });`,
  'execFileSync: a failure': `try { cp.execFileSync('sh', ['-c', 'echo nope >&2; exit 4'], { stdio: 'pipe' }); } catch (e) {
    return { message: e.message, status: e.status, signal: e.signal, stderr: e.stderr.toString() }; }`,
  'execFile: output and a failure': `return await new Promise((done) => cp.execFile('sh', ['-c', 'echo a; exit 2'], { encoding: 'buffer' },
    (error, stdout, stderr) => done({ code: error.code, killed: error.killed, cmd: error.cmd, stdout, stderr })));`,
  'execFile: stopped by its signal': `const stop = new AbortController();
    const answer = new Promise((done) => cp.execFile('sleep', ['5'], { signal: stop.signal },
      (error, stdout) => done({ name: error.name, code: error.code, killed: error.killed, stdout })));
    setTimeout(() => stop.abort(), 100);
    return await answer;`,
};

/** child_process as the code under test gets it: through the helper. */
const helpedChildProcess = () => createRequire(__filename)('node:child_process') as typeof childProcess;

/** The helper's pid: the parent that a process it starts sees. */
const helperPid = () => Number(helpedChildProcess().execFileSync('sh', ['-c', 'echo $PPID'], { encoding: 'utf8' }));

/**
 * Kills the helper while a call waits on it; the pid it had and the waiting call's error. Stopped first, the helper
 * dies with the request unread, so its end of the pipe is reset, not closed.
 */
async function killHelperMidCall(): Promise<{ killed: number; error: Error | null }> {
  const killed = helperPid();
  process.kill(killed, 'SIGSTOP');
  const waiting = new Promise<Error | null>((done) => helpedChildProcess().execFile('sleep', ['5'], done));
  process.kill(killed, 'SIGKILL');
  const error = await waiting;
  // Long enough for the dead helper's pipes to report their reset here, within the test.
  await new Promise((done) => setTimeout(done, 100));
  return { killed, error };
}

describe('the processes of the unit tests, started by a helper', () => {
  it('are started by the helper, not by this worker', () => {
    expect(helperPid()).not.toBe(process.pid);
  });

  it('fail a call waiting when the helper dies, and start a new one for the next', async () => {
    const { killed, error } = await killHelperMidCall();
    expect(error?.message).toBe('the spawn helper (test/setup/spawner.mjs) exited: SIGKILL');
    const next = helperPid();
    expect(next).not.toBe(killed);
    expect(next).not.toBe(process.pid);
  });

  it("starts a new helper without a word on this worker's stderr (a test may be watching it)", async () => {
    const { killed } = await killHelperMidCall();
    const written: unknown[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: unknown) => written.push(chunk) > 0) as typeof write;
    try {
      expect(helperPid()).not.toBe(killed);
    } finally {
      process.stderr.write = write;
    }
    expect(written).toEqual([]);
  });

  it.each(Object.keys(CALLS))('answer as Node itself: %s', async (name) => {
    expect(await helped(CALLS[name])).toEqual(unhelped(CALLS[name]));
  });
});
