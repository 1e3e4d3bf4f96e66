import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ts } from 'ts-morph';
import { createAuditHost } from '../../src/audit/program-host';

const LIB = '/node_modules/typescript/lib/lib.es5.d.ts';
const FILE = '/project/src/max.ts';
/** A file whose one error is found only through the standard library's Math. */
const TEXT = 'export const largest: string = Math.max(1, 2)\n';

function hostOf(options: ts.CompilerOptions) {
  return createAuditHost(options, new Map([[FILE, TEXT]]), new Map()).host;
}

describe('the audit host', () => {
  it("shares the standard library's parse between hosts of the same target, not the project's own files", () => {
    const [a, b] = [
      hostOf({ target: ts.ScriptTarget.ES2020, strict: true }),
      hostOf({ target: ts.ScriptTarget.ES2020 }),
    ];
    expect(a.getSourceFile(LIB, ts.ScriptTarget.ES2020)).toBe(b.getSourceFile(LIB, ts.ScriptTarget.ES2020));
    expect(hostOf({ target: ts.ScriptTarget.ES5 }).getSourceFile(LIB, ts.ScriptTarget.ES5)).not.toBe(
      a.getSourceFile(LIB, ts.ScriptTarget.ES2020),
    );
    expect(a.getSourceFile(FILE, ts.ScriptTarget.ES2020)).not.toBe(b.getSourceFile(FILE, ts.ScriptTarget.ES2020));
  });

  it("shares an installed declaration file's parse between hosts until its text changes", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-host-'));
    try {
      // As TypeScript names files: absolute, with forward slashes.
      const typings = path.join(dir, 'node_modules/wx-typings/index.d.ts').split(path.sep).join('/');
      fs.mkdirSync(path.dirname(typings), { recursive: true });
      fs.writeFileSync(typings, 'declare const wx: { version: string }\n');
      const first = hostOf({ target: ts.ScriptTarget.ES2020 }).getSourceFile(typings, ts.ScriptTarget.ES2020);
      expect(first?.text).toContain('string');
      const other = hostOf({ target: ts.ScriptTarget.ES2020, strict: true });
      expect(other.getSourceFile(typings, ts.ScriptTarget.ES2020)).toBe(first);

      fs.writeFileSync(typings, 'declare const wx: { version: number }\n');
      const changed = hostOf({ target: ts.ScriptTarget.ES2020 }).getSourceFile(typings, ts.ScriptTarget.ES2020);
      expect(changed?.text).toContain('number');
      // A file that is not there is not there, as on TypeScript's own host.
      expect(other.getSourceFile(`${path.dirname(typings)}/missing.d.ts`, ts.ScriptTarget.ES2020)).toBeUndefined();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('type-checks each program against the shared library as against its own', () => {
    const errorsOf = (options: ts.CompilerOptions) =>
      ts
        .createProgram({ rootNames: [FILE], options, host: hostOf(options) })
        .getSemanticDiagnostics()
        .map((d) => `${d.file?.fileName} TS${d.code}`);
    const options = { target: ts.ScriptTarget.ES2020, lib: ['lib.es5.d.ts'], noEmit: true, types: [] };
    expect(errorsOf({ ...options, strict: true })).toEqual([`${FILE} TS2322`]);
    expect(errorsOf({ ...options, noImplicitAny: false })).toEqual([`${FILE} TS2322`]);
  });
});
