/**
 * The audit's thread (audit-thread.ts): runs one audit and posts back its phases and its result. TypeScript builds and
 * checks the program in one long synchronous call, during which no signal handler of this thread's could run; the main
 * thread, whose event loop stays free, hears Ctrl-C and ends this thread at once.
 */
import { parentPort, workerData } from 'worker_threads';
import { runAudit } from '../audit/index';
import { AuditUsageError, type AuditOptions } from '../audit/types';
import type { FromAuditWorker } from './audit-thread';
import { saveCompiledCode } from './code-cache';

const post = (message: FromAuditWorker) => parentPort!.postMessage(message);

runAudit({ ...(workerData as AuditOptions), onPhase: (phase) => post({ kind: 'phase', phase }) }).then(
  (result) => {
    // Before the result: the main thread may end this thread as soon as it has it.
    saveCompiledCode();
    post({ kind: 'done', result });
  },
  (error: unknown) =>
    post(
      error instanceof AuditUsageError
        ? { kind: 'usage', message: error.message }
        : { kind: 'failed', message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack },
    ),
);
