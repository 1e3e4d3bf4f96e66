/**
 * The doors handed one file at a time (the Babel plugin `taro-plugin-record-compat/babel`, the
 * jscodeshift transform) take what they are not told from the file's project, as the codemod
 * does (src/rewrite/project/project-options.ts, givenOptionsFor): the runtime entry (the native one in a
 * mini-program without Taro) and Taro's wrapper (kept on Taro < 3.3.1). Real Babel, real
 * jscodeshift, real projects on disk.
 */
import { transformSync } from '@babel/core';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import jscodeshift from 'jscodeshift';
import * as path from 'path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import babelDoor from '../../src/babel';
import { rewriteFile, rewriteOptionsFor, TaroProjectLookup, type RewriteOptions } from '../../src/rewrite';
import transform from '../../transforms/record-compat';
import { makeTempProject, removeTempProjects, type Tree } from '../helpers/temp-project';

afterAll(removeTempProjects);

const NATIVE_PAGE =
  'Page({\n  record() {\n    wx.startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })\n  },\n})\n';
const TARO_PAGE =
  "import Taro from '@tarojs/taro'\n\nexport function record(page) {\n  Taro.startRecord({ success: (res) => page.setState({ file: res.tempFilePath }) }).then(() => page.upload())\n}\n";

function project(files: Tree): string {
  return makeTempProject(files, { git: false, prefix: 'record-compat-one-file-' });
}

/** The Babel door on a file of the project, as a build hands it over: its text and its name. */
function babel(file: string, options?: RewriteOptions): string {
  const result = transformSync(fs.readFileSync(file, 'utf8'), {
    filename: file,
    babelrc: false,
    configFile: false,
    plugins: [options ? [babelDoor, options] : babelDoor],
  });
  return result!.code!;
}

/** The transform on a file of the project, as jscodeshift runs it (its own options beside ours). */
function shift(file: string, options: Record<string, unknown> = {}): string | undefined {
  const j = jscodeshift.withParser('babel');
  const api = { j, jscodeshift: j, stats: () => undefined, report: () => undefined };
  return transform({ path: file, source: fs.readFileSync(file, 'utf8') }, api as never, {
    parser: 'babel',
    ...options,
  });
}

/** What the codemod writes for the file (the options it takes for it, project-options.ts). */
function codemod(file: string): string | null {
  const text = fs.readFileSync(file, 'utf8');
  return rewriteFile(
    text,
    file,
    rewriteOptionsFor(file, text, { routeRecorderManager: false }, new TaroProjectLookup()),
  ).output;
}

describe('the runtime entry, chosen per file when importSource is not given', () => {
  it("a native mini-program's page (no Taro in its package.json) imports the native entry, as the codemod's does", () => {
    const dir = project({
      'package.json': JSON.stringify({ name: 'mp', dependencies: { 'taro-plugin-record-compat': '*' } }),
      'app.json': '{"pages":["pages/index/index"]}',
      'pages/index/index.js': NATIVE_PAGE,
    });
    const file = path.join(dir, 'pages/index/index.js');
    expect(codemod(file)).toContain("require('record-compat-runtime/native')");
    expect(babel(file)).toContain('"record-compat-runtime/native"');
    expect(shift(file)).toBe(codemod(file));
  });

  it("a Taro project's file imports the Taro entry; a given importSource wins over the choice", () => {
    const dir = project({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^4.0.0' } }),
      'src/page.js': NATIVE_PAGE,
    });
    const file = path.join(dir, 'src/page.js');
    expect(babel(file)).toContain('"record-compat-runtime"');
    expect(shift(file)).toBe(codemod(file));
    expect(shift(file)).toContain("require('record-compat-runtime')");
    const native = project({ 'package.json': '{"name":"mp"}', 'page.js': NATIVE_PAGE });
    expect(babel(path.join(native, 'page.js'), { importSource: './record-compat' })).toContain('"./record-compat"');
    expect(shift(path.join(native, 'page.js'), { importSource: './record-compat' })).toContain(
      "require('./record-compat')",
    );
  });
});

