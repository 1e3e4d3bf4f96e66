/**
 * The codemod run, without its output: given the parsed command line, run the safety
 * checks, walk, plan and write file by file, and return what happened as a
 * RunResult. It prints nothing and never exits; a RunListener hears about
 * warnings and files as they happen (render.ts turns both into text or JSON).
 */
import * as path from 'path';
import {
  builtPackageCalls,
  combineGitStates,
  counted,
  excludedReport,
  legacyCallsInSkippedFolders,
  Exclusions,
  gitBusyWith,
  GitChecks,
  keepHidden,
  withoutUntrackedOutside,
  type GitState,
  otherComponentCalls,
  unreadBuiltPackage,
  unreadComponent,
  exact,
  keepOneNamePerFile,
  kindRefusal,
  notCheckedOut,
  notCheckedOutWarnings,
  printable,
  readSideText,
  routingDecisionIn,
  SCRIPT_EXTENSIONS,
  scopedRoutingIn,
  secondNamesWarning,
  walkStoppably,
  type RoutingDecision,
  type WalkResult,
  type Wording,
} from '../rewrite/light';
import {
  planCandidate,
  RunAborted,
  scanFile,
  scanMinifiedByName,
  type FilePlan,
  type PlanContext,
  type Scan,
  WriteQueue,
} from './migrate';
import type { FileResult, SkipReason } from '../report/file-result';
import type { CliOptions } from './options';
import { PIPELINE_MIN_FILES, PlanPipeline, planOnSecondThread } from './pipeline';
import { exitCodeOf, Tally, type StopSignalName } from './report';
import {
  familiesImportedBy,
  resolveLocalRuntime,
  runtimePieces,
  RuntimeChooser,
  type LocalRuntime,
  type LocalRuntimeConfig,
} from './runtime-target';
import { holdFamilies, localCopyWriter, planLocalCopy, type LocalCopyPlan } from './local-copies';
import { copyPlaceProblem, suggestedCopy } from './copy-place';
import { writeScope, type WriteScope } from '../files/write-gate';
import { gitRefuses, GitRefusal, HiddenFileGate, refusalByGit } from './git-verdict';
import type { RefusalReason, RunListener, RunResult } from './run-result';
import { StopSignal } from './stop-signal';
import { warnOfChangedFiles } from './changed-file-warnings';

/** Runs the codemod with a parsed command line (options.ts). Throws only on an internal error. */
export async function runMigration(options: CliOptions, listener: RunListener = {}): Promise<RunResult> {
  // From here on a signal stops the run between two files, and the summary still comes.
  const stop = new StopSignal();
  const threads: { pipeline: PlanPipeline | null } = { pipeline: null };
  try {
    return await new MigrationRun(options, listener, stop, threads).run();
  } finally {
    // A run that ended before its planning thread was done with (refused, or an internal error): the thread goes.
    await threads.pipeline?.abandon();
    stop.dispose();
  }
}
/** A scan the pre-filter let through: planned under its scope's routing decision once every file is read. */
type Candidate = Extract<Scan, { kind: 'candidate' }>;

/**
 * One codemod run, as named steps over its state (the way FileMatcher is): the constructor asks
 * git and walks, run() lists the rest in order. Its fields are what the steps share: the tally,
 * git's answer, the local copies, the write queue.
 */
