/**
 * Worker-thread side of the pool: loads the engine at once (while the main
 * thread is still reading), then analyses the candidate files it is handed
 * and posts the analyses back. It never writes: the main thread does, so the
 * first-write and abort rules stay in one place.
 */
import { parentPort, workerData } from 'worker_threads';
import { engine } from './engine';
import { analyseText } from './migrate';
import { analyseContext, type Job, type WorkerConfig, type WorkerMessage } from './pool';

const ctx = analyseContext(workerData as WorkerConfig);
engine();
const send = (msg: WorkerMessage) => parentPort!.postMessage(msg);

parentPort!.on('message', (job: Job) => {
  send({ kind: 'done', analysis: analyseText(job.file, job.text, ctx) });
});
send({ kind: 'ready' });
