/**
 * The codemod run, without its output: given the parsed command line, run the safety
 * checks, walk, plan and write file by file, and return what happened as a
 * RunResult. It prints nothing and never exits; a RunListener hears about
 * warnings and files as they happen (render.ts turns both into text or JSON).
 */
import * as fs from 'fs';
import { attributesUnchecked, removeUnfinishedWrites, writeNewFile } from '../files/io';
import { gitErrorMessage, gitFailedWords } from './git';
import {
  builtPackageCalls,
  combineGitStates,
  counted,
  excludedReport,
  Exclusions,
  gitBusyWith,
  GitChecks,
  keepHidden,
  type GitState,
  otherComponentCalls,
  unreadBuiltPackage,
  unreadComponent,
  exact,
  firstTen,
  keepOneNamePerFile,
  kindRefusal,
  notCheckedOut,
  notCheckedOutWarnings,
  printable,
  readSideText,
  routingDecisionIn,
  RUNTIME_FAMILIES,
  scopedRoutingIn,
  secondNamesWarning,
  unknownCopiesWarning,
  unlistedRuntimeWords,
  walk,
  type RoutingDecision,
  type WalkResult,
  type RuntimeFamily,
  type Wording,
} from '../rewrite/light';
import {
  planCandidate,
  RunAborted,
  scanFile,
  scanMinifiedByName,
  type FilePlan,
  type FileResult,
  type PlanContext,
  type Scan,
  type SkipReason,
  WriteQueue,
} from './migrate';
import type { CliOptions } from './options';
import { PlanPipeline, planOnSecondThread } from './pipeline';
import { exitCodeOf, STOP_SIGNALS, Tally, type StopSignalName } from './report';
import { assembleCopy, familiesOfCopy, heldFamilies, type RuntimePieces } from './runtime-copy';
import {
  familiesImportedBy,
  isRuntimeCopy,
  resolveLocalRuntime,
  RUNTIME_PIECES_FILE,
  runtimePieces,
  RuntimeChooser,
  type LocalRuntime,
  type LocalRuntimeConfig,
} from './runtime-target';

/** One file of a local runtime copy: what was there, what the run makes of it, and whether the run wrote it. */
export interface CopyFilePlan {
  file: string;
  /** The runtime itself, or its declaration file beside a `.js` copy. */
  kind: 'runtime' | 'types';
  /** Its text before the run; null: there was none. */
  before: string | null;
  /** Its text for the families the copy holds so far (LocalCopyPlan's). */
  text: string;
  /** What the disk holds now: `before`, or what the run last wrote. */
  onDisk: string | null;
  written: boolean;
}

/**
 * The state of a local runtime copy: the runtime, and beside a `.js` one its declaration file,
 * decided as one: refused where either is a file this tool did not write, and (without --force) where
 * either is a copy this version would not write as it is (another version's, or edited). It holds
 * the families it held before the run and those the run's files import from it (never fewer: a
 * file the run did not look at may import the others), written again before a source that needs
 * a family it lacks.
 */
export interface LocalCopyPlan {
  runtime: LocalRuntime;
  /**
   * The families it holds (in RUNTIME_FAMILIES order when read); what it held before the run, and what the files
   * planned so far import.
   */
  families: Set<RuntimeFamily>;
  /** What it held before the run: none for a new copy. */
  familiesBefore: RuntimeFamily[];
  /** The runtime first, then its declaration file where it has one. */
  files: CopyFilePlan[];
  /** A file that changes (or would, with --dry) imports it. */
  used: boolean;
  /** Why it could not be written once a source was: the files importing it are left as they are. */
  failed?: string;
}

/** The families a copy holds, in the order a copy lists them. */
export function familiesHeldBy(copy: { families: ReadonlySet<RuntimeFamily> }): RuntimeFamily[] {
  return RUNTIME_FAMILIES.filter((family) => copy.families.has(family));
}

/** The text of one file of a copy, for the families it holds. */
function copyText(
  pieces: RuntimePieces,
  copy: { runtime: LocalRuntime; families: Set<RuntimeFamily> },
  kind: CopyFilePlan['kind'],
): string {
  return assembleCopy(pieces, copy.families, kind === 'types' ? 'dts' : copy.runtime.kind);
}