class MigrationRun {
  /**
   * git runs while we plan and walk; its verdict comes before anything is read (before anything is
   * written where it waits for the plans of files git hides: HiddenFileGate). Each repository the
   * walk enters below the paths given (a clone in a workspace, a submodule) is checked as they
   * are, from the moment the walk enters it.
   */
  private readonly gitChecks = new GitChecks();
  /** With --runtime local and the default (whose local route writes copies too): where the copies go. */
  private readonly localConfig: LocalRuntimeConfig | null;
  private readonly tally: Tally;
  /** What the walk listed: the run's first step (walk). */
  private walked!: WalkResult;
  /** The run's one chooser on this thread, made when first asked for: it keeps what it read of each project. */
  private chooser: RuntimeChooser | undefined;
  /** Each copy the files take, planned before anything is written (planLocalCopies); null without a local runtime. */
  private localCopies: Map<string, LocalCopyPlan> | null = null;
  /** The queue every plan goes through, opened once git has answered (openWrites). */
  private writes: WriteQueue | null = null;
  /** git's answer for each repository, as it came (readGitStates). */
  private gitStates: GitState[] = [];
  /**
   * git's answer for the run: the hidden files counted are those the pre-filter let through, then those the run
   * rewrites.
   */
  private git!: GitState;
  /**
   * Files git hides that the pre-filter let through, scanned once for git's verdict: the read loop takes their scan.
   */
  private readonly earlyScans = new Map<string, Scan>();
  /**
   * Set once git has answered, when plans must wait for hidden files' (HiddenFileGate); read by `interrupted` from the
   * start.
   */
  private gate: HiddenFileGate | null = null;
  /** What every write of the run is judged against (write-gate.ts), --dry's too. */
  /** The user's --exclude, for the walk and the write gate alike. */
  private readonly exclusions: Exclusions | null;
  private readonly writeScope: WriteScope;
  /** The files the walk listed, made into a set when the first write asks (listedByWalk). */
  private listed: Set<string> | undefined;
  /** Whether to plan on a second thread was asked (startPlanningThread): once a run. */
  private planningThreadAsked = false;

  constructor(
    private readonly options: CliOptions,
    private readonly listener: RunListener,
    private readonly stop: StopSignal,
    private readonly threads: { pipeline: PlanPipeline | null },
  ) {
    for (const target of options.paths) this.gitChecks.ask(target);
    this.localConfig =
      options.runtime.kind === 'package' ? null : resolveLocalRuntime(options.runtime, options.paths[0], options.cwd);
    this.tally = new Tally(options.cwd);
    this.exclusions = Exclusions.of(options.exclude, options.cwd);
    this.writeScope = writeScope(options.paths, options.cwd, this.exclusions, (file) =>
      (this.listed ??= new Set(this.walked.files)).has(file),
    );
  }

  async run(): Promise<RunResult> {
    if (!(await this.walk())) return this.interruptedListing();
    this.warnOfSecondNames();
    this.startPlanningThread(this.walked.files.length);
    const copyRefusal = this.planLocalCopies();
    if (copyRefusal) return this.refuse('runtimeCopy', copyRefusal);
    this.warnOfUnfinishedWrites();
    const hiddenCandidates = await this.readGitStates();
    // A terminal's Ctrl-C reaches git too (the whole foreground group): git failing then is the
    // signal's doing, and the run was interrupted, not refused. One turn of the loop lets it in.
    await this.stop.yield();
    if (this.stop.signal) return this.interrupted(this.stop.signal, this.walked.files.length);
    const gitRefusal = this.gitVerdict(hiddenCandidates);
    if (gitRefusal) return this.refuse(gitRefusal.reason, gitRefusal.wording);
    this.tallyUnreadable();
    this.noteIgnored();
    this.noteExcluded();
    this.warnOfGitIndex();
    this.tallyListedOnly();
    this.tallyLeftAsTheyAre();
    if (this.stop.signal) return this.interrupted(this.stop.signal, this.walked.files.length);
    this.listener.start?.(this.options, this.walked.files.length);
    const writes = this.openWrites();
    try {
      return await this.planAndWrite(writes);
    } catch (err) {
      if (err instanceof RunAborted)
        return this.refuse('runtimeCopy', (show) => `${err.wording(show)}; no file was written`);
      if (err instanceof GitRefusal) return this.refuse(err.reason, err.wording);
      throw err;
    }
  }

