/**
 * Where the copy of @ts-morph/common that ts-morph loads lies, found without loading TypeScript: the audit reads its
 * standard library from it (program-host.ts), and the audit's thread compiles its TypeScript from a cache
 * (cli/audit-thread.ts).
 */
import * as fs from 'fs';
import * as path from 'path';

/** The entry of the @ts-morph/common that ts-morph itself resolves. */
export function tsMorphCommonEntry(): string {
  return require.resolve('@ts-morph/common', { paths: [require.resolve('ts-morph')] });
}

/**
 * The TypeScript compiler ts-morph bundles beside that entry (9 MB of JavaScript), or null where its layout is another
 * or it cannot be found: then it loads as any module does.
 */
export function tsMorphTypeScriptFile(): string | null {
  try {
    const file = path.join(path.dirname(tsMorphCommonEntry()), 'typescript.js');
    return fs.existsSync(file) ? file : null;
  } catch {
    return null;
  }
}
