/**
 * The compiled code of the command's bundles (src/cli/code-cache.ts): a script runs as require() runs it, with or
 * without its cache; a cache is used only when it was made from the same script by the same V8 and lies in a folder
 * that is this user's alone; a broken one is rejected and replaced; the built bin and its threads keep theirs.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { assertBuilt, makeProject, runCli, WX_PAGE } from './helpers';
import { ROOT } from '../helpers/paths';

beforeAll(assertBuilt);

let temp: string;

beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), 'code-cache-'));
});

afterEach(() => {
  fs.rmSync(temp, { recursive: true, force: true });
});

const uid = process.getuid?.() ?? null;
const cacheFolder = () => path.join(temp, `taro-plugin-record-compat-code-${uid ?? 'user'}`);
const cacheFiles = () => (fs.existsSync(cacheFolder()) ? fs.readdirSync(cacheFolder()).sort() : []);
const CODE_CACHE = path.join(ROOT, 'dist', 'src', 'cli', 'code-cache.js');

/** A script in a folder of its own that prints, as JSON, what require() gave it; `tag` tells runs apart. */
function writeScript(tag: string): string {
  const dir = fs.mkdtempSync(path.join(temp, 'script-'));
  fs.writeFileSync(path.join(dir, 'dep.js'), `module.exports = { answer: 42 };\n`);
  const file = path.join(dir, 'main.js');
  fs.writeFileSync(
    file,
    `'use strict';
const dep = require('./dep');
function strict() { return this === undefined; }
const seen = { tag: ${JSON.stringify(tag)}, answer: dep.answer, file: __filename, dir: __dirname, strict: strict(), same: module.exports === exports };
process.stdout.write(JSON.stringify(seen) + '\\n');
`,
  );
  return file;
}

/**
 * Runs `file` through the built runCompiled in a process of its own (in one process V8 would take the script from its
 * memory, whatever the cache), then saves as a thread does at its end: what became of the cache, and what the script saw.
 */
function runInProcess(file: string, env: Record<string, string> = {}) {
  const program = `const c = require(${JSON.stringify(CODE_CACHE)}); const use = c.runCompiled(${JSON.stringify(file)}); c.saveCompiledCode(); process.stdout.write(use);`;
  const r = spawnSync(process.execPath, ['-e', program], {
    encoding: 'utf8',
    env: { ...process.env, TMPDIR: temp, NODE_DISABLE_COMPILE_CACHE: '', ...env },
  });
  expect(r.status, r.stderr).toBe(0);
  const [seen, use] = r.stdout.split('\n');
  return { use, seen: JSON.parse(seen!) as Record<string, unknown> };
}