/** Makes the copy hold `families` too: its files' texts follow. Returns whether it holds more than it did. */
function holdFamilies(copy: LocalCopyPlan, families: Iterable<RuntimeFamily>, pieces: RuntimePieces): boolean {
  const before = copy.families.size;
  for (const family of families) copy.families.add(family);
  if (copy.families.size === before) return false;
  for (const part of copy.files) part.text = copyText(pieces, copy, part.kind);
  return true;
}

/** Why a run stopped before writing any source. */
export type RefusalReason = 'runtimeCopy' | 'dirtyTree' | 'git';

export type RunResult =
  /** --help, --version, or a bad argument caught by commander: its output and exit code. */
  | { kind: 'exit'; code: number; stdout: string; stderr: string }
  /** A bad command line (exit code 2); the message names the argument; `helpHelps`: --help is worth pointing to. */
  | { kind: 'usage'; message: string; json: boolean; helpHelps?: boolean }
  /**
   * Stopped before any source was written (exit code 1): `message` exact (for JSON), `shown` with its paths printable()
   * (for a person).
   */
  | { kind: 'refused'; options: CliOptions; reason: RefusalReason; message: string; shown: string }
  | {
      kind: 'done';
      options: CliOptions;
      /** Every file's result, counted; the notable ones kept. */
      tally: Tally;
      git: GitState;
      /**
       * With --runtime local: the copies (one per mini-program root, or the path asked for), sorted, and whether each
       * was written.
       */
      localCopies: LocalCopyPlan[] | null;
      /**
       * Which of the app's own managers were routed in at least one scope (a mini-program, a Taro project, the rest of
       * the run) holding a legacy call of their family (a record call routes getRecorderManager).
       */
      routing: RoutingDecision;
      /**
       * Stopped at a file boundary by a stop signal (STOP_SIGNALS): the files not looked at, or looked at and not
       * written.
       */
      interrupted: { signal: StopSignalName; notProcessed: number } | null;
      /** 1 when a file failed, or under --strict when places are left for manual review; 130 / 143 when interrupted. */
      exitCode: number;
    };

export interface RunListener {
  /** Something the run goes on after (no git, a dirty tree under --force, what a dry run's real run would refuse). */
  warning?(message: string): void;
  /** The walk is done: `total` files are to be looked at, one `file` call each (minified-by-name ones aside). */
  start?(options: CliOptions, total: number): void;
  /** One file is settled, and written unless --dry. In completion order. */
  file?(result: FileResult, plan: FilePlan): void;
}

/**
 * A local copy's plan before anything is written: what is at its paths, the families it holds
 * (read from its header: a copy of this tool's, never another file), and why it may not be
 * written, if so.
 */
