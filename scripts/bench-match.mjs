#!/usr/bin/env node
/**
 * npm run bench:match — how long do the patterns a backtracking matcher explodes on take?
 *
 * Prints, from the built package (`npm run build` first):
 *  - one match of each pathological pattern against its path, by the patterns gate (a .gitignore
 *    line, an `--exclude`, a copy glob), and, each in a child process stopped after --limit
 *    seconds, by what the project matched with before (the `ignore` package, picomatch);
 *  - the codemod (`--dry --json`) and the audit (`--json`) from spawn to exit on a tree holding a
 *    file 40 folders deep under a .gitignore with those lines, outside git (git 2.40 and older are
 *    themselves exponential on them), with and without the same pattern as `--exclude`.
 *
 * Usage: node scripts/bench-match.mjs [--limit 10] [--smoke]
 *   --limit: seconds a former matcher is given.
 *   --smoke: whether the script still runs, not a figure: former matchers get 1 s, and the audit's
 *            rows (seconds of TypeScript each) are left out; the fast tests run it.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIST = path.join(ROOT, 'dist');
const BIN = path.join(DIST, 'src', 'cli', 'bin.js');
const require = createRequire(import.meta.url);
const SMOKE = process.argv.includes('--smoke');
const { values } = parseArgs({
  options: { limit: { type: 'string', default: SMOKE ? '1' : '10' }, smoke: { type: 'boolean', default: false } },
});
const LIMIT_MS = Number(values.limit) * 1000;
/** A whole run's limit: the audit builds a TypeScript program, seconds on its own. */
const TREE_LIMIT_MS = 120_000;

const DEEP = Array.from({ length: 40 }, () => 'a').join('/');
const WORST = '**/a/'.repeat(10) + 'z';
const LONG_LINE = 'x'.repeat(100_000);
const LONG_STARS = '**/a/'.repeat(20_000);

/** The cases: a name, how the gate matches it (in this process), and how the former matcher did (in a child). */
const CASES = [
  {
    name: `.gitignore / --exclude '${WORST}' vs ${DEEP}/zz.js`,
    gate: () => ignorePatterns([WORST]).verdict(`${DEEP}/zz.js`, false),
    former: `require('ignore')().add(${JSON.stringify(WORST)}).ignores(${JSON.stringify(`${DEEP}/zz.js`)})`,
  },
  {
    name: `a 100,000-character line ('x' x 100,000) vs ${DEEP}/f.js`,
    gate: () => ignorePatterns([LONG_LINE]).verdict(`${DEEP}/f.js`, false),
    former: `require('ignore')().add('x'.repeat(100000)).ignores(${JSON.stringify(`${DEEP}/f.js`)})`,
  },
  {
    name: `a 100,000-character line ('**/a/' x 20,000) vs ${DEEP}/f.js`,
    gate: () => ignorePatterns([LONG_STARS]).verdict(`${DEEP}/f.js`, false),
    former: `require('ignore')().add('**/a/'.repeat(20000)).ignores(${JSON.stringify(`${DEEP}/f.js`)})`,
  },
  {
    name: `copy glob '/r/${WORST}' vs /r/${DEEP}/zz.js`,
    gate: () => globMatcher(`/r/${WORST}`)(`/r/${DEEP}/zz.js`),
    former: `require('picomatch')(${JSON.stringify(`/r/${WORST}`)}, { dot: true })(${JSON.stringify(`/r/${DEEP}/zz.js`)})`,
  },
];

function ignorePatterns(lines) {
  const { IgnorePatterns } = require(path.join(DIST, 'src/rewrite/tree/ignore-patterns.js'));
  return IgnorePatterns.ofPatterns(lines, false);
}

function globMatcher(glob) {
  return require(path.join(DIST, 'src/rewrite/tree/globs.js')).globMatcher(glob);
}

/** Milliseconds `fn` takes, the best of three. */
function timed(fn) {
  let best = Infinity;
  let result;
  for (let i = 0; i < 3; i++) {
    const start = process.hrtime.bigint();
    result = fn();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / 1e6);
  }
  return { ms: best, result };
}

/** Wall milliseconds of `node args` in `cwd`, or null when stopped at the limit. */
function spawnTimed(args, cwd, limitMs = LIMIT_MS) {
  const start = process.hrtime.bigint();
  const child = spawnSync(process.execPath, args, { cwd, encoding: 'utf8', timeout: limitMs, killSignal: 'SIGKILL' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (child.signal) return { ms: null, child };
  return { ms, child };
}

const shown = (ms, limitMs = LIMIT_MS) =>
  ms === null ? `over ${limitMs / 1000} s (stopped)` : `${ms.toFixed(ms < 10 ? 2 : 0)} ms`;

function matchRows() {
  console.log('One match: the patterns gate | the former matcher (a child process)');
  for (const c of CASES) {
    const gate = timed(c.gate);
    const former = spawnTimed(['-e', c.former], ROOT);
    const crashed = former.ms !== null && former.child.status !== 0 ? ' (threw)' : '';
    console.log(`  ${c.name}\n    gate ${shown(gate.ms)} (${gate.result}) | former ${shown(former.ms)}${crashed}`);
  }
}

function treeRows() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-match-'));
  try {
    const page = 'wx.startRecord({ success() {} })\n';
    for (const file of [`${DEEP}/f.js`, `${DEEP}/z/g.js`, 'pages/index.js']) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), page);
    }
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'bench-match', dependencies: {} }));
    console.log(`\nFrom spawn to exit, a tree with ${DEEP}/f.js and ${DEEP}/z/g.js (outside git)`);
    for (const [name, args] of [
      ['codemod --dry --json, no .gitignore (for comparison)', ['--dry', '--json']],
      ['audit --json, no .gitignore (for comparison)', ['audit', '.', '--json']],
    ])
      treeRow(dir, name, args);
    fs.writeFileSync(path.join(dir, '.gitignore'), `${WORST}\n${LONG_LINE}\n${LONG_STARS}\n`);
    console.log('  and under those .gitignore lines:');
    for (const [name, args] of [
      ['codemod --dry --json', ['--dry', '--json']],
      [`codemod --dry --json --exclude '${WORST}'`, ['--dry', '--json', '--exclude', WORST]],
      ['audit --json', ['audit', '.', '--json']],
      [`audit --json --exclude '${WORST}'`, ['audit', '.', '--json', '--exclude', WORST]],
    ])
      treeRow(dir, name, args);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function treeRow(dir, name, args) {
  if (SMOKE && name.startsWith('audit')) return;
  const run = spawnTimed([BIN, ...args], dir, TREE_LIMIT_MS);
  const listed = run.ms === null ? '' : ` (exit ${run.child.status}, ${filesOf(name, run.child.stdout)})`;
  console.log(`  ${name}: ${shown(run.ms, TREE_LIMIT_MS)}${listed}`);
}

/** The files a run's JSON names: what the walk kept. */
function filesOf(name, stdout) {
  try {
    const report = JSON.parse(stdout);
    const files = name.startsWith('audit')
      ? [...new Set(report.findings.map((f) => f.file))]
      : report.files.map((f) => f.path);
    return `${files.length} files: ${files.map((f) => (f.length > 30 ? '…' + f.slice(-12) : f)).join(', ')}`;
  } catch {
    return 'no JSON';
  }
}

if (!fs.existsSync(BIN)) {
  console.error(`${BIN} is missing: run npm run build first`);
  process.exit(1);
}
console.log(`node ${process.version}, ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'})\n`);
matchRows();
treeRows();