  /**
   * Lists the files under the paths given, the event loop getting a turn every few milliseconds: a signal ends even a
   * walk of a huge tree at once. False when a signal stopped it.
   */
  private async walk(): Promise<boolean> {
    const exclude = new Set(this.localConfig?.fixed ? [this.localConfig.fixed] : []);
    const { stop } = this;
    const { walked, stopped } = await walkStoppably(
      this.options.paths,
      exclude,
      {
        onRepository: (root) => this.gitChecks.ask(root),
        builtPackages: true,
        otherComponents: true,
        exclusions: this.exclusions,
        skippedFolders: true,
      },
      {
        due: () => stop.due(),
        pause: () => stop.yield(),
        stopped: () => stop.signal !== null,
        // A big tree's planning thread starts while the walk lists the rest: its start and the engine's load overlap it.
        listed: (files) => {
          if (files >= PIPELINE_MIN_FILES) this.startPlanningThread(files);
        },
      },
    );
    this.walked = walked;
    if (stopped) return false;
    // A git status that reads an ignore file the walk found to be a FIFO would wait on it: stopped now, not at the
    // timeout.
    this.gitChecks.stopWhereGitWaits(this.walked.ignoreFifos);
    return true;
  }

  /**
   * A signal during the walk: nothing was read; the files listed until then were not processed. The git checks under
   * way are stopped, so that no git outlives the run.
   */
  private async interruptedListing(): Promise<RunResult> {
    this.gitChecks.stopAll('the run was stopped by a signal');
    this.gitStates = await this.gitChecks.states();
    this.git = this.gitCounting(() => false);
    const result = this.interrupted(this.stop.signal!, this.walked.files.length);
    if (result.kind === 'done' && result.interrupted) result.interrupted.listing = true;
    return result;
  }

  private warn(message: string): void {
    this.listener.warning?.(message);
  }

  private rel(file: string): string {
    return this.tally.rel(file);
  }

  private refuse(reason: RefusalReason, wording: Wording): RunResult {
    return { kind: 'refused', options: this.options, reason, message: wording(exact), shown: wording(printable) };
  }

  /** Read twice, a file would be written twice, and its second write refused as "changed": one name each. */
  private warnOfSecondNames(): void {
    const secondNames = secondNamesWarning(keepOneNamePerFile(this.options.paths, this.walked), (file) =>
      this.rel(file),
    );
    if (secondNames) this.warn(secondNames);
  }

  /**
   * Each file's copy, planned before anything is written: one that differs refuses the run (its wording returned), as
   * the copy is never a source.
   */
  private planLocalCopies(): Wording | null {
    if (!this.localConfig) return null;
    const wanted = this.copiesWanted(this.localConfig);
    this.localCopies = new Map();
    for (const file of [...wanted.keys()].sort()) {
      const misplaced = this.copyPlaceRefusal(wanted.get(file)!);
      if (misplaced) return misplaced;
      const plan = planLocalCopy(
        wanted.get(file)!,
        this.options.force,
        (message) => this.warn(message),
        this.options.dry,
        (f) => this.rel(f),
      );
      if (typeof plan === 'function') return plan;
      this.localCopies.set(file, plan);
    }
    return null;
  }

  /**
   * Why a copy cannot go where it was chosen to (copy-place.ts: the rules every copy passes, the write gate's among
   * them), with the way out: a run refuses it before anything is written, and --dry says so as the run would.
   */
  private copyPlaceRefusal(copy: LocalRuntime): Wording | null {
    const problem = copyPlaceProblem(copy, this.writeScope);
    if (problem === null) return null;
    const ext = copy.kind === 'ts' ? '.ts' : '.js';
    const folder = path.dirname(copy.file);
    const base = path.basename(folder) === 'utils' ? path.dirname(folder) : folder;
    const example = suggestedCopy(base, ext, this.writeScope);
    return (show) =>
      `${problem(show)}; nothing was written: choose where the runtime copy goes with --runtime local=<path>${example === undefined ? '' : `, e.g. ${show(example)}`}`;
  }

