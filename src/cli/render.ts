/**
 * The codemod's output: listens to a run (warnings, per-file lines, diffs, progress,
 * as they happen) and renders its RunResult at the end as text or JSON, returning
 * the exit code. Decides nothing about files; run.ts does.
 */
import pc from 'picocolors';
import { counted, printable, reportJson, type GitState } from '../rewrite/light';
import { FOR_A_PERSON } from '../report/words';
import type { FilePlan } from './migrate';
import type { FileResult } from '../report/file-result';
import type { CliOptions } from './options';
import type { CiFormat } from '../report-formats/index';
import { isCiFormat, loadReportFormats } from '../report-formats/lazy';
import { errorJson } from './error-json';
import { migrationNextSteps, type MigrationOutcome } from '../report/next-steps';
import { createProgress, type Progress } from './progress';
import { fileLine, relativePath, renderDiff, renderNextSteps, renderSummary, Tally } from './report';
import { familiesHeldBy, type CopyFilePlan, type LocalCopyPlan } from './local-copies';
import type { RefusalReason, RunListener, RunResult } from './run-result';
import { verifyCannotRunIn } from '../audit/verify-question';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /**
   * The folder paths are relative to; absent: the process's current folder (options.ts reads it, and says so when it is
   * gone).
   */
  cwd?: string;
  /** Told which command the command line is, once parsed (bin: what to say if its output is lost). */
  commandParsed?: (kind: 'migrate' | 'audit') => void;
}

type DoneResult = Extract<RunResult, { kind: 'done' }>;

export class Renderer implements RunListener {
  private options: CliOptions | undefined;
  private progress: Progress | undefined;
  /** Per-file lines held back while a progress bar owns the terminal. */
  private readonly deferred: FileResult[] = [];

  /** Every warning of the run, for --json as well (stdout holds the report alone). */
  private readonly warnings: string[] = [];

  constructor(private readonly io: Io) {}

  warning(message: string): void {
    this.warnings.push(message);
    // A warning is one line, and names paths: printable, as every path a person reads (JSON keeps it exact).
    this.io.stderr.write(`${pc.yellow('warning:')} ${printable(message)}\n`);
  }

  start(options: CliOptions, total: number): void {
    this.options = options;
    this.progress = createProgress(total, this.io.stderr, !options.print);
  }

  file(r: FileResult, plan: FilePlan): void {
    const options = this.options!;
    this.progress?.tick();
    // With --json (or another format but text), stdout holds the report alone: diffs go to stderr.
    const out = options.format !== 'text' ? this.io.stderr : this.io.stdout;
    if (options.print && r.status === 'changed' && plan.before !== undefined && plan.final !== undefined) {
      out.write(renderDiff(this.rel(r.file), plan.before, plan.final) + '\n');
      for (const template of plan.templates ?? [])
        out.write(renderDiff(this.rel(template.file), template.before, template.text) + '\n');
    }
    if (options.format !== 'text') return;
    if (this.progress?.drawsBar) {
      if (r.status !== 'unchanged' || r.manual.length > 0) this.deferred.push(r);
    } else {
      const line = fileLine(r, this.rel, options.dry);
      if (line) out.write(line + '\n');
    }
  }

  /** Clears the progress bar, if one is drawn (also when the run threw). */
  stopProgress(): void {
    this.progress?.stop();
    this.progress = undefined;
  }

  /** Prints what is left of the result and returns the exit code. */
  finish(result: RunResult): number {
    this.stopProgress();
    switch (result.kind) {
      case 'exit':
        this.io.stdout.write(result.stdout);
        this.io.stderr.write(result.stderr);
        return result.code;
      case 'usage':
        this.error(printable(result.message));
        if (result.helpHelps !== false) this.io.stderr.write('(run with --help for usage)\n');
        if (result.json) this.io.stdout.write(errorJson(result.message, 2));
        return 2;
      case 'refused':
        return this.refused(result.options, result.reason, result.message, result.shown);
      case 'done':
        return this.done(result);
    }
  }

