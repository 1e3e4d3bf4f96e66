/**
 * Worker-thread side of the pool: loads the engine at once (while the main
 * thread is still reading), then plans the candidate files it is handed
 * and posts the plans back. It never writes: the main thread does, so the
 * first-write and abort rules stay in one place.
 */
import { parentPort, workerData } from 'worker_threads';
import { rewriteModule } from './load-rewrite';
import { planFile } from './migrate';
import { planContext, type Job, type WorkerConfig, type WorkerMessage } from './pool';

const ctx = planContext(workerData as WorkerConfig);
rewriteModule();
const send = (msg: WorkerMessage) => parentPort!.postMessage(msg);

parentPort!.on('message', (job: Job) => {
  send({ kind: 'done', plan: planFile(job.file, job.text, ctx) });
});
send({ kind: 'ready' });
