/**
 * The audit, run so that Ctrl-C ends it in any phase: on a thread of its own (audit-worker.ts) while this thread
 * listens for the stop signals (STOP_SIGNALS). TypeScript's program and checker are one long synchronous call that
 * would hold off a handler on the thread that runs them; here a signal ends the audit's thread at once, and the
 * command says so in one line and exits 128 + the signal's number (130 for Ctrl-C). Without the built thread file
 * (the sources, under a test runner) the audit runs on this thread, as a library call does.
 */
import * as fs from 'fs';
import * as path from 'path';
import { runAudit } from '../audit/index';
import { AuditUsageError, type AuditOptions, type AuditPhase, type AuditResult } from '../audit/types';
import type { StopSignalName } from './report';
import { StopSignal } from './stop-signal';

const WORKER_FILE = path.join(__dirname, 'audit-worker.js');

export type FromAuditWorker =
  | { kind: 'phase'; phase: AuditPhase }
  | { kind: 'done'; result: AuditResult }
  | { kind: 'usage'; message: string }
  | { kind: 'failed'; message: string; stack?: string };

/** How an audit ended: its result, or a stop signal during `phase` (null before the first). */
export type AuditEnd =
  { kind: 'done'; result: AuditResult } | { kind: 'stopped'; signal: StopSignalName; phase: AuditPhase | null };

/** Runs the audit; a stop signal ends it in any phase. Throws what runAudit throws (a usage error, a bug). */
export async function runAuditStoppable(options: AuditOptions): Promise<AuditEnd> {
  if (!fs.existsSync(WORKER_FILE)) return { kind: 'done', result: await runAudit(options) };
  const { onPhase, ...data } = options;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- worker_threads only for the audit's command
  const { Worker } = require('worker_threads') as typeof import('worker_threads');
  const stop = new StopSignal();
  let phase: AuditPhase | null = null;
  const worker = new Worker(WORKER_FILE, { workerData: data });
  try {
    return await new Promise<AuditEnd>((resolve, reject) => {
      stop.onHeard = () => {
        resolve({ kind: 'stopped', signal: stop.signal!, phase });
        void worker.terminate();
      };
      worker.on('message', (message: FromAuditWorker) => {
        if (message.kind === 'phase') onPhase?.((phase = message.phase));
        else if (message.kind === 'done') resolve({ kind: 'done', result: message.result });
        else if (message.kind === 'usage') reject(new AuditUsageError(message.message));
        else reject(Object.assign(new Error(message.message), { stack: message.stack }));
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`the audit's thread exited with code ${code} before its report`)));
    });
  } finally {
    stop.dispose();
  }
}
