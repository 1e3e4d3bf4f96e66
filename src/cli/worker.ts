/**
 * Worker-thread side of the pool: analyses batches of files (read, pre-filter,
 * rewrite in memory) and posts the analyses back. It never writes: the main
 * thread does, so the first-write and abort rules stay in one place.
 */
import { parentPort, workerData } from 'worker_threads';
import { analyseFile, type AnalyseContext } from './migrate';
import { RuntimeChooser } from './runtime-target';
import type { WorkerConfig } from './pool';

const config = workerData as WorkerConfig;
const ctx: AnalyseContext = {
  chooser: new RuntimeChooser(config.runtime, config.local),
  keepBefore: config.keepBefore,
};

parentPort!.on('message', (batch: string[] | null) => {
  if (batch === null) {
    parentPort!.close();
    return;
  }
  parentPort!.postMessage(batch.map((file) => analyseFile(file, ctx)));
});
