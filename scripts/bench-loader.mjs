#!/usr/bin/env node
/*
 * What the build plugin's template loader (src/taro-plugin/template-loader.ts) costs a webpack
 * module: the package's own source files run through webpack's loader-runner (a dev dependency,
 * the version the example's webpack 5 has), once with a pass-through loader alone and once with
 * the template loader after it, alternately, in one process. Prints microseconds per module and
 * the difference. The loader runs over the files the rewrite takes only (a `post` rule), so a
 * build pays it once per source file.
 *
 * Usage: npm run build && node scripts/bench-loader.mjs [--rounds 20] [--smoke]
 *   --smoke: whether the script still runs, not a figure: 5 modules, one round, no warm-up; the fast tests run it.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { median } from './lib/measure.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { rounds: { type: 'string' }, smoke: { type: 'boolean', default: false } } });
const rounds = Number(values.rounds ?? (values.smoke ? 1 : 20));
const WARM_UP = values.smoke ? 0 : 2;
/** The modules run through the loaders: the package's sources (a smoke run: the first few). */
const MODULES = values.smoke ? 5 : Infinity;

const require = createRequire(import.meta.url);
const { runLoaders } = require('loader-runner');
const { ReportCollector, registerCollector } = require(join(root, 'dist/src/taro-plugin/collector.js'));

const scratch = mkdtempSync(join(tmpdir(), 'record-compat-bench-loader-'));
const passThrough = join(scratch, 'pass-through.cjs');
writeFileSync(passThrough, 'module.exports = function (source, map) { this.callback(null, source, map) }\n');
const collectorId = registerCollector(new ReportCollector(root));
const templateLoader = { loader: join(root, 'dist/src/taro-plugin/template-loader.js'), options: { collectorId } };

const files = [];
(function walk(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = join(dir, entry.name);
    if (entry.isDirectory()) walk(file);
    else if (/\.[jt]sx?$/.test(entry.name)) files.push(file);
  }
})(join(root, 'src'));
files.splice(MODULES);

const run = (loaders, resource) =>
  new Promise((done, fail) =>
    runLoaders({ resource, loaders, readResource: (file, cb) => cb(null, readFileSync(file)) }, (error, result) =>
      error ? fail(error) : done(result),
    ),
  );

const sides = { without: [passThrough], with: [templateLoader, passThrough] };
/** Per module and round: the time of each side, run back to back (the order alternating). */
const pairs = [];
for (let round = 0; round < WARM_UP + rounds; round++) {
  for (const [i, file] of files.entries()) {
    const order = (round + i) % 2 === 0 ? ['without', 'with'] : ['with', 'without'];
    const ns = {};
    for (const side of order) {
      const start = process.hrtime.bigint();
      await run(sides[side], file);
      ns[side] = Number(process.hrtime.bigint() - start);
    }
    if (round >= WARM_UP) pairs.push(ns);
  }
}
rmSync(scratch, { recursive: true, force: true });

const µs = (ns) => (ns / 1e3).toFixed(1);
const without = median(pairs.map((p) => p.without));
const withLoader = median(pairs.map((p) => p.with));
const added = median(pairs.map((p) => p.with - p.without));
console.log(
  `${files.length} modules × ${rounds} rounds, each module through both sides back to back (loader-runner ${require('loader-runner/package.json').version}); medians:`,
);
console.log(`pass-through alone:        ${µs(without)} µs a module`);
console.log(`with the template loader:  ${µs(withLoader)} µs a module`);
console.log(`the template loader adds:  ${µs(added)} µs a module (paired)`);
