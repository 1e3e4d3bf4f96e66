/**
 * The per-file pipeline: scan (read + pre-filter), plan (the rewrite, in
 * memory), commit (write). Every failure is caught and turned into a result,
 * so one bad file never stops the run, and a file is written only after its
 * new text has been checked to parse.
 */
import * as path from 'path';
import {
  exact,
  loadEngine,
  classifyFile,
  holdsUndecodableName,
  importsRuntime,
  MAX_SOURCE_BYTES,
  mightContainLegacyCall,
  mightContainLegacyCallBytes,
  refusedFilePlaces,
  routedOnlyPreamble,
  type ManualReviewSite,
  type ParserChoice,
  type Refusal,
  type RewriteOptions,
  type Wording,
} from '../rewrite/light';
import {
  askExpectedNow,
  attributesReady,
  FileChangedError,
  IoRefusal,
  keepRead,
  readSource,
  replaceSourceAsync,
  type ReadStamp,
} from '../files/io';
import { sourceWriteRefusal, writablePath, type WriteScope } from '../files/write-gate';
import type { WritablePath } from '../files/io';
import type { RuntimeChooser } from './runtime-target';
import type { FileResult, SkipReason } from '../report/file-result';

export interface PlanContext {
  chooser: RuntimeChooser;
  /** Route the app's own getRecorderManager too: the file's routing scope holds a legacy record call (see run.ts). */
  routeRecorderManager: boolean;
  /**
   * Route the app's own getBackgroundAudioManager too: the file's routing scope holds a legacy background-audio call.
   */
  routeBackgroundAudioManager?: boolean;
  /**
   * Route the calls that read a canvas by its id too (canvasToTempFilePath, …): the file's routing scope moves a canvas
   * to Canvas 2D.
   */
  routeCanvasPixels?: boolean;
  /** The text rewrite's parser (--parser); undefined: the default. */
  parser?: ParserChoice;
  /** The families to migrate (--families); undefined: all. */
  families?: RewriteOptions['families'];
  /** Keep the old text of changed files (for --print). */
  keepBefore: boolean;
}

export interface CommitContext {
  dry: boolean;
  /** What every write is judged against (write-gate.ts): each source is asked just before its write, or by --dry. */
  gate: WriteScope;
  /**
   * Called before each source is written (writes the local runtime copy it imports, the first
   * time); `first`: no source write has started yet. Returns why the file must be left as it
   * is, or null; throws RunAborted to stop the run.
   */
  beforeWrite?: (result: FileResult, first: boolean) => string | null;
}

/** Thrown inside scanFile / planFile for a failure that has a place and a reason. */
class FileFailure extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

function result(file: string, status: FileResult['status'], extra: Partial<FileResult> = {}): FileResult {
  return { file, status, parsed: false, rewritten: [], manual: [], ...extra };
}

/**
 * Runs the engine on one file (script or .vue component), turning its errors into
 * FileFailures with a clean reason and a place in the file.
 */
