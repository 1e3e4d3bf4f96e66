/**
 * CLI test helpers: a runner for the BUILT bin (dist/src/cli/bin.js), exactly as
 * npx runs it, and small legacy sources. Temporary projects come from test/helpers.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { auditCommand, main } from '../../src/cli/main';
import { parseCommandLine } from '../../src/cli/options';
import { runMigration } from '../../src/cli/run';
import type { RunListener, RunResult } from '../../src/cli/run-result';
import { assembleCopy, type CopyKind } from '../../src/cli/runtime-copy';
import { runtimePieces } from '../../src/cli/runtime-target';
import type { RuntimeFamily } from '../../src/rewrite/light';
import { ROOT } from '../helpers/paths';
import { runProcess } from '../helpers/process';
import { commitEverything, gitIn, makeTempProject, removeTempProjects, type Tree } from '../helpers/temp-project';
export { snapshot } from '../helpers/temp-project';

export { ROOT, type Tree };
export const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');

/** The migrate command in this process (src, not dist), from its command line. */
export function migrateInProcess(argv: string[], cwd: string, listener?: RunListener): Promise<RunResult> {
  const commandLine = parseCommandLine(argv, cwd, '0.0.0');
  if (commandLine.kind !== 'migrate') throw new Error(`not a migration: ${JSON.stringify(commandLine)}`);
  return runMigration(commandLine.options, listener);
}

/**
 * The local copy of the runtime the codemod writes for `families`, in one form, from the pieces this build holds
 * (dist/runtime/standalone/pieces.json).
 */
export function runtimeCopyText(families: RuntimeFamily[], kind: CopyKind): string {
  return assembleCopy(runtimePieces(), families, kind);
}

export function assertBuilt(): void {
  if (!fs.existsSync(BIN))
    throw new Error(`${BIN} is missing: run \`npx tsc -p tsconfig.build.json\` (or npm run build) first`);
}

/** A temporary folder holding `files`; by default a git repository with everything committed. */
export function makeProject(files: Tree, { git = true }: { git?: boolean } = {}): string {
  return makeTempProject(files, { git, prefix: 'record-compat-cli-' });
}

export function commitAll(dir: string): void {
  commitEverything(dir, 'migration');
}

export function gitStatus(dir: string): string {
  return gitIn(dir, 'status', '--porcelain');
}

export const cleanupProjects = removeTempProjects;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * How the tests spawn the bin: without colours; a run that hangs (blocked on a FIFO read by
 * mistake, where its own signal handlers never run) is killed and fails with its signal, rather
 * than stopping the suite.
 */
function binSpawnOptions(cwd: string, env: Record<string, string>) {
  return {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
    timeout: 120_000,
    killSignal: 'SIGKILL' as const,
  };
}

