#!/usr/bin/env node
/**
 * bench:build — what the Taro plugin costs a build, and what it adds to dist/.
 *
 * Builds examples/taro-app for weapp (webpack5) with and without the plugin,
 * alternately, several times, and does the same for a generated variant with
 * 100 pages; prints the median build times and the overhead ratio. Then
 * measures the runtime's bytes in dist/ (raw and gzipped) and checks that an
 * app with no legacy call gets no runtime at all.
 *
 *   npm run bench:build                # 5 timed runs per side (after a warm-up)
 *   BENCH_RUNS=9 npm run bench:build
 *   BENCH_COMPILER=vite npm run bench:build
 *   BENCH_SIZE_ONLY=1 npm run bench:build   # only the bytes in dist/ (one build per app), no timing
 *   BENCH_BABEL_ONLY=1 node scripts/bench-build.mjs  # the plugin's paired cost without whole builds (see babelShare)
 *     BENCH_ROUNDS=25                                # its rounds (default 15)
 *     BENCH_BUILD_CPU_MS=webpack5=18980,vite=17320  # the build CPU time the shares are taken of
 *                                                   # (else measured, or recorded)
 *   node scripts/bench-build.mjs --smoke   # that Babel share alone, one round and no warm-up, on the example and
 *                                          # 2 generated pages in a temporary folder: seconds (the fast tests run it)
 *   BENCH_FAMILY=system-info npm run bench:build   # the generated pages read system info instead (below)
 *
 * BENCH_FAMILY says which legacy API the generated pages call. `record` (the default): each page
 * is a renamed copy of one of the example's record and voice pages. `system-info`: each page reads
 * system info once, as apps do (SYSTEM_INFO_SHAPES: a member read of `Taro.getSystemInfoSync()`, a
 * destructuring, a local then field reads, the whole object kept in a cache, `Taro.getSystemInfo`
 * with `success`); only that app is measured (the example's figures are the default's), with no
 * bytes in dist/ (bench:size measures the family's), and the run fails unless the plugin reports
 * every page's call rewritten: by the build's summary line, or, for the Babel share, on each side
 * of each round. It works with every mode above (a smoke run generates one page per shape). Its
 * Babel share is taken of BENCH_BUILD_CPU_MS when given: the recorded build CPU is the record app's.
 *
 * Needs `npm run build` first (the example gets the package as built).
 */
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { copyApp, makeManyPages, makeNoLegacy, makeRecordOnly, SYSTEM_INFO_SHAPES } from './lib/bench-build-apps.mjs';
import { distJs as distJsWith, runtimeBytes as runtimeBytesWith } from './lib/dist-bytes.mjs';
import { childrenCpuMs, median } from './lib/measure.mjs';
import { taroReactBuild } from './lib/taro-react-pass.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXAMPLE = path.join(ROOT, 'examples/taro-app');

/** Which legacy API the generated pages call (header): BENCH_FAMILY, checked before anything is written. */
const FAMILIES = ['record', 'system-info'];
const FAMILY = process.env.BENCH_FAMILY || 'record';
if (!FAMILIES.includes(FAMILY) || (FAMILY !== 'record' && process.env.BENCH_SIZE_ONLY)) {
  console.error(
    FAMILIES.includes(FAMILY)
      ? `bench:build: BENCH_SIZE_ONLY measures the record pages' bytes: run it without BENCH_FAMILY=${FAMILY}`
      : `bench:build: BENCH_FAMILY=${FAMILY}: expected one of ${FAMILIES.join(', ')}`,
  );
  process.exit(2);
}
/** --smoke: whether the script still runs, not a figure (header). */
const SMOKE = process.argv.includes('--smoke');
// A smoke run works in a folder of its own: it may run beside a real one.
const TMP = SMOKE
  ? fs.mkdtempSync(path.join(tmpdir(), 'record-compat-bench-build-'))
  : path.join(ROOT, '.tmp/bench-build');
const RUNS = Number(process.env.BENCH_RUNS || 5);
const COMPILER = process.env.BENCH_COMPILER === 'vite' ? 'vite' : 'webpack5';
const MARKER = 'cancelled by stopRecord';
const PAGES = SMOKE ? (FAMILY === 'system-info' ? SYSTEM_INFO_SHAPES.length : 2) : 100;
/** Rounds of the paired Babel measurement (babelShare). */
const BABEL_ROUNDS = SMOKE ? 1 : Number(process.env.BENCH_ROUNDS || 15);
/** Where the apps are made from and into (scripts/lib/bench-build-apps.mjs). */
const APPS = { example: EXAMPLE, tmp: TMP };

