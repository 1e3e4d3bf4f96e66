/**
 * The example Taro app (examples/taro-app) as the e2e tests use it: install
 * its dependencies when missing, give it the package as just built, and run
 * the real `taro build`.
 */
import { execFileSync, spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { expect } from 'vitest';

import {
  KIND_LABELS,
  KINDS_IN_TABLE_ORDER,
  LEGACY_API_TABLE,
  LEGACY_RECORD_KIND,
  type LegacyApiKind,
  type LegacyApiRow,
  type RuntimeFamily,
} from '../../../src/rewrite/rules/legacy-apis';
import { ROOT } from '../../helpers/paths';
import { runProcess } from '../../helpers/process';

export { ROOT };
export const EXAMPLE = path.join(ROOT, 'examples/taro-app');
/** The same kind of app in Vue 3: single-file components (examples/taro-vue-app). */
export const VUE_EXAMPLE = path.join(ROOT, 'examples/taro-vue-app');
/** A Taro 2 app: class components from @tarojs/taro (examples/taro2-app). */
export const TARO2_EXAMPLE = path.join(ROOT, 'examples/taro2-app');
export const TMP = path.join(ROOT, '.tmp');
/**
 * A string literal each of these families' runtime module holds once (one of its error reasons):
 * what finds the family's code in a built dist/. Keyed by the table's families; a family whose
 * e2e tests look for its code adds its own (audio-context's module has no such literal).
 */
export const RUNTIME_MARKERS: Partial<Record<RuntimeFamily, string>> = {
  /** src/runtime/core.ts: its "stop during authorization" reason. */
  record: 'cancelled by stopRecord',
  /** src/runtime/voice.ts: its "no file" reason. */
  voice: 'invalid filePath',
  /** src/runtime/background-audio.ts: its "no dataUrl" reason. */
  'background-audio': 'invalid dataUrl',
  /** src/runtime/canvas.ts: its canvasPutImageData answer. */
  canvas: 'canvasPutImageData:ok',
};
/** The record family's marker: where it is, the runtime is (every app the tests build records). */
export const RUNTIME_MARKER = RUNTIME_MARKERS.record!;
export const VOICE_RUNTIME_MARKER = RUNTIME_MARKERS.voice!;
export const BACKGROUND_AUDIO_RUNTIME_MARKER = RUNTIME_MARKERS['background-audio']!;
export const CANVAS_RUNTIME_MARKER = RUNTIME_MARKERS.canvas!;

export interface RunResult {
  code: number | null;
  /** stdout and stderr as they came, interleaved. */
  output: string;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The environment a user's shell would give `taro build` (no test-runner variables). */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (k === 'NODE_ENV' || k.startsWith('VITEST') || k === 'TEST' || k.startsWith('TARO_')) continue;
    if (k.startsWith('RECORD_COMPAT')) continue;
    env[k] = v;
  }
  env.FORCE_COLOR = '0';
  env.NO_COLOR = '1';
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) env[k] = v;
  return env;
}

export function run(
  cmd: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: opts.cwd, env: opts.env ?? cleanEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let stdout = '';
    let stderr = '';
    // Decoded as a stream: a chunk may end inside a character (`…` is three bytes in UTF-8).
    child.stdout.setEncoding('utf8');
    child.stderr.setEncoding('utf8');
    child.stdout.on('data', (d: string) => ((output += d), (stdout += d)));
    child.stderr.on('data', (d: string) => ((output += d), (stderr += d)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')} timed out after ${opts.timeoutMs} ms\n${output.slice(-4000)}`));
    }, opts.timeoutMs ?? 600_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output, stdout, stderr, ms: Date.now() - started });
    });
  });
}

/**
 * Takes the lock `name` (a folder under .tmp/ holding its owner's pid) if it is free, or held by a process that is
 * gone; returns what releases it, or undefined while another process holds it.
 */
export function tryLock(name: string): (() => void) | undefined {
  fs.mkdirSync(TMP, { recursive: true });
  const lock = path.join(TMP, `${name}.lock`);
  try {
    fs.mkdirSync(lock);
  } catch {
    if (!lockIsStale(lock)) return undefined;
    fs.rmSync(lock, { recursive: true, force: true });
    return tryLock(name);
  }
  fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
  return () => fs.rmSync(lock, { recursive: true, force: true });
}

