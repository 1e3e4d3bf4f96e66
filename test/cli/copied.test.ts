/**
 * Code that Taro's copy option copies without bundling it (a native SDK folder, a single
 * script): the package's runtime cannot be imported there, so the codemod refuses to give it
 * a package import, leaves it byte for byte and names the way out (a standalone runtime that
 * the copy takes along, `--runtime local=…`), which then works. The patterns are read from the
 * project's config text (src/rewrite/file/taro-config.ts); the jscodeshift transform refuses the same,
 * and the audit lists such calls for a person.
 * Uses dist/ (npm run build).
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyPatternsIn } from '../../src/rewrite/file/taro-config';
import { runJscodeshift } from '../helpers/jscodeshift';
import {
  assertBuilt,
  auditInProcess,
  cleanupProjects,
  makeProject,
  read,
  runJsonInProcess,
  mainInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const CONFIG = `import { defineConfig } from '@tarojs/cli'
const native = 'src/computed/'
export default defineConfig(async (merge) => {
  const base = {
    sourceRoot: 'src',
    copy: {
      patterns: [
        { from: 'src/native/', to: 'dist/native/' },
        { from: \`src/one.js\`, to: 'dist/one.js' },
        { from: native, to: 'dist/computed/' },
      ],
      options: {},
    },
  }
  return merge({}, base)
})
`;
const SDK = 'module.exports = function play(p) { wx.playVoice({ filePath: p }) }\n';
const ONE = 'wx.startRecord({})\n';
const PAGE = "import Taro from '@tarojs/taro'\nTaro.startRecord({})\n";
const taroProject = (extra: Record<string, string> = {}, config = CONFIG) =>
  makeProject({
    'package.json': JSON.stringify({
      name: 'copies',
      private: true,
      dependencies: { '@tarojs/taro': '4.1.0', 'record-compat-runtime': '*' },
      devDependencies: { 'taro-plugin-record-compat': '*' },
    }),
    'config/index.ts': config,
    'src/native/sdk.js': SDK,
    'src/one.js': ONE,
    'src/pages/index.js': PAGE,
    ...extra,
  });

describe("a Taro config's copy patterns, read from its text", () => {
  const config = path.join(path.sep, 'app', 'config', 'index.ts');
  const froms = (text: string) => copyPatternsIn(text, config);

  it("takes each pattern's from written as a string, a plain template, or path.join / path.resolve of those and __dirname", () => {
    expect(froms(CONFIG)).toEqual({ froms: ['src/native/', 'src/one.js'], unread: 1 });
    expect(froms("module.exports = { copy: { patterns: [{ 'from': 'static/sdk', to: 'dist/sdk' }] } }\n")).toEqual({
      froms: ['static/sdk'],
      unread: 0,
    });
    const built =
      "const path = require('path')\nmodule.exports = { copy: { patterns: [{ from: path.join(__dirname, '..', 'src/native'), to: 'dist/native' }, { from: path.resolve(__dirname, '../vendor/sdk.js'), to: 'dist/sdk.js' }] } }\n";
    expect(froms(built)).toEqual({
      froms: [path.join(path.sep, 'app', 'src', 'native'), path.join(path.sep, 'app', 'vendor', 'sdk.js')],
      unread: 0,
    });
  });

  it('counts what it cannot follow: a from or a copy option built otherwise, a config that does not parse; an empty one is nothing', () => {
    expect(
      froms(
        "export default { copy: { patterns: [{ from: path.resolve('src/native'), to: 'x' }, { from: dir + '/sdk', to: 'y' }] } }\n",
      ),
    ).toEqual({ froms: [], unread: 2 });
    expect(froms('export default { copy: getCopy() }\n')).toEqual({ froms: [], unread: 1 });
    expect(froms('export default {\n')).toEqual({ froms: [], unread: 1 });
    expect(froms('export default { copy: { patterns: [], options: {} } }\n')).toEqual({ froms: [], unread: 0 });
    expect(froms("export default { copy: { patterns: [{ from: '', to: 'dist/' }] } }\n")).toEqual({
      froms: [],
      unread: 0,
    });
  });
});

describe('the codemod on what the copy option copies', () => {
  it('refuses a package import there: failed with the config, the pattern and the way out, the files byte for byte', async () => {
    const dir = taroProject();
    const { code, report } = await runJsonInProcess(dir, ['src']);
    expect(code).toBe(1);
    expect(report.failures).toEqual([
      {
        path: 'src/native/sdk.js',
        line: 1,
        column: null,
        reason:
          "Taro's copy option copies this file without compiling it (config/index.ts: from 'src/native/'), so an import of record-compat-runtime would not resolve in the mini-program; left as it is: migrate it with `npx taro-plugin-record-compat --runtime local=src/native/record-compat.js src/native/`",
      },
      {
        path: 'src/one.js',
        line: 1,
        column: null,
        reason:
          "Taro's copy option copies this file without compiling it (config/index.ts: from 'src/one.js'), so an import of record-compat-runtime would not resolve in the mini-program; left as it is: add src/record-compat.js to the copy patterns, then migrate it with `npx taro-plugin-record-compat --runtime local=src/record-compat.js src/one.js`",
      },
    ]);
    expect([read(dir, 'src/native/sdk.js'), read(dir, 'src/one.js')]).toEqual([SDK, ONE]);
    // the app's own page, which Taro compiles, is migrated as before
    expect(read(dir, 'src/pages/index.js')).toContain("from 'record-compat-runtime'");
  });

  it('the way out it names works: a standalone runtime in the copied folder, or one that another pattern copies', async () => {
    const dir = taroProject();
    const folder = await mainInProcess(dir, ['--runtime', 'local=src/native/record-compat.js', 'src/native/']);
    expect(folder.code, folder.stdout + folder.stderr).toBe(0);
    expect(read(dir, 'src/native/sdk.js')).toBe(
      `var { playVoice } = require('./record-compat')\n${SDK.replace('wx.playVoice', 'playVoice')}`,
    );
    expect(fs.existsSync(path.join(dir, 'src/native/record-compat.js'))).toBe(true);

    // a runtime beside the copied file that no pattern copies: still refused
    spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qam', 'native migrated'], { cwd: dir });
    spawnSync('git', ['add', '-A'], { cwd: dir });
    spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qm', 'runtime'], { cwd: dir });
    const alone = await runJsonInProcess(dir, ['--runtime', 'local=src/record-compat.js', 'src/one.js']);
    expect(alone.report.failures).toEqual([
      expect.objectContaining({
        path: 'src/one.js',
        reason: expect.stringMatching(
          /so the runtime it would import \(\.\/record-compat\) is not copied with it; left as it is: add src\/record-compat\.js to the copy patterns/,
        ),
      }),
    ]);
    expect(read(dir, 'src/one.js')).toBe(ONE);

    // once the config copies it too, the file is migrated
    fs.writeFileSync(
      path.join(dir, 'config/index.ts'),
      CONFIG.replace(
        "{ from: native, to: 'dist/computed/' },",
        "{ from: 'src/record-compat.js', to: 'dist/record-compat.js' },",
      ),
    );
    spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qam', 'copy the runtime'], { cwd: dir });
    const copied = await mainInProcess(dir, ['--runtime', 'local=src/record-compat.js', 'src/one.js']);
    expect(copied.code, copied.stdout + copied.stderr).toBe(0);
    expect(read(dir, 'src/one.js')).toBe("var { startRecord } = require('./record-compat')\nstartRecord({})\n");
  });

  it('reads a from that path.join builds, and names a project whose patterns it cannot follow', async () => {
    const built =
      "const path = require('path')\nconst extra = require('./extra')\nmodule.exports = { copy: { patterns: [{ from: path.join(__dirname, '..', 'src/native'), to: 'dist/native' }, { from: extra.sdk, to: 'dist/sdk' }] } }\n";
    const dir = taroProject({ 'config/index.ts': '', 'config/index.js': built });
    fs.rmSync(path.join(dir, 'config/index.ts'));
    spawnSync('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', 'commit', '-qam', 'js config'], { cwd: dir });
    const { report } = await runJsonInProcess(dir, ['--dry', 'src']);
    expect(report.failures).toEqual([
      expect.objectContaining({
        path: 'src/native/sdk.js',
        reason: expect.stringContaining("(config/index.js: from 'src/native')"),
      }),
    ]);
    expect(report.warnings).toEqual([
      "config/index.js: a copy pattern is built by code this tool does not follow (it reads strings, and path.join / path.resolve of them and __dirname): a file Taro copies without bundling would not resolve the runtime's import; check that none of the files that would change is copied (then migrate its folder with --runtime local=<folder>/record-compat.js)",
    ]);
  });

  it('names a copy glob it does not read (an extglob), with the glob, and guesses no file copied by it', async () => {
    const config = "module.exports = { copy: { patterns: [{ from: 'src/@(native|sdk)/*.js', to: 'dist/native' }] } }\n";
    const dir = taroProject({ 'config/index.ts': config });
    const { report } = await runJsonInProcess(dir, ['--dry', '--force', 'src/pages']);
    expect(report.summary.changed).toBe(1);
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^config\/index\.ts: the copy pattern 'src\/@\(native\|sdk\)\/\*\.js' uses glob syntax this tool does not match \(an extglob/,
      ),
    ]);
  });

  it('names a config it cannot read', async () => {
    const dir = taroProject();
    fs.rmSync(path.join(dir, 'config/index.ts'));
    spawnSync('mkfifo', [path.join(dir, 'config/index.ts')]);
    const { report } = await runJsonInProcess(dir, ['--dry', '--force', 'src/pages']);
    expect(report.summary.changed).toBe(1);
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^config\/index\.ts: could not read it \(.+\), so which files its copy option copies is not known: a file Taro copies/,
      ),
    ]);
  });

  it('finds the Taro project above a copied SDK folder that has a package.json of its own', async () => {
    const dir = taroProject({ 'src/native/package.json': JSON.stringify({ name: 'native-sdk', version: '1.0.0' }) });
    const { report } = await runJsonInProcess(dir, ['--dry', 'src/native']);
    expect(report.failures).toEqual([
      expect.objectContaining({
        path: 'src/native/sdk.js',
        reason: expect.stringMatching(
          /^Taro's copy option copies this file without compiling it \(config\/index\.ts: from 'src\/native\/'\), so an import of record-compat-runtime\/native would not resolve/,
        ),
      }),
    ]);
  });

  it('asks only Taro projects: a native mini-program has no copy option', async () => {
    const native = makeProject({
      'package.json': '{ "name": "native" }',
      'config/index.ts': CONFIG,
      'src/native/sdk.js': SDK,
    });
    const { report } = await runJsonInProcess(native, ['--dry', 'src']);
    expect(report.failures).toEqual([]);
    expect(report.summary.changed).toBe(1);
  });
});

describe('the audit on what the copy option copies', () => {
  it('lists its calls for a person with the same reason, not as handled by the rewrite', async () => {
    const dir = taroProject();
    const r = await auditInProcess(dir, ['--json', 'src']);
    const findings = JSON.parse(r.stdout).findings as { file: string; status: string; reason: string }[];
    expect(findings.filter((f) => f.file === 'src/native/sdk.js')).toEqual([
      expect.objectContaining({
        status: 'manual',
        reason: expect.stringMatching(
          /^Taro's copy option copies this file without compiling it \(config\/index\.ts: from 'src\/native\/'\)/,
        ),
      }),
    ]);
    expect(findings.filter((f) => f.file === 'src/one.js').map((f) => f.status)).toEqual(['manual']);
  });

  it('warns, as the codemod does, of a config whose patterns it cannot all read when the rewrite takes a file of its project', async () => {
    const warningsOf = async (dir: string) =>
      JSON.parse((await auditInProcess(dir, ['--json', 'src'])).stdout).warnings as string[];
    const about = (warnings: string[]) => warnings.filter((w) => w.startsWith('config/index.ts:'));
    expect(about(await warningsOf(taroProject()))).toEqual([
      "config/index.ts: a copy pattern is built by code this tool does not follow (it reads strings, and path.join / path.resolve of them and __dirname): a file Taro copies without bundling would not resolve the runtime's import; check that none of the files whose references are handled by the rewrite is copied (then migrate its folder with --runtime local=<folder>/record-compat.js)",
    ]);
    // Every pattern read: nothing to say.
    expect(
      about(await warningsOf(taroProject({}, CONFIG.replace("{ from: native, to: 'dist/computed/' },\n", '')))),
    ).toEqual([]);
  });

  it('lists the calls the type checker does not see there too (Taro not installed), for a person, not as places the rewrite takes', async () => {
    const dir = taroProject({
      'src/native/taro-sdk.js': "import Taro from '@tarojs/taro'\nexport const done = () =>   Taro.stopRecord()\n",
    });
    const result = JSON.parse((await auditInProcess(dir, ['--json', 'src'])).stdout) as {
      findings: {
        file: string;
        line: number;
        column: number;
        expression: string;
        api: string;
        status: string;
        reason: string;
      }[];
      rewriteOnly: { file: string }[];
      needsPerson: number;
    };
    // No typings for @tarojs/taro: the checker finds none of the Taro calls; the page's is the rewrite's alone.
    expect(result.rewriteOnly.map((s) => s.file)).toEqual(['src/pages/index.js']);
    expect(result.findings.filter((f) => f.file === 'src/native/taro-sdk.js')).toEqual([
      expect.objectContaining({
        line: 2,
        column: 29,
        expression: 'Taro.stopRecord()',
        api: 'stopRecord',
        status: 'manual',
        reason: expect.stringMatching(
          /^Taro's copy option copies this file without compiling it \(config\/index\.ts: from 'src\/native\/'\)/,
        ),
      }),
    ]);
    expect(result.needsPerson).toBe(result.findings.filter((f) => f.status === 'manual').length);
    expect(result.needsPerson).toBe(3);
  });
});

describe('the jscodeshift transform on what the copy option copies', () => {
  it('fails the file with the same reason and leaves it as it was', async () => {
    const dir = taroProject();
    const r = await runJscodeshift(['src/native/sdk.js'], dir);
    expect(r.stdout + r.stderr).toContain(
      "Taro's copy option copies this file without compiling it (config/index.ts: from 'src/native/')",
    );
    expect(r.stdout).toMatch(/1 errors/);
    expect(read(dir, 'src/native/sdk.js')).toBe(SDK);
  });

  it('warns of a file it changes in a project whose copy patterns it cannot all read, as the codemod does', async () => {
    const transform = (dir: string) => runJscodeshift(['src/pages/index.js'], dir);
    // Both projects at once: each run is a whole jscodeshift process.
    const [unread, known] = await Promise.all([
      transform(taroProject()),
      transform(taroProject({}, CONFIG.replace("{ from: native, to: 'dist/computed/' },\n", ''))),
    ]);
    expect(unread.stdout).toContain(
      "REP src/pages/index.js warning: config/index.ts: a copy pattern is built by code this tool does not follow (it reads strings, and path.join / path.resolve of them and __dirname): a file Taro copies without bundling would not resolve the runtime's import; check that this file is not copied (then migrate its folder with --runtime local=<folder>/record-compat.js)",
    );
    expect(unread.stdout).toMatch(/1 ok/);
    // Every pattern read: the file changes, nothing to say.
    expect(known.stdout).toMatch(/1 ok/);
    expect(known.stdout).not.toContain('warning');
  });
});