  private done(result: DoneResult): number {
    const { options, tally, localCopies } = result;
    const out = options.format !== 'text' ? this.io.stderr : this.io.stdout;
    for (const r of this.deferred) {
      const line = fileLine(r, this.rel, options.dry);
      if (line) out.write(line + '\n');
    }
    // --print shows every file the run writes (or would): the runtime copies too, by path and size.
    if (options.print)
      for (const copy of localCopies ?? [])
        for (const part of copy.files)
          if (changes(copy, part, options.dry)) out.write(copyCreation(copy, part, tally.rel(part.file)) + '\n');
    const nextSteps = migrationNextSteps({
      ...this.outcomeOf(options, tally),
      interrupted: result.interrupted !== null,
      git: result.git.kind,
      newFiles: (localCopies ?? []).some((copy) => copy.files.some((part) => part.written && part.before === null)),
      copyPlanned:
        options.dry && (localCopies ?? []).some((copy) => copy.files.some((part) => changes(copy, part, true))),
      verifyCannotRun: () => verifyCannotRunIn(options.cwd),
    });
    if (options.json) this.printJson(result, nextSteps);
    else if (isCiFormat(options.format)) this.printCiFormat(result, options.format, nextSteps);
    else this.printText(result, nextSteps);
    return result.exitCode;
  }

  private printJson(result: DoneResult, nextSteps: string[]): void {
    const { options, tally, localCopies, routing, exitCode } = result;
    const report = tally.toJson({
      dry: options.dry,
      runtime: {
        mode: options.runtime.kind,
        file: localCopies?.[0] ? tally.rel(localCopies[0].runtime.file) : null,
        written: localCopies?.[0]?.files[0].written ?? false,
        // Each file of each copy: a `.js` runtime, then its declaration file beside it.
        copies: (localCopies ?? []).flatMap((c) =>
          c.files.map((f) => ({ file: tally.rel(f.file), written: f.written, families: familiesHeldBy(c) })),
        ),
      },
      git: {
        state: result.git.kind,
        forced: options.force,
        installed: installedFiles(result.git).map((file) => tally.rel(file)),
      },
      ...routing,
      interrupted: result.interrupted,
      warnings: this.warnings,
      nextSteps,
      exitCode,
    });
    this.io.stdout.write(reportJson(report) + '\n');
  }

  private printCiFormat(result: DoneResult, format: CiFormat, nextSteps: string[]): void {
    const { options, tally, localCopies } = result;
    const run = {
      tally,
      cwd: options.cwd,
      dry: options.dry,
      warnings: this.warnings,
      copiesWritten: (localCopies ?? []).flatMap((c) => c.files.filter((f) => f.written).map((f) => tally.rel(f.file))),
      interrupted: result.interrupted ? interruptedWords(result.interrupted, tally, options.dry) : undefined,
      nextSteps,
      exitCode: result.exitCode,
    };
    const { renderCiFormat, codemodFormatReport } = loadReportFormats();
    this.io.stdout.write(renderCiFormat(format, codemodFormatReport(run)));
  }

  private printText(result: DoneResult, nextSteps: string[]): void {
    const { options, tally, localCopies, routing } = result;
    const route = options.runtime.kind === 'auto' ? routeNote(tally.sorted(), options.dry) : null;
    const runtimeNotes = [
      ...(route ? [route] : []),
      ...(localCopies ?? []).flatMap((copy) => copyNotes(copy, options.dry, (file) => tally.rel(file))),
    ];
    this.io.stdout.write(
      renderSummary(tally, {
        dry: options.dry,
        runtimeNotes,
        gitNote: installNote(installedFiles(result.git).map((file) => tally.rel(file))),
        routing,
      }),
    );
    if (result.interrupted)
      this.io.stdout.write(pc.red(`${interruptedWords(result.interrupted, tally, options.dry)}\n`));
    if (options.strict && tally.summary.manualReview > 0)
      this.io.stdout.write(pc.yellow(`--strict: places are ${FOR_A_PERSON}, exit code 1\n`));
    else if (options.strict && tally.summary.skippedFolders.length > 0)
      this.io.stdout.write(pc.yellow('--strict: a folder passed over holds legacy calls, exit code 1\n'));
    this.io.stdout.write(renderNextSteps(nextSteps));
  }