/** A lock whose owner's process has ended, or (no pid written yet, or ever) older than 20 minutes: a dead run's. */
function lockIsStale(lock: string): boolean {
  const pid = Number(readIfThere(path.join(lock, 'pid')));
  if (pid > 0) {
    try {
      process.kill(pid, 0);
      return false;
    } catch (err) {
      return (err as NodeJS.ErrnoException).code === 'ESRCH';
    }
  }
  const made = fs.statSync(lock, { throwIfNoEntry: false });
  // Gone meanwhile: not stale, the next mkdir decides.
  return made !== undefined && Date.now() - made.mtimeMs > 20 * 60_000;
}

function readIfThere(file: string): string {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Runs `fn` holding the lock `name` (tryLock): test files running at once share one install. */
export async function withLock<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 20 * 60_000;
  let release = tryLock(name);
  while (!release) {
    if (Date.now() > deadline) throw new Error(`could not take ${path.join(TMP, `${name}.lock`)}`);
    await new Promise((r) => setTimeout(r, 500));
    release = tryLock(name);
  }
  try {
    return await fn();
  } finally {
    release();
  }
}

/**
 * Makes `target` hold what `source` holds (a file, or a folder and everything under it), writing only what differs:
 * a second call writes nothing, so a build reading `target` meanwhile (another test file's, in another worker) never
 * sees a file missing or half written.
 */
export function mirror(source: string, target: string): void {
  const from = fs.statSync(source, { throwIfNoEntry: false });
  const to = fs.lstatSync(target, { throwIfNoEntry: false });
  if (!from) {
    if (to) fs.rmSync(target, { recursive: true, force: true });
    return;
  }
  if (to && (from.isDirectory() !== to.isDirectory() || to.isSymbolicLink()))
    fs.rmSync(target, { recursive: true, force: true });
  if (!from.isDirectory()) {
    const same = to?.isFile() && to.size === from.size && fs.readFileSync(target).equals(fs.readFileSync(source));
    // Replaced by a rename: a reader has the old file or the new one, never half of it.
    if (!same) {
      fs.copyFileSync(source, `${target}.${process.pid}`);
      fs.renameSync(`${target}.${process.pid}`, target);
    }
    return;
  }
  fs.mkdirSync(target, { recursive: true });
  const names = new Set(fs.readdirSync(source));
  for (const name of fs.readdirSync(target))
    if (!names.has(name)) fs.rmSync(path.join(target, name), { recursive: true });
  for (const name of names) mirror(path.join(source, name), path.join(target, name));
}

/**
 * The packages of this repository an app installs by `file:`: the tool, and the runtime package its migrated code
 * imports.
 */
export const OWN_PACKAGES = [
  { name: 'taro-plugin-record-compat', dir: ROOT },
  { name: 'record-compat-runtime', dir: path.join(ROOT, 'packages/runtime') },
] as const;

/**
 * Copy each of this repository's packages as `npm pack` would ship it (package.json and its `files`) over an installed
 * copy, writing only what differs (mirror): test files running at once call it while others build from that copy.
 */
export function syncPackageInto(appDir: string): void {
  if (
    !fs.existsSync(path.join(ROOT, 'dist/src/taro-plugin/index.js')) ||
    !fs.existsSync(path.join(ROOT, 'packages/runtime/dist/esm/taro.js'))
  ) {
    throw new Error('the package is not built: run `npm run build` first (npm test does)');
  }
  for (const { name, dir } of OWN_PACKAGES) {
    const target = path.join(appDir, 'node_modules', name);
    if (fs.lstatSync(target).isSymbolicLink()) continue; // linked install: already the live tree
    const shipped: string[] = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).files;
    for (const entry of [...shipped, 'package.json']) mirror(path.join(dir, entry), path.join(target, entry));
  }
}

