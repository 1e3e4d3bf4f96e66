/**
 * The unit project's files share their worker (vitest.config.ts: threads, no isolation); this lets the audits they run
 * share the parse of the declaration files that stay the same from one audit to the next: TypeScript's own lib files
 * and the typings under a node_modules (WeChat's, Taro's). Building an audit's program is ~90% parsing and binding
 * those, and the audit tests build dozens of programs.
 *
 * A parsed file is handed again only for the same path, text and parse settings, as the
 * TypeScript language service shares files across programs (binding is kept on the file and
 * done once; each program's checker keeps its own state). The audit's code is untouched: the
 * cache sits in ts-morph's document registry, which every ts-morph Project creates its files through.
 */
import { createRequire } from 'node:module';
import type { DocumentRegistry } from '@ts-morph/common';
import type { ts } from 'ts-morph';

// Marked on the worker's global object, not in a module: the setup runs again before each file.
const SHARED = Symbol.for('record-compat.test.shared-declarations');

/** Declaration files nobody edits while the tests run: ts-morph's in-memory lib folder and installed typings. */
function isShared(fileName: string): boolean {
  return (
    fileName.endsWith('.d.ts') &&
    (fileName.startsWith('/node_modules/typescript/lib/') || fileName.includes('/node_modules/'))
  );
}

type CreateOrUpdate = (
  this: DocumentRegistry,
  fileName: string,
  settings: ts.CompilerOptions,
  snapshot: ts.IScriptSnapshot,
  kind: ts.ScriptKind | undefined,
) => ts.SourceFile;

const processState = globalThis as { [SHARED]?: true };
if (!processState[SHARED]) {
  processState[SHARED] = true;
  // Node's own require, resolved from ts-morph's own folder: the instance of its (unlisted,
  // internal) dependency that ts-morph itself loaded, wherever npm put it.
  const fromTsMorph = createRequire(createRequire(__filename).resolve('ts-morph'));
  const common = fromTsMorph('@ts-morph/common') as typeof import('@ts-morph/common');
  const registry = common.DocumentRegistry.prototype as unknown as { createOrUpdateSourceFile?: CreateOrUpdate };
  const original = registry.createOrUpdateSourceFile;
  // An internal method: if a ts-morph upgrade renames it, the audits still run, unshared (slower).
  if (typeof original !== 'function') {
    console.warn(
      'test/setup/shared-declarations.ts: ts-morph no longer has DocumentRegistry#createOrUpdateSourceFile; declaration files are parsed per audit',
    );
  } else installCache(registry as { createOrUpdateSourceFile: CreateOrUpdate }, original);
}

function installCache(registry: { createOrUpdateSourceFile: CreateOrUpdate }, original: CreateOrUpdate): void {
  const parsed = new Map<string, ts.SourceFile>();
  registry.createOrUpdateSourceFile = function (fileName, settings, snapshot, kind) {
    if (!isShared(fileName)) return original.call(this, fileName, settings, snapshot, kind);
    // What the parse depends on: the target (language version), the module detection and the script kind.
    const key = [
      fileName,
      settings.target,
      settings.moduleDetection,
      settings.module,
      settings.moduleResolution,
      kind,
    ].join('\0');
    const text = snapshot.getText(0, snapshot.getLength());
    const known = parsed.get(key);
    if (known && known.text === text) return known;
    const sourceFile = original.call(this, fileName, settings, snapshot, kind);
    parsed.set(key, sourceFile);
    return sourceFile;
  };
}
