/**
 * The engine imports nothing from the runtime: src/runtime ships to phones and is built on its own,
 * and what both need (the recording options' check) lives in src/shared. Every module under
 * src/rewrite, at any depth, is read with TypeScript's own scan of imports, exports-from,
 * require() and import(), type-only ones included.
 */
import * as fs from 'fs';
import * as path from 'path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

const ENGINE = path.join(ROOT, 'src', 'rewrite');
const RUNTIME = path.join(ROOT, 'src', 'runtime');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.isFile() && /\.[cm]?tsx?$/.test(e.name) ? [full] : [];
  });
}

/** The imports of `file` (its text) that reach into src/runtime, as `file: specifier`. */
function runtimeImports(file: string, text = fs.readFileSync(file, 'utf8')): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((i) => i.fileName)
    .filter(
      (from) =>
        from.startsWith('.') &&
        (path.relative(RUNTIME, path.resolve(path.dirname(file), from)) + path.sep).split(path.sep)[0] !== '..',
    )
    .map((from) => `${path.relative(ROOT, file)}: ${from}`);
}

it('no module of src/rewrite imports from src/runtime', () => {
  const files = sourceFiles(ENGINE);
  expect(files.length).toBeGreaterThan(10);
  expect(files.flatMap((file) => runtimeImports(file))).toEqual([]);
  // The check sees such an import where there is one, at any depth and in any form.
  const probe = path.join(ENGINE, 'doors', 'probe.ts');
  const text =
    "import type { A } from '../../runtime/record';\nexport * from '../../shared/recording-options';\nconst b = require('../../runtime');\nconst c = import('../../runtime-notes/x');\n";
  expect(runtimeImports(probe, text)).toEqual([
    `${path.relative(ROOT, probe)}: ../../runtime/record`,
    `${path.relative(ROOT, probe)}: ../../runtime`,
  ]);
});