/**
 * The apps whose install starts from a copy of another app's (`from`, its package.json and lock assembled from
 * `packageFiles` first where it is a project under .tmp/): npm then brings the copy to the app's own lock, removing,
 * replacing and adding what differs. The tree is the one an install from nothing makes, for a third to a half of the
 * CPU. Of each app's packages, this many are at the same place and version in `from`: the Vue example 94 % of the
 * React example's, Taro 3.6 64 %, Taro 3.6 on webpack 4 73 % of Taro 3.6's, Taro 1.3 77 % of Taro 2.2's.
 */
const INSTALL_STARTS_FROM = new Map<string, { from: string; packageFiles?: string }>([
  [VUE_EXAMPLE, { from: EXAMPLE }],
  [path.join(TMP, 'taro36-app'), { from: EXAMPLE }],
  [
    path.join(TMP, 'taro3-webpack4-app'),
    { from: path.join(TMP, 'taro36-app'), packageFiles: path.join(ROOT, 'test/e2e/taro36') },
  ],
  [path.join(TMP, 'taro1-app'), { from: path.join(TMP, 'taro2-app'), packageFiles: path.join(ROOT, 'test/e2e/taro2') }],
]);

/**
 * Make the example buildable: install it when its node_modules is missing (a fresh CI
 * machine), then refresh its copy of this package from the build `npm test` just made (the
 * example installs it with install-links, i.e. as a copy, like a user's install).
 */
export async function ensureExample(appDir: string = EXAMPLE): Promise<void> {
  const name = path.basename(appDir);
  await withLock(`${name}-install`, async () => {
    const taroBin = path.join(appDir, 'node_modules/@tarojs/cli/bin/taro');
    const installed = OWN_PACKAGES.map(({ name }) => path.join(appDir, 'node_modules', name, 'package.json'));
    if (!fs.existsSync(taroBin) || !installed.every((file) => fs.existsSync(file))) {
      const start = INSTALL_STARTS_FROM.get(appDir);
      if (start) {
        // package.json and its lock only: the rest of that project is its own test file's.
        if (start.packageFiles) assembleProject(start.from, start.packageFiles, EXAMPLE, []);
        await copyInstall(start.from, appDir);
      }
      // `npm install --no-save`, not `npm ci`: the lock is honoured either way, but `npm ci` refuses
      // a lock without the optional native packages of other platforms (oxc-parser's, rollup's),
      // which the registry these locks were made from does not serve (as .ci/run says).
      const res = await run('npm', ['install', '--no-save', '--no-audit', '--no-fund'], {
        cwd: appDir,
        env: cleanEnv(),
        timeoutMs: 20 * 60_000,
      });
      if (res.code !== 0) throw new Error(`installing examples/${name} failed:\n${res.output.slice(-4000)}`);
    }
    syncPackageInto(appDir);
  });
}

/**
 * `from`'s node_modules (installed first if it is not) laid into `appDir`, in place of what was there: where the next
 * `npm install` in `appDir` starts (it reads the copy's own record of its tree, which `cp -a` keeps true).
 * The packages' files are hard links: npm replaces a package it changes with a new folder and makes bin links anew, so
 * an install or a build in `appDir` writes no file of `from`; and copying some 40,000 files costs the kernel 4 CPU-s on
 * a quiet machine, 20 on a busy one. npm's record of the tree (.package-lock.json), which it rewrites in place, is a
 * copy. The caches (.cache: Taro 2's Babel and terser; .vite, .taro) stay behind: no user's fresh install has them,
 * and a build of `from` may be writing them. Where links cannot be made (another file system), the files are copied.
 */
export async function copyInstall(from: string, appDir: string): Promise<void> {
  await ensureExample(from);
  const source = path.join(from, 'node_modules');
  const modules = path.join(appDir, 'node_modules');
  const packages = fs.readdirSync(source).filter((entry) => entry === '.bin' || !entry.startsWith('.'));
  const cp = (flags: string) =>
    run('cp', [flags, ...packages.map((entry) => path.join(source, entry)), modules], { cwd: appDir });
  const emptied = () => {
    fs.rmSync(modules, { recursive: true, force: true });
    fs.mkdirSync(modules, { recursive: true });
  };
  emptied();
  if ((await cp('-al')).code !== 0) {
    emptied();
    const copied = await cp('-a');
    if (copied.code !== 0) throw new Error(`copying ${source} failed:\n${copied.output.slice(-4000)}`);
  }
  const record = '.package-lock.json';
  fs.cpSync(path.join(source, record), path.join(modules, record), { preserveTimestamps: true });
  // The folder's own time too, as `cp -a` of the folder keeps it: npm trusts its record of the tree only when no
  // folder in it is newer than the record.
  const { atime, mtime } = fs.statSync(source);
  fs.utimesSync(modules, atime, mtime);
}