describe("Taro's wrapper, read from the project's installed Taro when taroWrapper is not given", () => {
  const installed = (version: string) =>
    project({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^3.0.0' } }),
      'node_modules/@tarojs/taro/package.json': JSON.stringify({ name: '@tarojs/taro', version }),
      'src/record.js': TARO_PAGE,
    });

  it('on Taro 3.2.0 the Babel door keeps the Promise (startRecordWrapped), as the codemod and the transform do', () => {
    const file = path.join(installed('3.2.0'), 'src/record.js');
    expect(codemod(file)).toContain('startRecordWrapped({ success:');
    expect(shift(file)).toBe(codemod(file));
    expect(babel(file)).toMatch(/\bstartRecordWrapped\(\{\s*success:/);
    // told otherwise, it does as told
    expect(babel(file, { taroWrapper: false })).not.toContain('startRecordWrapped');
  });

  it('on Taro 3.3.1 it follows WeChat (startRecord)', () => {
    const file = path.join(installed('3.3.1'), 'src/record.js');
    const out = babel(file);
    expect(out).toMatch(/\bstartRecord\(\{\s*success:/);
    expect(out).not.toContain('startRecordWrapped');
  });
});

describe('what the Babel door leaves, said on stderr (a plain Babel build has no summary of its own)', () => {
  const BUILT = path.join(__dirname, '../../dist/src/babel.js');
  /** A real Node process compiling the files with @babel/core and the built plugin, from `cwd`: its stderr. */
  function babelStderr(cwd: string, files: string[]): string {
    expect(fs.existsSync(BUILT), 'run `npm run build` first').toBe(true);
    const script = `const babel = require(${JSON.stringify(require.resolve('@babel/core'))});
for (const file of ${JSON.stringify(files)}) babel.transformFileSync(file, { babelrc: false, configFile: false, plugins: [${JSON.stringify(BUILT)}] });`;
    const run = spawnSync(process.execPath, ['-e', script], { cwd, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    return run.stderr;
  }

  it('each place left for manual review is one line: path from the cwd, line, column, reason', () => {
    const dir = project({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^3.6.0' } }),
      'node_modules/@tarojs/taro/package.json': JSON.stringify({ name: '@tarojs/taro', version: '3.6.0' }),
      'src/pages/record.js': "import Taro from '@tarojs/taro'\n\nexport const api = Taro\nTaro.startRecord({})\n",
      'src/clean.js': "import Taro from '@tarojs/taro'\n\nTaro.startRecord({})\n",
    });
    const stderr = babelStderr(dir, ['src/pages/record.js', 'src/clean.js']);
    const lines = stderr.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(
      /^\[taro-plugin-record-compat\] src\/pages\/record\.js:3:20: manual review: Taro is stored or passed on here/,
    );
  });

  it('the calls of a family the families option leaves out: a line per family; a bad family names the option and the allowed ones', () => {
    const dir = project({
      'package.json': '{}',
      'pages/a.js': "wx.startRecord({})\nwx.stopRecord()\nwx.playVoice({ filePath: 'a.silk' })\n",
    });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    try {
      const compile = (options: RewriteOptions) =>
        transformSync(fs.readFileSync(path.join(dir, 'pages/a.js'), 'utf8'), {
          filename: path.join(dir, 'pages/a.js'),
          cwd: dir,
          babelrc: false,
          configFile: false,
          plugins: [[babelDoor, options]],
        });
      const out = compile({ families: ['voice'] })!;
      expect(out.code).toMatch(/^wx\.startRecord\(\{\}\);$/m);
      expect(out.code).not.toContain('wx.playVoice');
      expect(warn.mock.calls.map(([line]) => line)).toEqual([
        '[taro-plugin-record-compat] pages/a.js: left as chosen: 2 calls of record',
      ]);
      expect(() => compile({ families: ['speech'] } as never)).toThrow(
        /\[taro-plugin-record-compat\] invalid rewrite options: option "families" must be a list of families, each one of 'record', 'voice', /,
      );
    } finally {
      warn.mockRestore();
    }
  });

  it('a project whose Taro it cannot tell is warned about once, as the transform does', () => {
    const dir = project({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': 'latest' } }),
      'a.js': TARO_PAGE,
      'b.js': TARO_PAGE,
    });
    const stderr = babelStderr(dir, ['a.js', 'b.js']);
    const warnings = stderr.split('\n').filter((line) => line.includes('warning:'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(
      /^\[taro-plugin-record-compat\] warning: package\.json: @tarojs\/taro "latest" does not tell which Taro the project runs/,
    );
  });
});

describe('the built `…/babel` entry under Babel 6, however a config names it', () => {
  // require: the published CommonJS entry, as a JS config requires it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const entry = () => require(path.join(__dirname, '../../dist/src/babel.js'));
  const BABEL6 = { version: '6.26.3' };

  it('require(…) itself reaches Babel 6 as the plugin: one sentence, not "invalid property BABEL6_MESSAGE"', () => {
    expect(fs.existsSync(path.join(__dirname, '../../dist/src/babel.js')), 'run `npm run build` first').toBe(true);
    // Babel 6 (babel-core 6.26, OptionManager.mergeOptions) deep-copies the options it is given
    // with lodash's cloneDeepWith, then takes a plugin's `default` only if `__esModule` survived.
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- lodash, as Babel 6 calls it
    const cloneDeepWith = require('lodash/cloneDeepWith') as (
      value: unknown,
      customizer: () => undefined,
    ) => { plugins: unknown[] };
    for (const named of [entry(), entry().default]) {
      let plugin = cloneDeepWith({ plugins: [named] }, () => undefined).plugins[0] as {
        __esModule?: boolean;
        default?: unknown;
      };
      plugin = (plugin.__esModule ? plugin.default : plugin) as typeof plugin;
      expect(typeof plugin).toBe('function');
      let thrown: Error | undefined;
      try {
        (plugin as unknown as (api: unknown) => unknown)(BABEL6);
      } catch (error) {
        thrown = error as Error;
      }
      expect(thrown?.message).toBe(entry().BABEL6_MESSAGE);
      expect(thrown?.message).not.toContain('\n');
    }
  });

  it('stops with one sentence naming what to use instead (Taro 2 `babel` config), no stack', () => {
    const babelPlugin = entry().default;
    let thrown: Error | undefined;
    try {
      babelPlugin(BABEL6);
    } catch (error) {
      thrown = error as Error;
    }
    expect(thrown?.message).toMatch(
      /is a Babel 7 plugin and this build runs Babel 6.*list 'taro-plugin-record-compat' in `plugins`.*npx taro-plugin-record-compat src\//,
    );
    expect(thrown?.stack).toBe(thrown?.message);
    expect(thrown?.message).not.toContain('\n');
    expect(() => babelPlugin({ version: '7.29.0', assertVersion() {} }, {})).not.toThrow();
  });

  it('Babel 7 takes require(…), its default and its path alike', () => {
    const file = path.join(project({ 'package.json': '{"name":"mp"}', 'page.js': NATIVE_PAGE }), 'page.js');
    for (const plugin of [entry(), entry().default, path.join(__dirname, '../../dist/src/babel.js')]) {
      const out = transformSync(fs.readFileSync(file, 'utf8'), {
        filename: file,
        babelrc: false,
        configFile: false,
        plugins: [plugin],
      });
      expect(out!.code).toContain('"record-compat-runtime/native"');
    }
  });
});