function rewriteOne(
  file: string,
  text: string,
  ctx: PlanContext,
  res: FileResult,
  depthChecked: boolean,
): { output: string | null; templates?: TemplatePlan[] } {
  const e = loadEngine();
  const options = ctx.chooser.rewriteOptionsFor(file, text, {
    routeRecorderManager: ctx.routeRecorderManager,
    routeBackgroundAudioManager: ctx.routeBackgroundAudioManager,
    routeCanvasPixels: ctx.routeCanvasPixels,
    parser: ctx.parser,
    families: ctx.families,
  });
  const importSource = options.importSource;
  let out;
  try {
    // The codemod writes the templates the rewrite changes with their scripts (a canvas moved to Canvas 2D).
    out = e.rewriteFile(text, file, options, { depthChecked, writesTemplates: true });
  } catch (err) {
    if (!(err instanceof e.SfcParseError)) {
      res.parsed = true;
      res.importSource = importSource;
    }
    if (err instanceof e.RewriteParseError)
      throw new FileFailure(`does not parse: ${err.reason}`, err.line || undefined, err.column);
    if (err instanceof e.SfcParseError)
      throw new FileFailure(`not a valid single-file component: ${err.message}`, err.line, err.column);
    if (err instanceof e.RewriteRefusedError) throw new FileFailure(err.message, err.line);
    const { message, loc } = err as { message?: string; loc?: { line: number; column: number } };
    throw new FileFailure(`the rewrite threw: ${message ?? String(err)}`, loc?.line, loc?.column);
  }
  if (!out.parsed) return { output: null };
  res.parsed = true;
  res.rewritten = out.report.rewritten;
  // A file that loads another of the runtime's entries takes the new names from it; one whose rewrite only renames or
  // writes properties imports nothing, and needs no copy of the runtime.
  if (importsRuntime(res.rewritten)) res.importSource = out.report.importedFrom ?? importSource;
  res.manual = out.report.manual;
  if (out.report.leftAsChosen) res.leftAsChosen = out.report.leftAsChosen;
  if (out.report.taroWrapped) res.taroWrapped = true;
  if (out.report.skipped) {
    res.skip = { reason: 'jsSdk', detail: out.report.skipped };
    return { output: null };
  }
  // A rewrite that only renames or moves in place imports nothing: it can be written wherever the file is loaded from.
  const refused =
    out.output === null || res.importSource === undefined
      ? null
      : (ctx.chooser.localCopyRefusal(file) ??
        ctx.chooser.packageImportRefusal(file, res.importSource, res.taroWrapped === true));
  if (refused)
    throw new FileFailure(
      (routedOnlyPreamble(res.rewritten.map((site) => site.api)) ?? '') + refused,
      res.rewritten[0]?.line,
    );
  // The engine checked the text (it parses, keeps the file's BOM and line endings).
  return out.output === null || !out.templates?.length
    ? { output: out.output }
    : { output: out.output, templates: out.templates };
}

/** A template file that changes with its script (a page's `.wxml` whose `<canvas>` moves to Canvas 2D): as read, and new. */
export interface TemplatePlan {
  file: string;
  before: string;
  text: string;
}

/** What planning one file produced: its result, and the new text when it changes. */
export interface FilePlan {
  result: FileResult;
  /** The new text, set when result.status is 'changed'. */
  final?: string;
  /** The old text, kept only when asked for (diffs). */
  before?: string;
  /** The version of the file that was read: the write happens only if the file is still that version. */
  stamp?: ReadStamp;
  /** The templates written after it (only when it changes): each only if it is still the text the rewrite read. */
  templates?: TemplatePlan[];
}

/** After the cheap scan: either settled, or a candidate whose text must go through the engine. */
/** A candidate passed classifyFile: `depthChecked`, its nesting is not estimated again (routing.ts, parse.ts). */
export type Scan =
  | { kind: 'settled'; plan: FilePlan }
  | { kind: 'candidate'; file: string; text: string; stamp: ReadStamp; depthChecked: true };

/** Before the run knows what it routes, a file naming any routable app API stays a candidate. */
const ROUTE_EVERY_APP_API = {
  routeRecorderManager: true,
  routeBackgroundAudioManager: true,
  routeCanvasPixels: true,
} as const;

/** One buffer for every file's first read: most files end there, with no allocation of their own. */
let scratch: Buffer | undefined;

/**
 * Step 1, cheap, on every file: read it once (into a buffer reused for the whole run), classify
 * it by its name, size and byte-order mark, and search its bytes for the table's names before
 * decoding anything; a file that names one is classified again by its text (classifyFile, the
 * audit's gate too). Only files that can hold a legacy call become candidates (their bytes copied
 * out), and files that name getRecorderManager: whether those are rewritten is decided once
 * the whole run is scanned (planCandidate), scope by scope. A refused file that is not a failure
 * (minified, too large) is skipped; the legacy calls in it are places for a person, as no door
 * migrates it (package-calls.ts, refusedFilePlaces).
 */