const require = createRequire(import.meta.url);

/**
 * What the plugin must report rewritten in each app measured with BENCH_FAMILY=system-info (the
 * generated one): the pages' calls, one a page. A figure of a plugin that rewrote nothing measures
 * nothing; the record mode keeps its own check (failOnRuntimeInAppWithoutLegacy).
 */
const EXPECTED_REWRITES = FAMILY === 'system-info' ? { kind: 'systemInfo', calls: PAGES } : null;

/** `n` of a kind as the plugin's summary line counts them (the API table's label). */
function countedCalls(kind, n) {
  const { KIND_LABELS } = require(path.join(ROOT, 'dist/src/rewrite/rules/legacy-apis.js'));
  return `${n} ${KIND_LABELS[kind]}${n === 1 ? '' : 's'}`;
}

/** Throws unless a build's output has the summary line and it counts every call the pages make (EXPECTED_REWRITES). */
function checkBuildRewrites(output) {
  const line = summaryLineOf(output);
  if (!EXPECTED_REWRITES) return line;
  const expected = countedCalls(EXPECTED_REWRITES.kind, EXPECTED_REWRITES.calls);
  if (!line.startsWith('[record-compat] rewrote ') || !new RegExp(`[ ,]${expected}(?=[ ,;]|$)`).test(line))
    throw new Error(`the build with the plugin did not report the pages' ${expected} rewritten: ${line}`);
  return line;
}

function summaryLineOf(output) {
  return output.split('\n').find((l) => l.startsWith('[record-compat]')) ?? '(no summary line!)';
}

function log(...a) {
  console.log(...a);
}

