#!/usr/bin/env node
/*
 * Makes the declarations tsc wrote into dist/ (and build-runtime.mjs into the runtime package's
 * dist/types/) readable by TypeScript 4, which users' projects
 * still run (a migrated Taro 2 or 3 project often pins 4.x). tsc 5 writes the runtime entries'
 * re-export of their types as `export type * from './types'`, a form TypeScript 4 rejects (TS1383)
 * wherever the project checks library files; in a declaration file `export * from` says the same,
 * since types.d.ts declares types only. test/e2e/published-types.test.ts compiles the
 * published declarations with TypeScript 4.9 and 5.
 * Usage: node scripts/build-declarations.mjs [dist …]  (default: dist and packages/runtime/dist)
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TYPE_STAR_EXPORT = /^export type \* from (['"][^'"]+['"]);$/gm;

/** The declaration text with each `export type * from 'x';` line as `export * from 'x';`. */
export function forTypeScript4(text) {
  return text.replace(TYPE_STAR_EXPORT, 'export * from $1;');
}

function declarationFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isDirectory()) return declarationFiles(file);
    return entry.name.endsWith('.d.ts') ? [file] : [];
  });
}

export function buildDeclarations(dist = join(root, 'dist')) {
  for (const file of declarationFiles(dist)) {
    const text = readFileSync(file, 'utf8');
    const out = forTypeScript4(text);
    if (out !== text) writeFileSync(file, out);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dirs =
    process.argv.length > 2
      ? process.argv.slice(2).map((d) => resolve(d))
      : [join(root, 'dist'), join(root, 'packages', 'runtime', 'dist')];
  for (const dir of dirs) buildDeclarations(dir);
}
