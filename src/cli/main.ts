/**
 * The codemod command: parse the command line, run the safety checks, walk,
 * migrate file by file, report. Returns the exit code.
 */
import * as fs from 'fs';
import * as path from 'path';
import pc from 'picocolors';
import { combinedGitState } from './git';
import { commitChange, RunAborted, scanFile, settleUnrouted, type FilePlan, type CommitContext, type FileResult, type Scan } from './migrate';
import { rewriteModule } from './load-rewrite';
import { mightContainLegacyRecordCall } from '../rewrite/prefilter';
import { FileScheduler, type WorkerConfig } from './pool';
import { DEFAULT_JOBS, parseArgs, UsageError, type CliOptions } from './options';
import { createProgress } from './progress';
import { fileLine, renderDiff, renderSummary, Tally } from './report';
import { packageVersion, resolveLocalRuntime, type LocalRuntime } from './runtime-target';
import { writeNewFile } from './fileio';
import { walk } from '../files/walk';

export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
}


/** The state of the local runtime copy before the run: what writing it would do. */
interface LocalCopyPlan {
  runtime: LocalRuntime;
  text: string;
  /** The same copy is already there. */
  upToDate: boolean;
  written: boolean;
}

function planLocalCopy(runtime: LocalRuntime, force: boolean, warn: (msg: string) => void, dry: boolean): LocalCopyPlan | string {
  let text: string;
  try {
    text = fs.readFileSync(runtime.template, 'utf8');
  } catch {
    return `the standalone runtime ${runtime.template} is missing from this installation of the package`;
  }
  let existing: string | null = null;
  try {
    existing = fs.readFileSync(runtime.file, 'utf8');
  } catch {
    existing = null;
  }
  if (existing !== null && existing !== text && !force) {
    const conflict = `${runtime.file} exists and differs from this version's runtime; pass --force to replace it, or choose another path with --runtime local=<path>`;
    if (!dry) return conflict;
    warn(conflict); // a dry run writes nothing, so it only says what a real run would refuse
  }
  return { runtime, text, upToDate: existing === text, written: false };
}

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }): Promise<number> {
  const warn = (msg: string) => io.stderr.write(`${pc.yellow('warning:')} ${msg}\n`);
  const fail = (msg: string) => io.stderr.write(`${pc.red('error:')} ${msg}\n`);

  let options: CliOptions;
  try {
    const parsed = parseArgs(argv, io.cwd, packageVersion());
    if (parsed.kind === 'exit') return parsed.code;
    options = parsed.options;
  } catch (err) {
    if (err instanceof UsageError) {
      fail(err.message);
      io.stderr.write('(run with --help for usage)\n');
      return 2;
    }
    throw err;
  }

  /** A run stopped before any source was written: said on stderr, and as JSON for --json. */
  const refuse = (reason: string, msg: string): number => {
    fail(msg);
    if (options.json) io.stdout.write(JSON.stringify({ version: 1, refused: { reason, message: msg }, exitCode: 1 }, null, 2) + '\n');
    return 1;
  };

  // git runs while we plan and walk; its verdict comes before anything is read or written.
  const gitPending = combinedGitState(options.paths);

  let localPlan: LocalCopyPlan | null = null;
  if (options.runtime.kind === 'local') {
    const plan = planLocalCopy(resolveLocalRuntime(options.runtime, options.paths[0], options.cwd), options.force, warn, options.dry);
    if (typeof plan === 'string') return refuse('runtimeCopy', plan);
    localPlan = plan;
  }

  const tally = new Tally(options.cwd);
  const out = options.json ? io.stderr : io.stdout;
  const walked = walk(options.paths, new Set(localPlan ? [localPlan.runtime.file] : []));
  const git = await gitPending;
  if (git.kind === 'dirty' && !options.dry) {
    if (!options.force) {
      const shown = git.changes.slice(0, 10).map((c) => `  ${c}`);
      if (git.changes.length > 10) shown.push(`  … and ${git.changes.length - 10} more`);
      return refuse(
        'dirtyTree',
        `the git working tree at ${git.root} has uncommitted changes:\n${shown.join('\n')}\n` +
          'Commit or stash them first so the migration can be reviewed as its own diff, or pass --force.',
      );
    }
    warn(`the git working tree at ${git.root} has uncommitted changes; writing anyway (--force)`);
  } else if (git.kind === 'none' && !options.dry) {
    warn(`${git.why}: the changes cannot be reviewed or undone with git`);
  }

  tally.ignored(walked.ignoredDirs, walked.ignoredFiles);
  for (const file of walked.minifiedByName) {
    tally.add({ file, status: 'skipped', parsed: false, skip: { reason: 'minified', detail: 'file name' }, rewritten: [], manual: [] });
  }

  const commit: CommitContext = { dry: options.dry };
  if (localPlan && !localPlan.upToDate) {
    const plan = localPlan;
    commit.beforeFirstWrite = () => {
      try {
        writeNewFile(plan.runtime.file, plan.text);
        plan.written = true;
      } catch (err) {
        throw new RunAborted(`could not write the runtime copy ${plan.runtime.file}: ${(err as Error).message}`);
      }
    };
  }

  const progress = createProgress(walked.files.length, io.stderr, !options.print);
  const deferred: FileResult[] = [];
  const onPlan = (a: FilePlan) => {
    const r = commitChange(a, commit);
    tally.add(r);
    progress.tick();
    if (options.print && r.status === 'changed' && a.before !== undefined && a.final !== undefined) {
      out.write(renderDiff(tally.rel(r.file), a.before, a.final) + '\n');
    }
    if (options.json) return;
    if (progress.drawsBar) {
      if (r.status !== 'unchanged' || r.manual.length > 0) deferred.push(r);
    } else {
      const line = fileLine(r, tally, options.dry);
      if (line) out.write(line + '\n');
    }
  };
  // Read and pre-filter everything first: whether the app's own getRecorderManager is routed
  // depends on the whole run (a legacy record call anywhere), and is decided before any file
  // is rewritten. Only candidates (about 1% of a tree) are kept in memory.
  const candidates: Extract<Scan, { kind: 'candidate' }>[] = [];
  for (const file of walked.files) {
    const scan = scanFile(file);
    if (scan.kind === 'settled') onPlan(scan.plan);
    else candidates.push(scan);
  }
  // the text test first: the rewrite (Babel) loads only for files that name a record API
  const routeRecorderManager = candidates.some((c) => mightContainLegacyRecordCall(c.text) && rewriteModule().hasLegacyRecordCall(c.text, c.file));
  const jobs = options.jobs ?? DEFAULT_JOBS;
  const workerConfig: WorkerConfig = { runtime: options.runtime, local: localPlan?.runtime ?? null, keepBefore: options.print, routeRecorderManager };
  const scheduler = new FileScheduler(jobs, workerConfig, onPlan);
  try {
    let n = 0;
    for (const candidate of candidates) {
      if (scheduler.stopped) break;
      const scan = routeRecorderManager ? candidate : settleUnrouted(candidate);
      if (scan.kind === 'settled') onPlan(scan.plan);
      else scheduler.submit(scan);
      // Let workers ask for their next job now and then.
      if (scheduler.threaded && ++n % 256 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    await scheduler.finish();
  } catch (err) {
    progress.stop();
    if (err instanceof RunAborted) return refuse('runtimeCopy', `${err.message}; no file was written`);
    throw err;
  }
  progress.stop();
  for (const r of deferred) {
    const line = fileLine(r, tally, options.dry);
    if (line) out.write(line + '\n');
  }

  const s = tally.summary;
  const exitCode = s.failed > 0 || (options.strict && s.manualReview > 0) ? 1 : 0;

  let runtimeNote: string | null = null;
  if (localPlan) {
    const rel = tally.rel(localPlan.runtime.file);
    if (localPlan.written) runtimeNote = `wrote the standalone runtime to ${rel}`;
    else if (s.changed > 0 && options.dry) runtimeNote = `would write the standalone runtime to ${rel}`;
    else if (localPlan.upToDate) runtimeNote = `${rel} is up to date`;
  }

  if (options.json) {
    const report = tally.toJson({
      dry: options.dry,
      runtime: {
        mode: options.runtime.kind,
        file: localPlan ? tally.rel(localPlan.runtime.file) : null,
        written: localPlan?.written ?? false,
      },
      git: { state: git.kind, forced: options.force },
      routeRecorderManager,
      exitCode,
    });
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
  } else {
    io.stdout.write(renderSummary(tally, { dry: options.dry, runtimeNote, routeRecorderManager }));
    if (options.strict && s.manualReview > 0) io.stdout.write(pc.yellow('--strict: places are left for manual review, exit code 1\n'));
  }
  return exitCode;
}
