#!/usr/bin/env node
/**
 * npm run demo — runs the built codemod over examples/legacy/ with --dry --print:
 * shows the diff and the summary, writes nothing (the examples stay legacy).
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'dist', 'src', 'cli', 'bin.js');

if (!fs.existsSync(BIN)) {
  console.error('demo: dist/src/cli/bin.js is missing; run `npm run build` first (npm run demo does).');
  process.exit(1);
}

const args = [BIN, 'examples/legacy', '--dry', '--print', ...process.argv.slice(2)];
console.log(`$ taro-plugin-record-compat ${args.slice(1).join(' ')}\n`);
const r = spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' });
process.exitCode = r.status ?? 1;