  /**
   * The copies the walked files take, or with --runtime local the one asked for where none does; a copy itself leaves
   * the files.
   */
  private copiesWanted(localConfig: LocalRuntimeConfig): Map<string, LocalRuntime> {
    const local = this.runtimeChooser().local!;
    const { files, appMarkersListed } = this.walked;
    const copies = this.runtimeChooser().copiesOf({ files, roots: this.options.paths, appMarkersListed });
    // A copy is never a source (it defines startRecord…): its own folder's files take it.
    const isCopy = (file: string) => copies.get(file)?.file === file;
    const wanted = new Map<string, LocalRuntime>();
    let copiesWalked = false;
    for (const [file, copy] of copies) {
      if (isCopy(file)) copiesWalked = true;
      else wanted.set(copy.file, copy);
    }
    if (copiesWalked) this.walked.files = this.walked.files.filter((file) => !isCopy(file));
    if (wanted.size === 0 && this.options.runtime.kind === 'local') {
      const only = local.copyAt(localConfig.fixed ?? localConfig.fallback);
      wanted.set(only.file, only);
    }
    return wanted;
  }

  /** Said before git's verdict: in a repository, such a file is also what makes the tree "dirty". */
  private warnOfUnfinishedWrites(): void {
    for (const temp of this.walked.unfinishedWrites) {
      this.warn(
        `${this.rel(temp)}: a temporary file left by a run of this tool that was killed while writing; the original beside it is intact: delete it`,
      );
    }
  }

  /**
   * git's answer. A file git hides the changes of makes the tree dirty only if the run rewrites
   * it: a locally edited config it leaves alone does not. Those the pre-filter lets through are
   * scanned here, once, and returned: git's verdict waits for their plans (HiddenFileGate).
   */
  private async readGitStates(): Promise<string[]> {
    // An untracked file outside what the run reads or writes (a build's `.swc/` at the root) is not the migration's.
    const scopes = [...this.options.paths.map((p) => path.resolve(this.options.cwd, p)), ...this.copyFolders()];
    this.gitStates = (await this.gitChecks.states()).map((state) => withoutUntrackedOutside(state, scopes));
    const walkedFiles = new Set(this.walked.files);
    const passesPrefilter = (file: string) => {
      if (!walkedFiles.has(file)) return false;
      if (!this.earlyScans.has(file)) this.earlyScans.set(file, scanFile(file));
      return this.earlyScans.get(file)!.kind === 'candidate';
    };
    // A hidden page template counts when a script beside it may move its <canvas> (the script's plan decides).
    const scriptsBeside = (file: string) =>
      path.extname(file) === '.wxml'
        ? SCRIPT_EXTENSIONS.map((ext) => file.slice(0, -'.wxml'.length) + ext).filter(passesPrefilter)
        : [];
    this.git = this.gitCounting((file) => passesPrefilter(file) || scriptsBeside(file).length > 0);
    if (this.git.kind !== 'clean' && this.git.kind !== 'dirty') return [];
    const hidden = this.git.hidden.map((h) => h.file);
    return [...new Set(hidden.flatMap((file) => (passesPrefilter(file) ? [file] : scriptsBeside(file))))];
  }

  /** The folders the runtime copies are written in (their `.js` and `.d.ts`). */
  private copyFolders(): string[] {
    return [...(this.localCopies?.keys() ?? [])].map((file) => path.dirname(file));
  }

  /** git's answer for the run, where a hidden file counts only if `counts` says so. */
  private gitCounting(counts: (file: string) => boolean): GitState {
    return combineGitStates(this.gitStates.map((state) => keepHidden(state, counts)));
  }

  /**
   * git's verdict now where no hidden file is waited for, or where the run is refused whatever
   * they hold (uncommitted changes, git failing: said now, naming those the pre-filter let
   * through); else a HiddenFileGate takes it once their plans are in.
   */
  private gitVerdict(hiddenCandidates: string[]): { reason: RefusalReason; wording: Wording } | null {
    const warn = (message: string) => this.warn(message);
    const rel = (file: string) => this.rel(file);
    const refusedAnyway = gitRefuses(
      this.gitCounting(() => false),
      this.options,
    );
    if (hiddenCandidates.length === 0 || refusedAnyway) return refusalByGit(this.git, this.options, warn, rel);
    this.gate = new HiddenFileGate(hiddenCandidates, (rewritten) => {
      this.git = this.gitCounting((file) => rewritten.has(file));
      return refusalByGit(this.git, this.options, warn, rel);
    });
    return null;
  }