function env(extra) {
  const e = { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' };
  for (const k of Object.keys(e))
    if (k === 'NODE_ENV' || k.startsWith('TARO_') || k.startsWith('RECORD_COMPAT')) delete e[k];
  return { ...e, ...extra };
}

function sh(cmd, args, cwd) {
  const r = spawnSync(cmd, args, { cwd, env: env({}), stdio: 'inherit' });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed in ${cwd}`);
}

function prepareExample() {
  if (!fs.existsSync(path.join(ROOT, 'dist/src/taro-plugin/index.js'))) {
    throw new Error('run `npm run build` first');
  }
  if (!fs.existsSync(path.join(EXAMPLE, 'node_modules/@tarojs/cli/bin/taro'))) {
    // Not `npm ci`: it refuses the example's lock, which lacks other platforms' optional native
    // packages (the registry it was made from does not serve them); the lock is honoured either way.
    log('installing examples/taro-app dependencies (npm install --no-save)…');
    sh('npm', ['install', '--no-save', '--no-audit', '--no-fund'], EXAMPLE);
  }
  // The example installs the package as a copy (install-links); give it the current build.
  const target = path.join(EXAMPLE, 'node_modules/taro-plugin-record-compat');
  if (!fs.lstatSync(target).isSymbolicLink()) {
    fs.rmSync(path.join(target, 'dist'), { recursive: true, force: true });
    fs.cpSync(path.join(ROOT, 'dist'), path.join(target, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(target, 'package.json'));
  }
}

function build(appDir, { plugin, out }) {
  const taro = path.join(EXAMPLE, 'node_modules/@tarojs/cli/bin/taro');
  fs.rmSync(path.join(appDir, out), { recursive: true, force: true });
  const started = process.hrtime.bigint();
  const cpuBefore = childrenCpuMs();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [taro, 'build', '--type', 'weapp'], {
      cwd: appDir,
      env: env({ TARO_COMPILER: COMPILER, TARO_OUTPUT_ROOT: out, ...(plugin ? {} : { RECORD_COMPAT: 'off' }) }),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const cpuAfter = childrenCpuMs();
      const cpuMs = cpuBefore === null || cpuAfter === null ? NaN : cpuAfter - cpuBefore;
      if (code !== 0) reject(new Error(`taro build failed in ${appDir}:\n${output.slice(-3000)}`));
      else resolve({ ms, cpuMs, output, dist: path.join(appDir, out) });
    });
  });
}

// CPU time of finished child processes (and the descendants they waited for),
// from /proc/self/stat (cutime + cstime). Less disturbed by other load on the
// machine than wall time; both are reported.
async function timeApp(label, appDir) {
  const times = { with: [], without: [] };
  const cpu = { with: [], without: [] };
  // Warm-up (disk cache, lazy requires), not counted; it fails early if the plugin rewrites too little.
  await build(appDir, { plugin: false, out: 'dist/bench-without' });
  checkBuildRewrites((await build(appDir, { plugin: true, out: 'dist/bench-with' })).output);
  let summary = '';
  for (let i = 0; i < RUNS; i++) {
    // Alternate which side goes first so drift in machine load hits both.
    const order = i % 2 === 0 ? [false, true] : [true, false];
    for (const plugin of order) {
      const r = await build(appDir, { plugin, out: plugin ? 'dist/bench-with' : 'dist/bench-without' });
      times[plugin ? 'with' : 'without'].push(r.ms);
      cpu[plugin ? 'with' : 'without'].push(r.cpuMs);
      if (plugin) summary = checkBuildRewrites(r.output);
    }
    log(
      `  ${label} run ${i + 1}/${RUNS}: without ${(times.without.at(-1) / 1000).toFixed(2)} s (cpu ${(cpu.without.at(-1) / 1000).toFixed(2)} s), ` +
        `with ${(times.with.at(-1) / 1000).toFixed(2)} s (cpu ${(cpu.with.at(-1) / 1000).toFixed(2)} s)`,
    );
  }
  const w = median(times.with);
  const wo = median(times.without);
  const cw = median(cpu.with);
  const cwo = median(cpu.without);
  // Each run builds both sides back to back, so the ratio within a run cancels
  // most of the drift in machine load; the median of those ratios is the steadier figure.
  const paired = median(times.with.map((t, i) => t / times.without[i])) - 1;
  const pairedCpu = median(cpu.with.map((t, i) => t / cpu.without[i])) - 1;
  return {
    label,
    with: w,
    without: wo,
    overhead: w / wo - 1,
    cpuWith: cw,
    cpuWithout: cwo,
    cpuOverhead: cw / cwo - 1,
    paired,
    pairedCpu,
    summary,
    times,
  };
}

/**
 * The plugin's share of Babel's work, measured without the noise of a whole
 * build: every source file of an app is transformed as babel-loader does it
 * for Taro (the app's babel.config.js, babel-preset-taro), without and with
 * the plugin's Babel override, alternately; medians of the total CPU time.
 */
/**
 * The build's Babel plugin with a stopwatch: the CPU time spent inside its Program visitor
 * (the matcher, the edits, the scope update and the report), summed per round. A direct
 * figure, unlike the difference of two whole-transform times, which the machine's noise swamps.
 */
function timedBuildPlugin() {
  const file = path.join(TMP, 'timed-build-plugin.cjs');
  fs.mkdirSync(TMP, { recursive: true });
  fs.writeFileSync(
    file,
    `const real = require(${JSON.stringify(path.join(ROOT, 'dist/src/taro-plugin/babel-build.js'))});
const plugin = real.default || real;
module.exports = function timed(api, options) {
  const inner = plugin(api, options);
  const visit = inner.visitor.Program;
  return { ...inner, visitor: { ...inner.visitor, Program(path, state) {
    const t = process.cpuUsage();
    try { return visit.call(this, path, state); } finally {
      const u = process.cpuUsage(t);
      globalThis.__recordCompatInsideUs = (globalThis.__recordCompatInsideUs || 0) + u.user + u.system;
    }
  } } };
};
`,
  );
  return file;
}

/**
 * The Babel the bench transforms with: the app's own (@babel/core and its babel.config.js with
 * babel-preset-taro) when examples/taro-app is installed; else a stand-in from this
 * repository's dev dependencies (TypeScript + JSX syntax, class properties, CommonJS modules),
 * lighter than babel-preset-taro, so the plugin's share of it reads higher, not lower.
 */
function babelFor(appDir) {
  if (fs.existsSync(path.join(EXAMPLE, 'node_modules/@babel/core'))) {
    const appRequire = createRequire(path.join(appDir, 'package.json'));
    return {
      babel: appRequire('@babel/core'),
      config: { cwd: appDir, root: appDir },
      label: "the app's babel.config.js (babel-preset-taro)",
    };
  }
  return {
    babel: require('@babel/core'),
    config: {
      babelrc: false,
      configFile: false,
      presets: [[require.resolve('@babel/preset-typescript'), { isTSX: true, allExtensions: true }]],
      plugins: [
        require.resolve('@babel/plugin-syntax-jsx'),
        require.resolve('@babel/plugin-transform-class-properties'),
        require.resolve('@babel/plugin-transform-modules-commonjs'),
      ],
    },
    label: 'a stand-in (preset-typescript, class properties, CommonJS; examples/taro-app is not installed)',
  };
}

/**
 * The plugin's cost to the Babel work of a build, paired: in each round every source file of
 * the app is transformed as the build does it, without and with the plugin, back to back
 * (alternating which goes first), and the round's difference is the sum over the files of
 * (with − without), CPU time of this process; the median over the rounds is the figure, and
 * the quartiles and extremes of the rounds say the noise. Two ways in, as the two bundlers
 * wire the plugin:
 *  - webpack5: Taro's babel-loader with the plugin's `overrides` entry (the build plugin,
 *    babel-build.ts, babelOverride in webpack.ts);
 *  - vite: the plugin's `pre` transform hook (createVitePlugin in vite.ts), then the Babel pass
 *    of `@vitejs/plugin-react` as Taro configures it (the app's install of it), which the
 *    rewrite joins through its `api.reactBabel` hook; without the plugin, that pass alone. Where
 *    the app is not installed: the hook, then the stand-in Babel on its output.
 * Besides, stopwatches inside the build plugin's Program visitor (both) and around the vite
 * hook (vite): the plugin's own work, read directly (medians over the rounds).
 */
async function babelShare(appDir, rounds = BABEL_ROUNDS) {
  const { babel, config, label } = babelFor(appDir);
  const { babelOverride } = require(path.join(ROOT, 'dist/src/taro-plugin/webpack.js'));
  const { createVitePlugin } = require(path.join(ROOT, 'dist/src/taro-plugin/vite.js'));
  const { buildWiring } = require(path.join(ROOT, 'dist/src/taro-plugin/wiring.js'));
  const { resolveOptions } = require(path.join(ROOT, 'dist/src/taro-plugin/options.js'));
  const prev = { TARO_ENV: process.env.TARO_ENV, TARO_PLATFORM: process.env.TARO_PLATFORM };
  process.env.TARO_ENV = 'weapp';
  process.env.TARO_PLATFORM = 'mini';
  // What the plugin hands its two routes for this app (wiring.ts, as index.ts builds it from Taro's
  // context), with the build's Babel plugin behind a stopwatch.
  const wiring = buildWiring({ appPath: appDir }, resolveOptions({}));
  const buildPluginPath = timedBuildPlugin();
  const override = babelOverride({ ...wiring.webpack(), buildPluginPath });
  const vitePlugin = createVitePlugin({ ...wiring.vite(), buildPluginPath });
  const react = reactBabelPasses(appDir, vitePlugin);
  const files = [];
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.[jt]sx?$/.test(e.name)) files.push([p, fs.readFileSync(p, 'utf8')]);
    }
  };
  walk(path.join(appDir, 'src'));
  const transform = (filename, code, extra) =>
    babel.transformSync(code, { filename, compact: false, sourceMaps: false, ...config, ...extra });
  // One file's work on each side, as the build does it.
  const sides = {
    without: (filename, code) => transform(filename, code, {}),
    webpack5: (filename, code) => transform(filename, code, { overrides: [override] }),
    vite: async (filename, code) => {
      const t = cpuUs();
      const r = vitePlugin.transform(code, filename);
      hookUs += cpuUs() - t;
      if (react) await react.withPlugin(r ? r.code : code, filename);
      else transform(filename, r ? r.code : code, {});
    },
  };
  // The vite side's own "without": plugin-react's pass alone (else the stand-in's Babel).
  const withoutFor = (side) =>
    side === 'vite' && react ? (filename, code) => react.without(code, filename) : sides.without;
  let hookUs = 0;
  // What Taro's vite build for a mini program resolves to (`taro build`: no source maps written).
  if (!react) vitePlugin.configResolved({ command: 'build', build: { sourcemap: false } });
  const cpuUs = () => {
    const u = process.cpuUsage();
    return u.user + u.system;
  };
  // warm-up: loads the preset, the plugin and their dependencies (a smoke run has none)
  vitePlugin.buildStart();
  for (const [filename, code] of SMOKE ? [] : files) {
    for (const side of ['webpack5', 'vite']) {
      await sides[side](filename, code);
      await withoutFor(side)(filename, code);
    }
  }
  const diffs = { webpack5: [], vite: [] };
  // Per side and round, the calls of EXPECTED_REWRITES' kind the plugin reported rewritten (its build's collector).
  const rewritten = { webpack5: [], vite: [] };
  const without = [];
  const inside = [];
  const hook = [];
  const insideVite = [];
  for (let i = 0; i < rounds; i++) {
    for (const side of ['webpack5', 'vite']) {
      if (side === 'vite') vitePlugin.buildStart();
      // What the other side reported is forgotten: each side's count is its own.
      for (const [filename] of files) wiring.collector.forget(filename);
      globalThis.__recordCompatInsideUs = 0;
      hookUs = 0;
      let withUs = 0;
      let withoutUs = 0;
      // Paired per file, back to back, alternating which side goes first: drift in the
      // machine's load over a round then falls on both sides alike.
      for (const [j, [filename, code]] of files.entries()) {
        for (const which of (i + j) % 2 === 0 ? ['without', side] : [side, 'without']) {
          const t = cpuUs();
          await (which === 'without' ? withoutFor(side) : sides[side])(filename, code);
          if (which === 'without') withoutUs += cpuUs() - t;
          else withUs += cpuUs() - t;
        }
      }
      if (side === 'webpack5') inside.push(globalThis.__recordCompatInsideUs / 1000);
      else {
        hook.push(hookUs / 1000);
        insideVite.push(globalThis.__recordCompatInsideUs / 1000);
      }
      diffs[side].push((withUs - withoutUs) / 1000);
      without.push(withoutUs / 1000);
      if (EXPECTED_REWRITES)
        rewritten[side].push(wiring.collector.summary().callsByKind.get(EXPECTED_REWRITES.kind) ?? 0);
    }
  }
  Object.assign(process.env, prev);
  if (EXPECTED_REWRITES) checkBabelRewrites(path.basename(appDir), rewritten);
  return {
    files: files.length,
    babel: label,
    viteBabel: react
      ? "@vitejs/plugin-react's Babel pass (the app's install, Taro's two plugins)"
      : 'the same as webpack5 (the app is not installed)',
    rounds,
    without: median(without),
    webpack5: spreadOf(diffs.webpack5),
    vite: spreadOf(diffs.vite),
    inside: median(inside),
    hook: median(hook),
    insideVite: median(insideVite),
    rewritten: EXPECTED_REWRITES ? rewritten.webpack5[0] : null,
  };
}

/** Throws unless each side reported the pages' calls rewritten in every round (EXPECTED_REWRITES). */
function checkBabelRewrites(app, rewritten) {
  const { kind, calls } = EXPECTED_REWRITES;
  for (const side of ['webpack5', 'vite']) {
    const short = rewritten[side].find((n) => n !== calls);
    if (short !== undefined)
      throw new Error(
        `${app}, ${side}: the plugin reported ${countedCalls(kind, short)} rewritten in a round, not the pages' ${calls}`,
      );
  }
}

