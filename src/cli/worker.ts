/**
 * Worker-thread side of the pool: runs the engine on candidate files (text
 * already read by the main thread) and posts the analyses back. It never
 * writes: the main thread does, so the first-write and abort rules stay in
 * one place.
 */
import { parentPort, workerData } from 'worker_threads';
import { analyseText } from './migrate';
import { analyseContext, type Job, type WorkerConfig } from './pool';

const ctx = analyseContext(workerData as WorkerConfig);

parentPort!.on('message', (job: Job) => {
  parentPort!.postMessage(analyseText(job.file, job.text, ctx));
});
