/**
 * The codemod's output: listens to a run (warnings, per-file lines, diffs, progress,
 * as they happen) and renders its RunResult at the end as text or JSON, returning
 * the exit code. Decides nothing about files; run.ts does.
 */
import pc from 'picocolors';
import { counted, printable, reportJson } from '../rewrite/light';
import { FOR_A_PERSON } from '../report-words';
import type { FilePlan, FileResult } from './migrate';
import type { CliOptions } from './options';
import { errorJson } from './error-json';
import { migrationNextSteps, type MigrationOutcome } from './next-steps';
import { createProgress, type Progress } from './progress';
import { fileLine, relativePath, renderDiff, renderNextSteps, renderSummary, Tally } from './report';
import type { RefusalReason, RunListener, RunResult } from './run';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** The folder paths are relative to; absent: the process's current folder (options.ts reads it, and says so when it is gone). */
  cwd?: string;
  /** Told which command the command line is, once parsed (bin: what to say if its output is lost). */
  commandParsed?: (kind: 'migrate' | 'audit') => void;
}

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
    // With --json, stdout holds the report alone: diffs go to stderr.
    const out = options.json ? this.io.stderr : this.io.stdout;
    if (options.print && r.status === 'changed' && plan.before !== undefined && plan.final !== undefined) {
      out.write(renderDiff(this.rel(r.file), plan.before, plan.final) + '\n');
    }
    if (options.json) return;
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

  private done(result: Extract<RunResult, { kind: 'done' }>): number {
    const { options, tally, localCopies, routing, exitCode } = result;
    const out = options.json ? this.io.stderr : this.io.stdout;
    for (const r of this.deferred) {
      const line = fileLine(r, this.rel, options.dry);
      if (line) out.write(line + '\n');
    }
    const nextSteps = migrationNextSteps({
      ...this.outcomeOf(options, tally),
      interrupted: result.interrupted !== null,
      git: result.git.kind,
      newFiles: (localCopies ?? []).some((copy) => copy.files.some((part) => part.written && !part.existed)),
      copyPlanned: options.dry && (localCopies ?? []).some((copy) => copy.used && copy.files.some((part) => !part.upToDate)),
    });
    if (options.json) {
      const report = tally.toJson({
        dry: options.dry,
        runtime: {
          mode: options.runtime.kind,
          file: localCopies ? tally.rel(localCopies[0].runtime.file) : null,
          written: localCopies?.[0].files[0].written ?? false,
          // Each file of each copy: a `.js` runtime, then its declaration file beside it.
          copies: (localCopies ?? []).flatMap((c) => c.files.map((f) => ({ file: tally.rel(f.file), written: f.written }))),
        },
        git: { state: result.git.kind, forced: options.force },
        ...routing,
        interrupted: result.interrupted,
        warnings: this.warnings,
        nextSteps,
        exitCode,
      });
      this.io.stdout.write(reportJson(report) + '\n');
      return exitCode;
    }
    const runtimeNotes: string[] = [];
    for (const copy of localCopies ?? []) {
      for (const part of copy.files) {
        const rel = tally.rel(part.file);
        const what = part.kind === 'types' ? "the standalone runtime's types" : 'the standalone runtime';
        if (part.written) runtimeNotes.push(`wrote ${what} to ${rel}`);
        else if (copy.used && options.dry && !part.upToDate) runtimeNotes.push(`would write ${what} to ${rel}`);
        else if (part.upToDate) runtimeNotes.push(`${rel} is up to date`);
      }
    }
    this.io.stdout.write(renderSummary(tally, { dry: options.dry, runtimeNotes, routing }));
    if (result.interrupted) {
      const { signal, notProcessed } = result.interrupted;
      this.io.stdout.write(
        pc.red(`interrupted by ${signal}: stopped between two files; the ${counted(tally.summary.changed, 'file')} counted as ${options.dry ? 'would change' : 'changed'} ${tally.summary.changed === 1 ? 'was' : 'were'} ${options.dry ? 'planned' : 'written whole'}, ${counted(notProcessed, 'file')} ${notProcessed === 1 ? 'was' : 'were'} not looked at or not written (run again to finish)\n`),
      );
    }
    if (options.strict && tally.summary.manualReview > 0) this.io.stdout.write(pc.yellow(`--strict: places are ${FOR_A_PERSON}, exit code 1\n`));
    this.io.stdout.write(renderNextSteps(nextSteps));
    return exitCode;
  }

  /**
   * A run stopped before any source was written: said on stderr (`shown`, its paths escaped), then,
   * as every run ends, the summary (nothing counted: nothing was migrated) with the reason's first
   * line and the next steps; for --json, the same as JSON (`message`, exact).
   */
  private refused(options: CliOptions, reason: RefusalReason, message: string, shown: string): number {
    this.error(shown);
    const tally = new Tally(options.cwd);
    const nextSteps = migrationNextSteps({ ...this.outcomeOf(options, tally), refused: reason, interrupted: false, git: 'clean', newFiles: false, copyPlanned: false });
    if (options.json) {
      this.io.stdout.write(reportJson({ version: 1, refused: { reason, message }, summary: tally.summary, warnings: this.warnings, nextSteps, exitCode: 1 }) + '\n');
      return 1;
    }
    this.io.stdout.write(renderSummary(tally, { dry: options.dry, runtimeNotes: [], refused: firstLine(message) }));
    this.io.stdout.write(renderNextSteps(nextSteps));
    return 1;
  }

  /** What the next steps depend on that every run's end knows: the command line and the counts. */
  private outcomeOf(options: CliOptions, tally: Tally): Pick<MigrationOutcome, 'invocation' | 'cwd' | 'dry' | 'changed' | 'failed' | 'left'> {
    return { invocation: options.invocation, cwd: options.cwd, dry: options.dry, changed: tally.summary.changed, failed: tally.summary.failed, left: tally.leftPlaces() };
  }

  private error(message: string): void {
    this.io.stderr.write(`${pc.red('error:')} ${message}\n`);
  }

  private readonly rel = (file: string): string => relativePath(this.options!.cwd, file);
}

/** A reason's first line, without the colon that introduces a list under it: what the summary repeats of it. */
function firstLine(message: string): string {
  return message.split('\n')[0].replace(/:$/, '');
}
