#!/usr/bin/env node
/**
 * npm run bench:codemod — how fast is the codemod CLI on a big legacy tree?
 *
 * Generates a synthetic codebase (default 10,000 files, 1% with legacy calls) in a
 * temporary git repository and measures, in one run and on the same files, each
 * contender from spawn to exit (wall) and its CPU time, median of --runs runs
 * (jscodeshift: one run, it is slow). `--help` lists the rows and the options;
 * BENCHMARKS.md ("Codemod speed") describes the method. `--family system-info`
 * makes the legacy files read system info instead of recording (5% of them by
 * default): the tree where the pre-filter lets through every file that names
 * getSystemInfo.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { babelFloorSource, floorSource, oxcFloorSource, parserFloorSource } from './lib/codemod-floors.mjs';
import { selfTimeByBucket } from './lib/cpu-profile.mjs';
import { printSizeReport, printSummaries } from './lib/codemod-report.mjs';
import { PEAK_SOURCE, timed } from './lib/measure.mjs';
import { LEGACY_FAMILIES, generateSyntheticCodebase } from './lib/synthetic-codebase.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const BIN = path.join(DIST, 'src', 'cli', 'bin.js');
/**
 * The command's modules as files of their own, not the bundle the bin loads: a profile then names each dist folder (the
 * planning thread's are one file, plan-worker.js, as built).
 */
const UNBUNDLED = path.join(DIST, 'src', 'cli', 'process-entry.js');
const TRANSFORM = path.join(DIST, 'transforms', 'record-compat.js');
const JSCODESHIFT = path.join(ROOT, 'node_modules', '.bin', 'jscodeshift');
/**
 * Plain jscodeshift: the naive rewrite of the ast-grep rule as an ordinary jscodeshift transform (recast, every file).
 */
const NAIVE_TRANSFORM = path.join(ROOT, 'scripts', 'bench', 'jscodeshift-naive.cjs');
const AST_GREP = path.join(ROOT, 'node_modules', '.bin', 'ast-grep');
const AST_GREP_RULE = path.join(ROOT, 'scripts', 'bench', 'ast-grep-record.yml');
/** ast-grep with 2 threads: the standard machine has 2 cores. */
const AST_GREP_THREADS = 2;

/** The share of legacy files by --family when --ratio does not say (the tree for system info: 5 %). */
const DEFAULT_RATIO = { record: 0.01, 'system-info': 0.05 };
/** The legacy family ast-grep's rule and the naive jscodeshift transform rewrite: rows (3) and (4) run on its tree only. */
const NAIVE_FAMILY = 'record';

const HELP = `Usage: node scripts/bench-codemod.mjs [options]   (npm run bench:codemod builds first)

Generates a synthetic legacy codebase in a temporary git repository and times, on the
same files and in the same run (wall from spawn to exit and CPU, median of --runs runs):
  (1)  floor: one Node process reads every file and searches it for the API names
  (1p) parser floor: (1) + the engine's @babel/parser parse of each file that names the
       API, no scope, no rewrite
  (1b) Babel's floor: (1p) + an @babel/traverse scope crawl (reference)
  (1o) oxc floor: (1) + oxc-parser on each file that names the API (reference)
  (2)  this CLI: --dry, writing, and --dry on the same tree without legacy files
  (3)  plain jscodeshift: the ast-grep rule's naive rewrite as an ordinary jscodeshift
       transform (scripts/bench/jscodeshift-naive.cjs), writing (one run)
  (3t) jscodeshift running this package's transform (its runner around our engine)
  (4)  ast-grep ${AST_GREP_THREADS} threads, writing, rule scripts/bench/ast-grep-record.yml
then prints the ratios with "met" / "NOT met" beside each target (the speed targets are
stated at 100,000 files; a smaller tree is checked against them, and the line says so).

Options:
  --files N[,N…]     files to generate (default 10000); several sizes (--files 10000,100000)
                     run one after the other, each with its own tree, floor and ratios, then
                     a summary table (jscodeshift and ast-grep run at the first size only)
  --ratio R          share of files with legacy calls (default 0.01; 0.05 with
                     --family system-info)
  --family F         what the legacy files call: record (startRecord/stopRecord, the
                     default) or system-info (getSystemInfoSync and getSystemInfo read as
                     apps do, through Taro. and wx.); the floors search for the family's
                     names; (3) and (4) run on the record tree only (their rule and
                     transform rewrite startRecord)
  --seed S           generator seed (default 42)
  --runs N           runs per contender; the median is reported (default 5)
  --profile          run the CLI writing once more under --cpu-prof and print its
                     self time by bucket (@babel/parser, dist/src/rewrite, dist/src/cli, …)
  --no-reference     skip the reference floors (1p), (1b), (1o)
  --compare-threads  add rows (2w) and (2s): the CLI --dry and writing with the planning
                     thread forced on (RECORD_COMPAT_PLAN_THREAD=worker) and off (=main),
                     interleaved with the others (row (2) is the CLI's own choice)
  --against DIR      add rows (2a): the CLI of the checkout at DIR (its dist/, built),
                     --dry and writing, each run right beside (2) in alternating order, and
                     the ratio of this build to that one: the median of the runs' own ratios
                     (target: no regression over 3 %, at 10,000 files against the previous
                     commit's build)
  --no-jscodeshift   skip (3) and (3t)
  --no-ast-grep      skip (4)
  --keep             keep the temporary folder (profiles included)
  --smoke            whether the script still runs, not a figure: --files 20 --ratio 0.1
                     --runs 1 where it stands (options after it still apply), no warm-up,
                     jscodeshift in one process and without Babel over the transforms
                     (--run-in-band --no-babel); the fast tests run it
  -h, --help         show this help`;

