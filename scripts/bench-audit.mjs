#!/usr/bin/env node
/*
 * Audit speed on the CLI benchmark's synthetic codebase (scripts/lib/synthetic-codebase.mjs):
 * generate it in a temp directory, link this repository's node_modules into it (the
 * project's installed @tarojs/taro and typings, as a user's project would have them),
 * then time `runAudit` from the built package, each run in a fresh process (cold, as CI runs it).
 *
 * Usage: node scripts/bench-audit.mjs [--files 10000] [--legacy-ratio 0.01] [--seed 42] [--runs 3] [--no-build]
 * [--json] [--smoke]
 *   --smoke: whether the script still runs, not a figure: 20 files (10% legacy), one run, the package
 *            as built in dist/ (`npm run build`) instead of a private build; the fast tests run it.
 *
 * Calls in one file: node scripts/bench-audit.mjs --calls 3000,6000,23515 [--runs 3] [--mixed] [--against <checkout>]
 *   One file per count, `Taro.startRecord({ success: (r) => f(r) })` on each line (23,515 of them fill 1 MB but
 *   for a few KB), in a git repository of its own; the audit (`audit src --json`) and the codemod (`src --dry
 *   --json`) of the built bin in dist/ (`npm run build` first), each in a fresh process, wall and CPU time, and
 *   the audit's CPU time over the codemod's (the goal: at most 2x at 23,515 calls).
 *   --mixed: the lines take the families in turn (record, system info, voice, an element's audio, background audio).
 *   --against: the same runs of another checkout's built bin, beside these.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './lib/measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SMOKE = process.argv.includes('--smoke');
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: SMOKE ? '20' : '10000' },
    'legacy-ratio': { type: 'string', default: SMOKE ? '0.1' : '0.01' },
    seed: { type: 'string', default: '42' },
    runs: { type: 'string', default: SMOKE ? '1' : '3' },
    'no-build': { type: 'boolean', default: false },
    json: { type: 'boolean', default: false },
    smoke: { type: 'boolean', default: false },
    calls: { type: 'string' },
    against: { type: 'string' },
    mixed: { type: 'boolean', default: false },
    // internal: one timed run in this process
    'run-in': { type: 'string' },
  },
});

// A private build, so that the benchmark neither needs nor disturbs dist/ (node_modules/.cache still resolves
// dependencies); a smoke run takes dist/ as it is.
const outDir = SMOKE ? join(root, 'dist') : join(root, 'node_modules/.cache/bench-audit');
const auditEntry = join(outDir, 'src/audit/index.js');

if (values['run-in']) {
  // The child: one cold audit, result on stdout.
  const { runAudit } = await import(pathToFileURL(auditEntry).href);
  const started = process.hrtime.bigint();
  const result = await runAudit({ cwd: values['run-in'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const rss = process.memoryUsage().rss;
  process.stdout.write(
    JSON.stringify({ ms, rss, stats: result.stats, findings: result.findings.length, needsPerson: result.needsPerson }),
  );
  process.exit(0);
}

if (values.calls) {
  const { benchCallsPerFile } = await import(pathToFileURL(join(root, 'scripts/lib/bench-calls.mjs')).href);
  process.exit(
    benchCallsPerFile({
      root,
      counts: values.calls,
      runs: Number(values.runs),
      against: values.against,
      mixed: values.mixed,
    }),
  );
}

if (!values['no-build'] && !SMOKE) {
  rmSync(outDir, { recursive: true, force: true });
  // Type errors elsewhere in the tree do not stop tsc from emitting the audit.
  spawnSync(
    process.execPath,
    [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir],
    { stdio: 'ignore' },
  );
}
if (!existsSync(auditEntry)) {
  console.error(
    `missing ${auditEntry}: ${SMOKE ? 'run npm run build first' : 'the build failed (npx tsc -p tsconfig.build.json)'}`,
  );
  process.exit(2);
}

const generatorPath = join(root, 'scripts/lib/synthetic-codebase.mjs');
const { generateSyntheticCodebase } = await import(pathToFileURL(generatorPath).href);
const files = Number(values.files);
const legacyRatio = Number(values['legacy-ratio']);
const seed = Number(values.seed);
const dir = mkdtempSync(join(tmpdir(), 'bench-audit-'));
try {
  const generated = generateSyntheticCodebase(dir, { files, legacyRatio, seed });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'), 'dir');

  const runs = [];
  for (let i = 0; i < Number(values.runs); i++) {
    const child = spawnSync(
      process.execPath,
      [fileURLToPath(import.meta.url), '--run-in', dir, ...(SMOKE ? ['--smoke'] : [])],
      { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    if (child.status !== 0) {
      console.error(child.error ?? child.stderr);
      process.exit(1);
    }
    runs.push(JSON.parse(child.stdout));
  }
  const medianMs = median(runs.map((r) => r.ms));
  const summary = {
    codebase: {
      files: generated.files,
      bytes: generated.bytes,
      legacyFiles: generated.legacyFiles.length,
      seed,
      legacyRatio,
    },
    machine: { cpus: cpus().length, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version },
    runsMs: runs.map((r) => Math.round(r.ms)),
    medianMs: Math.round(medianMs),
    peakRssMiB: Math.round(Math.max(...runs.map((r) => r.rss)) / 2 ** 20),
    stats: runs[0].stats,
    findings: runs[0].findings,
    needsPerson: runs[0].needsPerson,
  };
  if (values.json) {
    console.log(JSON.stringify(summary, null, 2));
  } else {
    console.log(
      `codebase: ${generated.files} files, ${(generated.bytes / 2 ** 20).toFixed(1)} MiB, ${generated.legacyFiles.length} with legacy calls (seed ${seed})`,
    );
    console.log(
      `scanned ${summary.stats.scannedFiles} files; program ${summary.stats.programFiles} files; ${summary.findings} references, ${summary.needsPerson} need a person`,
    );
    console.log(
      `audit wall time per cold run: ${summary.runsMs.map((ms) => `${(ms / 1000).toFixed(1)} s`).join(', ')}; median ${(medianMs / 1000).toFixed(1)} s; peak RSS ${summary.peakRssMiB} MiB`,
    );
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
