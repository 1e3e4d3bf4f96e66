/**
 * The planning thread of the pipeline (pipeline.ts): loads the engine at once, while the main
 * thread is still walking and reading, then plans each candidate as it arrives (the routing
 * decision so far, the rewrite, the re-parse check) and posts back its result and new text.
 * It never writes: the main thread does every write, so the trust sequence stays in one place.
 *
 * A candidate the main thread claimed first (it plans the last ones too, pipeline.ts) is only
 * counted for the routing decision.
 *
 * A plan that a later file could still change (the file may reach an app API whose option is
 * still off in its scope) is held until the main thread says the last candidate was sent, then posted,
 * planned again if the option turned on.
 */
import { parentPort, workerData } from 'worker_threads';
import { loadEngine, ScopedRouting, type RoutingDecision } from '../rewrite/light';
import { saveCompiledCode } from './code-cache';
import { planCandidate, type PlanContext } from './migrate';
import {
  CLAIMED_BY_THREAD,
  type PlanWorkerConfig,
  type ToPlanWorker,
  type FromPlanWorker,
  type CandidateJob,
} from './pipeline';
import { RuntimeChooser } from './runtime-target';

const config = workerData as PlanWorkerConfig;
/** Who plans each candidate (pipeline.ts): shared before the first candidate comes. */
let claims: Uint8Array = new Uint8Array(0);
const chooser = new RuntimeChooser(config.runtime, config.local, config.taroCopies, config.dry);
// Decided per scope (a mini-program, a Taro project, the rest of the run), as on the main thread.
const routing = new ScopedRouting((file) => chooser.routingScopeOf(file));
const held: { job: CandidateJob; plan: FromPlanWorker; assumed: RoutingDecision }[] = [];
const fault = testFault();
let received = 0;

loadEngine();

const post = (message: FromPlanWorker) => parentPort!.postMessage(message);

function plan(job: CandidateJob): Extract<FromPlanWorker, { kind: 'plan' }> {
  const context: PlanContext = {
    chooser,
    keepBefore: false,
    parser: config.parser,
    families: config.families,
    ...routing.decisionFor(job.file),
  };
  const { result, final, templates } = planCandidate(job, context);
  return { kind: 'plan', id: job.id, result, final, ...(templates ? { templates } : {}) };
}

parentPort!.on('message', (message: ToPlanWorker) => {
  if (message.kind === 'claims') {
    claims = new Uint8Array(message.claims);
    return;
  }
  if (message.kind === 'candidate') {
    const job = message.job;
    fault?.(++received);
    routing.add(job);
    // The main thread plans the last candidates itself once its walk is done: one it took is its own.
    if (Atomics.compareExchange(claims, job.id, 0, CLAIMED_BY_THREAD) !== 0) return;
    const planned = plan(job);
    if (routing.undecidedFor(job.file, job.text))
      held.push({ job, plan: planned, assumed: { ...routing.decisionFor(job.file) } });
    else post(planned);
    return;
  }
  // The last candidate is in: each scope's decision is final.
  for (const { job, plan: planned, assumed } of held) {
    const decision = routing.decisionFor(job.file);
    const changed = (Object.keys(assumed) as (keyof RoutingDecision)[]).some(
      (option) => assumed[option] !== decision[option],
    );
    post(changed ? plan(job) : planned);
  }
  // Before the decision: the main thread ends this thread once it has it.
  saveCompiledCode();
  post({ kind: 'decided', decision: routing.any });
});

/**
 * RECORD_COMPAT_TEST_WORKER_FAULT=<fault>[@<n>] (tests only): on the n-th candidate (every one
 * without @n) the thread `crash`es (exits), `throw`s an uncaught error, or is `slow` (sleeps a
 * second before planning it).
 */
function testFault(): ((nth: number) => void) | null {
  const value = process.env.RECORD_COMPAT_TEST_WORKER_FAULT;
  if (!value) return null;
  const m = /^(crash|throw|slow)(?:@(\d+))?$/.exec(value);
  if (!m) throw new Error(`RECORD_COMPAT_TEST_WORKER_FAULT=${value}: expected crash|throw|slow, optionally @<n>`);
  const at = m[2] === undefined ? null : Number(m[2]);
  return (nth) => {
    if (at !== null && nth !== at) return;
    if (m[1] === 'crash') process.exit(70);
    if (m[1] === 'throw') throw new Error('injected planning-thread fault');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
  };
}
