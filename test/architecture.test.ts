/**
 * The module graph of src/ and transforms/ has no cycles, type-only imports included
 * (a type-only cycle still ties two modules' designs together). dpdm reads every
 * import, export-from, require() and import() with TypeScript's parser, `import type`
 * included (its `transform` option, which would drop those, stays off).
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseCircular, parseDependencyTree } from 'dpdm';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths';

const ROOTS = ['src', 'transforms'];

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.isFile() && /\.tsx?$/.test(e.name) ? [full] : [];
  });
}

describe('architecture', () => {
  it('has no import cycles in src/ and transforms/, type-only ones included', async () => {
    const tree = await parseDependencyTree(
      ROOTS.map((r) => `${r}/**/*.ts`),
      { cwd: ROOT, context: ROOT, tsconfig: path.join(ROOT, 'tsconfig.json'), transform: false, skipDynamicImports: false },
    );
    // The graph really was read: a known edge is in it.
    expect(tree['src/cli/bin.ts']?.map((d) => d.id)).toContain('src/cli/main.ts');
    const cycles = parseCircular(tree).map((c) => c.join(' -> '));
    expect(cycles, `import cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('writes type references to local modules as `import type` declarations, which the cycle check sees', () => {
    // `typeof import('./x')` is a type node dpdm does not follow: a cycle through it would go unseen.
    // A type query (`typeof import('./x')`) or a qualified type (`import('./x').T`), not a dynamic import's `.then`.
    const typeImport = /\btypeof\s+import\(\s*['"]\.{1,2}\/|\bimport\(\s*['"]\.{1,2}\/[^'"]*['"]\s*\)\s*\.(?!then\b)/;
    const offenders = ROOTS.flatMap((r) => sourceFiles(path.join(ROOT, r)))
      .filter((file) => typeImport.test(fs.readFileSync(file, 'utf8')))
      .map((file) => path.relative(ROOT, file));
    expect(offenders).toEqual([]);
  });
});
