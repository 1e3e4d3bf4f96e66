import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

/**
 * Every benchmark script (scripts/bench-*.mjs) on a tiny input: `--smoke` (a few files, one run, no warm-up;
 * bench:build's Babel share alone, on the example and two generated pages). A benchmark that no test runs falls behind
 * the code it measures unseen, as bench:build's stand-in for the plugin's wiring did; bench:build and bench:codemod
 * run again in their system-info mode. What is checked is that each script exits 0 and prints its rows, not their
 * figures. The scripts use the package as built (`npm test` and `npm run test:integration` build first).
 */

/**
 * Per app, the block bench:build prints for its Babel share, for a smoke run's one round: the Babel it ran, each
 * bundler's paired difference, the stopwatches (and `extra` lines after them).
 */
const babelShareBlock = (app: string, extra: string[] = []) =>
  new RegExp(
    [
      `^${app}: \\d+ files, Babel = .+; without the plugin \\d+ ms CPU \\(median\\); 1 rounds, paired per file`,
      ...['webpack5', 'vite'].map(
        (compiler) =>
          `  ${compiler}: with − without, paired median [-+]\\d+ ms = -?[\\d.]+ % of the build's CPU .+; target ≤ 0\\.5 %: (met|NOT met)`,
      ),
      "  inside the build plugin's visitor \\(webpack5\\): [\\d.]+ ms = [\\d.]+ %",
      "  inside the vite hook \\(vite\\): [\\d.]+ ms = [\\d.]+ %; inside the build plugin's visitor in plugin-react's pass: [\\d.]+ ms",
      ...extra,
    ].join('\\n') + '$',
    'm',
  );