/**
 * Two instances of the app's `@vitejs/plugin-react` as Taro configures it (the decorators and
 * class-properties plugins), resolved as vite resolves a mini-program build: one beside the
 * record-compat plugin (first, as modifyViteConfig puts it), one alone. Null when the app is not
 * installed.
 */
function reactBabelPasses(appDir, vitePlugin) {
  if (!fs.existsSync(path.join(EXAMPLE, 'node_modules/@vitejs/plugin-react'))) return null;
  const passOf = (withPlugin) =>
    taroReactBuild({
      modulesFrom: EXAMPLE,
      root: appDir,
      arrange: (react) => (withPlugin ? [vitePlugin, ...react] : react),
    }).pass;
  return { without: passOf(false), withPlugin: passOf(true) };
}

/** The median of the rounds' differences, their middle half (quartiles) and their extremes. */
function spreadOf(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.round(q * (s.length - 1))];
  return { paired: median(s), quartiles: [at(0.25), at(0.75)], spread: [s[0], s.at(-1)] };
}

/**
 * The build CPU time (without the plugin) each share is taken of: BENCH_BUILD_CPU_MS
 * (`18980`, or `webpack5=18980,vite=17320`), else what this run measured, else the figures
 * BENCHMARKS.md records for the 100-page app (`taro build --type weapp` without the plugin,
 * median of 3 builds per compiler, back to back, 2026-11-23, load average 2.8–3.8), said as such.
 */