export function runCli(cwd: string, args: string[], env: Record<string, string> = {}): CliRun {
  const r = spawnSync(process.execPath, [BIN, ...args], { ...binSpawnOptions(cwd, env), encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * runCli with `preload` required before the bin (Node's `--require`): how a test sees what the bin loads or calls. The
 * preload's text names the file it may write as OUT; that file's text comes back as `written` ('' if none).
 */
export function runCliWithPreload(
  cwd: string,
  args: string[],
  preload: string,
  env: Record<string, string> = {},
): CliRun & { written: string } {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-preload-'));
  const file = path.join(folder, 'preload.cjs');
  const out = path.join(folder, 'out');
  fs.writeFileSync(file, preload.replace('OUT', JSON.stringify(out)));
  const run = runCli(cwd, args, { ...env, NODE_OPTIONS: `--require ${file}` });
  const written = fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
  fs.rmSync(folder, { recursive: true, force: true });
  return { ...run, written };
}

/**
 * runCli, and the files the bin's process had loaded when it exited: its require cache, then the scripts compiled
 * through vm.Script (the bundles code-cache.ts runs); with `planningThread`, the run planned on its thread
 * (RECORD_COMPAT_PLAN_THREAD=worker) and the files that thread loaded or compiled, each named as it comes (the thread
 * may be let go before it could name them at its end).
 */
export function runCliListingLoaded(
  cwd: string,
  args: string[],
  { planningThread = false } = {},
): CliRun & { loaded: string[] } {
  // Names each script compiled with a file name, by `record(name)`.
  const compiled = (record: string) => `const vm = require('vm'); const Script = vm.Script;
      vm.Script = class extends Script { constructor(s, o) { super(s, o); if (o && o.filename) ${record}(o.filename); } };`;
  if (!planningThread) {
    const { written, ...run } = runCliWithPreload(
      cwd,
      args,
      `const scripts = []; ${compiled('scripts.push')}
      process.on('exit', () => require('fs').writeFileSync(OUT, JSON.stringify([...Object.keys(require.cache), ...scripts])));`,
    );
    return { ...run, loaded: written ? (JSON.parse(written) as string[]) : [] };
  }
  // The preload runs in every thread; only the planning thread's (threadId 1 on) names what it loads.
  const { written, ...run } = runCliWithPreload(
    cwd,
    args,
    `if (require('worker_threads').threadId) { const M = require('module'); const js = M._extensions['.js'];
      const name = (f) => require('fs').appendFileSync(OUT, f + '\\n'); ${compiled('name')}
      M._extensions['.js'] = function (m, f) { name(f); return js.call(this, m, f); }; }`,
    { RECORD_COMPAT_PLAN_THREAD: 'worker' },
  );
  return { ...run, loaded: written.split('\n').filter(Boolean) };
}

/** runCli without blocking the worker: for spawns a test can run side by side. */
export async function runCliAsync(cwd: string, args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  const r = await runProcess(process.execPath, [BIN, ...args], binSpawnOptions(cwd, env));
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * The audit command in this process (src, not dist), from what follows `audit`: its exit code and
 * what it printed. For tests of what the audit reads and says; how the bin takes its command line
 * and exits is test/cli/audit-bin.test.ts's. Its program shares the parse of the installed typings
 * with the audits run before it in the worker (src/audit/program-host.ts), where a process of its own
 * parses WeChat's typings again, and its rewrite is the sources' (test/setup/engine.ts).
 */
export async function auditInProcess(cwd: string, args: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await auditCommand(args, {
    cwd,
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
  });
  return { code, stdout, stderr };
}

/** auditInProcess with --json, the report parsed. */
export async function auditJsonInProcess(
  cwd: string,
  args: string[],
): Promise<{ code: number | null; report: any; stderr: string }> {
  const r = await auditInProcess(cwd, [...args, '--json']);
  return { code: r.code, report: JSON.parse(r.stdout), stderr: r.stderr };
}

/**
 * The whole command in this process (src, not dist), as the bin runs it: its exit code and what
 * it printed, without colours. For tests of what the command line is
 * answered with; a test of the bin itself spawns it (runCli). `stderrIsTerminal`: stderr
 * reads as a terminal (a status line is drawn there), stdout never.
 */
export async function mainInProcess(cwd: string, args: string[], { stderrIsTerminal = false } = {}): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const stream = (append: (text: string) => void, isTTY = false) =>
    ({ isTTY, columns: 200, write: (text: string) => (append(text), true) }) as unknown as NodeJS.WriteStream;
  const code = await main(args, {
    stdout: stream((text) => (stdout += text)),
    stderr: stream((text) => (stderr += text), stderrIsTerminal),
    cwd,
  });
  // picocolors decides on colours once, for the test process's own terminal.
  const plain = (text: string) => text.replace(/\x1b\[[0-9;]*m/g, '');
  return { code, stdout: plain(stdout), stderr: plain(stderr) };
}

/** Runs with --json and parses the report. */
export function runJson(
  cwd: string,
  args: string[],
  env: Record<string, string> = {},
): { code: number | null; report: any; stderr: string } {
  return withReport(runCli(cwd, [...args, '--json'], env));
}

/** A --json run's report, parsed; a run that printed no JSON fails the test with what it printed. */
function withReport(r: CliRun): { code: number | null; report: any; stderr: string } {
  let report: any;
  try {
    report = JSON.parse(r.stdout);
  } catch {
    throw new Error(`--json did not print JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
  return { code: r.code, report, stderr: r.stderr };
}

/**
 * runJson in this process (mainInProcess): for tests of what a run writes and reports; a test of
 * the process itself (signals, real pipes, the environment read at start, the planning thread
 * that exists only in dist/) spawns the bin with runJson.
 */
export async function runJsonInProcess(
  cwd: string,
  args: string[],
): Promise<{ code: number | null; report: any; stderr: string }> {
  return withReport(await mainInProcess(cwd, [...args, '--json']));
}

export function read(dir: string, rel: string): string {
  return fs.readFileSync(path.join(dir, rel), 'utf8');
}

export function readBytes(dir: string, rel: string): Buffer {
  return fs.readFileSync(path.join(dir, rel));
}

/** A small legacy WeChat page. */
export const WX_PAGE = `Page({
  data: { recording: false },
  onStart() {
    wx.startRecord({
      success: (res) => {
        this.setData({ file: res.tempFilePath })
      }
    })
  },
  onStop() {
    wx.stopRecord()
  }
})
`;

/** A small legacy Taro module's source (not the rewrite's TARO_MODULE, the module name). */
export const TARO_SOURCE = `import Taro from '@tarojs/taro'

export function record(): void {
  Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })
}

export function stop(): void {
  Taro.stopRecord()
}
`;

/** Code with nothing to migrate. */
export const PLAIN = `export function add(a, b) {
  return a + b
}
`;