/** Each script's rows, as lines of its output (the figures in them are \d, never a value). */
const ROWS: Record<string, RegExp[]> = {
  'bench-audit.mjs': [
    /^codebase: \d+ files, [\d.]+ MiB, \d+ with legacy calls \(seed \d+\)$/m,
    /^scanned \d+ files; program \d+ files; \d+ references, \d+ need a person$/m,
    /^audit wall time per cold run: [\d.]+ s; median [\d.]+ s; peak RSS \d+ MiB$/m,
  ],
  'bench-base64.mjs': [
    ...['64 KiB', '1 MiB'].map(
      (size) => new RegExp(`^\\| ${size} \\| [\\d.]+ ms \\| [\\d.]+ ms \\| [\\d.]+ ms \\| [\\d.]+ ms \\|$`, 'm'),
    ),
    /^1 MiB: encode \d+ ms, decode \d+ ms; target each < \d+ ms \(stated at 10 MiB\): (met|NOT met)$/m,
  ],
  'bench-build.mjs': ['app-example', 'app-2-pages'].map((app) => babelShareBlock(app)),
  'bench-canvas.mjs': [
    /^Chromium [\d.]+, pixel ratio 2, 1 round\(s\) of \d+ frames after \d+, 50 legacy calls a frame, main-thread CPU time, medians of the rounds:$/m,
    /^ {2}directly on the 2D context: \d+ µs a frame$/m,
    /^ {2}through the runtime, draw\(true\) awaited: \d+ µs a frame$/m,
    /^ {2}ratio [\d.]+ \(.+\), target ≤ 1\.1: (met|NOT met)$/m,
  ],
  'bench-codemod.mjs': [
    ...[
      '\\(1\\) floor',
      '\\(1p\\) parser floor',
      "\\(1b\\) Babel's floor",
      '\\(1o\\) oxc floor',
      '\\(2\\) CLI --dry',
      '\\(2\\) CLI, writing',
      '\\(2′\\) CLI --dry, same tree',
      '\\(3\\) plain jscodeshift',
      "\\(3t\\) jscodeshift running this package's transform",
      '\\(4\\) ast-grep',
    ].map((row) => new RegExp(`^\\| ${row}[^|]* \\| [\\d.]+ m?s \\| [\\d.]+ m?s \\| [^|]+ \\|$`, 'm')),
    ...[
      'CLI writing / floor',
      'CLI --dry / floor',
      'CLI with no legacy file',
      'CLI writing / parser floor',
      'parser floor / floor',
      'oxc floor / floor',
      'ast-grep / CLI writing',
      'plain jscodeshift / CLI writing',
      "jscodeshift with this package's transform / CLI writing",
    ].map((ratio) => new RegExp(`^\\| ${ratio}[^|]* \\| [\\d.]+× \\(CPU [\\d.]+×\\) \\| [^|]+ \\|$`, 'm')),
    /^\| CLI peak RSS [^|]+ \| \d+ MB \| target ≤ \d+ MB: (met|NOT met) \|$/m,
  ],
  'bench-eslint.mjs': [
    /^ESLint [\d.]+, \d+ files \(\d+ naming a legacy API\), best of 1 rounds per file; the rule reported \d+ places$/m,
    ...['naming a legacy API', 'not naming one', 'all'].map(
      (files) =>
        new RegExp(`^\\| ${files} \\| \\d+ \\| [\\d.]+ ms \\| [\\d.]+ ms \\| [\\d.]+% \\| [\\d.]+ ms \\|$`, 'm'),
    ),
    /^engine's first load .*: -?[\d.]+ ms$/m,
    /^routing scan of the \d+-file project .*: [\d.]+ ms cold, [\d.]+ ms cached$/m,
  ],
  'bench-loader.mjs': [
    /^\d+ modules × 1 rounds, .*\(loader-runner [\d.]+\); medians:$/m,
    /^pass-through alone: +[\d.]+ µs a module$/m,
    /^with the template loader: +[\d.]+ µs a module$/m,
    /^the template loader adds: +-?[\d.]+ µs a module \(paired\)$/m,
  ],
  'bench-match.mjs': [
    ...[
      '.gitignore / --exclude',
      "a 100,000-character line \\('x'",
      "a 100,000-character line \\('\\*\\*",
      'copy glob',
    ].map(
      (name) =>
        new RegExp(
          `^ {2}${name}.*\\n {4}gate [\\d.]+ ms \\((0|false)\\) \\| former (over 1 s \\(stopped\\)|\\d+ ms.*)$`,
          'm',
        ),
    ),
    /^ {2}codemod --dry --json, no \.gitignore \(for comparison\): \d+ ms \(exit 0, 3 files: .+\)$/m,
    /^ {2}codemod --dry --json: \d+ ms \(exit 0, 2 files: .+, pages\/index\.js\)$/m,
    /^ {2}codemod --dry --json --exclude '.+': \d+ ms \(exit 0, 2 files: .+, pages\/index\.js\)$/m,
  ],
  'bench-size.mjs': [
    ...[
      'runtime \\(Taro\\): record only',
      'runtime/native: whole entry',
      'runtime/h5: the same \\+ the mp3 encoder chunk',
      'standalone record-compat\\.js',
      'module record\\.js',
      'module record\\.taro\\.js',
      'runtime \\(Taro\\): canvas only',
      'module canvas\\.js',
    ].map((row) => new RegExp(`^${row}.* +\\d+ B +\\d+ B gzip  \\([^)]+\\)$`, 'm')),
    /; canvas only: \d+ B, target ≤ \d+ B: (met|NOT met);/m,
    /^Taro entry, targets: .* Record only: \d+ B = [\d.]+× its floor \d+ B \([^)]+\): (met|NOT met);.* added to record \+ voice: \d+ B, target ≤ \d+ B: (met|NOT met)\);.* whole entry with configureRecordCompat: \d+ B$/m,
  ],
};

/**
 * The scripts' system-info mode (the system-info family's trees): pages, or 5 % of the files, that read system info instead of
 * recording, every shape once (the smoke run's 5 pages; 5 legacy files of 20). Each script fails unless the plugin or
 * the CLI rewrote every one; the rows say it was this mode that ran.
 */
const SYSTEM_INFO_MODES: { script: string; args?: string[]; env?: Record<string, string>; rows: RegExp[] }[] = [
  {
    script: 'bench-build.mjs',
    env: { BENCH_FAMILY: 'system-info' },
    rows: [
      /^BENCH_FAMILY=system-info: 5 generated pages, each reading system info once \(a member read; .+\)$/m,
      babelShareBlock('app-5-pages-system-info', [
        '  rewritten, on each side in every round: 5 system-info calls \\(one a page\\)',
      ]),
    ],
  },
  {
    script: 'bench-codemod.mjs',
    args: ['--family', 'system-info', '--ratio', '0.25'],
    rows: [
      /^\| 20 files, 5 legacy, system-info calls; .+ \| notes \|$/m,
      /^\| \(1\) floor: read \+ search every file \| [\d.]+ m?s \| [\d.]+ m?s \| 20 files, 5 name the API \|$/m,
      /^\| \(2\) CLI, writing \| [\d.]+ m?s \| [\d.]+ m?s \| 5 files changed; peak RSS \d+ MB \|$/m,
      /^\| \(3t\) jscodeshift running this package's transform[^|]* \| [\d.]+ m?s \| [\d.]+ m?s \| 5 files changed, 0 errors: .+ \|$/m,
      /^\(3\) and \(4\) not run: .+ the record API only$/m,
    ],
  },
];