export function scanFile(file: string): Scan {
  const res = result(file, 'unchanged');
  const name = nameToClassify(file);
  const skipped = (refusal: Refusal, manual: ManualReviewSite[] = []) =>
    settled(
      result(file, 'skipped', { skip: { reason: refusal.reason as SkipReason, detail: refusal.detail }, manual }),
    );
  const refuse = (refusal: Refusal, text?: string): Scan => {
    if (refusal.fails) throw new FileFailure(refusal.message);
    return skipped(refusal, refusedFilePlaces(file, refusal, text));
  };
  try {
    const read = readSource(file, (scratch ??= Buffer.allocUnsafe(MAX_SOURCE_BYTES)));
    // A UTF-16/32 file would pass the pre-filter only by luck (its ASCII is spread over NULs): its first bytes decide
    // first.
    const early = classifyFile(read.kind === 'tooLarge' ? { name, size: read.size } : { name, bytes: read.bytes });
    if (early && (read.kind === 'tooLarge' || early.fails)) return refuse(early);
    // Most files stop here: their bytes name no API (nor an app API a project may route).
    if (read.kind === 'tooLarge' || !mightContainLegacyCallBytes(read.bytes, ROUTE_EVERY_APP_API))
      return early ? skipped(early) : settled(res);
    const { bytes, stamp } = keepRead(read);
    const text = bytes.toString('utf8');
    if (!mightContainLegacyCall(text, ROUTE_EVERY_APP_API)) return early ? skipped(early) : settled(res);
    const refused = classifyFile({ name, bytes, text });
    if (refused) return refuse(refused, text);
    return { kind: 'candidate', file, text, stamp, depthChecked: true };
  } catch (err) {
    return settled(failed(res, err));
  }
}

/**
 * The name classifyFile reads for the file at `file`: the path itself, the same answer as its base name gives (a name
 * that says minified ends the path as it ends the base name; a byte kept from a name that is not UTF-8 is in the path if
 * it is in the base name), without copying the base name out of each of a tree's paths. Where the path keeps such a
 * byte, the base name, which alone says whether the file's own name is not UTF-8.
 */
function nameToClassify(file: string): string {
  return holdsUndecodableName(file) ? path.basename(file) : file;
}

/**
 * A file the walk listed apart by its minified name (`sdk.min.js`): scanned as any, which refuses it as minified
 * whatever its lines (classifyFile), its legacy calls left as places for a person.
 */
export function scanMinifiedByName(file: string): FileResult {
  const scanned = scanFile(file);
  if (scanned.kind !== 'settled') throw new Error(`internal: ${file}, minified by its name, was not refused`);
  return scanned.plan.result;
}

/**
 * Steps 1b and 2 for a candidate, on either thread, under its scope's routing decision (in
 * `ctx`): one that names no API the decision routes (only getRecorderManager, in a scope that
 * does not route it) is settled as unchanged, unparsed, as if the pre-filter had stopped it;
 * the others go through the rewrite (planFile).
 */
export function planCandidate(
  candidate: { file: string; text: string; stamp?: ReadStamp; depthChecked: boolean },
  ctx: PlanContext,
): FilePlan {
  if (!mightContainLegacyCall(candidate.text, ctx)) return { result: result(candidate.file, 'unchanged') };
  return { ...planFile(candidate.file, candidate.text, ctx, candidate.depthChecked), stamp: candidate.stamp };
}

function settled(r: FileResult): Scan {
  return { kind: 'settled', plan: { result: r } };
}

/**
 * Step 2, on candidates only: runs the rewrite on the text in memory and returns
 * the file's plan: its result (changed / unchanged / skipped / failed, with the
 * rewritten and manual-review sites) and, when it changes, the new text for
 * the WriteQueue to write. Writes nothing. Not to be confused with the
 * rewrite's analyzeSource, which only reports.
 */
