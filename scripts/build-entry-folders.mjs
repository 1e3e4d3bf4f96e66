#!/usr/bin/env node
/*
 * Writes one folder per subpath of package.json "exports" (runtime/, runtime/native/, babel/,
 * transform/), each with a package.json whose main / module / types point into dist/.
 * Resolvers that ignore "exports" (webpack 4, TypeScript "moduleResolution": "node",
 * older Metro) find `taro-plugin-record-compat/runtime` through these folders; modern
 * resolvers keep using "exports". Generated from "exports" so the two never drift.
 * Usage: node scripts/build-entry-folders.mjs
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));

/** Subpaths that get a folder: every export but the root and package.json itself. */
export function entryFolders(exportsMap) {
  return Object.entries(exportsMap)
    .filter(([subpath]) => subpath !== '.' && subpath !== './package.json')
    .map(([subpath, target]) => {
      const folder = subpath.slice(2);
      const up = folder.split('/').map(() => '..').join('/');
      const from = (file) => (file ? posix.join(up, file) : undefined);
      return {
        folder,
        manifest: {
          name: `${pkg.name}/${folder}`,
          private: true,
          main: from(target.default),
          module: from(target.import),
          types: from(target.types),
          sideEffects: false,
        },
      };
    });
}

const folders = entryFolders(pkg.exports);
// The top-level folders only: runtime/native lives inside runtime/.
for (const top of new Set(folders.map((f) => f.folder.split('/')[0]))) rmSync(join(root, top), { recursive: true, force: true });
for (const { folder, manifest } of folders) {
  mkdirSync(join(root, folder), { recursive: true });
  writeFileSync(join(root, folder, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
}
console.log(`entry folders for resolvers without "exports": ${folders.map((f) => f.folder).join(', ')}`);
