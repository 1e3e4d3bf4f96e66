/**
 * The CLI's writes with their fsync off the main thread (WriteQueue in src/cli/migrate.ts,
 * replaceSourceAsync in src/files/io.ts), on real files: a few writes under way at once and
 * the rest in order, each still verified and checked against the version read; a signal gives
 * up the writes not started; a second signal removes the temporary files of those under way.
 */
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type FilePlan, RunAborted, WriteQueue } from '../../src/cli/migrate';
import type { FileResult } from '../../src/report/file-result';
import {
  keepRead,
  readSource,
  removeUnfinishedWrites,
  replaceSourceAsync,
  setIoHooks,
  type WritablePath,
} from '../../src/files/io';
import { writeScope } from '../../src/files/write-gate';
import { cleanupProjects, makeProject, read } from './helpers';

afterAll(cleanupProjects);
let removeHooks = () => {};
afterEach(() => removeHooks());

const temps = (dir: string) => fs.readdirSync(dir).filter((f) => f.endsWith('.record-compat-tmp'));

/** The write gate of a run over the folders of `plans` (each its own project: no git, no package.json). */
function gateOver(plans: FilePlan[]) {
  const dirs = [...new Set(plans.map((plan) => path.dirname(plan.result.file)))];
  return writeScope(dirs, dirs[0], null);
}

/** `n` files, each read as the run reads it, with a plan that changes it. */
function planned(n: number): { dir: string; plans: FilePlan[] } {
  const files: Record<string, string> = {};
  for (let i = 0; i < n; i++) files[`f${String(i).padStart(2, '0')}.js`] = `old ${i}\n`;
  const dir = makeProject(files, { git: false });
  const plans = Object.keys(files).map((rel, i): FilePlan => {
    const file = path.join(dir, rel);
    const outcome = readSource(file);
    if (outcome.kind !== 'ok') throw new Error('unexpected');
    const result: FileResult = { file, status: 'changed', parsed: true, rewritten: [], manual: [] };
    return { result, final: `new ${i}\n`, stamp: keepRead(outcome).stamp };
  });
  return { dir, plans };
}