export function planFile(file: string, text: string, ctx: PlanContext, depthChecked = false): FilePlan {
  const res = result(file, 'unchanged');
  try {
    const { output: final, templates } = rewriteOne(file, text, ctx, res, depthChecked);
    if (res.skip) {
      res.status = 'skipped';
      return { result: res };
    }
    if (final === null) return { result: res };
    res.status = 'changed';
    if (templates) res.templates = templates.map((template) => template.file);
    return { result: res, final, before: ctx.keepBefore ? text : undefined, ...(templates ? { templates } : {}) };
  } catch (err) {
    return { result: failed(res, err) };
  }
}

function failed(res: FileResult, err: unknown): FileResult {
  if (err instanceof FileFailure) {
    return {
      ...res,
      status: 'failed',
      skip: undefined,
      error: { line: err.line, column: err.column, message: err.message },
    };
  }
  if (err instanceof IoRefusal) return { ...res, status: 'failed', skip: undefined, error: { message: err.message } };
  const { message, code } = err as NodeJS.ErrnoException;
  if (code && message.startsWith(`${code}:`)) return { ...res, status: 'failed', skip: undefined, error: { message } };
  return {
    ...res,
    status: 'failed',
    skip: undefined,
    error: { message: code ? `${code}: ${message}` : String(message ?? err) },
  };
}

/**
 * Raised by beforeWrite when nothing may be written at all (the first runtime copy could not be written): why, in words
 * for each reader.
 */
export class RunAborted extends Error {
  constructor(readonly wording: Wording) {
    super(wording(exact));
  }
}

/** How many verified writes may wait on the disk at once: each holds a descriptor, and libuv's pool has 4 threads. */
const WRITES_IN_FLIGHT = 4;

/** A plan in the queue: its result once settled (written, failed, or nothing to write). */
interface Entry {
  plan: FilePlan;
  result: FileResult | null;
}

/**
 * Step 3: settles each plan, writing the changed ones. A write's fsync runs on libuv's
 * thread pool (replaceSourceAsync) while the run goes on reading and planning, with at most
 * WRITES_IN_FLIGHT writes under way and the rest waiting their turn; every other step of the
 * verified write stays where it was. A write error turns the result into a failure; the
 * atomic write leaves the old file in place. Results are handed on in the order the plans
 * came, whatever order the disk finishes in, so a run's output does not depend on it.
 */
export class WriteQueue {
  /** The plans in the order they came; those before `handedOn` are handed on already. */
  private order: Entry[] = [];
  private handedOn = 0;
  private readonly toStart: Entry[] = [];
  private inFlight = 0;
  private idle: (() => void) | null = null;
  private stopped = false;
  /** A source write was started (or queued): a failure from here on can no longer stop the run before any write. */
  private anyStarted = false;
  /** What onSettled threw, rethrown by drain. */
  private failure: { error: unknown } | null = null;

  constructor(
    private readonly ctx: CommitContext,
    private readonly onSettled: (result: FileResult, plan: FilePlan) => void,
  ) {}

  /**
   * Settles a plan: at once when there is nothing to write (after the plans before it), else its write starts or waits
   * its turn. Throws RunAborted.
   */
  add(plan: FilePlan): void {
    const res = plan.result;
    const entry: Entry = { plan, result: null };
    this.order.push(entry);
    if (this.ctx.dry && res.status === 'changed') return this.startDry(entry);
    if (res.status !== 'changed' || plan.final === undefined || this.ctx.dry) {
      entry.result = res;
      return this.handOn();
    }
    if (this.ctx.beforeWrite) {
      let refusal: string | null;
      try {
        refusal = this.ctx.beforeWrite(res, !this.anyStarted); // throws RunAborted
      } catch (err) {
        this.order.pop();
        throw err;
      }
      if (refusal !== null) {
        entry.result = failed(res, new FileFailure(refusal));
        return this.handOn();
      }
    }
    this.anyStarted = true;
    if (!this.stopped && this.inFlight < WRITES_IN_FLIGHT) this.start(entry);
    else this.toStart.push(entry);
  }

