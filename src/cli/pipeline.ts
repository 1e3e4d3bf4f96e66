/**
 * The two-thread pipeline of a run: the main thread walks, reads and pre-filters every file
 * and does every write; from the moment the walk has listed enough files to pay for it
 * (PIPELINE_MIN_FILES), ONE planning thread (plan-worker.ts) loads the engine and plans the
 * candidates as they come, so that its start and the engine's work are hidden behind the main
 * thread's. Only candidates (about 1% of a tree) cross threads.
 * When the walk ends with many candidates still to plan, the main thread plans too, from the
 * last one down while the thread goes up: each candidate is claimed once, in shared memory,
 * by whichever thread comes to it first.
 *
 * If the thread stops (it crashed, or threw), no file is lost: every candidate not planned
 * back is planned on the main thread, with the routing decision taken over all of them (per
 * scope, as the thread takes it: routing.ts, ScopedRouting).
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Worker } from 'worker_threads';
import {
  PARSING_THREAD_STACK_MB,
  routingDecisionIn,
  scopedRoutingIn,
  type EvaluatedCopies,
  type ParserChoice,
  type RewriteOptions,
  type RoutingDecision,
} from '../rewrite/light';
import { compiledWorker } from './code-cache';
import { forcedPlanThread } from './environment';
import type { FilePlan, Scan, TemplatePlan } from './migrate';
import type { FileResult } from '../report/file-result';
import type { LocalRuntimeConfig, RuntimeMode } from './runtime-target';

/** What the planning thread is given at its start (its workerData); the claims come later, in a message. */
export interface PlanWorkerConfig {
  runtime: RuntimeMode;
  local: LocalRuntimeConfig | null;
  /** The run's --dry: the ways out a refusal suggests keep it. */
  dry: boolean;
  parser?: ParserChoice;
  /** The families to migrate (--families); undefined: all. */
  families?: RewriteOptions['families'];
  taroCopies?: EvaluatedCopies;
}

/** A candidate's claim: 0 while nobody plans it, then the thread's or the main thread's. */
export const CLAIMED_BY_THREAD = 1;
const CLAIMED_BY_MAIN = 2;

export interface CandidateJob {
  id: number;
  file: string;
  text: string;
  depthChecked: boolean;
}

/**
 * `claims` comes before the first candidate, once the walk has counted the files (the thread starts while it is still
 * listing them): one byte per candidate id.
 */
export type ToPlanWorker =
  { kind: 'claims'; claims: SharedArrayBuffer } | { kind: 'candidate'; job: CandidateJob } | { kind: 'end' };
/** `decided`: the run's decision as a whole (an option on in at least one scope), for its report. */
export type FromPlanWorker =
  | { kind: 'plan'; id: number; result: FileResult; final?: string; templates?: TemplatePlan[] }
  | { kind: 'decided'; decision: RoutingDecision };

type Candidate = Extract<Scan, { kind: 'candidate' }>;

const WORKER_FILE = path.join(__dirname, 'plan-worker.js');

/**
 * Below this many files the walk is too short to hide the thread's start and the engine's
 * load behind it: one thread is as fast (BENCHMARKS.md, codemod speed).
 */
export const PIPELINE_MIN_FILES = 2000;

/**
 * The main thread plans too only when at least this many candidates are left when its walk
 * ends: loading the engine there costs about as long as planning ten.
 */
export const MAIN_HELPS_FROM = 16;

/**
 * ...and only when the thread, at its pace so far, would take longer than this over those left: loading and warming
 * the engine here costs as much CPU, and below it a writing run ended no sooner (its main thread writes each plan
 * as it comes back, so it is not idle; 10,000 files: 80 left, about 1 s).
 */
export const MAIN_HELPS_AFTER_MS = 1500;

/**
 * The same for a --dry run, whose main thread has nothing else to do but wait for the last plans: a backlog of about
 * twice what loading the engine here takes (10,000 files: 65-75 left, 350-500 ms idle without the share).
 */
export const MAIN_HELPS_AFTER_MS_DRY = 300;