const RECORDED_BUILD_CPU_MS = { webpack5: 18980, vite: 17320 };
function buildCpuDenominators(measured = {}) {
  const given = {};
  const raw = process.env.BENCH_BUILD_CPU_MS;
  if (raw) {
    for (const part of raw.split(',')) {
      const [k, v] = part.includes('=') ? part.split('=') : ['*', part];
      given[k] = Number(v);
    }
  }
  const pick = (compiler) => {
    if (given[compiler] ?? given['*']) return { ms: given[compiler] ?? given['*'], source: 'BENCH_BUILD_CPU_MS' };
    if (measured[compiler]) return { ms: measured[compiler], source: 'measured in this run' };
    // The recorded figures are the record pages' build: another app's share of them is a guide only.
    const ofApp = FAMILY === 'record' ? '' : `, the record pages' app, not this one: give BENCH_BUILD_CPU_MS`;
    return {
      ms: RECORDED_BUILD_CPU_MS[compiler],
      source: `recorded in BENCHMARKS.md (${compiler}, 2026-11-23${ofApp})`,
    };
  };
  return { webpack5: pick('webpack5'), vite: pick('vite') };
}

function logBabelShare(label, b, denominators) {
  const target = 0.005;
  const ms = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(0)}`;
  log(
    `${label}: ${b.files} files, Babel = ${b.babel} (webpack5), ${b.viteBabel} (vite); without the plugin ${b.without.toFixed(0)} ms CPU (median); ${b.rounds} rounds, paired per file`,
  );
  for (const compiler of ['webpack5', 'vite']) {
    const d = denominators[compiler];
    const r = b[compiler];
    const pct = (x) => `${((x / d.ms) * 100).toFixed(2)} %`;
    log(
      `  ${compiler}: with − without, paired median ${ms(r.paired)} ms = ${pct(r.paired)} of the build's CPU (${(d.ms / 1000).toFixed(2)} s, ${d.source}); ` +
        `middle half of the rounds ${ms(r.quartiles[0])} … ${ms(r.quartiles[1])} ms (${pct(r.quartiles[0])} … ${pct(r.quartiles[1])}), ` +
        `all ${ms(r.spread[0])} … ${ms(r.spread[1])} ms; target ≤ 0.5 %: ${r.paired / d.ms <= target ? 'met' : 'NOT met'}`,
    );
  }
  log(
    `  inside the build plugin's visitor (webpack5): ${b.inside.toFixed(1)} ms = ${((b.inside / denominators.webpack5.ms) * 100).toFixed(2)} %`,
  );
  log(
    `  inside the vite hook (vite): ${b.hook.toFixed(1)} ms = ${((b.hook / denominators.vite.ms) * 100).toFixed(2)} %; inside the build plugin's visitor in plugin-react's pass: ${b.insideVite.toFixed(1)} ms`,
  );
  if (b.rewritten !== null)
    log(`  rewritten, on each side in every round: ${countedCalls(EXPECTED_REWRITES.kind, b.rewritten)} (one a page)`);
}