  /**
   * `--dry`: what the write would meet, once the file's extended attributes are known (attributes.ts asks in batches).
   */
  private startDry(entry: Entry): void {
    const settle = (): void => {
      entry.result = dryWrite(entry.plan, this.ctx.gate);
      this.handOn();
    };
    const pending = attributesReady(entry.plan.result.file);
    if (!pending) return settle();
    this.inFlight++;
    void pending.then(() => {
      this.inFlight--;
      settle();
      if (this.inFlight === 0) this.idle?.();
    });
  }

  /** Writes a plan once its file's extended attributes are asked about (in batches: attributes.ts). */
  private start(entry: Entry): void {
    this.inFlight++;
    const pending = attributesReady(entry.plan.result.file);
    const write = () => writePlan(entry.plan, this.ctx.gate);
    const written = pending ? pending.then(write) : write();
    void written.then((res) => {
      this.inFlight--;
      entry.result = res;
      this.handOn();
      const next = this.stopped ? undefined : this.toStart.shift();
      if (next) this.start(next);
      else if (this.inFlight === 0) this.idle?.();
    });
  }

  /** Hands on the settled results at the head of the queue, in order. */
  private handOn(): void {
    while (this.handedOn < this.order.length && this.order[this.handedOn].result !== null) {
      const { plan, result } = this.order[this.handedOn++];
      try {
        this.onSettled(result!, plan);
      } catch (error) {
        this.failure ??= { error };
      }
    }
    // Not shift() per plan, which moves every entry behind it: in a --dry run of 100,000 files, tens of thousands
    // wait behind a file whose attributes are still being asked (1.7 s of the run). Let go all at once, or by halves.
    if (this.handedOn === this.order.length) this.order.length = this.handedOn = 0;
    else if (this.handedOn >= 1024 && 2 * this.handedOn >= this.order.length) {
      this.order = this.order.slice(this.handedOn);
      this.handedOn = 0;
    }
  }

  /**
   * Every file the run may write has been read (the plans may still be coming): the writes waiting for a batch of
   * attributes get theirs.
   */
  everyFileRead(): void {
    askExpectedNow();
  }

  /**
   * Waits for the writes under way. With `stop` (a signal), the writes not started are given
   * up: their files are left as they were, and their count is returned.
   */
  async drain(stop = false): Promise<number> {
    let givenUp = 0;
    if (stop) {
      this.stopped = true;
      const dropped = new Set(this.toStart.splice(0));
      givenUp = dropped.size;
      this.order = this.order.filter((entry, i) => i < this.handedOn || !dropped.has(entry));
      this.handOn();
    }
    this.everyFileRead();
    while (this.inFlight > 0 || (!this.stopped && this.toStart.length > 0)) {
      await new Promise<void>((resolve) => (this.idle = resolve));
      this.idle = null;
    }
    if (this.failure) throw this.failure.error;
    return givenUp;
  }
}

/** What writing one planned change would meet (`--dry`): the write gate's verdict on it and its templates, as a write would have it. */
function dryWrite(plan: FilePlan, gate: WriteScope): FileResult {
  const verdict = writablePath(plan.result.file, gate);
  if (!verdict.ok) return failed(plan.result, new FileFailure(sourceWriteRefusal(verdict)));
  const templates = readyTemplates(plan, gate);
  return 'failure' in templates ? failed(plan.result, templates.failure) : plan.result;
}

/**
 * Writes one planned change where the write gate lets it (replaceSourceAsync), then its templates; never throws: a
 * failure is the file's result. A template the gate refuses, or that is no longer the text the rewrite read, leaves
 * the script unwritten too.
 */
