/**
 * The codemod run in-process (src/cli/run.ts from the sources): what it returns,
 * what it writes, and that it prints nothing itself. The bin tests beside this
 * file cover the same command through dist/, as npx runs it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { main } from '../../src/cli/main';
import type { FileResult } from '../../src/report/file-result';
import { parseCommandLine, UsageError } from '../../src/cli/options';
import type { RunListener, RunResult } from '../../src/cli/run-result';
import {
  assertBuilt,
  cleanupProjects,
  migrateInProcess,
  makeProject,
  PLAIN,
  read,
  ROOT,
  runCli,
  runCliListingLoaded,
  runCliWithPreload,
  snapshot,
  WX_PAGE,
} from './helpers';

afterAll(cleanupProjects);

/** A package.json that lists the runtime the rewritten files import: the run has nothing to say of it. */
const LISTS_RUNTIME = JSON.stringify({ dependencies: { 'record-compat-runtime': '^0.1.0' } });

function done(result: RunResult): Extract<RunResult, { kind: 'done' }> {
  if (result.kind !== 'done') throw new Error(`expected a finished run, got ${JSON.stringify(result)}`);
  return result;
}

/** Records what a run tells its listener. */
function recorder(): RunListener & { files: FileResult[]; warnings: string[]; total?: number } {
  const rec: RunListener & { files: FileResult[]; warnings: string[]; total?: number } = {
    files: [],
    warnings: [],
    warning: (m) => rec.warnings.push(m),
    start: (_options, total) => (rec.total = total),
    file: (r) => rec.files.push(r),
  };
  return rec;
}