function planLocalCopy(
  runtime: LocalRuntime,
  force: boolean,
  warn: (msg: string) => void,
  dry: boolean,
  rel: (file: string) => string,
): LocalCopyPlan | Wording {
  let pieces: RuntimePieces;
  try {
    pieces = runtimePieces();
  } catch (err) {
    return (show) =>
      `the standalone runtime ${show(RUNTIME_PIECES_FILE)} is missing from this installation of the package (${show((err as Error).message)})`;
  }
  const parts: { file: string; kind: CopyFilePlan['kind'] }[] = [{ file: runtime.file, kind: 'runtime' }];
  if (runtime.declaration) parts.push({ file: runtime.declaration.file, kind: 'types' });
  const existing = parts.map(({ file }) => {
    try {
      return fs.readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  });
  // What each file held, where it is a copy of this tool's (one of before copies held some families held them all).
  const held = existing.map((text) => (text !== null && isRuntimeCopy(text) ? familiesOfCopy(text) : undefined));
  const familiesBefore = heldFamilies(
    pieces,
    held.flatMap((f) => (f === 'every' ? RUNTIME_FAMILIES : (f ?? []))),
  );
  const copy = { runtime, families: new Set(familiesBefore) };
  const files: CopyFilePlan[] = [];
  for (const [i, { file, kind }] of parts.entries()) {
    const text = copyText(pieces, copy, kind);
    const before = existing[i];
    // Only a copy this tool wrote (another version, or edited) may be replaced, and that only with
    // --force: any other file there is the user's own (`--runtime local=utils/util.js`), never replaced.
    const conflict: Wording | null =
      before === null || before === text
        ? null
        : held[i] === undefined
          ? (show) =>
              `${show(rel(file))}${kind === 'types' ? `, where the runtime copy ${show(rel(runtime.file))} takes its declaration file,` : ''} exists and is not ${kind === 'types' ? 'one' : 'a runtime copy'} written by this tool, so it is never replaced, with or without --force: choose another path with --runtime local=<path>`
          : force
            ? null
            : (show) =>
                `${show(file)} exists and differs from ${kind === 'types' ? "the types of this version's runtime" : "this version's runtime"} (another version's copy, or edited); pass --force to replace it, or choose another path with --runtime local=<path>`;
    if (conflict !== null) {
      if (!dry) return conflict;
      warn(conflict(exact)); // a dry run writes nothing, so it only says what a real run would refuse
    }
    files.push({ file, kind, before, text, onDisk: before, written: false });
  }
  return { ...copy, familiesBefore, files, used: false };
}

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

/** firstTen, a line each, indented. */
function listed(lines: string[]): string {
  return firstTen(lines)
    .map((line) => `  ${line}`)
    .join('\n');
}

/** What git is asked to forget, and how to undo it (git update-index). */
const HIDING_FLAGS = 'git update-index --skip-worktree or --assume-unchanged';
const SHOWING_AGAIN = 'git update-index --no-skip-worktree <file> (or --no-assume-unchanged <file>)';

/** The files git hides the changes of, each with its flag, as `show` writes their paths. */
function hiddenFiles(
  git: Extract<GitState, { kind: 'dirty' }>,
  rel: (file: string) => string,
  show: (text: string) => string,
): string[] {
  return git.hidden.map((h) => `${show(rel(h.file))} (${h.flag})`);
}

/** Why a dirty tree refuses the run: what is uncommitted, what git hides, and the ways out, a line each. */
function dirtyTreeWording(git: Extract<GitState, { kind: 'dirty' }>, rel: (file: string) => string): Wording {
  return (show) => {
    const message: string[] = [];
    if (git.changes.length > 0)
      message.push(
        `the git working tree at ${show(git.root)} has uncommitted changes:\n${listed(git.changes.map((change) => show(change)))}`,
      );
    if (git.hidden.length > 0) {
      message.push(
        `${git.changes.length > 0 ? 'and' : `the git working tree at ${show(git.root)}`} hides the changes of files this run would rewrite (marked with ${HIDING_FLAGS}), so neither git status nor git diff would show their migration, nor the edits they may already hold:\n${listed(hiddenFiles(git, rel, show))}`,
        `Make git compare them again first, ${SHOWING_AGAIN}, and commit or stash what they hold${git.changes.length > 0 ? '' : ', or pass --force'}.`,
      );
    }
    if (git.changes.length > 0) {
      message.push(
        'Commit or stash them first so the migration can be reviewed as its own diff, or pass --force.\n' +
          "If they are a first run's edits, commit them: a second run then changes nothing (--dry shows it without committing).",
      );
    }
    return message.join('\n');
  };
}

/**
 * What git's answer means for a run: a refusal (uncommitted changes, or files the run would
 * rewrite whose changes git hides, without --force; a git that could not answer), else null,
 * with a warning where the run goes on regardless. A warning is one line, shown printable()
 * whole where it is printed and kept exact for JSON: its paths go in as they are.
 */
function refusalByGit(
  git: GitState,
  options: CliOptions,
  warn: (msg: string) => void,
  rel: (file: string) => string,
): { reason: RefusalReason; wording: Wording } | null {
  if (git.kind === 'dirty' && !options.dry) {
    if (gitRefuses(git, options)) return { reason: 'dirtyTree', wording: dirtyTreeWording(git, rel) };
    if (git.changes.length > 0)
      warn(`the git working tree at ${git.root} has uncommitted changes; writing anyway (--force)`);
    if (git.hidden.length > 0) {
      warn(
        `git hides the changes of files this run rewrites (marked with ${HIDING_FLAGS}): ${firstTen(hiddenFiles(git, rel, exact)).join(', ')}; writing anyway (--force): neither git status nor git diff will show their migration until ${SHOWING_AGAIN}`,
      );
    }
  } else if (git.kind === 'none' && !options.dry) {
    warn(`${git.why}: the changes cannot be reviewed or undone with git`);
  } else if (git.kind === 'error') {
    if (gitRefuses(git, options)) return { reason: 'git', wording: gitErrorMessage(git) };
    warn(`${gitFailedWords(git)}: ${git.message.split('\n')[0]}${options.dry ? '' : ' (writing anyway: --force)'}`);
  }
  return null;
}

/** Does git's answer refuse the run: a dirty tree or a failing git, without --force or --dry? */
function gitRefuses(git: GitState, options: CliOptions): boolean {
  return (git.kind === 'dirty' || git.kind === 'error') && !options.force && !options.dry;
}

/** git's verdict, taken once the hidden files' plans are in: the run stops before any write. */
class GitRefusal extends Error {
  constructor(
    readonly reason: RefusalReason,
    readonly wording: Wording,
  ) {
    super(wording(exact));
  }
}

/**
 * Holds every plan (and so every write) back until the files git hides that the pre-filter
 * let through are planned: only then is it known which of them the run rewrites (one that
 * names only getRecorderManager, in a project that does not route it, is left as it is), and
 * git's verdict (`decide`) taken on those. A refusal is thrown as GitRefusal, nothing written.
 */
class HiddenFileGate {
  private readonly pending: Set<string>;
  private readonly rewritten = new Set<string>();
  private held: FilePlan[] | null = [];

  constructor(
    files: string[],
    private readonly decide: (rewritten: ReadonlySet<string>) => { reason: RefusalReason; wording: Wording } | null,
  ) {
    this.pending = new Set(files);
  }

  /** Plans held, not handed on yet. */
  get heldCount(): number {
    return this.held?.length ?? 0;
  }

  /**
   * Hands `plan` on, or holds it until the verdict; the last hidden file's plan brings the verdict. Throws GitRefusal.
   */
  pass(plan: FilePlan, handOn: (plan: FilePlan) => void): void {
    if (this.held === null) return handOn(plan);
    this.held.push(plan);
    const { file, status } = plan.result;
    if (!this.pending.delete(file)) return;
    if (status === 'changed') this.rewritten.add(file);
    if (this.pending.size > 0) return;
    const refusal = this.decide(this.rewritten);
    if (refusal) throw new GitRefusal(refusal.reason, refusal.wording);
    const held = this.held;
    this.held = null;
    for (const each of held) handOn(each);
  }
}

/**
 * Writes the runtime copy a file imports before the file is written, where the copy lacks a
 * family the file imports (the first file, and any that imports one more). A copy that cannot be
 * written before any source is aborts the run (nothing written); after that, the files importing
 * it fail, left as they are: their require would not load.
 */
function localCopyWriter(
  copies: Map<string, LocalCopyPlan>,
  chooser: () => RuntimeChooser,
  rel: (file: string) => string,
): (result: FileResult, first: boolean) => string | null {
  return (result, first) => {
    const runtime = chooser().copyOf(result.file);
    if (!runtime) return null;
    const copy = copies.get(runtime.file);
    if (!copy) return 'internal: no plan for the runtime copy this file imports; nothing written';
    if (copy.failed) return copy.failed;
    holdFamilies(copy, familiesImportedBy(result.rewritten), runtimePieces());
    // The runtime, then its declaration file: each written where the disk does not hold its text yet.
    const attempt: CopyFilePlan[] = [];
    for (const part of copy.files) {
      if (part.onDisk === part.text) continue;
      try {
        writeNewFile(part.file, part.text);
        attempt.push(part);
        part.onDisk = part.text;
        part.written = true;
      } catch (err) {
        // A copy is written whole or not at all: what this attempt wrote goes back as it was.
        for (const done of attempt) restore(done);
        // Nothing is written then.
        if (first)
          throw new RunAborted(
            (show) => `could not write the runtime copy ${show(part.file)}: ${show((err as Error).message)}`,
          );
        copy.failed = `could not write the runtime copy ${rel(part.file)} it would import (${(err as Error).message}); left as it is`;
        return copy.failed;
      }
    }
    return null;
  };
}

/** Puts back what a file of a copy held before the run wrote it: its old text, or nothing where it was new. */
function restore(part: CopyFilePlan): void {
  try {
    if (part.before === null) fs.rmSync(part.file, { force: true });
    else writeNewFile(part.file, part.before);
    part.onDisk = part.before;
    part.written = false;
  } catch {
    // What cannot be put back stays as it was written: a copy holding more families than asked still serves every file.
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
  private readonly walked: WalkResult;
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
    const exclude = new Set(this.localConfig?.fixed ? [this.localConfig.fixed] : []);
    this.walked = walk(options.paths, exclude, {
      onRepository: (root) => this.gitChecks.ask(root),
      builtPackages: true,
      otherComponents: true,
      exclusions: Exclusions.of(options.exclude, options.cwd),
    });
    // A git status that reads an ignore file the walk found to be a FIFO would wait on it: stopped now, not at the
    // timeout.
    this.gitChecks.stopWhereGitWaits(this.walked.ignoreFifos);
  }

  async run(): Promise<RunResult> {
    this.warnOfSecondNames();
    this.startPlanningThread();
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
    this.gitStates = await this.gitChecks.states();
    const walkedFiles = new Set(this.walked.files);
    const passesPrefilter = (file: string) => {
      if (!walkedFiles.has(file)) return false;
      if (!this.earlyScans.has(file)) this.earlyScans.set(file, scanFile(file));
      return this.earlyScans.get(file)!.kind === 'candidate';
    };
    this.git = this.gitCounting(passesPrefilter);
    return this.git.kind === 'clean' || this.git.kind === 'dirty' ? this.git.hidden.map((h) => h.file) : [];
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

  /** What git's ignore rules kept from the walk: counted, and a folder it tracks nothing in named. */
  private noteIgnored(): void {
    this.tally.ignored(this.walked.ignoredDirs, this.walked.ignoredFiles);
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
        )
      : undefined;
    this.writes = new WriteQueue({ dry: this.options.dry, beforeWrite }, (result, plan) => this.settled(result, plan));
    return this.writes;
  }

  /**
   * A file is settled (and written unless --dry): the copy it imports holds its families, and the tally and the
   * listener hear of it.
   */
  private settled(result: FileResult, plan: FilePlan): void {
    const runtime =
      this.localCopies && result.status === 'changed' ? this.runtimeChooser().copyOf(result.file) : undefined;
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
   * (pipeline.ts); a tree without one starts no thread. It starts as soon as the walk is done, so that loading the
   * engine there overlaps the copies' plan, git's answer and the first reads.
   */
  private startPlanningThread(): void {
    const total = this.walked.files.length;
    if (!planOnSecondThread(total)) return;
    const { runtime, parser, families, taroCopies, dry, print } = this.options;
    const config = { runtime, local: this.localConfig, parser, families, taroCopies, dry };
    // Plans come back only for candidates, which are sent once the writes are open.
    const pipeline = new PlanPipeline(
      config,
      print,
      (plan) => this.onPlan(plan, this.writes!),
      total,
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
    this.warnOfUnreadCopyPatterns();
    this.warnOfUntoldTaro();
    this.warnOfUnlistedPackage();
    this.noteUncheckedAttributes();
    const s = this.tally.summary;
    const exitCode = s.failed > 0 || (this.options.strict && s.manualReview > 0) ? 1 : 0;
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

  // A file Taro copies without bundling is refused a package import (project-options.ts); one that a
  // copy pattern built by code copies cannot be told apart, so a project with such a pattern is named.
  private warnOfUnreadCopyPatterns(): void {
    this.warnOfChanged((r) => {
      const unknown = this.runtimeChooser().unknownCopiesOf(r.file);
      return unknown
        ? [
            unknownCopiesWarning(
              this.rel(unknown.config),
              unknown.why,
              `none of the files ${this.options.dry ? 'that would change' : 'changed'} is`,
            ),
          ]
        : [];
    });
  }

  // A Taro.* call of an API Taro < 3.3.1 wrapped became the runtime's function that follows the
  // project's Taro: where that Taro was not told for sure, the run says so, once per project.
  private warnOfUntoldTaro(): void {
    this.warnOfChanged((r) =>
      r.taroWrapped ? this.runtimeChooser().taroVersionWarnings(r.file, (file) => this.rel(file)) : [],
    );
  }

  // The codemod adds imports of the runtime package, which the project may not list among the dependencies its app
  // ships: once per package.json, the way to add it.
  private warnOfUnlistedPackage(): void {
    this.warnOfChanged((r) => {
      const unlisted = r.importSource ? this.runtimeChooser().unlistedRuntimeFor(r.file, r.importSource) : undefined;
      if (!unlisted) return [];
      const files = this.options.dry ? 'the files that would change would import' : 'the changed files now import';
      return [unlistedRuntimeWords(unlisted, this.rel(unlisted.packageJson), files, this.options.cwd)];
    });
  }

  // Where extended attributes cannot be listed (getfattr missing, Windows), a file that has some would lose them unseen:
  // the summary says what was not checked once, whenever a file is rewritten (most files have none: no warning).
  private noteUncheckedAttributes(): void {
    if (this.tally.summary.changed > 0) this.tally.notChecked(attributesUnchecked());
  }

  /** Says what `messagesOf` gives for each changed file, in the files' order, each message once (one per project). */
  private warnOfChanged(messagesOf: (r: FileResult) => string[]): void {
    const said = new Set<string>();
    for (const r of this.tally.sorted()) {
      if (r.status !== 'changed') continue;
      for (const message of messagesOf(r)) {
        if (!said.has(message)) this.warn(message);
        said.add(message);
      }
    }
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

/**
 * The stop signals (STOP_SIGNALS: Ctrl-C, SIGTERM, SIGHUP, SIGQUIT) during a run: heard (the
 * handlers replace Node's default exit, which could strike between any two statements), and
 * acted on between files. The loops give the event loop a turn every few milliseconds so that
 * a signal is noticed promptly.
 *
 * One set of process handlers serves every run, installed by the first. Once a run has
 * ended, a signal no longer stops anything: the summary is being printed and stdout drains,
 * which a kill would only lose. So the process is left to exit by itself, and only if it is
 * still alive two seconds later (a long-lived host of the library) does Node's default apply.
 */
class StopSignal {
  private static active: StopSignal | null = null;
  private static installed = false;

  signal: StopSignalName | null = null;
  /** Called when a signal is heard (a run waiting on the planning thread wakes up). */
  onHeard: (() => void) | null = null;
  private last = Date.now();

  constructor() {
    StopSignal.active = this;
    if (!StopSignal.installed) {
      for (const signal of STOP_SIGNALS) process.on(signal, StopSignal.onSignal);
      StopSignal.installed = true;
    }
  }

  private static onSignal(signal: NodeJS.Signals): void {
    const run = StopSignal.active;
    if (run) return run.heard(signal as StopSignalName);
    setTimeout(() => {
      StopSignal.uninstall();
      process.kill(process.pid, signal); // still alive: Node's default
    }, 2000).unref();
  }

  private static uninstall(): void {
    for (const signal of STOP_SIGNALS) process.off(signal, StopSignal.onSignal);
    StopSignal.installed = false;
  }

  private heard(signal: StopSignalName): void {
    if (this.signal) {
      // A second signal: the user means it. Every write is atomic; those under way leave no temporary file.
      removeUnfinishedWrites();
      process.exit(exitCodeOf(signal));
    }
    this.signal = signal;
    this.onHeard?.();
  }

  /** 10 ms since the last turn of the event loop: time to let a signal in. */
  due(): boolean {
    return Date.now() - this.last >= 10;
  }

  /** Gives the event loop a turn, so that a pending signal is heard. */
  async yield(): Promise<void> {
    this.last = Date.now();
    await new Promise<void>((resolve) => setImmediate(resolve));
  }

  dispose(): void {
    if (StopSignal.active !== this) return;
    StopSignal.active = null;
  }
}