async function writePlan(plan: FilePlan, gate: WriteScope): Promise<FileResult> {
  const res = plan.result;
  if (!plan.stamp) return failed(res, new FileFailure('internal: no record of the version read; nothing written'));
  const verdict = writablePath(res.file, gate);
  if (!verdict.ok) return failed(res, new FileFailure(sourceWriteRefusal(verdict)));
  const templates = readyTemplates(plan, gate);
  if ('failure' in templates) return failed(res, templates.failure);
  try {
    await replaceSourceAsync(verdict.path, plan.final!, plan.stamp);
  } catch (err) {
    if (err instanceof FileChangedError || err instanceof IoRefusal) return failed(res, new FileFailure(err.message));
    return failed(res, new FileFailure(`could not write (the original is untouched): ${(err as Error).message}`));
  }
  return writeTemplates(res, templates.ready, gate);
}

/** A template the gate lets through and that is still the text the rewrite read: where, what, and the version read. */
interface ReadyTemplate {
  path: WritablePath;
  file: string;
  text: string;
  stamp: ReadStamp;
}

/**
 * Each template of the plan, judged by the write gate and read again: all ready, or the failure of the first that is
 * not (the script's first rewritten line, since the template moves with its calls). Nothing is written here.
 */
function readyTemplates(plan: FilePlan, gate: WriteScope): { ready: ReadyTemplate[] } | { failure: FileFailure } {
  const ready: ReadyTemplate[] = [];
  for (const template of plan.templates ?? []) {
    const shown = templateShown(template.file, gate);
    const refuse = (why: string) =>
      new FileFailure(
        `its template ${shown} ${why}, and the script moves to Canvas 2D only with it: nothing written`,
        plan.result.rewritten.find((site) => site.api === 'createCanvasContext')?.line ??
          plan.result.rewritten[0]?.line,
      );
    const verdict = writablePath(template.file, gate);
    if (!verdict.ok) return { failure: refuse(verdict.says((text) => text, null).replace(/^it /, '')) };
    const read = readTemplateAgain(verdict.path);
    if (typeof read === 'string') return { failure: refuse(read) };
    if (!read.bytes.equals(Buffer.from(template.before, 'utf8')))
      return {
        failure: refuse(
          read.bytes.toString('utf8') === template.before
            ? 'is not UTF-8, so writing it would change bytes the migration never touched'
            : 'changed after the rewrite read it',
        ),
      };
    ready.push({ path: verdict.path, file: template.file, text: template.text, stamp: read });
  }
  return { ready };
}

/** A template's bytes now, with what identifies that version, or why it cannot be read. */
function readTemplateAgain(file: WritablePath): ReadStamp | string {
  try {
    const read = readSource(file);
    return read.kind === 'ok' ? read.stamp : `is ${read.size} bytes, over the ${MAX_SOURCE_BYTES}-byte limit`;
  } catch (err) {
    return `could not be read again (${(err as Error).message})`;
  }
}

/** A template's path as a failure names it: from the run's folder. */
function templateShown(file: string, gate: WriteScope): string {
  return path.relative(gate.cwd, file).split(path.sep).join('/') || file;
}

/**
 * Writes the templates of a script written already. One that fails leaves its script moved with its template as it was:
 * the runtime draws through the legacy context where the `<canvas>` has no `type="2d"` (it keeps `canvas-id`), so the
 * page still draws; the failure says what to finish.
 */
async function writeTemplates(res: FileResult, templates: ReadyTemplate[], gate: WriteScope): Promise<FileResult> {
  for (const template of templates) {
    try {
      await replaceSourceAsync(template.path, template.text, template.stamp);
    } catch (err) {
      const why = err instanceof FileChangedError || err instanceof IoRefusal ? err.message : (err as Error).message;
      return failed(
        { ...res, templates: templates.slice(0, templates.indexOf(template)).map((t) => t.file) },
        new FileFailure(
          `it was written, but its template ${templateShown(template.file, gate)} could not be (${why}): add type="2d" and the canvas-id as id to its <canvas> by hand (until then the runtime draws through the legacy canvas)`,
        ),
      );
    }
  }
  return res;
}
