/**
 * The rewritten TypeScript must type-check wherever the original did: every
 * TS/TSX fixture is checked before and after, against Taro's real typings and the
 * runtime's own declarations, and the rewrite may not add a single diagnostic.
 */
import path from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { createProgram } from '../helpers/typescript';

const ROOT = path.join(__dirname, '../..');
const FIXTURES = path.join(ROOT, '__testfixtures__');

const compilerOptions: ts.CompilerOptions = {
  strict: true,
  // Taro's project template sets it: an import the rewrite leaves unread is an error there (TS6133).
  noUnusedLocals: true,
  noEmit: true,
  skipLibCheck: true,
  target: ts.ScriptTarget.ES2020,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  jsx: ts.JsxEmit.Preserve,
  esModuleInterop: true,
  baseUrl: ROOT,
  // the package as a user's project resolves it, straight from source
  paths: {
    'record-compat-runtime': ['src/runtime/taro.ts'],
    'record-compat-runtime/native': ['src/runtime/native.ts'],
  },
  types: ['miniprogram-api-typings'],
  typeRoots: [path.join(ROOT, 'node_modules')],
};

/** Diagnostics of one file, as comparable text (line numbers differ between input and output). */
function diagnosticsOf(files: Map<string, string>): Map<string, string[]> {
  const program = createProgram([...files.keys()], compilerOptions, files);
  const result = new Map<string, string[]>();
  for (const file of files.keys()) {
    const source = program.getSourceFile(file)!;
    const messages = [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map(
      (d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
    );
    result.set(file, messages);
  }
  return result;
}

const tsFixtures = readdirSync(FIXTURES)
  .filter((file) => /\.input\.tsx?$/.test(file))
  .sort();

describe('type-checking after the rewrite', () => {
  // Inputs and outputs are checked as two separate programs: both sets declare the same names.
  const inputs = new Map(
    tsFixtures.map((f) => [
      path.join(FIXTURES, 'in', f.replace('.input', '')),
      readFileSync(path.join(FIXTURES, f), 'utf8'),
    ]),
  );
  const outputs = new Map(
    tsFixtures.map((f) => [
      path.join(FIXTURES, 'out', f.replace('.input', '')),
      readFileSync(path.join(FIXTURES, f.replace('.input.', '.output.')), 'utf8'),
    ]),
  );
  const before = diagnosticsOf(inputs);
  const after = diagnosticsOf(outputs);

  it.each(tsFixtures.map((f) => f.replace('.input', '')))('%s adds no diagnostic', (name) => {
    const original = before.get(path.join(FIXTURES, 'in', name))!;
    const rewritten = after.get(path.join(FIXTURES, 'out', name))!;
    const added = rewritten.filter((message) => !original.includes(message));
    expect(added).toEqual([]);
  });

  it('really type-checks: a wrong use of the runtime is caught', () => {
    const broken = new Map([
      [
        path.join(FIXTURES, 'out', 'broken.ts'),
        "import { startRecord } from 'record-compat-runtime'\nstartRecord({ success: (res) => res.noSuchField.trim() })\n",
      ],
    ]);
    const messages = diagnosticsOf(broken).get(path.join(FIXTURES, 'out', 'broken.ts'))!;
    expect(messages.join('\n')).toMatch(/noSuchField/);
  });
});