async function main() {
  if (SMOKE)
    log(`bench:build --smoke — the Babel share alone, ${BABEL_ROUNDS} round, no warm-up, ${new Date().toISOString()}`);
  else
    log(
      `bench:build — taro build --type weapp (${COMPILER}), ${RUNS} timed runs per side after one warm-up, ${new Date().toISOString()}`,
    );
  log(
    `machine: ${os().cpus} CPU, node ${process.version}, load average at the start: ${require('node:os')
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}`,
  );
  const babelOnly = SMOKE || Boolean(process.env.BENCH_BABEL_ONLY);
  // Babel alone needs only the app's sources (and its Babel when installed: babelFor); a smoke run writes nothing
  // outside TMP.
  if (!SMOKE && (!babelOnly || fs.existsSync(path.join(EXAMPLE, 'node_modules/@tarojs/cli/bin/taro'))))
    prepareExample();
  fs.mkdirSync(TMP, { recursive: true });
  if (FAMILY !== 'record') return familyMain(babelOnly);
  const small = copyApp(APPS, 'app-example');
  const large = makeManyPages(APPS, { family: FAMILY, pages: PAGES });
  if (babelOnly) {
    const denominators = buildCpuDenominators();
    for (const dir of [small, large]) logBabelShare(path.basename(dir), await babelShare(dir), denominators);
    logLoadAtEnd();
    return;
  }
  const none = makeNoLegacy(APPS);
  if (process.env.BENCH_SIZE_ONLY) {
    const sizes = await measureSizes(small, none, false);
    logSizes(sizes);
    failOnRuntimeInAppWithoutLegacy(sizes);
    return;
  }

  const results = [];
  results.push(await timeApp('example (3 pages)', small));
  results.push(await timeApp(`example + ${PAGES} pages`, large));

  const babelSmall = await babelShare(small);
  const babelLarge = await babelShare(large);

  const sizes = await measureSizes(small, none);

  log('');
  logBuildTable(results);
  log('');
  log(
    `Babel alone (the app sources transformed as the build does, CPU time, paired median of ${BABEL_ROUNDS} rounds; share of this run's median build CPU):`,
  );
  for (const [i, b] of [babelSmall, babelLarge].entries()) {
    const cpu = results[i].cpuWithout;
    logBabelShare(results[i].label, b, buildCpuDenominators({ [COMPILER]: cpu }));
  }
  log('');
  for (const r of results) log(`${r.label}: ${r.summary}`);
  log('');
  logSizes(sizes);
  log('');
  logBuildTarget(results);
  logLoadAtEnd(' (other work on the machine disturbs wall times)');
  failOnRuntimeInAppWithoutLegacy(sizes);
}

