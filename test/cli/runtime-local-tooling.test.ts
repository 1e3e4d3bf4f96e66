/**
 * The copy `--runtime local` writes into a plain-JS native mini-program, as the project's own
 * tools see it:
 * - TypeScript (an editor, `audit --verify`): the `.d.ts` beside the `.js` copy types the
 *   callbacks given to its functions, as the WeChat typings typed them before, so verify finds
 *   no new diagnostic (without it, in a project that checks strictly: TS7006, "Parameter 'res'
 *   implicitly has an 'any' type"); a project with no config is checked as TypeScript 5 checked
 *   it, not strictly (a config that leaves `strict` unset: test/e2e/audit-project-typescript.test.ts);
 * - ESLint 9 and 8 with a plain config (no typescript-eslint): the copy names no plugin's rule
 *   in a directive, so linting it reports nothing.
 * Real git repositories, the built CLI (dist/: npm run build).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempProject } from '../helpers/temp-project';
import {
  assertBuilt,
  auditInProcess,
  auditJsonInProcess,
  cleanupProjects,
  makeProject,
  read,
  mainInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

/** A plain-JS mini-program as WeChat's devtools create one: no tsconfig, no package.json, no typings. */
const NATIVE_APP = {
  'project.config.json': '{ "compileType": "miniprogram", "appid": "touristappid" }\n',
  'app.json': '{ "pages": ["pages/p/p"] }\n',
  'app.js': 'App({})\n',
  'pages/p/p.js':
    'Page({\n  rec() {\n    wx.startRecord({\n      success(res) {\n        console.log(res.tempFilePath)\n      }\n    })\n  },\n  play() {\n    wx.playVoice({ filePath: this.data.path, complete(res) { console.log(res.errMsg) } })\n  }\n})\n',
};

describe('audit --verify after --runtime local in a plain-JS mini-program', () => {
  it('finds no new diagnostic: the .d.ts beside the copy types the callbacks (without it, TS7006 at each one)', async () => {
    const dir = makeProject(NATIVE_APP);
    const migrated = await mainInProcess(dir, ['--runtime', 'local', '.']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(read(dir, 'pages/p/p.js')).toContain("require('../../utils/record-compat')");
    expect(fs.existsSync(path.join(dir, 'utils/record-compat.d.ts'))).toBe(true);

    const verify = await auditJsonInProcess(dir, ['--verify', '.']);
    expect(verify.report.verify).toMatchObject({ baseline: 'HEAD', migratedFiles: ['pages/p/p.js'], introduced: [] });
    expect(verify.code, verify.stderr).toBe(0);
    const text = await auditInProcess(dir, ['--verify', '--no-color', '.']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('no new type errors');

    // The control: without the declaration file, a project that checks its JavaScript strictly
    // (a jsconfig.json asking for it) gets TS7006 at each callback.
    fs.rmSync(path.join(dir, 'utils/record-compat.d.ts'));
    fs.writeFileSync(path.join(dir, 'jsconfig.json'), '{ "compilerOptions": { "checkJs": true, "strict": true } }\n');
    const untyped = await auditJsonInProcess(dir, ['--verify', '.']);
    expect(untyped.code).toBe(1);
    expect(untyped.report.verify.introduced).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          file: 'pages/p/p.js',
          code: 7006,
          message: "Parameter 'res' implicitly has an 'any' type.",
        }),
      ]),
    );
  }, 240_000);
});