interface ScriptRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * `node scripts/<script> --smoke [args]`, in an environment of none of the benchmarks' own switches but `mode`'s.
 */
function runSmoke(script: string, mode: { args?: string[]; env?: Record<string, string> } = {}): Promise<ScriptRun> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^(BENCH_|TARO_|RECORD_COMPAT)/.test(name)),
  );
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(ROOT, 'scripts', script), '--smoke', ...(mode.args ?? [])], {
      cwd: ROOT,
      env: { ...env, ...mode.env, NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Seconds on a quiet machine; this much on a busy one. */
const SCRIPT_TIMEOUT_MS = 120_000;

describe('the benchmark scripts, each on a tiny input (--smoke)', () => {
  it('are all here', () => {
    const scripts = fs.readdirSync(path.join(ROOT, 'scripts')).filter((name) => /^bench-.+\.mjs$/.test(name));
    expect(scripts.sort()).toEqual(Object.keys(ROWS).sort());
  });

  for (const [script, rows] of Object.entries(ROWS)) {
    // bench:canvas draws in Chromium: where there is none, it says so and exits 1 (the H5 tests skip the same way).
    const noBrowser = script === 'bench-canvas.mjs' && !fs.existsSync('/usr/bin/chromium');
    if (noBrowser) console.warn('[bench tests] SKIPPED bench-canvas.mjs: no Chromium at /usr/bin/chromium');
    it.skipIf(noBrowser)(`${script} exits 0 and prints its rows`, { timeout: SCRIPT_TIMEOUT_MS }, async () => {
      const run = await runSmoke(script);
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      for (const row of rows) expect(run.stdout).toMatch(row);
    });
  }

  it(
    'bench-codemod.mjs --against times another build beside this one, run by run',
    { timeout: SCRIPT_TIMEOUT_MS },
    async () => {
      // This checkout against itself: the rows and the paired ratio are what is checked, not a figure.
      const run = await runSmoke('bench-codemod.mjs', {
        args: ['--no-jscodeshift', '--no-ast-grep', '--no-reference', '--runs', '2', '--against', ROOT],
      });
      expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
      for (const what of [' --dry', ', writing'])
        expect(run.stdout).toMatch(
          new RegExp(
            `^\\| \\(2a\\) CLI${what}, the build at [^|]+ \\| [\\d.]+ m?s \\| [\\d.]+ m?s \\| run beside \\(2\\) \\|$`,
            'm',
          ),
        );
      for (const what of ['--dry', 'writing'])
        expect(run.stdout).toMatch(
          new RegExp(
            `^\\| CLI ${what} / the build at --against, run by run \\| [\\d.]+× \\(CPU [\\d.]+×\\) \\| target ≤ 1.03× .+: (met|NOT met) \\|$`,
            'm',
          ),
        );
      expect(run.stdout).toMatch(/^wall per run: .*--dry --against \d+ ms, \d+ ms; writing --against \d+ ms, \d+ ms/m);
    },
  );

  it('bench-codemod.mjs --against a folder with no build says so and exits 1', async () => {
    const run = await runSmoke('bench-codemod.mjs', { args: ['--against', path.join(ROOT, 'test')] });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      /^bench:codemod: --against .+test: .+bin\.js is not there: run npm run build in that checkout$/m,
    );
  });

  for (const mode of SYSTEM_INFO_MODES) {
    const how = [...Object.entries(mode.env ?? {}).map(([k, v]) => `${k}=${v}`), ...(mode.args ?? [])].join(' ');
    it(
      `${mode.script} in its system-info mode (${how}) exits 0 and prints its rows`,
      { timeout: SCRIPT_TIMEOUT_MS },
      async () => {
        const run = await runSmoke(mode.script, mode);
        expect(run.code, `${run.stdout}\n${run.stderr}`).toBe(0);
        for (const row of mode.rows) expect(run.stdout).toMatch(row);
      },
    );
  }
});
