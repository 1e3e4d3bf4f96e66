/**
 * The planning thread of the CLI (src/cli/pipeline.ts, plan-worker.ts), through the built bin:
 * RECORD_COMPAT_PLAN_THREAD forces it on (or off) whatever the tree's size, and
 * RECORD_COMPAT_TEST_WORKER_FAULT makes it crash, throw or hold its files. With it, a run must
 * be the run of one thread: the same files written the same way, the same report; when it
 * stops, no file is lost; a signal while it holds files is an honest interruption.
 */
import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MAIN_HELPS_AFTER_MS,
  MAIN_HELPS_AFTER_MS_DRY,
  MAIN_HELPS_FROM,
  mainThreadHelps,
  PIPELINE_MIN_FILES,
} from '../../src/cli/pipeline';
import {
  assertBuilt,
  BIN,
  cleanupProjects,
  makeProject,
  PLAIN,
  read,
  runCli,
  runCliAsync,
  mainInProcess,
  snapshot,
  WX_PAGE,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const WORKER = { RECORD_COMPAT_PLAN_THREAD: 'worker' };

/** The app's own managers, in files walked before the legacy calls that decide their routing. */
const OWN_RECORDER = `const recorderManager = wx.getRecorderManager()\nrecorderManager.onStop((res) => console.log(res.tempFilePath))\nexport const start = () => recorderManager.start({ format: 'mp3' })\n`;
const OWN_PLAYER = `const player = wx.getBackgroundAudioManager()\nexport const play = (src) => { player.src = src }\n`;
const ESCAPED = `export const stop = () => wx['stop' + 'Record']()\n`;

function tree(legacy: number): Record<string, string> {
  const files: Record<string, string> = {
    'a/own-recorder.js': OWN_RECORDER,
    'a/own-player.js': OWN_PLAYER,
    'b/escaped.js': ESCAPED,
    'c/bad.js': 'wx.startRecord({\n',
    // Lists the runtime the rewritten files import: the run has nothing to say of it.
    'package.json': JSON.stringify({ dependencies: { 'record-compat-runtime': '^0.1.0' } }),
  };
  for (let i = 0; i < legacy; i++) files[`pages/legacy${i}.js`] = WX_PAGE.replace('onStart', `onStart${i}`);
  for (let i = 0; i < 20; i++) files[`utils/plain${i}.js`] = PLAIN.replace('add', `add${i}`);
  return files;
}

/** The --json report without what differs between two runs of the same tree (their paths, their order). */
function comparable(stdout: string): unknown {
  const report = JSON.parse(stdout);
  for (const key of Object.keys(report))
    if (Array.isArray(report[key])) report[key] = report[key].map((x: unknown) => JSON.stringify(x)).sort();
  return report;
}

/**
 * The run of one thread, the planning thread's reference: the command in this process, where it plans on the
 * main thread (the planning thread exists only in the bin, dist/).
 */
function runOnOneThread(dir: string, more = ['--json']) {
  return mainInProcess(dir, ['.', ...more]);
}

function contents(dir: string): Map<string, string> {
  return snapshot(dir);
}

let fiveLegacy: Promise<{ dir: string; run: Awaited<ReturnType<typeof runOnOneThread>> }> | undefined;

/**
 * tree(5) and its run of one thread, made on first use and shared by the tests that compare a run of the planning
 * thread with it (they only read it): one reference run instead of one per test.
 */
function fiveLegacyOnOneThread() {
  fiveLegacy ??= (async () => {
    const dir = makeProject(tree(5));
    return { dir, run: await runOnOneThread(dir) };
  })();
  return fiveLegacy;
}

describe('the planning thread', () => {
  it('gives the run of one thread: the same report, the same bytes (routing decided by a later file included)', async () => {
    const two = makeProject(tree(5));
    const [{ dir: one, run: main }, worker] = await Promise.all([
      fiveLegacyOnOneThread(),
      runCliAsync(two, ['.', '--json'], WORKER),
    ]);
    expect(main.code).toBe(1); // c/bad.js
    expect(worker.code).toBe(main.code);
    expect(worker.stderr).toBe(main.stderr);
    expect(comparable(worker.stdout)).toEqual(comparable(main.stdout));
    expect(contents(two)).toEqual(contents(one));
    // The own recorder was planned before the legacy pages turned its routing on: planned again.
    expect(read(two, 'a/own-recorder.js')).toContain(
      "import { getRecorderManager } from 'record-compat-runtime/native'",
    );
    // No background-audio call anywhere: the own player stays the app's.
    expect(read(two, 'a/own-player.js')).toBe(OWN_PLAYER);
    expect(JSON.parse(worker.stdout).routeRecorderManager).toBe(true);
  });

  it(`starts on its own in a tree of ${PIPELINE_MIN_FILES} files or more, while the walk lists it: the run of one thread`, async () => {
    const files = tree(5);
    // Enough files in enough folders that the walk pauses (every few milliseconds) with the threshold passed.
    for (let i = 0; i < PIPELINE_MIN_FILES + 200; i++)
      files[`more/m${i % 40}/f${i}.js`] = `export const v${i} = ${i}\n`;
    // No repository: committing 2,000 files would cost more than the runs.
    const [two, three] = [makeProject(files, { git: false }), makeProject(files, { git: false })];
    const [threaded, crashed] = await Promise.all([
      runCliAsync(two, ['.', '--json']),
      // A thread that exits at its first file says so, and this thread plans every file: the run of one thread.
      runCliAsync(three, ['.', '--json'], { RECORD_COMPAT_TEST_WORKER_FAULT: 'crash@1' }),
    ]);
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    const stoppedWarning = 'the planning thread stopped (it exited with code 70); this thread plans its';
    const oneThread = JSON.parse(crashed.stdout);
    expect(oneThread.warnings.some((w: string) => w.startsWith(stoppedWarning))).toBe(cores >= 2);
    oneThread.warnings = oneThread.warnings.filter((w: string) => !w.startsWith(stoppedWarning));
    expect(oneThread.summary.changed).toBe(6); // the five pages and the own recorder they route
    expect(threaded.code).toBe(crashed.code);
    expect(comparable(threaded.stdout)).toEqual(comparable(JSON.stringify(oneThread)));
    expect(contents(two)).toEqual(contents(three));
  }, 60_000);

  it('leaves the own recorder alone when no file has a legacy record call', () => {
    const files = { 'a/own-recorder.js': OWN_RECORDER, 'z/plain.js': PLAIN };
    const dir = makeProject(files);
    const r = runCli(dir, ['.', '--json'], WORKER);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).routeRecorderManager).toBe(false);
    expect(read(dir, 'a/own-recorder.js')).toBe(OWN_RECORDER);
  });

  for (const fault of ['crash@2', 'throw@1', 'crash', 'throw@6']) {
    it(`stops (${fault}): the main thread plans every file it did not hand back, and says so`, async () => {
      const dir = makeProject(tree(5));
      const [{ dir: expected, run: alone }, r] = await Promise.all([
        fiveLegacyOnOneThread(),
        runCliAsync(dir, ['.', '--json'], { ...WORKER, RECORD_COMPAT_TEST_WORKER_FAULT: fault }),
      ]);
      expect(alone.code).toBe(1);
      expect(r.code).toBe(1); // c/bad.js, as without the fault
      expect(r.stderr).toMatch(
        /warning: the planning thread stopped \((it exited with code 70|it threw: injected planning-thread fault)\); this thread plans its (1 remaining file|[2-9] remaining files|[1-9]\d+ remaining files)/,
      );
      const report = JSON.parse(r.stdout);
      expect(report.summary.changed).toBe(6); // 5 pages and the own recorder (the escaped stop is for review)
      expect(report.summary.failed).toBe(1);
      // The report says it too.
      expect(report.warnings).toEqual([expect.stringMatching(/^the planning thread stopped/)]);
      // Apart from that warning (and the machine's own), the run of one thread.
      const aloneReport = comparable(alone.stdout) as { warnings: unknown };
      expect({ ...(comparable(r.stdout) as object), warnings: aloneReport.warnings }).toEqual(aloneReport);
      expect(contents(dir)).toEqual(contents(expected));
    });
  }

  it('the main thread plans a share when the thread is far behind: from less backlog in a --dry run, which writes nothing meanwhile', () => {
    const left = MAIN_HELPS_FROM * 4;
    const between = (MAIN_HELPS_AFTER_MS_DRY + MAIN_HELPS_AFTER_MS) / 2 / left; // a pace between the two limits
    expect(mainThreadHelps(left, between, true)).toBe(true);
    expect(mainThreadHelps(left, between, false)).toBe(false);
    expect(mainThreadHelps(left, MAIN_HELPS_AFTER_MS / left, false)).toBe(true);
    expect(mainThreadHelps(left, (MAIN_HELPS_AFTER_MS_DRY - 1) / left, true)).toBe(false);
    // Too few left to pay for loading the engine here, at any pace; the pace not known yet: their number decides.
    expect(mainThreadHelps(MAIN_HELPS_FROM - 1, 1e6, true)).toBe(false);
    expect(mainThreadHelps(MAIN_HELPS_FROM, null, false)).toBe(true);
  });

  it(`with ${MAIN_HELPS_FROM} or more candidates left when the walk ends, the main thread plans from the last one down: the same run`, async () => {
    const files = tree(MAIN_HELPS_FROM + 4);
    const expected = makeProject(files);
    const again = makeProject(files);
    // slow@1: the thread sleeps a second before it claims its first candidate, so every candidate is still unclaimed
    // when the walk ends.
    const slowStart = { ...WORKER, RECORD_COMPAT_TEST_WORKER_FAULT: 'slow@1' };
    // The run this one must equal, beside a second run that must equal it too (its order is not looked at).
    const [alone, againRun] = await Promise.all([
      runOnOneThread(expected),
      runCliAsync(again, ['.', '--json'], slowStart),
    ]);
    // Alone: its order is looked at, and a busy core could delay its walk past the thread's second.
    const dir = makeProject(files);
    const r = runCli(dir, ['.', '--print'], slowStart);
    expect(r.code).toBe(1); // c/bad.js
    expect(r.stderr).not.toContain('planning thread stopped');
    // The main thread began with the last candidate of the walk: its diff comes first (the thread's first would be
    // pages/legacy0.js).
    const diffs = [...r.stdout.matchAll(/^\+\+\+ b\/(\S+)/gm)].map((m) => m[1]);
    const lastWalked = Object.keys(files)
      .filter((rel) => rel.startsWith('pages/'))
      .sort()
      .at(-1);
    expect(diffs[0]).toBe(lastWalked);
    expect(new Set(diffs).size).toBe(diffs.length);
    expect(contents(dir)).toEqual(contents(expected));
    expect(comparable(againRun.stdout)).toEqual(comparable(alone.stdout));
    // The own recorder, planned by the main thread under the final decision, is routed.
    expect(read(dir, 'a/own-recorder.js')).toContain(
      "import { getRecorderManager } from 'record-compat-runtime/native'",
    );
  });

  it('a signal while the thread holds files: the files written are whole, the others untouched and counted', async () => {
    // The own managers, the escaped and the broken file walked after the pages (z/): the first diff comes after one
    // plan, not five.
    const files = Object.fromEntries(
      Object.entries(tree(6)).map(([rel, text]) => [rel.replace(/^[abc]\//, 'z/$&'), text]),
    );
    const expected = makeProject(files);
    await runOnOneThread(expected, []);
    const dir = makeProject(files);
    // slow: the thread sleeps a second before each plan, so it holds the files for seconds.
    const child = spawn(process.execPath, [BIN, '.', '--json', '--print'], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1', ...WORKER, RECORD_COMPAT_TEST_WORKER_FAULT: 'slow' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8'); // a chunk may end inside a character
    child.stdout.on('data', (d) => (stdout += d));
    let signalledAt = 0;
    child.stderr.on('data', (d) => {
      stderr += d;
      // --print's first diff: one file is written, the thread still holds the others.
      if (!signalledAt && stderr.includes('+++')) {
        signalledAt = Date.now();
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(signalledAt, `no diff came:\n${stderr}`).toBeGreaterThan(0);
    expect(code).toBe(130);
    // The thread is let go at once, not waited for (it would take seconds more).
    expect(Date.now() - signalledAt).toBeLessThan(900);
    const report = JSON.parse(stdout);
    const legacy = Object.keys(files).filter((rel) => files[rel] !== read(expected, rel));
    const written = legacy.filter((rel) => {
      const now = read(dir, rel);
      if (now === files[rel]) return false;
      expect(now, rel).toBe(read(expected, rel));
      return true;
    }).length;
    expect(written).toBeGreaterThanOrEqual(1);
    expect(written).toBeLessThan(legacy.length);
    expect(report.summary.changed).toBe(written);
    expect(report.interrupted).toEqual({ signal: 'SIGINT', notProcessed: expect.any(Number) });
    // Every candidate not written is counted (c/bad.js and the own player are candidates too).
    expect(report.interrupted.notProcessed).toBeGreaterThanOrEqual(legacy.length - written);
    expect([...snapshot(dir).keys()].filter((f) => f.includes('record-compat-tmp'))).toEqual([]);
  }, 60_000);

  it('a run refused for a dirty tree ends at once, no thread left behind', () => {
    const dir = makeProject(tree(2));
    fs.appendFileSync(path.join(dir, 'utils/plain0.js'), '// uncommitted\n');
    const r = spawnSync(process.execPath, [BIN, '.'], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
      env: { ...process.env, NO_COLOR: '1', ...WORKER },
    });
    expect(r.signal, 'the process hung: killed by the timeout').toBeNull();
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('has uncommitted changes');
    expect(read(dir, 'pages/legacy0.js')).toBe(WX_PAGE.replace('onStart', 'onStart0'));
  });

  it('refuses a bad RECORD_COMPAT_PLAN_THREAD', () => {
    const dir = makeProject({ 'a.js': WX_PAGE });
    const r = runCli(dir, ['.'], { RECORD_COMPAT_PLAN_THREAD: 'both' });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('RECORD_COMPAT_PLAN_THREAD=both: expected worker or main');
    expect(read(dir, 'a.js')).toBe(WX_PAGE);
  });
});
