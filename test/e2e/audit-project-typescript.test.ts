/**
 * The audit runs ts-morph's TypeScript (6), strict by default; a project's own TypeScript 5 is
 * not. A config that leaves `strict` unset is checked as the project's own TypeScript checks it,
 * so `audit --verify` reports no error that project's `tsc` would never give. The project's
 * TypeScript is a real one: the repository's 5, and 6 from the npm registry.
 */
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanupProjects, makeProject, runCli, runJson } from '../cli/helpers';
import { packageFromRegistry } from './helpers/node-from-registry';

const TYPESCRIPT_6 = '6.0.3';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

describe("audit --verify with a config that leaves strict unset: as the project's own TypeScript checks it", () => {
  it('not strictly with TypeScript 5 (no new error), strictly with TypeScript 6 (TS2322)', async () => {
    const typescript6 = await packageFromRegistry(
      'typescript',
      TYPESCRIPT_6,
      `typescript@${TYPESCRIPT_6} is not to be had from the npm registry`,
    );
    // A plain-JS mini-program that asks for its JavaScript to be checked, nothing about strictness.
    // WeChat's typings give stopRecord's success no tempFilePath; the runtime's result has it
    // optional: `string | undefined` into a `string` field is TS2322 only when strict.
    const dir = makeProject({
      'project.config.json': '{ "compileType": "miniprogram", "appid": "touristappid" }\n',
      'app.json': '{ "pages": ["pages/p/p"] }\n',
      'app.js': 'App({})\n',
      'jsconfig.json': '{ "compilerOptions": { "checkJs": true } }\n',
      'pages/p/p.js':
        "Page({\n  file: '',\n  stop() {\n    wx.stopRecord({\n      success: (res) => {\n        this.file = res.tempFilePath\n      }\n    })\n  }\n})\n",
    });
    const migrated = runCli(dir, ['--runtime', 'local', '.']);
    expect(migrated.code, migrated.stderr).toBe(0);
    // The project's TypeScript, installed after the migration (the codemod wants a clean tree).
    const installed = path.join(dir, 'node_modules/typescript');
    const install = (folder: string) => {
      fs.rmSync(installed, { recursive: true, force: true });
      fs.mkdirSync(path.dirname(installed), { recursive: true });
      fs.symlinkSync(folder, installed, 'dir');
    };

    install(path.dirname(require.resolve('typescript/package.json')));
    expect(JSON.parse(fs.readFileSync(path.join(installed, 'package.json'), 'utf8')).version).toMatch(/^5\./);
    const five = runJson(dir, ['audit', '--verify', '.']);
    expect(five.report.verify).toMatchObject({ migratedFiles: ['pages/p/p.js'], introduced: [] });
    expect(five.code, five.stderr).toBe(0);

    install(typescript6);
    const six = runJson(dir, ['audit', '--verify', '.']);
    expect(six.report.verify.introduced).toEqual([expect.objectContaining({ file: 'pages/p/p.js', code: 2322 })]);
    expect(six.code).toBe(1);
  }, 600_000);
});