describe('audit --verify in a plain-JS mini-program with no tsconfig or jsconfig', () => {
  it('checks it as TypeScript 5 did, not strictly: an optional field of a runtime result is no new error (TypeScript 6, which ts-morph runs, is strict by default)', async () => {
    // WeChat's typings give stopRecord's success no tempFilePath (TS2339 before); the runtime's
    // result has it optional: `string | undefined` into a `string` field is TS2322 only when strict.
    const dir = makeProject({
      ...NATIVE_APP,
      'pages/p/p.js':
        "Page({\n  file: '',\n  stop() {\n    wx.stopRecord({\n      success: (res) => {\n        this.file = res.tempFilePath\n      }\n    })\n  }\n})\n",
    });
    const migrated = await mainInProcess(dir, ['--runtime', 'local', '.']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(read(dir, 'pages/p/p.js')).toContain("require('../../utils/record-compat')");

    const verify = await auditJsonInProcess(dir, ['--verify', '.']);
    expect(verify.report.verify).toMatchObject({ migratedFiles: ['pages/p/p.js'], introduced: [] });
    expect(verify.code, verify.stderr).toBe(0);
  }, 240_000);
});

const ESLINT9 = path.join(path.dirname(require.resolve('eslint/package.json')), 'bin/eslint.js');
const ESLINT8 = path.join(path.dirname(require.resolve('eslint8/package.json')), 'bin/eslint.js');

/**
 * Configs a native mini-program lints its JavaScript with: ESLint's own rules, no plugin; a directive left unused is an
 * error too.
 */
const LINTERS: { name: string; bin: string; args: string[]; files: Record<string, string> }[] = [
  {
    name: 'ESLint 9, eslint.config.cjs',
    bin: ESLINT9,
    args: [],
    files: {
      'eslint.config.cjs':
        "module.exports = [{ files: ['**/*.js'], languageOptions: { sourceType: 'script', ecmaVersion: 2022 }, linterOptions: { reportUnusedDisableDirectives: 'error' }, rules: { 'no-debugger': 'error', 'no-unused-vars': 'off' } }];\n",
    },
  },
  {
    name: 'ESLint 8.57, .eslintrc.json',
    bin: ESLINT8,
    args: ['--report-unused-disable-directives'],
    files: {
      '.eslintrc.json':
        JSON.stringify({
          root: true,
          parserOptions: { ecmaVersion: 2022, sourceType: 'script' },
          rules: { 'no-debugger': 'error' },
        }) + '\n',
    },
  },
];

describe.each(LINTERS)('$name, on a project holding only the written copy', ({ bin, args, files }) => {
  let copy: Record<string, string>;
  beforeAll(async () => {
    const dir = makeProject(NATIVE_APP);
    expect((await mainInProcess(dir, ['--runtime', 'local', '.'])).code).toBe(0);
    copy = {
      'utils/record-compat.js': read(dir, 'utils/record-compat.js'),
      'utils/record-compat.d.ts': read(dir, 'utils/record-compat.d.ts'),
    };
  });

  function lint(tree: Record<string, string>): {
    status: number | null;
    stderr: string;
    linted: string[];
    messages: string[];
  } {
    const dir = makeTempProject({ ...tree, ...files }, { git: false, prefix: 'record-compat-lint-copy-' });
    const env = { ...process.env };
    delete env.ESLINT_USE_FLAT_CONFIG; // each ESLint in its own default mode
    const r = spawnSync(process.execPath, [bin, '--format', 'json', ...args, '.'], { cwd: dir, encoding: 'utf8', env });
    const results = JSON.parse(r.stdout || '[]') as {
      filePath: string;
      messages: { ruleId: string | null; message: string; line: number }[];
    }[];
    return {
      status: r.status,
      stderr: r.stderr,
      linted: results.map((result) => path.relative(dir, result.filePath).split(path.sep).join('/')),
      messages: results.flatMap((result) =>
        result.messages.map((m) => `${path.basename(result.filePath)}:${m.line} ${m.ruleId}: ${m.message}`),
      ),
    };
  }

  it('reports nothing (no "Definition for rule … was not found", no unused directive)', () => {
    const r = lint(copy);
    expect(r.linted).toContain('utils/record-compat.js');
    expect(r.messages).toEqual([]);
    expect(r.status, r.stderr).toBe(0);
    // The control: a directive naming typescript-eslint's rule is what such a project fails on.
    const named = lint({
      'utils/record-compat.js':
        '/* eslint-disable @typescript-eslint/no-explicit-any */\n' + copy['utils/record-compat.js'],
    });
    expect(named.status).toBe(1);
    expect(named.messages.join('\n')).toMatch(
      /Definition for rule '@typescript-eslint\/no-explicit-any' was not found/,
    );
  });
});

describe('the .ts copy of a TypeScript mini-program, linted with typescript-eslint (ESLint 9)', () => {
  /** The .ts copy the codemod writes into a strict TypeScript mini-program. */
  async function tsCopy(): Promise<string> {
    const app = makeProject({ ...NATIVE_APP, 'tsconfig.json': '{ "compilerOptions": { "strict": true } }\n' });
    expect((await mainInProcess(app, ['--runtime', 'local', '.'])).code).toBe(0);
    return read(app, 'utils/record-compat.ts');
  }
  /** The copy in a project linting its TypeScript with this config; ESLint's JSON results. */
  function lintTsCopy(copy: string, config: string) {
    const dir = makeTempProject(
      { 'utils/record-compat.ts': copy, 'eslint.config.cjs': config },
      { git: false, prefix: 'record-compat-lint-ts-copy-' },
    );
    const r = spawnSync(process.execPath, [ESLINT9, '--format', 'json', 'utils/record-compat.ts'], {
      cwd: dir,
      encoding: 'utf8',
    });
    const results = JSON.parse(r.stdout || '[]') as {
      messages: { severity: number; ruleId: string | null; message: string }[];
    }[];
    return {
      status: r.status,
      stderr: r.stderr,
      errors: results.flatMap((x) =>
        x.messages.filter((m) => m.severity === 2).map((m) => `${m.ruleId}: ${m.message}`),
      ),
    };
  }
  const tseslint = JSON.stringify(require.resolve('typescript-eslint'));

  it("reports no error with its recommended rules (the copy holds the sources' any), nor with its parser alone", async () => {
    const copy = await tsCopy();
    const recommended = lintTsCopy(
      copy,
      `const tseslint = require(${tseslint});\nmodule.exports = tseslint.config({ files: ['**/*.ts'], extends: [...tseslint.configs.recommended] });\n`,
    );
    expect([recommended.status, recommended.errors], recommended.stderr).toEqual([0, []]);
    const parserOnly = lintTsCopy(
      copy,
      `const tseslint = require(${tseslint});\nmodule.exports = [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: { 'no-debugger': 'error' } }];\n`,
    );
    expect([parserOnly.status, parserOnly.errors], parserOnly.stderr).toEqual([0, []]);
  });
});