  /**
   * A run stopped before any source was written: said on stderr (`shown`, its paths escaped), then,
   * as every run ends, the summary (nothing counted: nothing was migrated) with the reason's first
   * line and the next steps; for --json, the same as JSON (`message`, exact).
   */
  private refused(options: CliOptions, reason: RefusalReason, message: string, shown: string): number {
    this.error(shown);
    const tally = new Tally(options.cwd);
    const nextSteps = migrationNextSteps({
      ...this.outcomeOf(options, tally),
      refused: reason,
      interrupted: false,
      git: 'clean',
      newFiles: false,
      copyPlanned: false,
    });
    if (options.json) {
      this.io.stdout.write(
        reportJson({
          version: 1,
          refused: { reason, message },
          summary: tally.summary,
          warnings: this.warnings,
          nextSteps,
          exitCode: 1,
        }) + '\n',
      );
      return 1;
    }
    if (isCiFormat(options.format)) {
      const run = { tally, cwd: options.cwd, dry: options.dry, warnings: this.warnings, copiesWritten: [] };
      const { renderCiFormat, codemodFormatReport } = loadReportFormats();
      this.io.stdout.write(
        renderCiFormat(options.format, codemodFormatReport({ ...run, refused: message, nextSteps, exitCode: 1 })),
      );
      return 1;
    }
    this.io.stdout.write(renderSummary(tally, { dry: options.dry, runtimeNotes: [], refused: firstLine(message) }));
    this.io.stdout.write(renderNextSteps(nextSteps));
    return 1;
  }

  /** What the next steps depend on that every run's end knows: the command line and the counts. */
  private outcomeOf(
    options: CliOptions,
    tally: Tally,
  ): Pick<MigrationOutcome, 'invocation' | 'cwd' | 'dry' | 'changed' | 'failed' | 'left'> {
    return {
      invocation: options.invocation,
      cwd: options.cwd,
      dry: options.dry,
      changed: tally.summary.changed,
      failed: tally.summary.failed,
      left: tally.leftPlaces(),
    };
  }

  private error(message: string): void {
    this.io.stderr.write(`${pc.red('error:')} ${message}\n`);
  }

  private readonly rel = (file: string): string => relativePath(this.options!.cwd, file);
}

/** What a run stopped by a signal says of itself: what was written whole, and what was not looked at. */
function interruptedWords(
  interrupted: NonNullable<Extract<RunResult, { kind: 'done' }>['interrupted']>,
  tally: Tally,
  dry: boolean,
): string {
  const { signal, notProcessed } = interrupted;
  if (interrupted.listing)
    return `interrupted by ${signal} while listing the files: none was read or written, ${counted(notProcessed, 'file')} listed until then (run again to finish)`;
  const changed = tally.summary.changed;
  return `interrupted by ${signal}: stopped between two files; the ${counted(changed, 'file')} counted as ${dry ? 'would change' : 'changed'} ${changed === 1 ? 'was' : 'were'} ${dry ? 'planned' : 'written whole'}, ${counted(notProcessed, 'file')} ${notProcessed === 1 ? 'was' : 'were'} not looked at or not written (run again to finish)`;
}

/** A reason's first line, without the colon that introduces a list under it: what the summary repeats of it. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}

/** The install's files with uncommitted changes, which passed the git check (git.ts, INSTALL_FILES). */
function installedFiles(git: GitState): string[] {
  return git.kind === 'clean' || git.kind === 'dirty' ? git.installed : [];
}