/** What an e2e project under .tmp/ takes from the example, beside its own package.json and lock. */
const FROM_EXAMPLE = ['src', 'types', 'config', 'babel.config.js', 'tsconfig.json', 'project.config.json', '.npmrc'];

/**
 * Assemble a project in `app` (under .tmp/): package.json and package-lock.json
 * from `packageFiles` (a folder under test/e2e/), the listed files mirrored from
 * the example (a second test file assembling it writes nothing). A changed
 * package.json or lock means a fresh install.
 */
export function assembleProject(
  app: string,
  packageFiles: string,
  example: string = EXAMPLE,
  fromExample: readonly string[] = FROM_EXAMPLE,
): void {
  fs.mkdirSync(app, { recursive: true });
  for (const file of ['package.json', 'package-lock.json']) {
    const wanted = fs.readFileSync(path.join(packageFiles, file), 'utf8');
    const target = path.join(app, file);
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== wanted) {
      fs.rmSync(path.join(app, 'node_modules'), { recursive: true, force: true });
      fs.writeFileSync(target, wanted);
    }
  }
  for (const file of fromExample) mirror(path.join(example, file), path.join(app, file));
}

/**
 * A fresh copy of the example's app (source, config, package.json; not node_modules) in `app`, for a test to change.
 */
export function copyExampleApp(app: string): void {
  fs.rmSync(app, { recursive: true, force: true });
  fs.mkdirSync(app, { recursive: true });
  for (const file of [
    'src',
    'types',
    'config',
    'babel.config.js',
    'tsconfig.json',
    'project.config.json',
    'package.json',
  ]) {
    if (fs.existsSync(path.join(EXAMPLE, file)))
      fs.cpSync(path.join(EXAMPLE, file), path.join(app, file), { recursive: true });
  }
}

/** Replaces `from` by `to` in an app's config, config/index.ts or (Taro 1 and 2) config/index.js (from must be there). */
export function editConfig(app: string, from: string, to: string): void {
  const config = configFile(app);
  const text = fs.readFileSync(config, 'utf8');
  expect(text).toContain(from);
  fs.writeFileSync(config, text.replace(from, to));
}

const configFile = (app: string): string =>
  ['config/index.ts', 'config/index.js'].map((f) => path.join(app, f)).find((f) => fs.existsSync(f)) ??
  path.join(app, 'config/index.ts');

/**
 * Each Taro config with its minifiers on, then off (each `on` is in one config alone): Taro 3 and 4 (the example)
 * and Taro 2 read terser and csso at the top (terser.enable false turns off vite's minifier too); Taro 1, which has no
 * plugin system, reads uglify and csso in its `plugins` object.
 */
const MINIFIERS: readonly (readonly [on: string, off: string])[] = [
  ["framework: 'react',", "framework: 'react',\n    terser: { enable: false },\n    csso: { enable: false },"],
  [
    "'@tarojs/plugin-terser',\n  ],\n  defineConstants: {},\n  mini: {\n",
    "'@tarojs/plugin-terser',\n  ],\n  terser: { enable: false },\n  csso: { enable: false },\n  defineConstants: {},\n  mini: {\n" +
      // Unminified, the pages pass webpack's size hint, whose warning takes the place of Taro 2's success line.
      '    webpackChain: (chain) => chain.performance.hints(false),\n',
  ],
  ['\n  plugins: {\n', '\n  plugins: {\n    uglify: { enable: false },\n    csso: { enable: false },\n'],
];

/**
 * Turns Taro's minifiers off or back on in an app's config (nothing to do where they already are): they take a third
 * of a production build's CPU, and a test that reads which calls went out and what the build said does not need them.
 */
