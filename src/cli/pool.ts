/**
 * Runs analyseFile over many files: inline for ordinary runs, or spread over
 * worker threads for big trees (parsing is CPU-bound; reading is cheap).
 * Results come back to the main thread one by one, in completion order.
 */
import * as os from 'os';
import * as path from 'path';
import type { Worker as WorkerType } from 'worker_threads';
import { analyseFile, type Analysis } from './migrate';
import type { RuntimeMode } from './options';
import { RuntimeChooser, type LocalRuntime } from './runtime-target';

export interface WorkerConfig {
  runtime: RuntimeMode;
  local: LocalRuntime | null;
  keepBefore: boolean;
}

/** Below this many files a worker's start-up (a fresh engine to load and warm) costs more than it saves. */
export const WORKERS_MIN_FILES = 2000;
/** Files per message: small enough to balance the load, big enough to keep messages rare. */
const MAX_BATCH = 64;

export function defaultJobs(fileCount: number): number {
  if (fileCount < WORKERS_MIN_FILES) return 1;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return Math.max(1, Math.min(cores, 4));
}

export async function analyseAll(
  files: string[],
  jobs: number,
  config: WorkerConfig,
  onAnalysis: (a: Analysis) => void,
): Promise<void> {
  if (jobs <= 1 || files.length === 0) {
    const ctx = { chooser: new RuntimeChooser(config.runtime, config.local), keepBefore: config.keepBefore };
    for (const file of files) onAnalysis(analyseFile(file, ctx));
    return;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { Worker } = require('worker_threads') as typeof import('worker_threads');
  const batchSize = Math.max(1, Math.min(MAX_BATCH, Math.ceil(files.length / (jobs * 8))));
  let next = 0;
  const take = (): string[] | null => {
    if (next >= files.length) return null;
    const batch = files.slice(next, next + batchSize);
    next += batch.length;
    return batch;
  };

  await new Promise<void>((resolve, reject) => {
    let running = 0;
    let failed = false;
    const workers: WorkerType[] = [];
    const stopAll = (err: unknown) => {
      if (failed) return;
      failed = true;
      for (const w of workers) void w.terminate();
      reject(err);
    };
    const count = Math.min(jobs, Math.ceil(files.length / batchSize));
    for (let i = 0; i < count; i++) {
      const worker = new Worker(path.join(__dirname, 'worker.js'), { workerData: config });
      workers.push(worker);
      running++;
      let outstanding: string[] | null = take();
      worker.postMessage(outstanding);
      worker.on('message', (analyses: Analysis[]) => {
        try {
          for (const a of analyses) onAnalysis(a);
        } catch (err) {
          stopAll(err);
          return;
        }
        outstanding = take();
        worker.postMessage(outstanding);
      });
      worker.on('error', (err) => {
        // A worker that dies must not lose files: analyse its batch here.
        try {
          if (outstanding) {
            const ctx = { chooser: new RuntimeChooser(config.runtime, config.local), keepBefore: config.keepBefore };
            for (const file of outstanding) onAnalysis(analyseFile(file, ctx));
            outstanding = null;
          }
        } catch (inner) {
          stopAll(inner);
          return;
        }
        void err;
      });
      worker.on('exit', () => {
        running--;
        if (running === 0 && !failed) {
          // Whatever is left (every worker died) is done here.
          const rest = files.slice(next);
          next = files.length;
          try {
            const ctx = { chooser: new RuntimeChooser(config.runtime, config.local), keepBefore: config.keepBefore };
            for (const file of rest) onAnalysis(analyseFile(file, ctx));
            resolve();
          } catch (err) {
            stopAll(err);
          }
        }
      });
    }
  });
}
