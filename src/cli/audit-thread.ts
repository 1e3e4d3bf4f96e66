/**
 * The audit, run so that Ctrl-C ends it in any phase: on a thread of its own (audit-worker.ts) while this thread
 * listens for the stop signals (STOP_SIGNALS). TypeScript's program and checker are one long synchronous call that
 * would hold off a handler on the thread that runs them; here a signal ends the audit's thread at once, and the
 * command says so in one line and exits 128 + the signal's number (130 for Ctrl-C). Without the built thread file
 * (the sources, under a test runner) the audit runs on this thread, as a library call does.
 */
import * as fs from 'fs';
import * as path from 'path';
import { loadAudit } from '../audit/lazy';
import { PARSING_THREAD_STACK_MB } from '../rewrite/light';
import { tsMorphTypeScriptFile } from '../audit/ts-morph-files';
import { AuditUsageError, type AuditOptions, type AuditPhase, type AuditResult } from '../audit/types';
import { compiledWorker } from './code-cache';
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
  if (!fs.existsSync(WORKER_FILE)) return { kind: 'done', result: await loadAudit().runAudit(options) };
  const { onPhase, ...data } = options;
  const stop = new StopSignal();
  let phase: AuditPhase | null = null;
  const worker = compiledWorker(
    WORKER_FILE,
    { workerData: data, resourceLimits: { stackSizeMb: PARSING_THREAD_STACK_MB } },
    // The TypeScript compiler ts-morph loads, from the cache too: compiling its 9 MB is a tenth of a small audit.
    [tsMorphTypeScriptFile()].filter((file): file is string => file !== null),
  );
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