export function setMinified(app: string, minified: boolean): void {
  const text = fs.readFileSync(configFile(app), 'utf8');
  const pair = MINIFIERS.find(([on, off]) => text.includes(off) || text.includes(on));
  if (!pair) throw new Error(`${configFile(app)}: no Taro config whose minifiers can be turned on or off`);
  const [on, off] = pair;
  if (minified && text.includes(off)) editConfig(app, off, on);
  else if (!minified && !text.includes(off)) editConfig(app, on, off);
}

/**
 * Writes a React page into a copy of the example (`route` without extension) and lists it in app.config.ts after the
 * index page.
 */
export function addPage(app: string, route: string, source: string, title: string): void {
  fs.mkdirSync(path.join(app, 'src', path.dirname(route)), { recursive: true });
  fs.writeFileSync(path.join(app, 'src', `${route}.jsx`), source);
  fs.writeFileSync(
    path.join(app, 'src', `${route}.config.ts`),
    `export default definePageConfig({ navigationBarTitleText: '${title}' })\n`,
  );
  const appConfig = path.join(app, 'src/app.config.ts');
  fs.writeFileSync(
    appConfig,
    fs.readFileSync(appConfig, 'utf8').replace("'pages/index/index',", `'pages/index/index',\n    '${route}',`),
  );
}

export interface BuildOptions {
  appDir?: string;
  platform: 'weapp' | 'h5' | 'tt';
  /** webpack4 (@tarojs/mini-runner) is Taro 3's; the example's config passes it through. */
  compiler: 'webpack4' | 'webpack5' | 'vite';
  /** Output directory relative to the app (under dist/, which is ignored). */
  out: string;
  plugin?: boolean;
  /** Plugin options as JSON (merged over the example's own). */
  pluginOptions?: Record<string, unknown>;
  /**
   * false: without Taro's minifiers, for a test that reads only which calls went out and what the build said (the
   * examples' configs read TARO_MINIFY; setMinified edits a copy's config, Taro 1's and 2's too, for all its builds).
   */
  minified?: boolean;
  env?: Record<string, string>;
  /** The Node that runs `taro build` (default: the one running the tests). */
  node?: string;
}

/**
 * What `taro build` of an app runs with: the app's folder, its output folder (emptied), Taro's CLI,
 * and the environment that picks the compiler, the output and the plugin's options (`more`, then
 * the build's own `env`, over them).
 */
function prepareBuild(o: BuildOptions, more: Record<string, string | undefined> = {}) {
  const appDir = o.appDir ?? EXAMPLE;
  const dist = path.join(appDir, o.out);
  fs.rmSync(dist, { recursive: true, force: true });
  const env = cleanEnv({
    TARO_COMPILER: o.compiler,
    TARO_OUTPUT_ROOT: o.out,
    RECORD_COMPAT_OPTIONS: o.pluginOptions ? JSON.stringify(o.pluginOptions) : undefined,
    TARO_MINIFY: o.minified === false ? 'off' : undefined,
    ...more,
    ...o.env,
  });
  return { appDir, dist, env, taro: path.join(appDir, 'node_modules/@tarojs/cli/bin/taro') };
}

export async function buildExample(o: BuildOptions): Promise<RunResult & { dist: string }> {
  const { appDir, dist, env, taro } = prepareBuild(o, {
    RECORD_COMPAT: o.plugin === false ? 'off' : undefined,
    RECORD_COMPAT_READABLE_EXPORTS: '1',
  });
  const res = await run(o.node ?? process.execPath, [taro, 'build', '--type', o.platform], {
    cwd: appDir,
    env,
    timeoutMs: 10 * 60_000,
  });
  return { ...res, dist };
}

/**
 * `taro build --watch` (a dev build) of an app, stopped once it has printed its first end-of-build
 * line, or has exited, or `timeoutMs` have passed: its whole process group is killed in every case
 * (Taro's watcher and what it started), and the output is what it printed until then.
 */