/** The summary's word on them: why they passed, and that they belong in the migration's commit. */
function installNote(files: readonly string[]): string | null {
  if (files.length === 0) return null;
  return `${files.join(', ')} ${files.length === 1 ? 'has' : 'have'} uncommitted changes (an install's files, which this run does not write), so ${files.length === 1 ? 'it passed' : 'they passed'} the check: commit ${files.length === 1 ? 'it' : 'them'} with the migration`;
}

/**
 * The route the default (`--runtime auto`) took for the files that change (or would): a local
 * copy where WeChat loads a mini-program as it is (the import is a relative path), the package
 * everywhere else; null when no file changes.
 */
function routeNote(results: readonly FileResult[], dry: boolean): string | null {
  const changed = results.filter((r) => r.status === 'changed' && r.importSource !== undefined);
  if (changed.length === 0) return null;
  const local = changed.filter((r) => r.importSource!.startsWith('.')).length;
  const shared = changed.length - local;
  const imports = (n: number) => (dry ? 'would import' : n === 1 ? 'imports' : 'import');
  const routes: string[] = [];
  if (local > 0)
    routes.push(
      `${counted(local, 'file')} ${imports(local)} a local copy (WeChat loads ${local === 1 ? 'its' : 'their'} mini-program as it is)`,
    );
  if (shared > 0)
    routes.push(
      local > 0
        ? `${counted(shared, 'file')} the package`
        : `${counted(shared, 'file')} ${imports(shared)} the package`,
    );
  return `by default (--runtime auto), ${routes.join(' and ')}`;
}

/** What a copy holds, in words: "the runtime's record and voice families". */
function familyWords(families: readonly string[]): string {
  const listed =
    families.length <= 1
      ? families.join('')
      : `${families.slice(0, -1).join(', ')} and ${families[families.length - 1]}`;
  return `the runtime's ${listed} ${families.length === 1 ? 'family' : 'families'}`;
}

/** A size as a person reads it: `26.4 KB`. */
function kilobytes(text: string): string {
  return `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`;
}

/** Whether the run writes this file of a copy (or would, with --dry): its text is not what the disk holds. */
function changes(copy: LocalCopyPlan, part: CopyFilePlan, dry: boolean): boolean {
  return part.written || (dry && copy.used && part.text !== part.onDisk);
}

/**
 * The summary's lines about one copy: each of its files written, that would be written, or up to date, with what it
 * holds.
 */
function copyNotes(copy: LocalCopyPlan, dry: boolean, rel: (file: string) => string): string[] {
  const held = familyWords(familiesHeldBy(copy));
  return copy.files.flatMap((part) => {
    const what = `${part.kind === 'types' ? `the types of ${held}` : held}, ${kilobytes(part.text)}`;
    const was =
      part.before === null ? '' : `; it held ${familyWords(copy.familiesBefore).replace("the runtime's", 'the')}`;
    if (part.written) return [`${part.before === null ? 'wrote' : 'rewrote'} ${rel(part.file)} (${what}${was})`];
    if (changes(copy, part, dry))
      return [`would ${part.before === null ? 'write' : 'rewrite'} ${rel(part.file)} (${what}${was})`];
    return part.text === part.before ? [`${rel(part.file)} is up to date (${held})`] : [];
  });
}

/** What --print shows of a file of a copy the run writes: a diff's header and its size, not its generated text. */
function copyCreation(copy: LocalCopyPlan, part: CopyFilePlan, rel: string): string {
  const shown = printable(rel);
  const what =
    part.kind === 'types' ? `the types of ${familyWords(familiesHeldBy(copy))}` : familyWords(familiesHeldBy(copy));
  return [
    pc.bold(`--- ${part.before === null ? '/dev/null' : `a/${shown}`}`),
    pc.bold(`+++ b/${shown}`),
    pc.dim(
      `(${part.before === null ? 'new file' : 'rewritten'}: ${what}, ${Buffer.byteLength(part.text)} bytes, generated; its text is not shown)`,
    ),
  ].join('\n');
}