  /** What the walk could not read: a failure each. */
  private tallyUnreadable(): void {
    for (const problem of this.walked.problems) {
      this.tally.add({
        file: problem.path,
        status: 'failed',
        parsed: false,
        rewritten: [],
        manual: [],
        error: { message: problem.reason },
      });
    }
  }

  /**
   * What git's ignore rules kept from the walk: counted, and a folder it tracks nothing in named; and the build-output
   * folders it passed over that hold legacy calls, a line each.
   */
  private noteIgnored(): void {
    this.tally.ignored(this.walked.ignoredDirs, this.walked.ignoredFiles);
    this.tally.skippedFolders(legacyCallsInSkippedFolders(this.walked.skippedFolders));
    for (const root of this.walked.ignoredRoots) {
      this.warn(
        `${this.rel(root)}: git ignores this folder (a .gitignore, info/exclude or core.excludesFile rule) and tracks no file in it, so nothing under it is migrated; name its files to migrate them`,
      );
    }
  }

  /** What --exclude left out: counted, and each file whose text names a legacy API named (read once, not parsed). */
  private noteExcluded(): void {
    if (this.options.exclude.length > 0) this.tally.excluded(excludedReport(this.walked));
  }

  /**
   * What git's index says of the paths given: files it lists that are not checked out, and a git operation under way.
   */
  private warnOfGitIndex(): void {
    const rel = (file: string) => this.rel(file);
    // A clean or dirty state holds its repository's index listing (git.ts, gitState).
    const listings = this.gitStates.filter((state) => state.kind === 'clean' || state.kind === 'dirty');
    for (const warning of notCheckedOutWarnings(notCheckedOut(listings, this.options.paths), rel)) this.warn(warning);
    for (const root of new Set(listings.map((listing) => listing.root)))
      for (const warning of gitBusyWith(root, rel)) this.warn(warning);
  }

  /**
   * Read for their legacy calls only, each a place for a person, as nothing migrates them:
   * minified files, what the mini-program loads from miniprogram_npm, and the other frameworks'
   * components (.wpy, .mpx).
   */
  private tallyListedOnly(): void {
    for (const file of this.walked.minifiedByName) this.tally.add(scanMinifiedByName(file));
    const listedOnly = [
      [this.walked.builtPackageFiles, builtPackageCalls, unreadBuiltPackage],
      [this.walked.otherComponents, otherComponentCalls, unreadComponent],
    ] as const;
    for (const [files, placesOf, unread] of listedOnly) {
      for (const file of files) {
        let text: string;
        try {
          text = readSideText(file);
        } catch (err) {
          this.tally.add({
            file,
            status: 'failed',
            parsed: false,
            rewritten: [],
            manual: [],
            error: { message: unread(err) },
          });
          continue;
        }
        const manual = placesOf(file, text);
        if (manual.length > 0) this.tally.add({ file, status: 'unchanged', parsed: true, rewritten: [], manual });
      }
    }
  }

  /** Named, and no failure: nothing behind them could have been migrated. */
  private tallyLeftAsTheyAre(): void {
    const skipped = (file: string, reason: SkipReason, detail: string) =>
      this.tally.add({ file, status: 'skipped', parsed: false, skip: { reason, detail }, rewritten: [], manual: [] });
    for (const file of this.walked.namedNotListed) skipped(file, 'notScript', kindRefusal(file)!);
    for (const link of this.walked.linksOutside) {
      skipped(
        link.path,
        'link',
        `a symbolic link to ${this.rel(link.target)}, outside the paths given: not followed (name that path to migrate it)`,
      );
    }
    for (const { path: file, reason: detail } of this.walked.brokenLinks) skipped(file, 'brokenLink', detail);
    for (const { path: file, reason: detail } of this.walked.specialFiles) skipped(file, 'notRegular', detail);
  }

  /** The queue each plan goes through, written (unless --dry) after the runtime copy it imports. */
  private openWrites(): WriteQueue {
    const beforeWrite = this.localCopies
      ? localCopyWriter(
          this.localCopies,
          () => this.runtimeChooser(),
          (f) => this.rel(f),
          this.writeScope,
        )
      : undefined;
    this.writes = new WriteQueue({ dry: this.options.dry, gate: this.writeScope, beforeWrite }, (result, plan) =>
      this.settled(result, plan),
    );
    return this.writes;
  }