describe('runCompiled', () => {
  it('runs a script as require() does: its own require, __filename, __dirname, strict mode, exports', () => {
    const file = writeScript('a');
    expect(runInProcess(file)).toEqual({
      use: 'none',
      seen: { tag: 'a', answer: 42, file, dir: path.dirname(file), strict: true, same: true },
    });
  });

  it("keeps the compiled code in the user's own folder once the work is done, and the next run uses it", () => {
    const file = writeScript('b');
    expect(runInProcess(file).use).toBe('none');
    const [cache, ...others] = cacheFiles();
    expect(others).toEqual([]);
    expect(cache).toMatch(/^main-[0-9a-f]{32}\.v8$/);
    expect(fs.statSync(cacheFolder()).mode & 0o777).toBe(0o700);
    const bytes = fs.readFileSync(path.join(cacheFolder(), cache!));
    expect(fs.statSync(path.join(cacheFolder(), cache!)).mode & 0o777).toBe(0o600);
    expect(runInProcess(file)).toMatchObject({ use: 'used', seen: { tag: 'b', answer: 42 } });
    // Used, so not written again.
    expect(cacheFiles()).toEqual([cache]);
    expect(fs.readFileSync(path.join(cacheFolder(), cache!))).toEqual(bytes);
  });

  it("preloads a dependency the same way: the script's require() of it returns that module, run once", () => {
    const file = writeScript('p');
    const dep = path.join(path.dirname(file), 'dep.js');
    fs.writeFileSync(dep, `globalThis.depRuns = (globalThis.depRuns ?? 0) + 1;\nmodule.exports = { answer: 42 };\n`);
    const program = `const c = require(${JSON.stringify(CODE_CACHE)}); c.preloadCompiled(${JSON.stringify(dep)}); const preloaded = require.cache[${JSON.stringify(dep)}].exports; c.runCompiled(${JSON.stringify(file)}); c.saveCompiledCode(); process.stdout.write(JSON.stringify({ runs: globalThis.depRuns, same: require(${JSON.stringify(dep)}) === preloaded }));`;
    const run = () => {
      const r = spawnSync(process.execPath, ['-e', program], {
        encoding: 'utf8',
        env: { ...process.env, TMPDIR: temp, NODE_DISABLE_COMPILE_CACHE: '' },
      });
      expect(r.status, r.stderr).toBe(0);
      const [seen, preload] = r.stdout.split('\n');
      return { seen: JSON.parse(seen!) as Record<string, unknown>, preload: JSON.parse(preload!) as unknown };
    };
    expect(run()).toEqual({
      seen: expect.objectContaining({ tag: 'p', answer: 42 }),
      preload: { runs: 1, same: true },
    });
    const kinds = cacheFiles().map((f) => f.replace(/-[0-9a-f]{32}\.v8$/, ''));
    expect(kinds).toEqual(['dep', 'main']);
    const made = cacheFiles().map((f) => fs.readFileSync(path.join(cacheFolder(), f)));
    expect(run().preload).toEqual({ runs: 1, same: true });
    // Used, not made again.
    expect(cacheFiles().map((f) => fs.readFileSync(path.join(cacheFolder(), f)))).toEqual(made);
  });

  it('never uses the code of another script, even one of the same length', () => {
    const file = writeScript('c');
    runInProcess(file);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"c"', '"d"'));
    expect(runInProcess(file)).toMatchObject({ use: 'none', seen: { tag: 'd' } });
    expect(cacheFiles()).toHaveLength(2);
  });

  it('never uses the code of the same script at another path (another install): its stack traces name its own file', () => {
    const source = `'use strict';\nconst where = () => new Error('here').stack.split('\\n')[1];\nprocess.stdout.write(JSON.stringify({ where: where() }) + '\\n');\n`;
    const [first, second] = ['first-install', 'second-install'].map((name) => {
      fs.mkdirSync(path.join(temp, name));
      fs.writeFileSync(path.join(temp, name, 'main.js'), source);
      return path.join(temp, name, 'main.js');
    });
    runInProcess(first);
    expect(runInProcess(first)).toMatchObject({ use: 'used', seen: { where: expect.stringContaining(first) } });
    expect(runInProcess(second)).toMatchObject({ use: 'none', seen: { where: expect.stringContaining(second) } });
    expect(runInProcess(second)).toMatchObject({ use: 'used', seen: { where: expect.stringContaining(second) } });
  });

  it('gives V8 no damaged cache (its body would crash the process): runs the script all the same, and replaces it', () => {
    const file = writeScript('e');
    runInProcess(file);
    const cache = path.join(cacheFolder(), cacheFiles()[0]!);
    const bytes = fs.readFileSync(cache);
    for (let i = 64; i < bytes.length; i += 97) bytes[i]! ^= 0x5a;
    fs.writeFileSync(cache, bytes);
    expect(runInProcess(file)).toMatchObject({ use: 'rejected', seen: { tag: 'e' } });
    expect(runInProcess(file)).toMatchObject({ use: 'used', seen: { tag: 'e' } });
    fs.writeFileSync(cache, bytes.subarray(0, 20));
    expect(runInProcess(file)).toMatchObject({ use: 'rejected', seen: { tag: 'e' } });
  });

  it('is off with NODE_DISABLE_COMPILE_CACHE, as Node’s own cache is: nothing read or written', () => {
    const file = writeScript('f');
    expect(runInProcess(file, { NODE_DISABLE_COMPILE_CACHE: '1' })).toMatchObject({ use: 'off', seen: { tag: 'f' } });
    expect(fs.existsSync(cacheFolder())).toBe(false);
  });

  it('uses no folder that others may write: group- or world-writable, a symbolic link, or (as root) not its own', () => {
    const file = writeScript('g');
    fs.mkdirSync(cacheFolder());
    fs.chmodSync(cacheFolder(), 0o777);
    expect(runInProcess(file)).toMatchObject({ use: 'off', seen: { tag: 'g' } });
    expect(fs.readdirSync(cacheFolder())).toEqual([]);

    fs.rmSync(cacheFolder(), { recursive: true });
    const elsewhere = fs.mkdtempSync(path.join(temp, 'elsewhere-'));
    fs.symlinkSync(elsewhere, cacheFolder());
    expect(runInProcess(file).use).toBe('off');
    expect(fs.readdirSync(elsewhere)).toEqual([]);

    if (uid === 0) {
      fs.rmSync(cacheFolder());
      fs.mkdirSync(cacheFolder(), { mode: 0o700 });
      fs.chownSync(cacheFolder(), 65534, 65534);
      expect(runInProcess(file).use).toBe('off');
      expect(fs.readdirSync(cacheFolder())).toEqual([]);
    }
  });
});

describe('the built bin and its threads', () => {
  const kinds = () => cacheFiles().map((f) => f.replace(/-[0-9a-f]{32}\.v8$/, ''));

  it('keep the compiled code of the bundle and the planning thread, and run the same from it', () => {
    const project = makeProject({ 'pages/a.js': WX_PAGE, 'pages/b.js': WX_PAGE });
    const env = { TMPDIR: temp, RECORD_COMPAT_PLAN_THREAD: 'worker' };
    const first = runCli(project, ['--dry', '.'], env);
    expect(first.code, first.stderr).toBe(0);
    expect(kinds()).toEqual(['bundle', 'plan-worker']);
    const made = cacheFiles().map((f) => fs.readFileSync(path.join(cacheFolder(), f)));
    const second = runCli(project, ['--dry', '.'], env);
    expect(second).toEqual(first);
    // Used, not made again.
    expect(cacheFiles().map((f) => fs.readFileSync(path.join(cacheFolder(), f)))).toEqual(made);
  });

  it("keep the audit thread's compiled code, and that of the TypeScript compiler ts-morph loads", () => {
    const project = makeProject({ 'pages/a.js': WX_PAGE });
    const audit = runCli(project, ['audit', '.'], { TMPDIR: temp });
    expect(audit.stdout).toContain('startRecord');
    expect(kinds()).toEqual(['audit-worker', 'bundle', 'typescript']);
  });
});