const signedPct = (x) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`;

/** The whole builds' medians and overheads, a row per app (timeApp). */
function logBuildTable(results) {
  log(
    '| app | median wall, without plugin | median wall, with plugin | wall overhead | median CPU, without | median CPU, with | CPU overhead | paired median: wall / CPU |',
  );
  log('|---|---|---|---|---|---|---|---|');
  const pct = signedPct; // short, as the row is long
  for (const r of results) {
    log(
      `| ${r.label} | ${(r.without / 1000).toFixed(2)} s | ${(r.with / 1000).toFixed(2)} s | ${pct(r.overhead)} | ` +
        `${(r.cpuWithout / 1000).toFixed(2)} s | ${(r.cpuWith / 1000).toFixed(2)} s | ${pct(r.cpuOverhead)} | ${pct(r.paired)} / ${pct(r.pairedCpu)} |`,
    );
  }
}

/** The whole builds' target: the worst app's paired overhead, wall and CPU. */
function logBuildTarget(results) {
  const target = 0.03;
  const worst = Math.max(...results.map((r) => r.paired));
  const worstCpu = Math.max(...results.map((r) => r.pairedCpu));
  log(
    `target: overhead under ${target * 100} % (paired medians) — wall: ${worst < target ? 'met' : 'NOT met'} (worst ${signedPct(worst)}); ` +
      `CPU: ${worstCpu < target ? 'met' : 'NOT met'} (worst ${signedPct(worstCpu)})`,
  );
}

function logLoadAtEnd(note = '') {
  log(
    `load average at the end: ${require('node:os')
      .loadavg()
      .map((x) => x.toFixed(2))
      .join(' ')}${note}`,
  );
}

/**
 * BENCH_FAMILY other than record: the generated app alone, its Babel share, or its builds timed
 * and then its Babel share of their CPU (header); no bytes in dist/.
 */
async function familyMain(babelOnly) {
  const app = makeManyPages(APPS, { family: FAMILY, pages: PAGES });
  log(
    `BENCH_FAMILY=${FAMILY}: ${PAGES} generated pages, each reading system info once (${SYSTEM_INFO_SHAPES.map((s) => s.shape).join('; ')})`,
  );
  if (babelOnly) {
    logBabelShare(path.basename(app), await babelShare(app), buildCpuDenominators());
    logLoadAtEnd();
    return;
  }
  const timed = await timeApp(`example + ${PAGES} pages (${FAMILY})`, app);
  const babel = await babelShare(app);
  log('');
  logBuildTable([timed]);
  log('');
  log(
    `Babel alone (the app sources transformed as the build does, CPU time, paired median of ${BABEL_ROUNDS} rounds; share of this run's median build CPU):`,
  );
  logBabelShare(timed.label, babel, buildCpuDenominators({ [COMPILER]: timed.cpuWithout }));
  log('');
  log(`${timed.label}: ${timed.summary}`);
  log('');
  logBuildTarget([timed]);
  logLoadAtEnd(' (other work on the machine disturbs wall times)');
}