describe('WriteQueue', () => {
  it('has four writes under way at most, and writes every file whole', async () => {
    const { dir, plans } = planned(10);
    let most = 0;
    removeHooks = setIoHooks({ beforeReplace: () => (most = Math.max(most, temps(dir).length)) });
    const settled: FileResult[] = [];
    const queue = new WriteQueue({ dry: false, gate: gateOver(plans) }, (r) => settled.push(r));
    for (const plan of plans) queue.add(plan);
    expect(settled).toEqual([]); // nothing waits on the disk on this thread
    expect(await queue.drain()).toBe(0);
    // All four fsyncs were under way before the first write was checked and renamed.
    expect(most).toBe(4);
    expect(settled.map((r) => r.status)).toEqual(Array(10).fill('changed'));
    for (let i = 0; i < 10; i++) expect(read(dir, `f${String(i).padStart(2, '0')}.js`)).toBe(`new ${i}\n`);
    expect(temps(dir)).toEqual([]);
  });

  it('hands on thousands of results waiting behind writes in the order they came, each once, also after a signal', async () => {
    const unchanged = (i: number): FilePlan => ({
      result: { file: `/nowhere/u${i}.js`, status: 'unchanged', parsed: false, rewritten: [], manual: [] },
    });
    // Six writes, each with 1,000 results behind it that wait for it (3,000 behind the first).
    const queued = (writes: FilePlan[]) =>
      writes.flatMap((write, w) => [
        write,
        ...Array.from({ length: w ? 1000 : 3000 }, (_, i) => unchanged(w * 1e4 + i)),
      ]);
    const run = async (added: FilePlan[], stop: boolean) => {
      const settled: string[] = [];
      const queue = new WriteQueue({ dry: false, gate: gateOver(added.filter((plan) => plan.stamp)) }, (r) =>
        settled.push(r.file),
      );
      for (const plan of added) queue.add(plan);
      return { givenUp: await queue.drain(stop), settled };
    };
    const all = queued(planned(6).plans);
    expect(await run(all, false)).toEqual({ givenUp: 0, settled: all.map((plan) => plan.result.file) });
    // A signal: the two writes not started (four are under way at most) are given up; every other result comes, in
    // order.
    const writes = planned(6).plans;
    const stopped = await run(queued(writes), true);
    const notStarted = new Set([writes[4], writes[5]]);
    expect(stopped).toEqual({
      givenUp: 2,
      settled: queued(writes)
        .filter((plan) => !notStarted.has(plan))
        .map((plan) => plan.result.file),
    });
  });

  it('refuses a file edited since it was read, after its fsync, and writes the others', async () => {
    const { dir, plans } = planned(6);
    fs.appendFileSync(path.join(dir, 'f03.js'), 'edited\n');
    const settled: FileResult[] = [];
    const queue = new WriteQueue({ dry: false, gate: gateOver(plans) }, (r) => settled.push(r));
    for (const plan of plans) queue.add(plan);
    await queue.drain();
    const failed = settled.filter((r) => r.status === 'failed');
    expect(failed.map((r) => [path.basename(r.file), r.error?.message])).toEqual([
      ['f03.js', 'changed while the run was going: left alone, run again'],
    ]);
    expect(read(dir, 'f03.js')).toBe('old 3\nedited\n');
    expect(settled.filter((r) => r.status === 'changed')).toHaveLength(5);
    expect(temps(dir)).toEqual([]);
  });

  it('a signal gives up the writes not started: those under way finish whole, the others are untouched and counted', async () => {
    const { dir, plans } = planned(10);
    const settled: FileResult[] = [];
    const queue = new WriteQueue({ dry: false, gate: gateOver(plans) }, (r) => settled.push(r));
    for (const plan of plans) queue.add(plan);
    expect(await queue.drain(true)).toBe(6);
    expect(settled).toHaveLength(4);
    const written = fs.readdirSync(dir).filter((f) => f.endsWith('.js') && read(dir, f).startsWith('new'));
    expect(written.sort()).toEqual(settled.map((r) => path.basename(r.file)).sort());
    for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.js') && !written.includes(f)))
      expect(read(dir, f)).toMatch(/^old \d+\n$/);
    expect(temps(dir)).toEqual([]);
  });

  it('hands the results on in the order the plans came, whatever order the writes end in', async () => {
    const { plans } = planned(6);
    // No record of the version read: that write fails before reaching the disk, ahead of the others.
    plans[1] = { ...plans[1], stamp: undefined };
    const unchanged: FilePlan = { result: { ...plans[4].result, status: 'unchanged' } };
    const order = [plans[0], plans[1], plans[2], unchanged, plans[3], plans[5]];
    const settled: FileResult[] = [];
    const queue = new WriteQueue({ dry: false, gate: gateOver(plans) }, (r) => settled.push(r));
    for (const plan of order) queue.add(plan);
    await queue.drain();
    expect(settled.map((r) => `${path.basename(r.file)} ${r.status}`)).toEqual([
      'f00.js changed',
      'f01.js failed',
      'f02.js changed',
      'f04.js unchanged',
      'f03.js changed',
      'f05.js changed',
    ]);
    expect(settled[1].error?.message).toBe('internal: no record of the version read; nothing written');
  });

  it('settles --dry plans once their files are asked about, in order, without writing', async () => {
    const { dir, plans } = planned(3);
    const settled: FileResult[] = [];
    const queue = new WriteQueue({ dry: true, gate: gateOver(plans) }, (r) => settled.push(r));
    for (const plan of plans) queue.add(plan);
    await queue.drain();
    expect(settled.map((r) => r.file)).toEqual(plans.map((p) => p.result.file));
    for (let i = 0; i < 3; i++) expect(read(dir, `f0${i}.js`)).toBe(`old ${i}\n`);
  });

  it('stops everything when beforeWrite throws before the first write', async () => {
    const { dir, plans } = planned(3);
    const queue = new WriteQueue(
      {
        dry: false,
        gate: gateOver(plans),
        beforeWrite: () => {
          throw new RunAborted(() => 'no runtime copy');
        },
      },
      () => {},
    );
    expect(() => queue.add(plans[0])).toThrow(RunAborted);
    await queue.drain();
    for (let i = 0; i < 3; i++) expect(read(dir, `f0${i}.js`)).toBe(`old ${i}\n`);
    expect(temps(dir)).toEqual([]);
  });

  it('runs beforeWrite before each write, says which is the first, and leaves a file it gives a reason for', async () => {
    const { dir, plans } = planned(3);
    const firsts: boolean[] = [];
    const settled: FileResult[] = [];
    const queue = new WriteQueue(
      {
        dry: false,
        gate: gateOver(plans),
        beforeWrite: (r, first) => {
          firsts.push(first);
          return r.file.endsWith('f01.js') ? 'its runtime copy could not be written' : null;
        },
      },
      (r) => settled.push(r),
    );
    for (const plan of plans) queue.add(plan);
    await queue.drain();
    expect(firsts).toEqual([true, false, false]);
    expect(settled.map((r) => [path.basename(r.file), r.status, r.error?.message])).toEqual([
      ['f00.js', 'changed', undefined],
      ['f01.js', 'failed', 'its runtime copy could not be written'],
      ['f02.js', 'changed', undefined],
    ]);
    expect([0, 1, 2].map((i) => read(dir, `f0${i}.js`))).toEqual(['new 0\n', 'old 1\n', 'new 2\n']);
    expect(temps(dir)).toEqual([]);
  });
});

describe('replaceSourceAsync', () => {
  it('a second signal during the fsync: removeUnfinishedWrites leaves the original and no temporary file', async () => {
    const { dir, plans } = planned(2);
    const writes = plans.map((plan) =>
      replaceSourceAsync(plan.result.file as WritablePath, plan.final!, plan.stamp!).then(
        () => 'written',
        (err: Error) => err,
      ),
    );
    expect(temps(dir)).toHaveLength(2);
    removeUnfinishedWrites();
    expect(temps(dir)).toEqual([]);
    for (const outcome of await Promise.all(writes)) expect(outcome).toBeInstanceOf(Error);
    expect(read(dir, 'f00.js')).toBe('old 0\n');
    expect(read(dir, 'f01.js')).toBe('old 1\n');
    expect(temps(dir)).toEqual([]);
  });
});