export async function watchExample(
  o: BuildOptions & { timeoutMs?: number; lingerMs?: number },
): Promise<{ output: string; dist: string; ms: number; alive: boolean }> {
  const { appDir, dist, env, taro } = prepareBuild(o);
  const started = Date.now();
  // A group of its own, so that one kill stops the watcher and its children.
  const child = spawn(o.node ?? process.execPath, [taro, 'build', '--type', o.platform, '--watch'], {
    cwd: appDir,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (d: string) => (output += d));
  child.stderr.on('data', (d: string) => (output += d));
  const closed = new Promise<void>((resolve) => child.on('close', () => resolve()));
  let exited = false;
  void closed.then(() => (exited = true));
  try {
    const deadline = started + (o.timeoutMs ?? 300_000);
    while (!/^\[record-compat\] rewrote .*\n/m.test(output) && !exited) {
      if (Date.now() > deadline)
        throw new Error(
          `taro build --watch printed no end-of-build line in ${o.timeoutMs ?? 300_000} ms:\n${output.slice(-4000)}`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
    const ms = Date.now() - started;
    // `lingerMs`: how long the watcher must go on after its first build (alive), as a dev loop does.
    if (o.lingerMs) await Promise.race([closed, new Promise((r) => setTimeout(r, o.lingerMs))]);
    return { output, dist, ms, alive: !exited };
  } finally {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      /* already gone */
    }
    await closed;
  }
}

/**
 * What an app's source asks of the build, by the summary's kinds (src/rewrite/rules/legacy-apis.ts): the app's own
 * managers are kinds of their own.
 */
export type SourceCalls = Record<LegacyApiKind, number>;

const ROWS: readonly LegacyApiRow[] = LEGACY_API_TABLE;

/** `Taro.x(`, `TaroApi.x(` or `wx.x(` for the table's APIs of one kind, counted from the text. */
function callPattern(kind: LegacyApiKind): RegExp {
  const names = ROWS.filter((row) => row.kind === kind).map((row) => row.name);
  return new RegExp(`\\b(?:Taro|TaroApi|wx)\\.(?:${names.join('|')})\\(`, 'g');
}

/** What an app's source asks of the build, counted from the text of its scripts and components. */
export function countCallsInSource(srcDir = path.join(EXAMPLE, 'src')): SourceCalls {
  const count = Object.fromEntries(KINDS_IN_TABLE_ORDER.map((kind) => [kind, 0])) as SourceCalls;
  const walk = (d: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(?:[jt]sx?|vue)$/.test(e.name)) {
        const text = fs.readFileSync(p, 'utf8');
        for (const kind of KINDS_IN_TABLE_ORDER) count[kind] += (text.match(callPattern(kind)) ?? []).length;
      }
    }
  };
  walk(srcDir);
  return count;
}

/** The kinds of the deprecated APIs, not of the app's own managers. */
const LEGACY_KINDS = KINDS_IN_TABLE_ORDER.filter((kind) =>
  ROWS.some((row) => row.kind === kind && !row.onlyWithLegacyCalls),
);

/** All legacy calls (every family of the table) written in an app's source. */
export function countLegacyCallsInSource(srcDir = path.join(EXAMPLE, 'src')): number {
  const calls = countCallsInSource(srcDir);
  return LEGACY_KINDS.reduce((sum, kind) => sum + calls[kind], 0);
}

/**
 * The summary line a build of `srcDir` should print when every call is rewritten in `files`
 * files, spelled out here rather than by the plugin's formatter: the kinds in the table's order,
 * the record kind always, another where the app calls it, an app's own manager where the app also
 * has calls of the family that routes it, each routed manager named with the first file of that family.
 * `packageDirs`: the folders of packages in `include`, whose calls the build rewrites too (`files` counts their files).
 */
export function expectedSummary(srcDir: string, files: number, packageDirs: readonly string[] = []): string {
  const calls = countCallsInSource(srcDir);
  // The included packages' calls add to the app's (a package calls no app-owned manager, so routes nothing).
  for (const dir of packageDirs) {
    const more = countCallsInSource(dir);
    for (const kind of KINDS_IN_TABLE_ORDER) calls[kind] += more[kind];
  }
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const routedWith = (kind: LegacyApiKind) => ROWS.find((row) => row.kind === kind)?.routedWith;
  const counted = (kind: LegacyApiKind) => {
    const routes = routedWith(kind);
    return routes ? calls[kind] > 0 && calls[routes] > 0 : kind === LEGACY_RECORD_KIND || calls[kind] > 0;
  };
  const parts = KINDS_IN_TABLE_ORDER.filter(counted).map((kind) => plural(calls[kind], KIND_LABELS[kind]));
  const joined = parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  const routed = ROWS.filter((row) => row.routedWith && counted(row.kind)).map(
    (row) => `${row.name}, as ${firstFileCalling(srcDir, row.routedWith!)} has ${KIND_LABELS[row.routedWith!]}s`,
  );
  const because = routed.length > 0 ? ` (routed through the runtime: ${routed.join('; ')})` : '';
  return `[record-compat] rewrote ${joined} in ${plural(files, 'file')}${because}; nothing left for manual review`;
}