describe('runMigration (in-process)', () => {
  let writes: MockInstance[] = [];
  beforeAll(() => {
    // Nothing may reach the terminal from the run itself.
    writes = [vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write')];
  });
  afterEach(() => {
    const written = writes.flatMap((w) => w.mock.calls.map((call) => String(call[0])));
    for (const w of writes) w.mockClear();
    expect(written).toEqual([]);
  });
  afterAll(() => {
    for (const w of writes) w.mockRestore();
  });

  it('rewrites a tree with a legacy call and returns the counts', async () => {
    const dir = makeProject({ 'package.json': LISTS_RUNTIME, 'pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    const listener = recorder();
    const result = done(await migrateInProcess([], dir, listener));

    expect(result.exitCode).toBe(0);
    expect(result.routing).toEqual({
      routeRecorderManager: true,
      routeBackgroundAudioManager: false,
      routeCanvasPixels: false,
    });
    expect(result.git.kind).toBe('clean');
    const s = result.tally.summary;
    expect([s.scanned, s.parsed, s.changed, s.unchanged, s.failed]).toEqual([2, 1, 1, 1, 0]);
    expect(s.calls).toEqual({ startRecord: 1, stopRecord: 1 });
    // The listener heard every file once, as it was settled.
    expect(listener.total).toBe(2);
    expect(listener.files.map((r) => [path.relative(dir, r.file), r.status]).sort()).toEqual([
      ['pages/index.js', 'changed'],
      ['utils/add.js', 'unchanged'],
    ]);
    expect(listener.warnings).toEqual([]);
    // Written: the page calls the runtime now; the plain file is untouched.
    const page = read(dir, 'pages/index.js');
    expect(page).not.toMatch(/wx\.(startRecord|stopRecord)/);
    expect(page).toMatch(/require\('record-compat-runtime\/native'\)/);
    expect(read(dir, 'utils/add.js')).toBe(PLAIN);
  });

  it('writes nothing with --dry, and says what would change', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    const before = snapshot(dir);
    const result = done(await migrateInProcess(['--dry'], dir));

    expect(result.options.dry).toBe(true);
    expect(result.exitCode).toBe(0);
    expect(result.tally.summary.changed).toBe(1);
    expect(result.tally.sorted().map((r) => [path.relative(dir, r.file), r.status])).toEqual([
      ['pages/index.js', 'changed'],
    ]);
    expect(snapshot(dir)).toEqual(before);
  });

  it('reports a file that does not parse as failed, with its place, exit code 1, and writes the rest', async () => {
    const dir = makeProject({ 'pages/bad.js': 'wx.startRecord({\n', 'pages/index.js': WX_PAGE });
    const result = done(await migrateInProcess([], dir));

    expect(result.exitCode).toBe(1);
    expect(result.tally.summary.failed).toBe(1);
    expect(result.tally.summary.changed).toBe(1);
    const [failure] = result.tally.failures();
    expect(failure.path).toBe('pages/bad.js');
    expect(failure.line).toBe(2);
    expect(failure.reason).toMatch(/^does not parse: /);
    expect(read(dir, 'pages/bad.js')).toBe('wx.startRecord({\n');
    expect(read(dir, 'pages/index.js')).not.toBe(WX_PAGE);
  });

  it("says why a Flow-typed file does not parse, and which door reads it; a file without the pragma gets the parser's words alone", async () => {
    const flow =
      "// @flow\nimport Taro from '@tarojs/taro'\ntype R = {| path: ?string |}\nexport const go = (): void => { Taro.startRecord({ success(r: R) {} }) }\n";
    const dir = makeProject({ 'pages/flow.js': flow, 'pages/plain.js': flow.replace('// @flow\n', '') });
    const result = done(await migrateInProcess([], dir));
    const reasons = Object.fromEntries(result.tally.failures().map((f) => [f.path, f.reason]));
    expect(reasons['pages/flow.js']).toMatch(
      /^does not parse: .+ \(a Flow file: this door reads \.js as TypeScript with JSX; the Babel plugin in a Babel config with @babel\/preset-flow migrates it, see docs\/other-toolchains\.md\)$/,
    );
    expect(reasons['pages/plain.js']).toMatch(/^does not parse: [^(]+$/);
    expect(read(dir, 'pages/flow.js')).toBe(flow);
  });

  it("says a file that does not parse holds a merge conflict's markers, and where; the file is left as it is", async () => {
    const conflicted = 'wx.startRecord({\n<<<<<<< HEAD\n  success() {},\n=======\n  fail() {},\n>>>>>>> feature\n})\n';
    const dir = makeProject({ 'pages/conflicted.js': conflicted, 'pages/index.js': WX_PAGE });
    const result = done(await migrateInProcess(['--force'], dir));
    const [failure] = result.tally.failures();
    expect(failure.path).toBe('pages/conflicted.js');
    expect(failure.reason).toMatch(
      /^does not parse: .+ \(a merge conflict's markers are left in the file, line 2: resolve the conflict first\)$/,
    );
    expect(read(dir, 'pages/conflicted.js')).toBe(conflicted);
  });

  it("says a file nested deeper than the rewrite's stack (a generated chain, one link a line) is nested too deeply, not that the rewrite threw; the file is left as it is", async () => {
    const chain = `wx.startRecord({})\nexport const built = builder\n${'  .add(1)\n'.repeat(30_000)}`;
    const dir = makeProject({ 'pages/chain.js': chain, 'pages/index.js': WX_PAGE });
    const result = done(await migrateInProcess(['--force'], dir));
    expect(result.tally.failures()).toEqual([
      {
        path: 'pages/chain.js',
        line: null,
        column: null,
        reason:
          'nested too deeply to parse safely (it ran out of stack: nesting the depth count misses, such as a chain thousands of links long): migrate it by hand',
      },
    ]);
    expect(read(dir, 'pages/chain.js')).toBe(chain);
    expect(read(dir, 'pages/index.js')).not.toBe(WX_PAGE);
  });

  it('refuses a dirty git tree before writing, and returns the reason', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    fs.appendFileSync(path.join(dir, 'pages/index.js'), '// local edit\n');
    const before = snapshot(dir);
    const result = await migrateInProcess([], dir);

    expect(result.kind).toBe('refused');
    if (result.kind !== 'refused') return;
    expect(result.reason).toBe('dirtyTree');
    expect(result.message).toMatch(/uncommitted changes:\n {2}M pages\/index\.js\n/);
    expect(snapshot(dir)).toEqual(before);
  });

  it('parses a bad command line into a usage error naming the argument, and --help into what to print', () => {
    const dir = makeProject({}, { git: false });
    expect(() => parseCommandLine(['no-such-folder'], dir, '0.0.0')).toThrow(
      new UsageError("path 'no-such-folder' does not exist"),
    );
    const help = parseCommandLine(['--help'], dir, '0.0.0');
    expect(help).toMatchObject({ kind: 'exit', code: 0, stderr: '' });
    expect(help.kind === 'exit' && help.stdout).toMatch(
      /^Usage: taro-plugin-record-compat \[options\] \[paths\.\.\.\]/,
    );
    // One program: the audit is its subcommand, listed in the help, and its options are its own.
    expect(help.kind === 'exit' && help.stdout).toMatch(/\n {2}audit \[options\] \[paths\.\.\.\] +type-aware/);
    expect(parseCommandLine(['audit', '--json', '--strict'], dir, '0.0.0')).toMatchObject({
      kind: 'audit',
      options: { json: true, strict: true, paths: [] },
    });
    expect(parseCommandLine(['--parser', 'babel', '.'], dir, '0.0.0')).toMatchObject({
      kind: 'migrate',
      options: { parser: 'babel' },
    });
    expect(parseCommandLine(['--parser', 'swc'], dir, '0.0.0')).toMatchObject({ kind: 'exit', code: 2 });
    // oxc loads on this Node: chosen, it is kept.
    expect(parseCommandLine(['--parser', 'oxc', '.'], dir, '0.0.0')).toMatchObject({
      kind: 'migrate',
      options: { parser: 'oxc' },
    });
  });

  it('checks RECORD_COMPAT_PARSER before any file: a bad value is one usage error naming what it allows, and --parser wins over it', () => {
    const dir = makeProject({}, { git: false });
    process.env.RECORD_COMPAT_PARSER = 'swc';
    try {
      expect(() => parseCommandLine(['.'], dir, '0.0.0')).toThrow(
        new UsageError("RECORD_COMPAT_PARSER=swc: the parser must be 'auto', 'babel' or 'oxc'"),
      );
      expect(parseCommandLine(['--parser', 'babel', '.'], dir, '0.0.0')).toMatchObject({
        kind: 'migrate',
        options: { parser: 'babel' },
      });
    } finally {
      delete process.env.RECORD_COMPAT_PARSER;
    }
  });

  it('checks the other environment variables the same way, for the codemod and the audit: no stack trace, no silent default', () => {
    const dir = makeProject({}, { git: false });
    const timeout = (value: string) =>
      `RECORD_COMPAT_GIT_TIMEOUT_MS=${value}: expected a whole number of milliseconds, from 1 to 2147483647 (about 24 days)`;
    const cases: [string, string, string][] = [
      ['RECORD_COMPAT_PLAN_THREAD', 'bogus', 'RECORD_COMPAT_PLAN_THREAD=bogus: expected worker or main'],
      ['RECORD_COMPAT_GIT_TIMEOUT_MS', '-5', timeout('-5')],
      ['RECORD_COMPAT_GIT_TIMEOUT_MS', '1.5', timeout('1.5')],
      ['RECORD_COMPAT_GIT_TIMEOUT_MS', 'abc', timeout('abc')],
      // Past what a timer holds, Node fires it at once: a user asking for longer got 1 ms.
      ['RECORD_COMPAT_GIT_TIMEOUT_MS', '3000000000', timeout('3000000000')],
    ];
    for (const [name, value, message] of cases) {
      process.env[name] = value;
      try {
        expect(() => parseCommandLine(['.'], dir, '0.0.0'), `${name}=${value}`).toThrow(new UsageError(message));
        expect(() => parseCommandLine(['audit', '.'], dir, '0.0.0'), `${name}=${value}`).toThrow(
          new UsageError(message),
        );
      } finally {
        delete process.env[name];
      }
    }
    process.env.RECORD_COMPAT_GIT_TIMEOUT_MS = '5000';
    process.env.RECORD_COMPAT_PLAN_THREAD = 'main';
    try {
      expect(parseCommandLine(['.'], dir, '0.0.0')).toMatchObject({ kind: 'migrate' });
    } finally {
      delete process.env.RECORD_COMPAT_GIT_TIMEOUT_MS;
      delete process.env.RECORD_COMPAT_PLAN_THREAD;
    }
  });
});

describe('main in-process renders what the bin prints', () => {
  beforeAll(assertBuilt);

  function captured(cwd: string): { io: Parameters<typeof main>[1] & object; out: () => string; err: () => string } {
    let out = '';
    let err = '';
    const stream = (append: (t: string) => void) =>
      ({ isTTY: false, write: (t: string) => (append(t), true) }) as unknown as NodeJS.WriteStream;
    return {
      io: { stdout: stream((t) => (out += t)), stderr: stream((t) => (err += t)), cwd },
      out: () => out,
      err: () => err,
    };
  }

  const plain = (t: string) => t.replace(/\x1b\[[0-9;]*m/g, '');

  it.each([[['--dry']], [['--dry', '--json']], [['--strict']]])(
    '%j: the same stdout, stderr and exit code',
    async (args) => {
      const files = { 'pages/index.js': WX_PAGE, 'pages/bad.js': 'wx.startRecord({\n', 'utils/add.js': PLAIN };
      const a = makeProject(files);
      const b = makeProject(files);
      const c = captured(a);
      const code = await main(args, c.io);
      const bin = runCli(b, args);
      expect(code).toBe(bin.code);
      expect(plain(c.out())).toBe(bin.stdout);
      expect(plain(c.err())).toBe(bin.stderr);
      expect(snapshot(a)).toEqual(snapshot(b));
    },
  );
});

describe('the bin', () => {
  it('loads the command from one file, the bundle of its modules, through the loader of its compiled code', () => {
    const dir = makeProject({ 'src/a.js': 'wx.startRecord({ success() {} });\n' });
    const run = runCliListingLoaded(dir, ['.', '--dry']);
    expect(run.code, run.stderr).toBe(0);
    const ours = run.loaded.filter((file) => file.startsWith(path.join(ROOT, 'dist') + path.sep));
    expect(ours.map((file) => path.relative(ROOT, file))).toEqual([
      path.join('dist', 'src', 'cli', 'bin.js'),
      path.join('dist', 'src', 'cli', 'code-cache.js'),
      path.join('dist', 'src', 'cli', 'bundle.js'),
    ]);
  });

  it("starts the planning thread on one file too, the bundle of the engine's modules", () => {
    const dir = makeProject({ 'src/a.js': 'wx.startRecord({ success() {} });\n' });
    const run = runCliListingLoaded(dir, ['.', '--dry'], { planningThread: true });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('src/a.js');
    const ours = run.loaded.filter((file) => file.startsWith(path.join(ROOT, 'dist') + path.sep));
    expect(ours.map((file) => path.relative(ROOT, file))).toEqual([
      path.join('dist', 'src', 'cli', 'code-cache.js'),
      path.join('dist', 'src', 'cli', 'plan-worker.js'),
    ]);
  });

  it("loads TypeScript for its next steps only where Taro's typings are installed and older than 3 or of no version: none, or Taro 3's, parse", () => {
    const page = "import Taro from '@tarojs/taro'\nTaro.startRecord({ success() {} })\n";
    const taroApp = JSON.stringify({ name: 'app', dependencies: { '@tarojs/taro': '3.6.0' } });
    const loadsTypeScript = (run: { loaded: string[] }) => run.loaded.some((file) => /typescript\.js$/.test(file));
    const notInstalled = runCliListingLoaded(makeProject({ 'package.json': taroApp, 'src/a.js': page }), ['.']);
    expect(notInstalled.code, notInstalled.stderr).toBe(0);
    expect(notInstalled.stdout).toContain('audit --verify');
    expect(loadsTypeScript(notInstalled)).toBe(false);
    const installed = runCliListingLoaded(
      makeProject({
        'package.json': taroApp,
        'node_modules/@tarojs/taro/package.json': JSON.stringify({ name: '@tarojs/taro', types: 'index.d.ts' }),
        'node_modules/@tarojs/taro/index.d.ts':
          'declare namespace Taro { function startRecord(): void }\nexport = Taro\n',
        'src/a.js': page,
      }),
      ['.'],
    );
    expect(installed.code, installed.stderr).toBe(0);
    expect(installed.stdout).toContain('audit --verify');
    expect(loadsTypeScript(installed)).toBe(true);
    const taro3 = runCliListingLoaded(
      makeProject({
        'package.json': taroApp,
        'node_modules/@tarojs/taro/package.json': JSON.stringify({
          name: '@tarojs/taro',
          version: '3.6.0',
          types: 'index.d.ts',
        }),
        'node_modules/@tarojs/taro/index.d.ts': 'this is not TypeScript @@\n',
        'src/a.js': page,
      }),
      ['.'],
    );
    expect(taro3.code, taro3.stderr).toBe(0);
    expect(taro3.stdout).toContain('audit --verify');
    expect(loadsTypeScript(taro3)).toBe(false);
  });

  it("runs the audit on a thread of its own (Ctrl-C ends it in TypeScript's phase too), started on one file", () => {
    const dir = makeProject({ 'src/a.js': 'wx.startRecord({ success() {} });\n' });
    const run = runCliListingLoaded(dir, ['audit', '--json'], { planningThread: true });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).findings).toHaveLength(1);
    const ours = run.loaded.filter((file) => file.startsWith(path.join(ROOT, 'dist') + path.sep));
    expect(ours.map((file) => path.relative(ROOT, file))).toEqual([
      path.join('dist', 'src', 'cli', 'code-cache.js'),
      path.join('dist', 'src', 'cli', 'audit-worker.js'),
    ]);
  });

  it("asks Node for its compile cache where Node has one (22.1 on), before loading the command's modules", () => {
    const { written, ...run } = runCliWithPreload(
      os.tmpdir(),
      ['--version'],
      `require('module').enableCompileCache = () => require('fs').appendFileSync(OUT, String(Object.keys(require.cache).some((f) => f.endsWith('bundle.js'))));`,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(written).toBe('false');
  });

  it('runs as before where the cache cannot be had', () => {
    const run = runCliWithPreload(
      os.tmpdir(),
      ['--version'],
      `require('module').enableCompileCache = () => { throw new Error('no cache'); };`,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });
});
