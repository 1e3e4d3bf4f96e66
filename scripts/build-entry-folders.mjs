#!/usr/bin/env node
/*
 * Writes one folder per subpath of package.json "exports", each with a package.json whose
 * main / module / types point into dist/: this tool's (runtime/, runtime/native/, babel/,
 * transform/, …) and the runtime package's (packages/runtime: native/, h5/).
 * Resolvers that ignore "exports" (webpack 4, TypeScript "moduleResolution": "node",
 * older Metro) find `record-compat-runtime/native` and `taro-plugin-record-compat/runtime`
 * through these folders; modern resolvers keep using "exports". Generated from "exports" so
 * the two never drift.
 * Usage: node scripts/build-entry-folders.mjs
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** The packages of this repository that get entry folders: the tool, and the runtime. */
const PACKAGE_DIRS = [root, join(root, 'packages', 'runtime')];

/** Subpaths of the package `name` that get a folder: every export but the root and package.json itself. */
export function entryFolders(exportsMap, name) {
  return Object.entries(exportsMap)
    .filter(([subpath]) => subpath !== '.' && subpath !== './package.json')
    .map(([subpath, target]) => {
      const folder = subpath.slice(2);
      const up = folder
        .split('/')
        .map(() => '..')
        .join('/');
      const from = (file) => (file ? posix.join(up, file) : undefined);
      return {
        folder,
        manifest: {
          name: `${name}/${folder}`,
          private: true,
          main: from(target.require ?? target.default),
          module: from(target.module ?? target.import),
          types: from(target.types),
          sideEffects: false,
        },
      };
    });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const dir of PACKAGE_DIRS) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const folders = entryFolders(pkg.exports, pkg.name);
    // The top-level folders only: runtime/native lives inside runtime/.
    for (const top of new Set(folders.map((f) => f.folder.split('/')[0])))
      rmSync(join(dir, top), { recursive: true, force: true });
    for (const { folder, manifest } of folders) {
      mkdirSync(join(dir, folder), { recursive: true });
      writeFileSync(join(dir, folder, 'package.json'), JSON.stringify(manifest, null, 2) + '\n');
    }
    console.log(
      `${pkg.name}: entry folders for resolvers without "exports": ${folders.map((f) => f.folder).join(', ')}`,
    );
  }
}