/** The runtime's bytes in a build's dist/, and all its JavaScript's, found by the runtime's marker. */
const runtimeBytes = (dist) => runtimeBytesWith(dist, MARKER);
const distJs = (dist) => distJsWith(dist, MARKER);

/**
 * The bytes in dist/: the example (record and voice) with and without the plugin, the
 * example without its voice calls, and an app with no legacy call. `small` has been built
 * into dist/bench-with and dist/bench-without already when `built` is true.
 */
async function measureSizes(small, none, built = true) {
  if (!built) {
    await build(small, { plugin: true, out: 'dist/bench-with' });
    await build(small, { plugin: false, out: 'dist/bench-without' });
  }
  const recordOnly = await build(makeRecordOnly(APPS), { plugin: true, out: 'dist/bench-with' });
  const noneWith = await build(none, { plugin: true, out: 'dist/bench-with' });
  const noneWithout = await build(none, { plugin: false, out: 'dist/bench-without' });
  return {
    rt: runtimeBytes(path.join(small, 'dist/bench-with')),
    withJs: distJs(path.join(small, 'dist/bench-with')),
    withoutJs: distJs(path.join(small, 'dist/bench-without')),
    recordOnlyRt: runtimeBytes(recordOnly.dist),
    recordOnlyJs: distJs(recordOnly.dist),
    nw: distJs(noneWith.dist),
    nwo: distJs(noneWithout.dist),
    noneRuntime: runtimeBytes(noneWith.dist),
    noneLine: noneWith.output.split('\n').find((l) => l.startsWith('[record-compat]')),
  };
}

function logSizes({ rt, withJs, withoutJs, recordOnlyRt, recordOnlyJs, nw, nwo, noneRuntime, noneLine }) {
  log(
    `runtime in dist/ (example, weapp): ${rt.raw} B raw, ${rt.gzip} B gzipped, ${rt.copies} cop${rt.copies === 1 ? 'y' : 'ies'}`,
  );
  log(
    `all dist JS (example): ${withoutJs.gzip} B gzipped without the plugin → ${withJs.gzip} B with it (+${withJs.gzip - withoutJs.gzip} B)`,
  );
  log(
    `voice API in dist/ (the example vs. the same app with its voice calls stubbed out, record only): runtime ${recordOnlyRt.raw} → ${rt.raw} B raw ` +
      `(+${rt.raw - recordOnlyRt.raw} B), ${recordOnlyRt.gzip} → ${rt.gzip} B gzipped (+${rt.gzip - recordOnlyRt.gzip} B); ` +
      `all dist JS ${recordOnlyJs.gzip} → ${withJs.gzip} B gzipped (+${withJs.gzip - recordOnlyJs.gzip} B)`,
  );
  log(
    `app with no legacy call: runtime ${noneRuntime.gzip} B (${nw.hasRuntime ? 'RUNTIME PRESENT' : 'not bundled'}); dist JS ${nwo.raw} B without the plugin, ${nw.raw} B with it`,
  );
  log(`app with no legacy call: ${noneLine}`);
}

function failOnRuntimeInAppWithoutLegacy({ nw, nwo }) {
  if (nw.hasRuntime || nw.raw !== nwo.raw) {
    log('FAIL: an app with no legacy call got runtime bytes');
    process.exitCode = 1;
  }
}

function os() {
  return { cpus: require('node:os').cpus().length };
}

/** A smoke run leaves nothing behind. */
function removeSmokeFolder() {
  if (SMOKE) fs.rmSync(TMP, { recursive: true, force: true });
}

main().then(removeSmokeFolder, (e) => {
  console.error(e);
  removeSmokeFolder();
  process.exit(1);
});
