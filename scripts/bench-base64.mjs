#!/usr/bin/env node
/*
 * How fast the runtime's base64 functions go (docs/contract.md, Decision E1: linear time): random
 * bytes of each size encoded with arrayBufferToBase64 and decoded back with base64ToArrayBuffer,
 * the runtime package's ES build as an app gets it: CPU time, median of --runs runs after one to warm
 * up; Node's Buffer beside it as the reference. Each run checks its answer against Buffer's.
 * Usage: node scripts/bench-base64.mjs [--runs N] [--smoke]
 *   --smoke: 64 KiB and 1 MiB, one run, the build npm run build left in packages/runtime (the fast tests run it).
 */
import { randomBytes } from 'node:crypto';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SMOKE = process.argv.includes('--smoke');
const runsAt = process.argv.indexOf('--runs');
const RUNS = SMOKE ? 1 : runsAt > 0 ? Number(process.argv[runsAt + 1]) : 5;
const SIZES = SMOKE ? [64 * 1024, 1024 * 1024] : [1024 * 1024, 10 * 1024 * 1024];
/** The target: 10 MB each way well under a second (the words), on this 2-core machine. */
const TARGET_MS = 500;

const { arrayBufferToBase64, base64ToArrayBuffer } = await import(
  pathToFileURL(join(root, 'packages', 'runtime', 'dist', 'esm', 'base64.js')).href
);

/**
 * The median CPU time of `runs` calls of `f` after one call to warm it up, in ms (the process's, so that other work on
 * a shared machine does not count), each answer checked by `check`.
 */
function median(f, check) {
  const times = [];
  for (let i = 0; i <= RUNS; i++) {
    const started = process.cpuUsage();
    const answer = f();
    const used = process.cpuUsage(started);
    if (i > 0) times.push((used.user + used.system) / 1000);
    if (!check(answer)) throw new Error('bench:base64: an answer differs from Buffer’s');
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const size = (bytes) => (bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MiB` : `${bytes / 1024} KiB`);
console.log(
  `node ${process.version}, CPU time, median of ${RUNS} run(s) after one to warm up, random bytes; Buffer is the reference\n`,
);
console.log('| size | arrayBufferToBase64 | base64ToArrayBuffer | Buffer encode | Buffer decode |');
console.log('|---|---|---|---|---|');
let largest;
for (const bytes of SIZES) {
  const data = randomBytes(bytes);
  const text = data.toString('base64');
  const encode = median(
    () => arrayBufferToBase64(data),
    (answer) => answer === text,
  );
  const decode = median(
    () => base64ToArrayBuffer(text),
    (answer) => answer instanceof ArrayBuffer && Buffer.from(answer).equals(data),
  );
  const bufferEncode = median(
    () => data.toString('base64'),
    () => true,
  );
  const bufferDecode = median(
    () => Buffer.from(text, 'base64'),
    () => true,
  );
  const ms = (t) => `${t.toFixed(1)} ms`;
  console.log(`| ${size(bytes)} | ${ms(encode)} | ${ms(decode)} | ${ms(bufferEncode)} | ${ms(bufferDecode)} |`);
  largest = { bytes, encode, decode };
}
const verdict = largest.encode < TARGET_MS && largest.decode < TARGET_MS ? 'met' : 'NOT met';
console.log(
  `\n${size(largest.bytes)}: encode ${largest.encode.toFixed(0)} ms, decode ${largest.decode.toFixed(0)} ms; target each < ${TARGET_MS} ms${SMOKE ? ' (stated at 10 MiB)' : ''}: ${verdict}`,
);
