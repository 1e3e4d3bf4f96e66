/**
 * The unit project's files share one process (vitest.config.ts); this lets the audits they
 * run share the parse of the declaration files no test writes: TypeScript's own lib files
 * and the typings under this repository's node_modules (WeChat's, Taro's). Building an audit's
 * program is ~90% parsing and binding those: the audit tests build about a hundred programs.
 *
 * A parsed file is handed again only for the same path, text and parse settings, as the
 * TypeScript language service shares files across programs (binding is kept on the file and
 * done once; each program's checker keeps its own state). The audit's code is untouched: the
 * cache sits in ts-morph's document registry, which every ts-morph Project creates its files through.
 */
import { DocumentRegistry } from '@ts-morph/common';
import type { ts } from 'ts-morph';

const SHARED = Symbol.for('record-compat.test.shared-declarations');

/** Declaration files nobody edits while the tests run: ts-morph's in-memory lib folder and installed typings. */
function isShared(fileName: string): boolean {
  return fileName.endsWith('.d.ts') && (fileName.startsWith('/node_modules/typescript/lib/') || fileName.includes('/node_modules/'));
}

type CreateOrUpdate = (this: DocumentRegistry, fileName: string, settings: ts.CompilerOptions, snapshot: ts.IScriptSnapshot, kind: ts.ScriptKind | undefined) => ts.SourceFile;
const registry = DocumentRegistry.prototype as unknown as { createOrUpdateSourceFile: CreateOrUpdate; [SHARED]?: true };

if (!registry[SHARED]) {
  registry[SHARED] = true;
  const original = registry.createOrUpdateSourceFile;
  const parsed = new Map<string, ts.SourceFile>();
  registry.createOrUpdateSourceFile = function (fileName, settings, snapshot, kind) {
    if (!isShared(fileName)) return original.call(this, fileName, settings, snapshot, kind);
    // What the parse depends on: the target (language version), the module detection and the script kind.
    const key = [fileName, settings.target, settings.moduleDetection, settings.module, settings.moduleResolution, kind].join('\0');
    const text = snapshot.getText(0, snapshot.getLength());
    const known = parsed.get(key);
    if (known && known.text === text) return known;
    const sourceFile = original.call(this, fileName, settings, snapshot, kind);
    parsed.set(key, sourceFile);
    return sourceFile;
  };
}
