/**
 * The build plugin's line at the end of a build (src/taro-plugin/index.ts, registerFinish), the
 * plugin run in this process on a fake Taro ctx as Taro's kernel calls its hooks: a build that
 * failed says so, and never "nothing left for manual review"; Taro 2's H5 build, which the plugin
 * leaves as Taro makes it (src/taro-plugin/taro2-h5.ts), names each call it leaves, and a strict
 * one fails on them. Real projects on disk; the Taro the app runs is the one its node_modules holds.
 * Uses dist/ (npm run build).
 */
import * as path from 'path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { isTaro2H5Build } from '../../src/taro-plugin/taro2-h5';
import { assertBuilt, cleanupProjects, makeProject, ROOT, TARO_SOURCE, WX_PAGE } from './helpers';

// The plugin as Taro loads it (dist/: its module.exports is the function itself).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built CommonJS entry, as Taro requires it
const plugin: typeof import('../../dist/src/taro-plugin/index').default = require(
  path.join(ROOT, 'dist/src/taro-plugin/index.js'),
);

type Hook = (arg: unknown) => unknown;

/** A Taro ctx as the plugin sees it: the hooks it registers, by name. */
function fakeCtx(appPath: string) {
  const hooks: Record<string, Hook[]> = {};
  const on = (name: string) => (fn: Hook) => (hooks[name] ??= []).push(fn);
  const ctx = {
    appPath,
    paths: { appPath, sourcePath: path.join(appPath, 'src') },
    addPluginOptsSchema() {},
    modifyWebpackChain: on('modifyWebpackChain'),
    onBuildFinish: on('onBuildFinish'),
  };
  return { ctx, hooks };
}

/** A Taro app on `taro` (its installed @tarojs/taro), with a Taro page and a wx page: three legacy calls. */
function taroApp(taro: string): string {
  return makeProject({
    'package.json': JSON.stringify({ name: 'app', dependencies: { '@tarojs/taro': taro } }),
    'node_modules/@tarojs/taro/package.json': JSON.stringify({ name: '@tarojs/taro', version: taro }),
    'src/pages/index/index.ts': TARO_SOURCE,
    'src/pages/voice/index.js': WX_PAGE,
  });
}

/** Runs the plugin's hooks for one build of `platform`, as Taro does; returns what it printed. */
function build(
  appPath: string,
  platform: string,
  finish: { error?: unknown; stats?: unknown },
  options: Record<string, unknown> = {},
) {
  const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
  const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
  const env = process.env.TARO_ENV;
  process.env.TARO_ENV = platform;
  try {
    const f = fakeCtx(appPath);
    plugin(f.ctx as never, options);
    // Taro 2's H5 build is left before the chain is read: a chain of no runner at all.
    f.hooks.modifyWebpackChain[0]({ chain: null, webpack: null });
    f.hooks.onBuildFinish[0]({ isWatch: false, ...finish });
    return { logged: logged.mock.calls.map((c) => String(c[0])), errors: errors.mock.calls.map((c) => String(c[0])) };
  } finally {
    if (env === undefined) delete process.env.TARO_ENV;
    else process.env.TARO_ENV = env;
    logged.mockRestore();
    errors.mockRestore();
  }
}

const exitCode = process.exitCode;
afterEach(() => {
  process.exitCode = exitCode;
});
beforeAll(assertBuilt);
afterAll(cleanupProjects);

describe("Taro 2's H5 build", () => {
  it('is left as Taro makes it: its line names each call under the source root, file:line and API, and never says "nothing left"', () => {
    const app = taroApp('2.2.22');
    const { logged } = build(app, 'h5', { error: null, stats: { hasErrors: () => false } });
    expect(logged).toEqual([
      "[record-compat] Taro 2's H5 build: nothing rewritten (Taro compiles copies of the source in which its calls already import @tarojs/taro-h5, and this package's H5 runtime needs Taro 3's H5 API); " +
        '4 calls left as Taro 2 H5 has them: src/pages/index/index.ts:4 (startRecord), src/pages/index/index.ts:8 (stopRecord), src/pages/voice/index.js:4 (startRecord), src/pages/voice/index.js:11 (stopRecord); ' +
        'build H5 with Taro 3 or later, where this plugin rewrites them',
    ]);
    expect(process.exitCode).toBe(exitCode);
  });

  it('fails a strict build, naming each place', () => {
    const { errors } = build(taroApp('2.2.22'), 'h5', { error: null }, { strict: true });
    expect(process.exitCode).toBe(1);
    expect(errors.join('\n')).toContain(
      '[record-compat] strict: 4 places could not be rewritten safely and must be changed by hand:',
    );
    expect(errors.join('\n')).toContain(
      "src/pages/voice/index.js:4:5 startRecord reaches Taro 2 H5's own function, which this build does not rewrite: build H5 with Taro 3 or later, where this plugin rewrites them",
    );
  });

  it('is told by the platform built and the Taro the app runs: Taro 2 for h5 only', () => {
    const taro2 = taroApp('2.2.22');
    expect(isTaro2H5Build(taro2, 'h5')).toBe(true);
    expect(isTaro2H5Build(taro2, 'weapp')).toBe(false);
    expect(isTaro2H5Build(taroApp('3.6.40'), 'h5')).toBe(false);
    expect(isTaro2H5Build(taroApp('^2.2.0'), 'h5')).toBe(true);
  });
});

describe('a build that failed', () => {
  it('says it failed instead of "nothing left for manual review": an error, or a compilation with errors', () => {
    const app = taroApp('4.2.1');
    for (const finish of [
      { error: new Error('out of memory') },
      { error: [{ message: 'Module not found' }] },
      { error: null, stats: { hasErrors: () => true } },
    ]) {
      const f = fakeCtx(app);
      const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
      try {
        plugin(f.ctx as never, {});
        f.hooks.onBuildFinish[0]({ isWatch: false, ...finish });
        expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
          '[record-compat] rewrote 0 legacy calls in 0 files before the build failed (the files it did not reach were not read)',
        ]);
      } finally {
        logged.mockRestore();
      }
    }
  });

  it('a build that finished still says "nothing left" when nothing is', () => {
    const f = fakeCtx(taroApp('4.2.1'));
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      plugin(f.ctx as never, {});
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false, stats: { hasErrors: () => false } });
      expect(logged.mock.calls.map((c) => String(c[0]))).toEqual([
        '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review',
      ]);
    } finally {
      logged.mockRestore();
    }
  });
});
