/**
 * Runs the engine over candidate files: inline for ordinary runs, or in
 * worker threads for big trees, so parsing on one core overlaps reading and
 * pre-filtering on the main thread. Results come back one by one, in
 * completion order; only candidates (about 1% of a real tree) cross threads.
 */
import * as os from 'os';
import * as path from 'path';
import type { Worker as WorkerType } from 'worker_threads';
import { analyseText, type AnalyseContext, type Analysis } from './migrate';
import type { RuntimeMode } from './options';
import { RuntimeChooser, type LocalRuntime } from './runtime-target';

export interface WorkerConfig {
  runtime: RuntimeMode;
  local: LocalRuntime | null;
  keepBefore: boolean;
}

export interface Job {
  file: string;
  text: string;
}

/** Below this many files a worker's start-up (a fresh engine to load and warm) is not worth it. */
export const WORKERS_MIN_FILES = 2000;
/** Each worker holds its own engine (~80 MB): two keep a big run under 300 MB. */
export const MAX_AUTO_JOBS = 2;

export function defaultJobs(fileCount: number): number {
  if (fileCount < WORKERS_MIN_FILES) return 1;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores > 1 ? MAX_AUTO_JOBS : 1;
}

export function analyseContext(config: WorkerConfig): AnalyseContext {
  return { chooser: new RuntimeChooser(config.runtime, config.local), keepBefore: config.keepBefore };
}

interface Slot {
  worker: WorkerType;
  /** Jobs sent and not yet answered, oldest first. */
  pending: Job[];
  alive: boolean;
}

export class Analyser {
  private inlineCtx: AnalyseContext | undefined;
  private readonly slots: Slot[] = [];
  private error: unknown;
  private waiting: (() => void) | undefined;

  constructor(
    private readonly jobs: number,
    private readonly config: WorkerConfig,
    private readonly onAnalysis: (a: Analysis) => void,
  ) {}

  get threaded(): boolean {
    return this.jobs > 1;
  }

  submit(job: Job): void {
    if (this.error) return;
    if (!this.threaded) {
      this.report(this.analyseInline(job));
      return;
    }
    const live = this.slots.filter((s) => s.alive);
    // Add a worker when there is none yet, or when the ones there have a backlog.
    if (this.slots.length < this.jobs && (live.length === 0 || live.every((s) => s.pending.length > 1))) {
      const slot = this.spawn();
      if (slot) live.push(slot);
    }
    if (live.length === 0) {
      this.report(this.analyseInline(job));
      return;
    }
    const slot = live.reduce((a, b) => (b.pending.length < a.pending.length ? b : a));
    slot.pending.push(job);
    slot.worker.postMessage(job);
  }

  /** Resolves once every submitted job has been reported; rejects with the first error onAnalysis threw. */
  async finish(): Promise<void> {
    while (!this.error && this.slots.some((s) => s.alive && s.pending.length > 0)) {
      await new Promise<void>((resolve) => (this.waiting = resolve));
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
    if (this.error) throw this.error;
  }

  private analyseInline(job: Job): Analysis {
    this.inlineCtx ??= analyseContext(this.config);
    return analyseText(job.file, job.text, this.inlineCtx);
  }

  private report(a: Analysis): void {
    if (this.error) return;
    try {
      this.onAnalysis(a);
    } catch (err) {
      this.error = err;
      this.wake();
    }
  }

  private wake(): void {
    const w = this.waiting;
    this.waiting = undefined;
    w?.();
  }

  private spawn(): Slot | null {
    let worker: WorkerType;
    try {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { Worker } = require('worker_threads') as typeof import('worker_threads');
      worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: this.config });
    } catch {
      return null; // no threads here: carry on inline
    }
    const slot: Slot = { worker, pending: [], alive: true };
    this.slots.push(slot);
    worker.on('message', (a: Analysis) => {
      slot.pending.shift();
      this.report(a);
      this.wake();
    });
    const lost = () => {
      if (!slot.alive) return;
      slot.alive = false;
      // A worker that dies must not lose files: finish its jobs here.
      for (const job of slot.pending.splice(0)) this.report(this.analyseInline(job));
      this.wake();
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    return slot;
  }
}
