/**
 * FileScheduler: hands candidate files to planFile. Always on the main thread; with
 * --jobs n > 1 also in n - 1 worker threads, which pull jobs from
 * the main thread's queue: a worker loads its engine while the main thread is
 * still reading, and the main thread joins in once reading is done. Only
 * candidates (about 1% of a real tree) cross threads. Results come back in
 * completion order.
 */
import * as path from 'path';
import type { Worker as WorkerType } from 'worker_threads';
import { planFile, type PlanContext, type FilePlan } from './migrate';
import type { RuntimeMode } from './options';
import { RuntimeChooser, type LocalRuntime } from './runtime-target';

export interface WorkerConfig {
  runtime: RuntimeMode;
  routeRecorderManager: boolean;
  local: LocalRuntime | null;
  keepBefore: boolean;
}

export interface Job {
  file: string;
  text: string;
}

/** Messages a worker sends: 'ready' once its engine is loaded, then one plan per job. */
export type WorkerMessage = { kind: 'ready' } | { kind: 'done'; plan: FilePlan };

export function planContext(config: WorkerConfig): PlanContext {
  return { chooser: new RuntimeChooser(config.runtime, config.local), keepBefore: config.keepBefore, routeRecorderManager: config.routeRecorderManager };
}

interface Slot {
  worker: WorkerType;
  /** The job it is working on, if any. */
  current: Job | null;
  ready: boolean;
  alive: boolean;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export class FileScheduler {
  private ctx: PlanContext | undefined;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private error: unknown;
  /** Resolves the main thread's wait for a worker, if it is waiting. */
  private wake: () => void = () => {};

  /** @param jobs threads that plan files, the main thread included: jobs - 1 workers are started. */
  constructor(
    private readonly jobs: number,
    private readonly config: WorkerConfig,
    private readonly onPlan: (plan: FilePlan) => void,
  ) {}

  get threaded(): boolean {
    return this.jobs > 1;
  }

  /** True once onPlan has thrown: stop feeding work. */
  get stopped(): boolean {
    return this.error !== undefined;
  }

  submit(job: Job): void {
    if (this.stopped) return;
    if (!this.threaded) {
      this.planHere(job);
      return;
    }
    // Start the workers at the first candidate, so their engines load while we read on.
    if (this.slots.length === 0) for (let i = 1; i < this.jobs; i++) this.spawn();
    this.queue.push(job);
    this.feed();
  }

  /** The main thread joins in until the queue is empty, then waits for the workers. */
  async finish(): Promise<void> {
    while (!this.stopped) {
      const job = this.queue.shift();
      if (job) {
        this.planHere(job);
        await tick(); // let idle workers ask for the next job
      } else if (this.slots.some((s) => s.alive && s.current)) {
        await new Promise<void>((resolve) => (this.wake = resolve)); // a worker answers or dies
      } else {
        break;
      }
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    if (this.stopped) throw this.error;
  }

  private planHere(job: Job): void {
    this.ctx ??= planContext(this.config);
    this.report(planFile(job.file, job.text, this.ctx));
  }

  private report(plan: FilePlan): void {
    if (this.stopped) return;
    try {
      this.onPlan(plan);
    } catch (err) {
      this.error = err;
    }
  }

  private feed(): void {
    for (const slot of this.slots) {
      if (this.queue.length === 0 || this.stopped) return;
      if (slot.alive && slot.ready && !slot.current) {
        slot.current = this.queue.shift()!;
        slot.worker.postMessage(slot.current);
      }
    }
  }

  private spawn(): void {
    let worker: WorkerType;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: this.config });
    } catch {
      return; // no threads here: the main thread does it all
    }
    const slot: Slot = { worker, current: null, ready: false, alive: true };
    this.slots.push(slot);
    worker.on('message', (msg: WorkerMessage) => {
      if (msg.kind === 'ready') slot.ready = true;
      else {
        slot.current = null;
        this.report(msg.plan);
      }
      this.feed();
      this.wake();
    });
    const lost = () => {
      if (!slot.alive) return;
      slot.alive = false;
      // A worker that dies must not lose its file: put it back for the main thread.
      if (slot.current) this.queue.unshift(slot.current);
      slot.current = null;
      this.wake();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
  }
}