  /**
   * A file is settled (and written unless --dry): the copy it imports holds its families, and the tally and the
   * listener hear of it.
   */
  private settled(result: FileResult, plan: FilePlan): void {
    const runtime =
      this.localCopies && result.status === 'changed' && result.importSource !== undefined
        ? this.runtimeChooser().copyOf(result.file)
        : undefined;
    const copy = runtime && this.localCopies!.get(runtime.file);
    if (copy) {
      copy.used = true;
      // A dry run writes nothing: the copy it would write holds what its files import.
      holdFamilies(copy, familiesImportedBy(result.rewritten), runtimePieces());
    }
    this.tally.add(result);
    this.listener.file?.(result, plan);
  }

  /** A plan goes to the write queue, or waits there for git's verdict on hidden files (HiddenFileGate). */
  private onPlan(plan: FilePlan, writes: WriteQueue): void {
    if (this.gate) this.gate.pass(plan, (held) => writes.add(held));
    else writes.add(plan);
  }

  /**
   * Reads every file, then plans the candidates. Whether the app's own getRecorderManager
   * (getBackgroundAudioManager) is routed depends on the file's whole scope (a legacy record
   * (background-audio) call anywhere in its mini-program, its Taro project, or, for files in
   * neither, the rest of the run: routing.ts), decided before a file that depends on it is
   * rewritten, so only candidates (about 1% of a tree) are kept in memory.
   */
  private async planAndWrite(writes: WriteQueue): Promise<RunResult> {
    const pipeline = this.threads.pipeline;
    const candidates: Candidate[] = [];
    const stopped = await this.readFiles(writes, pipeline, candidates);
    if (stopped) return stopped;
    if (!pipeline) return await this.planHere(writes, candidates, candidates);
    const end = await pipeline.finish(
      () => this.stop.signal !== null,
      (wake) => (this.stop.onHeard = wake),
      (candidate, decision) => planCandidate(candidate, this.contextUnder(decision)),
    );
    if (end.kind === 'decided') return await this.finished(writes, end.decision);
    if (end.kind === 'interrupted')
      return this.interrupted(this.stop.signal!, end.notProcessed + (await writes.drain(true)));
    this.warn(
      `the planning thread stopped (${end.reason}); this thread plans its ${counted(end.remaining.length, 'remaining file')}`,
    );
    return await this.planHere(writes, end.remaining, pipeline.all);
  }

  /**
   * On a big tree with an idle second core, candidates are planned on a second thread while this one reads on
   * (pipeline.ts); a tree without one starts no thread. Asked once: while the walk lists a big tree (from its
   * PIPELINE_MIN_FILES-th file), else when it is done, so that loading the engine there overlaps the rest of the walk,
   * the copies' plan, git's answer and the first reads.
   */
  private startPlanningThread(filesListed: number): void {
    if (this.planningThreadAsked) return;
    this.planningThreadAsked = true;
    if (!planOnSecondThread(filesListed)) return;
    const { runtime, parser, families, taroCopies, dry, print } = this.options;
    const config = { runtime, local: this.localConfig, parser, families, taroCopies, dry };
    // Plans come back only for candidates, which are sent once the writes are open.
    const pipeline = new PlanPipeline(
      config,
      print,
      (plan) => this.onPlan(plan, this.writes!),
      () => this.walked.files.length,
      (file) => this.scopeOf(file),
    );
    pipeline.start();
    this.threads.pipeline = pipeline;
  }