/**
 * The first script or component under `srcDir`, names sorted and depth first, whose text calls an API of `kind`;
 * relative to the app (`src/…`).
 */
function firstFileCalling(srcDir: string, kind: LegacyApiKind): string | undefined {
  const visit = (d: string): string | undefined => {
    const entries = fs
      .readdirSync(d, { withFileTypes: true })
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const p = path.join(d, e.name);
      const found = e.isDirectory()
        ? visit(p)
        : /\.(?:[jt]sx?|vue)$/.test(e.name) && callPattern(kind).test(fs.readFileSync(p, 'utf8'))
          ? p
          : undefined;
      if (found) return found;
    }
    return undefined;
  };
  const file = visit(srcDir);
  return file && path.relative(path.dirname(srcDir), file).split(path.sep).join('/');
}

/** The summary line the plugin prints at the end of a build. */
export function summaryLines(output: string): string[] {
  return output.split(/\r?\n/).filter((l) => l.startsWith('[record-compat] rewrote'));
}

/** The lines after it, one per package outside `include` that calls a legacy API (collector.ts). */
export function packageLines(output: string): string[] {
  return output.split(/\r?\n/).filter((l) => l.startsWith('[record-compat] package '));
}

/** Dependencies of this package as the example's lock recorded them, against package.json now. */
export function lockDrift(appDir: string = EXAMPLE): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(appDir, 'package-lock.json'), 'utf8'));
  const recorded: Record<string, string> =
    lock.packages?.['node_modules/taro-plugin-record-compat']?.dependencies ?? {};
  const current: Record<string, string> =
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).dependencies ?? {};
  const names = new Set([...Object.keys(recorded), ...Object.keys(current)]);
  return [...names]
    .filter((n) => recorded[n] !== current[n])
    .map((n) => `${n}: lock ${recorded[n] ?? '-'}, package.json ${current[n] ?? '-'}`);
}

/** The version of a package installed in an app. */
export function installedVersion(appDir: string, pkg: string): string {
  return JSON.parse(fs.readFileSync(path.join(appDir, 'node_modules', pkg, 'package.json'), 'utf8')).version;
}

/** What the CLI's `--json` report of a migration says that the e2e tests read. */
export interface MigrationReport {
  summary: { callsByKind: Record<string, number> };
}

/**
 * The codemod's door on an installed project: `files` of `appDir` copied to `dest`, made a git
 * repository of their own (sharing the install through a link to node_modules), and migrated by
 * the built CLI, as a user runs it. Throws with the CLI's output when it fails.
 */
export async function migrateCopyWithCli(
  appDir: string,
  dest: string,
  files: readonly string[],
): Promise<MigrationReport> {
  fs.rmSync(dest, { recursive: true, force: true });
  fs.mkdirSync(dest, { recursive: true });
  for (const file of files) fs.cpSync(path.join(appDir, file), path.join(dest, file), { recursive: true });
  fs.symlinkSync(path.join(appDir, 'node_modules'), path.join(dest, 'node_modules'), 'dir');
  fs.writeFileSync(path.join(dest, '.gitignore'), 'node_modules\ndist\n');
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], {
      cwd: dest,
      stdio: 'pipe',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'legacy');
  const cli = await runProcess(process.execPath, [path.join(ROOT, 'dist/src/cli/bin.js'), '--json'], {
    cwd: dest,
    env: cleanEnv(),
    timeout: 120_000,
  });
  if (cli.status !== 0)
    throw new Error(`the CLI failed on ${path.basename(appDir)}:\n${cli.stderr}${cli.stdout.slice(-4000)}`);
  return JSON.parse(cli.stdout);
}