function parseArgs(argv) {
  const opts = {
    sizes: [10_000],
    ratio: undefined,
    family: 'record',
    seed: 42,
    runs: 5,
    jscodeshift: true,
    astGrep: true,
    reference: true,
    threads: false,
    against: null,
    profile: false,
    keep: false,
    help: false,
    smoke: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const number = (check, what) => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value (run with --help for usage)`);
      const n = Number(v);
      if (!check(n)) throw new Error(`${a} ${v}: expected ${what}`);
      return n;
    };
    const whole = (min) => (n) => Number.isInteger(n) && n >= min;
    if (a === '--files') {
      const v = argv[++i];
      const sizes = (v ?? '').split(',').map(Number);
      if (v === undefined || !sizes.every(whole(1)))
        throw new Error(`--files ${v ?? ''}: expected whole numbers ≥ 1, separated by commas`);
      opts.sizes = sizes;
    } else if (a === '--ratio') opts.ratio = number((n) => n >= 0 && n <= 1, 'a number from 0 to 1');
    else if (a === '--family') {
      const v = argv[++i];
      if (!Object.hasOwn(LEGACY_FAMILIES, v ?? ''))
        throw new Error(`--family ${v ?? ''}: expected one of ${Object.keys(LEGACY_FAMILIES).join(', ')}`);
      opts.family = v;
    } else if (a === '--seed') opts.seed = number(whole(0), 'a whole number ≥ 0');
    else if (a === '--runs') opts.runs = number(whole(1), 'a whole number ≥ 1');
    else if (a === '--profile') opts.profile = true;
    else if (a === '--no-jscodeshift') opts.jscodeshift = false;
    else if (a === '--no-reference') opts.reference = false;
    else if (a === '--compare-threads') opts.threads = true;
    else if (a === '--against') opts.against = againstBuild(argv[++i]);
    else if (a === '--no-ast-grep') opts.astGrep = false;
    else if (a === '--keep') opts.keep = true;
    else if (a === '--smoke') Object.assign(opts, { sizes: [20], ratio: 0.1, runs: 1, smoke: true });
    else if (a === '-h' || a === '--help') opts.help = true;
    else throw new Error(`unknown argument ${a} (run with --help for usage)`);
  }
  opts.ratio ??= DEFAULT_RATIO[opts.family];
  // ast-grep's rule and the naive transform know the record API only: on another tree they would change nothing.
  if (opts.family !== NAIVE_FAMILY) opts.astGrep = false;
  return opts;
}

/** The checkout `dir` for --against, and its CLI: its build must be there. */
function againstBuild(dir) {
  if (dir === undefined) throw new Error('--against needs a value: a checkout of this package, built');
  const bin = path.join(path.resolve(dir), 'dist', 'src', 'cli', 'bin.js');
  if (!fs.existsSync(bin)) throw new Error(`--against ${dir}: ${bin} is not there: run npm run build in that checkout`);
  return { dir: path.relative(process.cwd(), path.resolve(dir)) || '.', bin };
}

function git(dir, ...args) {
  const r = spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const changedFiles = (dir) => git(dir, 'diff', '--name-only').trim().split('\n').filter(Boolean).length;

/** A progress line is open on stdout (no newline yet): an error message starts a new line. */
let lineOpen = false;
const progress = (text) => {
  process.stdout.write(text);
  lineOpen = true;
};
const progressDone = (text) => {
  console.log(text);
  lineOpen = false;
};

function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.help) {
    console.log(HELP);
    return;
  }
  const needed = [
    [BIN, 'the CLI is not built', 'run npm run build first'],
    [TRANSFORM, 'the jscodeshift transform is not built', 'run npm run build first'],
  ];
  if (opts.astGrep)
    needed.push([AST_GREP, 'ast-grep is not installed', 'run npm install (it is a dev dependency: @ast-grep/cli)']);
  for (const [file, what, fix] of needed) {
    if (!fs.existsSync(file)) throw new Error(`${what} (${path.relative(ROOT, file)}): ${fix}`);
  }
  let astGrepVersion = null;
  if (opts.astGrep) {
    const v = spawnSync(AST_GREP, ['--version'], { encoding: 'utf8' });
    if (v.status !== 0)
      throw new Error(
        `${path.relative(ROOT, AST_GREP)} --version failed (${v.error?.message ?? v.stderr.trim()}): reinstall @ast-grep/cli, or run with --no-ast-grep`,
      );
    astGrepVersion = v.stdout.trim();
  }
  const summaries = [];
  opts.sizes.forEach((files, i) => {
    if (i > 0) console.log('');
    // the slow comparisons (minutes at 100,000 files) at the first size only
    const first = i === 0;
    summaries.push(
      benchOneSize(
        {
          ...opts,
          files,
          jscodeshift: opts.jscodeshift && first,
          astGrep: opts.astGrep && first,
          profile: opts.profile && first,
        },
        astGrepVersion,
      ),
    );
  });
  if (summaries.length > 1) printSummaries(summaries);
}

/**
 * Generates one tree of `opts.files` files, times every contender on it, prints its tables; returns the figures of the
 * summary.
 */
function benchOneSize(opts, astGrepVersion) {
  const work = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-bench-')));
  const dir = path.join(work, 'app');
  const script = (name, source) => {
    const file = path.join(work, name);
    fs.writeFileSync(file, source);
    return file;
  };
  const { names } = LEGACY_FAMILIES[opts.family];
  const floorScript = script('floor.cjs', floorSource(names));
  const parserFloorScript = script('parser-floor.cjs', parserFloorSource(names));
  const babelFloorScript = script('babel-floor.cjs', babelFloorSource(names));
  const oxcFloorScript = script('oxc-floor.cjs', oxcFloorSource(names));
  const peakScript = script('peak.cjs', PEAK_SOURCE);
  const peakFile = path.join(work, 'peak.txt');
  const rootPackage = path.join(ROOT, 'package.json');

  try {
    const family = opts.family === 'record' ? '' : `, ${opts.family} calls`;
    progress(`Generating ${opts.files} files (legacy ratio ${opts.ratio}${family}, seed ${opts.seed}) in ${dir} … `);
    const info = generateSyntheticCodebase(dir, {
      files: opts.files,
      legacyRatio: opts.ratio,
      seed: opts.seed,
      legacyFamily: opts.family,
    });
    git(dir, 'init', '-q');
    git(dir, 'config', 'user.email', 'bench@example.com');
    git(dir, 'config', 'user.name', 'bench');
    // no background `git gc --auto` after the big commit: it would still be writing into .git when the tree is removed
    git(dir, 'config', 'gc.auto', '0');
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--no-verify', '-m', 'synthetic legacy codebase');
    const legacy = info.legacyFiles.length;
    progressDone(
      `done: ${(info.bytes / 1024 / 1024).toFixed(1)} MB, ${legacy} legacy files, ` +
        Object.entries(info.byExtension)
          .map(([ext, n]) => `${n} ${ext}`)
          .join(', '),
    );
    const restore = () => git(dir, 'checkout', '-q', '--', '.');
    // The same tree without a single legacy call: what the CLI costs when it only reads and pre-filters.
    const cleanDir = path.join(work, 'clean');
    generateSyntheticCodebase(cleanDir, { files: opts.files, legacyRatio: 0, nearMissRatio: 0, seed: opts.seed });
    git(cleanDir, 'init', '-q');

    // Warm the page cache so every contender reads from memory (a smoke run's figures do not matter).
    if (!opts.smoke) {
      timed(process.execPath, [floorScript, dir]);
      timed(process.execPath, [floorScript, cleanDir]);
    }
    const loadBefore = os.loadavg()[0];

    const env = { ...process.env, BENCH_PEAK_FILE: peakFile, NO_COLOR: '1' };
    /** A Node contender, with the peak/CPU hook preloaded. */
    const measured = (args, nodeFlags = [], extraEnv = {}) => {
      const r = timed(process.execPath, [...nodeFlags, `--require=${peakScript}`, ...args], {
        env: { ...env, ...extraEnv },
      });
      if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
      return { ...r, ...JSON.parse(fs.readFileSync(peakFile, 'utf8')) };
    };
    const cliArgs = (target, extra, bin = BIN) => [bin, target, '--json', ...extra];
    /** The CLI writing: checks it changed every legacy file, then restores the tree. */
    const cliWriting = (nodeFlags, extraEnv, bin = BIN) => {
      const w = measured(cliArgs(dir, [], bin), nodeFlags, extraEnv);
      const changed = changedFiles(dir);
      restore();
      if (changed !== legacy) throw new Error(`the CLI changed ${changed} files, expected ${legacy}`);
      return w;
    };
    const astGrepArgs = [
      'scan',
      '--rule',
      AST_GREP_RULE,
      '--update-all',
      '--threads',
      String(AST_GREP_THREADS),
      '--inspect',
      'summary',
      '--color',
      'never',
      '.',
    ];

    const m = {
      floor: [],
      parser: [],
      oxc: [],
      babel: [],
      dry: [],
      write: [],
      clean: [],
      astGrep: [],
      dryTwo: [],
      writeTwo: [],
      dryOne: [],
      writeOne: [],
      dryAgainst: [],
      writeAgainst: [],
    };
    /** The CLI with its planning thread (src/cli/pipeline.ts) forced on, and off: one thread does everything. */
    const TWO_THREADS = { RECORD_COMPAT_PLAN_THREAD: 'worker' };
    const ONE_THREAD = { RECORD_COMPAT_PLAN_THREAD: 'main' };
    let floorFiles = -1;
    let floorHits = -1;
    let parserHits = -1;
    let cliChanged = -1;
    let astGrep = null;
    for (let run = 0; run < opts.runs; run++) {
      progress(`\rrun ${run + 1}/${opts.runs} … `);
      const f = measured([floorScript, dir]);
      m.floor.push(f);
      ({ files: floorFiles, hits: floorHits } = JSON.parse(f.stdout));
      if (opts.reference) {
        const p = measured([parserFloorScript, dir, rootPackage]);
        m.parser.push(p);
        parserHits = JSON.parse(p.stdout).hits;
        m.babel.push(measured([babelFloorScript, dir, rootPackage]));
        m.oxc.push(measured([oxcFloorScript, dir, rootPackage]));
      }

      // With --against, each of the other build's runs sits right beside this one's, first on every other run.
      const againstFirst = opts.against !== null && run % 2 === 1;
      const dryAgainst = () => m.dryAgainst.push(measured(cliArgs(dir, ['--dry'], opts.against.bin)));
      const writeAgainst = () => m.writeAgainst.push(cliWriting([], {}, opts.against.bin));
      if (againstFirst) dryAgainst();
      const d = measured(cliArgs(dir, ['--dry']));
      m.dry.push(d);
      cliChanged = JSON.parse(d.stdout).summary.changed;
      if (opts.against && !againstFirst) dryAgainst();
      if (againstFirst) writeAgainst();
      m.write.push(cliWriting());
      if (opts.against && !againstFirst) writeAgainst();
      m.clean.push(measured(cliArgs(cleanDir, ['--dry'])));
      if (opts.threads) {
        m.dryTwo.push(measured(cliArgs(dir, ['--dry']), [], TWO_THREADS));
        m.writeTwo.push(cliWriting([], TWO_THREADS));
        m.dryOne.push(measured(cliArgs(dir, ['--dry']), [], ONE_THREAD));
        m.writeOne.push(cliWriting([], ONE_THREAD));
      }

      if (opts.astGrep) {
        const r = timed(AST_GREP, astGrepArgs, { cwd: dir, env: { ...process.env, NO_COLOR: '1' } });
        if (r.status !== 0)
          throw new Error(`ast-grep exited ${r.status}: ${r.stderr.trim().split('\n').slice(-5).join(' | ')}`);
        const scanned = Number(/scannedFileCount=(\d+)/.exec(r.stderr)?.[1] ?? NaN);
        astGrep = { scanned, changed: changedFiles(dir) };
        restore();
        m.astGrep.push(r);
      }
    }
    progressDone('done');
    if (cliChanged !== legacy) throw new Error(`the CLI reported ${cliChanged} changes, expected ${legacy}`);
    if (opts.reference && parserHits !== floorHits)
      throw new Error(`the parser floor found ${parserHits} candidates, the floor ${floorHits}`);

    // (3) plain jscodeshift, on the record tree only (NAIVE_FAMILY), and (3t) this package's transform.
    const jscs = { plain: null, ours: null };
    if (opts.jscodeshift) {
      const runJscodeshift = (transform) => {
        // A smoke run spares the worker processes, and Babel's compiling of the transform and all it requires.
        const r = timed(
          JSCODESHIFT,
          [
            '-t',
            transform,
            '--extensions=js,jsx,ts,tsx',
            '--parser',
            'tsx',
            ...(opts.smoke ? ['--run-in-band', '--no-babel'] : []),
            dir,
          ],
          { cwd: ROOT },
        );
        const changed = changedFiles(dir);
        const errors = /(\d+) errors?/.exec(r.stdout ?? '')?.[1] ?? '?';
        restore();
        return { ms: r.ms, cpuMs: r.cpuMs, changed, errors, status: r.status };
      };
      if (opts.family === NAIVE_FAMILY) {
        progress('Running plain jscodeshift (one run; slow) … ');
        jscs.plain = runJscodeshift(NAIVE_TRANSFORM);
        progressDone(`done (${jscs.plain.changed} files changed, ${jscs.plain.errors} errors)`);
      }
      progress("Running jscodeshift with this package's transform (one run) … ");
      jscs.ours = runJscodeshift(TRANSFORM);
      progressDone(`done (${jscs.ours.changed} files changed, ${jscs.ours.errors} errors)`);
    }

    let profile = null;
    if (opts.profile) {
      progress('Profiling the CLI writing (one more run, --cpu-prof) … ');
      const profileDir = path.join(work, 'cpu-profile');
      const r = cliWriting(['--cpu-prof', `--cpu-prof-dir=${profileDir}`], {}, UNBUNDLED);
      profile = { ms: r.ms, dir: profileDir, ...selfTimeByBucket(profileDir, DIST) };
      progressDone('done');
    }

    return printSizeReport({
      opts,
      m,
      legacy,
      family,
      floorFiles,
      floorHits,
      cliChanged,
      jscs,
      astGrep,
      astGrepVersion,
      astGrepThreads: AST_GREP_THREADS,
      naiveFamily: NAIVE_FAMILY,
      profile,
      loadBefore,
    });
  } finally {
    if (opts.keep) console.log(`kept ${work}`);
    else fs.rmSync(work, { recursive: true, force: true, maxRetries: 5 });
  }
}

try {
  main();
} catch (err) {
  if (lineOpen) process.stdout.write('\n');
  console.error(`bench:codemod: ${err.message}`);
  process.exitCode = 1;
}