  /**
   * Reads every file: a settled plan goes on at once, a candidate to the second thread or into `candidates`. Returns
   * the run's result where a signal stopped it.
   */
  private async readFiles(
    writes: WriteQueue,
    pipeline: PlanPipeline | null,
    candidates: Candidate[],
  ): Promise<RunResult | null> {
    let scanned = 0;
    for (const file of this.walked.files) {
      if (this.stop.due()) await this.stop.yield(); // an await per file costs ~5% of a run: only every 10 ms
      if (this.stop.signal || pipeline?.failed) break;
      scanned++;
      const scan = this.earlyScans.get(file) ?? scanFile(file);
      if (scan.kind === 'settled') this.onPlan(scan.plan, writes);
      else if (pipeline) pipeline.submit(scan);
      else candidates.push(scan);
    }
    if (this.stop.signal) {
      const notScanned = this.walked.files.length - scanned;
      return this.interrupted(
        this.stop.signal,
        notScanned + (pipeline ? await pipeline.abandon() : candidates.length) + (await writes.drain(true)),
      );
    }
    // The plans still to come (the second thread's, the candidates kept) need no more reading: their writes need not
    // wait for more files.
    writes.everyFileRead();
    return null;
  }

  /** Plans `candidates` on this thread, under the routing decided over `decisionOver` (every candidate of the run). */
  private async planHere(
    writes: WriteQueue,
    candidates: readonly Candidate[],
    decisionOver: readonly Candidate[],
  ): Promise<RunResult> {
    const routing = scopedRoutingIn(decisionOver, (file) => this.scopeOf(file));
    let done = 0;
    for (const candidate of candidates) {
      // Between files only: the file being written is always whole, old or new.
      await this.stop.yield();
      if (this.stop.signal) break;
      this.onPlan(planCandidate(candidate, this.contextUnder(routing.decisionFor(candidate.file))), writes);
      done++;
    }
    if (this.stop.signal)
      return this.interrupted(this.stop.signal, candidates.length - done + (await writes.drain(true)), routing.any);
    return await this.finished(writes, routing.any);
  }

  private runtimeChooser(): RuntimeChooser {
    return (this.chooser ??= new RuntimeChooser(
      this.options.runtime,
      this.localConfig,
      this.options.taroCopies,
      this.options.dry,
    ));
  }

  /** Each file's routing scope (routing.ts): its mini-program, else its Taro project, else the run's. */
  private scopeOf(file: string): string | undefined {
    return this.runtimeChooser().routingScopeOf(file);
  }

  /** How this thread plans a candidate under its scope's routing decision. */
  private contextUnder(decision: RoutingDecision): PlanContext {
    return {
      chooser: this.runtimeChooser(),
      keepBefore: this.options.print,
      ...decision,
      parser: this.options.parser,
      families: this.options.families,
    };
  }

  private async finished(writes: WriteQueue, routing: RoutingDecision): Promise<RunResult> {
    // A signal while the last writes are under way: those finish, the ones not started are counted.
    const givenUp = await writes.drain(this.stop.signal !== null);
    if (this.stop.signal && givenUp > 0) return this.interrupted(this.stop.signal, givenUp, routing);
    warnOfChangedFiles({
      options: this.options,
      tally: this.tally,
      chooser: () => this.runtimeChooser(),
      rel: (file) => this.rel(file),
      warn: (message) => this.warn(message),
    });
    const s = this.tally.summary;
    // --strict: no legacy call may be left, in a place for a person or in a build-output folder passed over.
    const left = s.manualReview + s.skippedFolders.length;
    const exitCode = s.failed > 0 || (this.options.strict && left > 0) ? 1 : 0;
    return {
      kind: 'done',
      options: this.options,
      tally: this.tally,
      git: this.git,
      localCopies: this.localCopies && [...this.localCopies.values()],
      routing,
      interrupted: null,
      exitCode,
    };
  }

  // Stopped before the decision: nothing was routed. Plans the gate still holds were not written.
  private interrupted(signal: StopSignalName, notProcessed: number, routing = routingDecisionIn([])): RunResult {
    const held = this.gate?.heldCount ?? 0;
    const localCopies = this.localCopies && [...this.localCopies.values()];
    return {
      kind: 'done',
      options: this.options,
      tally: this.tally,
      git: this.git,
      localCopies,
      routing,
      interrupted: { signal, notProcessed: notProcessed + held },
      exitCode: exitCodeOf(signal),
    };
  }
}
