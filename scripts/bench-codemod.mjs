#!/usr/bin/env node
/**
 * npm run bench:codemod — how fast is the codemod CLI on a big legacy tree?
 *
 * Generates a synthetic codebase (default 10,000 files, 1% with legacy calls)
 * in a temporary git repository and measures, in the same run and on the same
 * files:
 *   (1) the floor: one Node process that reads every file and searches it for
 *       the API names — no tool can do less;
 *   (1b) Babel's own floor: the same process also parses each file that
 *       names the API with @babel/parser, then crawls its scope with
 *       @babel/traverse — the least any rewrite driven by the Babel visitor
 *       (as the engine is, by design) must do;
 *   (2) this CLI, --dry and writing;
 *   (3) plain jscodeshift with the same transform (what jscodeshift alone gives).
 * Wall-clock time from spawn to exit, median of --runs runs (jscodeshift: one
 * run, it is slow), and the CLI's peak resident memory (all threads).
 *
 * Options: --files N  --ratio R  --seed S  --runs N  --jobs N (passed to the CLI)
 *          --no-jscodeshift  --keep (leave the temporary folder)
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSyntheticCodebase } from './lib/synthetic-codebase.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');
const TRANSFORM = path.join(ROOT, 'dist', 'transforms', 'record-compat.js');
const JSCODESHIFT = path.join(ROOT, 'node_modules', '.bin', 'jscodeshift');

function parseArgs(argv) {
  const opts = { files: 10_000, ratio: 0.01, seed: 42, runs: 5, jobs: undefined, jscodeshift: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--files') opts.files = Number(value());
    else if (a === '--ratio') opts.ratio = Number(value());
    else if (a === '--seed') opts.seed = Number(value());
    else if (a === '--runs') opts.runs = Number(value());
    else if (a === '--jobs') opts.jobs = value();
    else if (a === '--no-jscodeshift') opts.jscodeshift = false;
    else if (a === '--keep') opts.keep = true;
    else throw new Error(`unknown argument ${a}`);
  }
  return opts;
}

function git(dir, ...args) {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}

/**
 * A script that reads each file once and looks for the names (same walk rules as
 * a plain recursive walk); `setup` and `onHit` add work around that.
 */
const walkSource = ({ setup = '', onHit = '' } = {}) => `
const fs = require('fs');
const path = require('path');
${setup}
let files = 0, hits = 0;
const visit = (dir) => {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (e.name === '.git') continue;
    const full = path.join(dir, e.name);
    if (e.isDirectory()) visit(full);
    else if (e.isFile() && /\\.(js|jsx|ts|tsx)$/.test(e.name)) {
      const text = fs.readFileSync(full, 'utf8');
      files++;
      if (text.includes('startRecord') || text.includes('stopRecord')) {
        hits++;
        ${onHit}
      }
    }
  }
};
visit(process.argv[2]);
process.stdout.write(JSON.stringify({ files, hits }));
`;

/** The floor: read every file and search it for the API names. */
const FLOOR_SOURCE = walkSource();

/**
 * Babel's floor: the floor, plus what any Babel-visitor rewrite must do on each
 * file that names the API: load @babel/parser and @babel/traverse, parse the
 * file (parser chosen by extension, as the engine does) and crawl its scope.
 * No rewriting, no printing.
 */
const BABEL_FLOOR_SOURCE = walkSource({
  setup: `const req = require('module').createRequire(process.argv[3]);
let parser, traverse;`,
  onHit: `parser ??= req('@babel/parser');
        traverse ??= req('@babel/traverse').default;
        const plugins = e.name.endsWith('.ts') ? ['typescript'] : ['typescript', 'jsx'];
        traverse(parser.parse(text, { sourceType: 'module', plugins }), { Program() {} });`,
});

/**
 * Preloaded into the floor and the CLI: on exit, records the process's peak RSS
 * and its CPU time (worker threads included). CPU time is the figure that
 * holds up when other work shares the machine; wall time is what a user waits.
 */
