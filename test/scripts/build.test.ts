/**
 * `node scripts/build.mjs --if-changed` (npm run test:unit) builds nothing only when the inputs are byte for byte the
 * ones the last successful build was made from, and its outputs are still there. On a small repository of its own.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';

type BuildScript = {
  /** One output of each build step, and the file holding the hash of the inputs the last build read. */
  OUTPUTS: string[];
  STAMP: string;
  inputsHash(at: string): string;
  upToDate(hash: string, at: string): boolean;
};

let repo: string;
let script: BuildScript;

function write(rel: string, text: string): void {
  mkdirSync(dirname(join(repo, rel)), { recursive: true });
  writeFileSync(join(repo, rel), text);
}

/** What a successful build leaves: its outputs, and the hash of the inputs it read. */
function built(): void {
  for (const out of script.OUTPUTS) write(out, '');
  write(script.STAMP, script.inputsHash(repo));
}

beforeEach(async () => {
  script = (await import(pathToFileURL(join(ROOT, 'scripts', 'build.mjs')).href)) as BuildScript;
  repo = mkdtempSync(join(os.tmpdir(), 'record-compat-build-'));
  write('package.json', '{}\n');
  write('src/cli/run.ts', 'export const a = 1;\n');
  write('scripts/build.mjs', '// build\n');
  write('README.md', '# app\n');
});

afterEach(() => rmSync(repo, { recursive: true, force: true }));

describe('build --if-changed', () => {
  it('is up to date after a build, and stays so when only files it does not read change', () => {
    expect(script.upToDate(script.inputsHash(repo), repo)).toBe(false);
    built();
    expect(script.upToDate(script.inputsHash(repo), repo)).toBe(true);
    write('README.md', '# app, changed\n');
    write('test/a.test.ts', 'it();\n');
    expect(script.upToDate(script.inputsHash(repo), repo)).toBe(true);
  });

  it('builds again when a source byte changes, a source is added, a setting changes or an output is gone', () => {
    built();
    write('src/cli/run.ts', 'export const a = 2;\n');
    expect(script.upToDate(script.inputsHash(repo), repo)).toBe(false);
    built();
    write('src/cli/new.ts', '\n');
    expect(script.upToDate(script.inputsHash(repo), repo)).toBe(false);
    built();
    write('tsconfig.json', '{ "compilerOptions": {} }\n');
    expect(script.upToDate(script.inputsHash(repo), repo)).toBe(false);
    built();
    rmSync(join(repo, 'packages/runtime/dist'), { recursive: true });
    expect(script.upToDate(script.inputsHash(repo), repo)).toBe(false);
  });
});