/**
 * Plan on a second thread? Only with the built worker beside this module (not when run from
 * the TypeScript sources), a tree big enough, and a second core. Not by the load average: the
 * 1-minute average still counts a run that just ended (the CLI's own previous run turned the
 * thread off on an idle machine), and where the other cores are busy the thread costs ≈ 5-10 %
 * of wall time against 25-30 % gained where one is free (BENCHMARKS.md).
 * RECORD_COMPAT_PLAN_THREAD=worker|main forces the choice (tests, benchmarks).
 */
export function planOnSecondThread(fileCount: number): boolean {
  const forced = forcedPlanThread();
  if (forced === 'main' || !fs.existsSync(WORKER_FILE)) return false;
  if (forced === 'worker') return true;
  if (fileCount < PIPELINE_MIN_FILES) return false;
  const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
  return cores >= 2;
}

/**
 * Does the main thread plan a share of the `left` candidates when its walk ends? `perPlanMs`: the thread's pace so far;
 * null before two plans are back (the thread is still starting, or stuck), when their number alone decides.
 */
export function mainThreadHelps(left: number, perPlanMs: number | null, dry: boolean): boolean {
  if (left < MAIN_HELPS_FROM) return false;
  if (perPlanMs === null) return true;
  return left * perPlanMs >= (dry ? MAIN_HELPS_AFTER_MS_DRY : MAIN_HELPS_AFTER_MS);
}

export type PipelineEnd =
  /** Every candidate was planned and handed to onPlan. */
  | { kind: 'decided'; decision: RoutingDecision }
  /** A signal came: these candidates were not planned back, nor written. */
  | { kind: 'interrupted'; notProcessed: number }
  /** The thread stopped: these candidates are still to be planned (on the main thread). */
  | { kind: 'stopped'; reason: string; remaining: Candidate[] };

export class PlanPipeline {
  private worker: Worker | null = null;
  private nextId = 0;
  /** Sent and not planned back yet. */
  private readonly waiting = new Map<number, Candidate>();
  /** Every candidate of the run: the main thread's routing decision needs them all if the thread stops. */
  readonly all: Candidate[] = [];
  private decision: RoutingDecision | null = null;
  /** The run has its outcome: later plans are not handed on. */
  private closed = false;
  private stoppedBecause: string | null = null;
  /** What onPlan threw (RunAborted): the run stops. */
  private failure: { error: unknown } | null = null;
  private wake: () => void = () => {};
  /** Who plans each candidate (by id), shared with the thread; made for the first candidate. */
  private claims: Uint8Array | null = null;
  /** The thread's pace: plans back so far, and when the first came. */
  private planned = 0;
  private firstPlanAt = 0;

  /**
   * `capacity`: the most candidates the run can have (its file count, asked when the first candidate comes, as the
   * walk is done by then); `scopeOf`: each file's routing scope, as the thread names it.
   */
  constructor(
    private readonly config: PlanWorkerConfig,
    private readonly keepBefore: boolean,
    private readonly onPlan: (plan: FilePlan) => void,
    private readonly capacity: () => number,
    private readonly scopeOf: (file: string) => string | undefined,
  ) {}

  /** onPlan threw: stop feeding files. */
  get failed(): boolean {
    return this.failure !== null;
  }

  /**
   * Starts the thread before the first candidate: it loads the engine while this thread walks on, plans the copies,
   * waits for git and reads the first files.
   */
  start(): Worker {
    return (this.worker ??= this.spawn());
  }

  submit(candidate: Candidate): void {
    this.all.push(candidate);
    const id = this.nextId++;
    this.waiting.set(id, candidate);
    if (this.stoppedBecause !== null) return; // the thread stopped: planned on the main thread at the end
    if (!this.claims) this.shareClaims();
    this.start().postMessage({
      kind: 'candidate',
      job: { id, file: candidate.file, text: candidate.text, depthChecked: candidate.depthChecked },
    } satisfies ToPlanWorker);
  }

  private shareClaims(): void {
    const claims = new SharedArrayBuffer(Math.max(1, this.capacity()));
    this.claims = new Uint8Array(claims);
    this.start().postMessage({ kind: 'claims', claims } satisfies ToPlanWorker);
  }