const PEAK_SOURCE = `
process.on('exit', () => {
  const cpu = process.cpuUsage();
  require('fs').writeFileSync(process.env.BENCH_PEAK_FILE, JSON.stringify({ rssKb: process.resourceUsage().maxRSS, cpuMs: (cpu.user + cpu.system) / 1000 }));
});
`;

function timed(cmd, args, options = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...options });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, ...r };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (ms) => (ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`);

function main() {
  const opts = parseArgs(process.argv.slice(2));
  for (const [file, what] of [
    [BIN, 'the CLI'],
    [TRANSFORM, 'the jscodeshift transform'],
  ]) {
    if (!fs.existsSync(file)) throw new Error(`${what} is not built (${path.relative(ROOT, file)}): run npm run build first`);
  }

  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-bench-')));
  const dir = path.join(work, 'app');
  const floorScript = path.join(work, 'floor.cjs');
  const babelFloorScript = path.join(work, 'babel-floor.cjs');
  const peakScript = path.join(work, 'peak.cjs');
  const peakFile = path.join(work, 'peak.txt');
  fs.writeFileSync(floorScript, FLOOR_SOURCE);
  fs.writeFileSync(babelFloorScript, BABEL_FLOOR_SOURCE);
  fs.writeFileSync(peakScript, PEAK_SOURCE);

  try {
    process.stdout.write(`Generating ${opts.files} files (legacy ratio ${opts.ratio}, seed ${opts.seed}) in ${dir} … `);
    const info = generateSyntheticCodebase(dir, { files: opts.files, legacyRatio: opts.ratio, seed: opts.seed });
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'bench@example.com');
    git(dir, 'config', 'user.name', 'bench');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'synthetic legacy codebase');
    console.log(
      `done: ${(info.bytes / 1024 / 1024).toFixed(1)} MB, ${info.legacyFiles.length} legacy files, ` +
        Object.entries(info.byExtension)
          .map(([ext, n]) => `${n} ${ext}`)
          .join(', '),
    );
    const restore = () => git(dir, 'checkout', '-q', '--', '.');
    // The same tree without a single legacy call: what the CLI costs when it only reads and pre-filters.
    const cleanDir = path.join(work, 'clean');
    generateSyntheticCodebase(cleanDir, { files: opts.files, legacyRatio: 0, nearMissRatio: 0, seed: opts.seed });
    git(cleanDir, 'init', '-q');

    // Warm the page cache so every contender reads from memory.
    timed(process.execPath, [floorScript, dir]);
    timed(process.execPath, [floorScript, cleanDir]);
    const loadBefore = os.loadavg()[0];

    const env = { ...process.env, BENCH_PEAK_FILE: peakFile, NO_COLOR: '1' };
    const measured = (args) => {
      const r = timed(process.execPath, [`--require=${peakScript}`, ...args], { env });
      if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return { ...r, ...JSON.parse(fs.readFileSync(peakFile, 'utf8')) };
    };
    const cliArgs = (target, extra) => [BIN, target, '--json', ...extra, ...(opts.jobs ? ['--jobs', opts.jobs] : [])];
    const m = { floor: [], babel: [], dry: [], write: [], clean: [] };
    let peakKb = 0;
    let floorHits = -1;
    let cliChanged = -1;
    for (let run = 0; run < opts.runs; run++) {
      const f = measured([floorScript, dir]);
      m.floor.push(f);
      floorHits = JSON.parse(f.stdout).hits;
      m.babel.push(measured([babelFloorScript, dir, path.join(ROOT, 'package.json')]));

      const d = measured(cliArgs(dir, ['--dry']));
      m.dry.push(d);
      cliChanged = JSON.parse(d.stdout).summary.changed;

      const w = measured(cliArgs(dir, []));
      m.write.push(w);
      const changed = git(dir, 'diff', '--name-only').trim().split('\n').filter(Boolean).length;
      if (changed !== info.legacyFiles.length) throw new Error(`the CLI changed ${changed} files, expected ${info.legacyFiles.length}`);
      restore();

      const c = measured(cliArgs(cleanDir, ['--dry']));
      m.clean.push(c);
      peakKb = Math.max(peakKb, d.rssKb, w.rssKb, c.rssKb);
    }
    if (cliChanged !== info.legacyFiles.length) throw new Error(`the CLI reported ${cliChanged} changes, expected ${info.legacyFiles.length}`);

    let jscs = null;
    if (opts.jscodeshift) {
      process.stdout.write('Running plain jscodeshift (one run; slow) … ');
      const r = timed(JSCODESHIFT, ['-t', TRANSFORM, '--extensions=js,jsx,ts,tsx', '--parser', 'tsx', dir], { cwd: ROOT });
      const changed = git(dir, 'diff', '--name-only').trim().split('\n').filter(Boolean).length;
      const errors = /(\d+) errors?/.exec(r.stdout ?? '')?.[1] ?? '?';
      restore();
      jscs = { ms: r.ms, changed, errors, status: r.status };
      console.log(`done (${changed} files changed, ${errors} errors)`);
    }

    const med = (list, key) => median(list.map((x) => x[key]));
    const floor = med(m.floor, 'ms');
    const babelFloor = med(m.babel, 'ms');
    const dry = med(m.dry, 'ms');
    const write = med(m.write, 'ms');
    const clean = med(m.clean, 'ms');
    const peakMb = peakKb / 1024;
    const cpu = (list) => fmt(med(list, 'cpuMs'));
    const rows = [
      ['(1) floor: read + search every file', fmt(floor), cpu(m.floor), `${floorHits} files mention the API`],
      ['(1b) Babel\'s floor: (1) + parse and scope-crawl each file naming the API', fmt(babelFloor), cpu(m.babel), 'the least a Babel-visitor rewrite does'],
      ['(2) CLI --dry', fmt(dry), cpu(m.dry), `${cliChanged} files would change`],
      ['(2) CLI, writing', fmt(write), cpu(m.write), `${cliChanged} files changed`],
      ['(2) CLI --dry, same tree with no legacy file', fmt(clean), cpu(m.clean), 'walk + read + pre-filter only: the CLI\'s own cost'],
    ];
    if (jscs) rows.push(['(3) plain jscodeshift, writing', fmt(jscs.ms), 'n/a (child processes)', `${jscs.changed} files changed, ${jscs.errors} errors`]);
    console.log('');
    console.log(`| ${opts.files} files, ${info.legacyFiles.length} legacy; ${os.cpus().length} cores; Node ${process.versions.node} | wall (median) | CPU (median) | notes |`);
    console.log('|---|---|---|---|');
    for (const row of rows) console.log(`| ${row.join(' | ')} |`);
    console.log('');
    console.log(`ratio 2/1 (CLI / floor, wall): --dry ${(dry / floor).toFixed(2)}×, writing ${(write / floor).toFixed(2)}×, no-legacy tree ${(clean / floor).toFixed(2)}×   target ≤ 2×: ${write / floor <= 2 ? 'met' : 'NOT met'}`);
    console.log(`ratio 1b/1 (Babel's floor / floor, wall): ${(babelFloor / floor).toFixed(2)}×: a rewrite driven by @babel/parser + @babel/traverse can come no closer to the floor`);
    if (jscs) {
      const ratio = jscs.ms / write;
      console.log(`ratio 3/2 (jscodeshift / CLI, both writing, wall): ${ratio.toFixed(1)}×   target ≥ 5×: ${ratio >= 5 ? 'met' : 'NOT met'}`);
    }
    console.log(`CLI peak memory (max RSS over all CLI runs, threads included): ${peakMb.toFixed(0)} MB   target < 300 MB: ${peakMb < 300 ? 'met' : 'NOT met'}`);
    const list = (xs) => xs.map((x) => fmt(x.ms)).join(', ');
    console.log(`wall per run: floor ${list(m.floor)}; Babel's floor ${list(m.babel)}; --dry ${list(m.dry)}; writing ${list(m.write)}; no-legacy ${list(m.clean)}`);
    console.log(`load average (1 min) before: ${loadBefore.toFixed(2)}, after: ${os.loadavg()[0].toFixed(2)}`);
  } finally {
    if (opts.keep) console.log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true });
  }
}

try {
  main();
} catch (err) {
  console.error(`bench:codemod: ${err.message}`);
  process.exitCode = 1;
}
