#!/usr/bin/env node
/*
 * Size of the runtime as an app gets it: each entry bundled with everything it imports
 * (@tarojs/taro stays external: the app has it anyway), minified, ES2015 target; then gzip -9.
 * Also the standalone file the CLI writes into native mini-programs, if it has been built.
 * Usage: node scripts/bench-size.mjs [--json]
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TARGET_GZIP = 1536; // 1.5 KB, the target for the Taro entry

async function bundle(entry) {
  const r = await build({
    entryPoints: [join(root, entry)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2015',
    external: ['@tarojs/taro'],
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  return r.outputFiles[0].contents;
}

const rows = [];
for (const [name, entry] of [
  ['taro-plugin-record-compat/runtime (Taro)', 'src/runtime/taro.ts'],
  ['taro-plugin-record-compat/runtime/native', 'src/runtime/native.ts'],
]) {
  const code = await bundle(entry);
  rows.push({ name, how: 'bundled + minified', bytes: code.length, gzip: gzipSync(code, { level: 9 }).length });
}
const standalone = join(root, 'dist/runtime/standalone/record-compat.js');
if (existsSync(standalone)) {
  const code = readFileSync(standalone);
  rows.push({ name: 'standalone record-compat.js (CLI --runtime local)', how: 'as written, unminified', bytes: code.length, gzip: gzipSync(code, { level: 9 }).length });
}

if (process.argv.includes('--json')) console.log(JSON.stringify(rows, null, 2));
else {
  console.log(`node ${process.version}, esbuild bundle --minify --format=esm --target=es2015 --external:@tarojs/taro, gzip -9\n`);
  for (const r of rows) console.log(`${r.name.padEnd(52)} ${String(r.bytes).padStart(6)} B  ${String(r.gzip).padStart(5)} B gzip  (${r.how})`);
  const taro = rows[0].gzip;
  console.log(`\nTaro entry: ${taro} B gzipped, target ${TARGET_GZIP} B: ${taro <= TARGET_GZIP ? 'met' : 'NOT met'}`);
}