  private spawn(): Worker {
    // A bounded young generation: the thread's default one grew to about 30 MB more resident memory
    // at 100,000 files, for no time gained (BENCHMARKS.md, codemod speed).
    const worker = compiledWorker(WORKER_FILE, {
      workerData: this.config,
      resourceLimits: { maxYoungGenerationSizeMb: 16, stackSizeMb: PARSING_THREAD_STACK_MB },
    });
    worker.on('message', (message: FromPlanWorker) => this.receive(message));
    worker.on('error', (err) => this.halt(`it threw: ${err.message}`));
    worker.on('exit', (code) => this.halt(`it exited with code ${code}`));
    return worker;
  }

  private receive(message: FromPlanWorker): void {
    if (this.closed || this.failure) return;
    if (message.kind === 'decided') this.decision = message.decision;
    else {
      const candidate = this.waiting.get(message.id);
      if (!candidate) return;
      this.waiting.delete(message.id);
      if (this.planned++ === 0) this.firstPlanAt = performance.now();
      try {
        this.onPlan({
          result: message.result,
          final: message.final,
          ...(message.templates ? { templates: message.templates } : {}),
          before: this.keepBefore ? candidate.text : undefined,
          stamp: candidate.stamp,
        });
      } catch (error) {
        this.failure = { error };
      }
    }
    this.wake();
  }

  private halt(reason: string): void {
    this.stoppedBecause ??= reason;
    this.wake();
  }

  /** Still planning: no answer to the last candidate yet, no failure, no stop. */
  private get live(): boolean {
    return !this.failure && this.stoppedBecause === null && this.decision === null;
  }

  /**
   * Every candidate is submitted: plans a share of those left on this thread (`planHere`, under
   * its scope's decision over all of them), waits for the last plans (or a signal, or the thread's end),
   * then lets the thread go. Throws what onPlan threw (RunAborted).
   */
  async finish(
    signalled: () => boolean,
    onSignal: (wake: (() => void) | null) => void,
    planHere: (candidate: Candidate, decision: RoutingDecision) => FilePlan,
  ): Promise<PipelineEnd> {
    const worker = this.worker;
    if (!worker) return { kind: 'decided', decision: routingDecisionIn([]) };
    if (this.live) worker.postMessage({ kind: 'end' } satisfies ToPlanWorker);
    onSignal(() => this.wake());
    if (this.threadIsFarBehind()) await this.planShareHere(planHere, signalled);
    while (this.live && !signalled()) await new Promise<void>((resolve) => (this.wake = resolve));
    onSignal(null);
    // Decided first: the decision comes after the thread's last plan, so every plan was handed on.
    const end: PipelineEnd | null = this.failure
      ? null
      : this.decision !== null
        ? { kind: 'decided', decision: this.decision }
        : signalled()
          ? { kind: 'interrupted', notProcessed: this.waiting.size }
          : { kind: 'stopped', reason: this.stoppedBecause ?? 'it stopped', remaining: [...this.waiting.values()] };
    this.closed = true;
    await worker.terminate();
    if (this.failure) throw this.failure.error;
    return end!;
  }

  /** Are enough candidates left that this thread's share pays for loading the engine here (mainThreadHelps)? */
  private threadIsFarBehind(): boolean {
    const perPlan = this.planned < 2 ? null : (performance.now() - this.firstPlanAt) / (this.planned - 1);
    return mainThreadHelps(this.waiting.size, perPlan, this.config.dry);
  }

  /**
   * Plans candidates here from the last one down until it meets one the thread has claimed
   * (the thread goes up in order). The decisions are final: every candidate is in. Between two
   * plans the thread's answers are let in, so their writes start.
   */
  private async planShareHere(
    planHere: (candidate: Candidate, decision: RoutingDecision) => FilePlan,
    signalled: () => boolean,
  ): Promise<void> {
    const routing = scopedRoutingIn(this.all, this.scopeOf);
    for (let id = this.nextId - 1; id >= 0 && this.live && !signalled(); id--) {
      if (Atomics.compareExchange(this.claims!, id, 0, CLAIMED_BY_MAIN) !== 0) return;
      const candidate = this.waiting.get(id)!;
      this.waiting.delete(id);
      try {
        this.onPlan(planHere(candidate, routing.decisionFor(candidate.file)));
      } catch (error) {
        this.failure = { error };
        return;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
  }

  /**
   * A signal during the walk, or a run refused before reading: the thread goes; the candidates it held are not
   * processed (their count).
   */
  async abandon(): Promise<number> {
    this.closed = true;
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
    return this.waiting.size;
  }
}
