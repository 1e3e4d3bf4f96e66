/**
 * What the build plugin's tests share, those that need no Taro build (test/taro-plugin/) and those
 * that build on the example app's installed packages (test/e2e/taro-plugin.test.ts): a page with
 * legacy calls, a fake Taro ctx that records the hooks the plugin registers, the vite plugin it puts
 * in a build's config, and scratch apps on disk.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { createVitePlugin } from '../../src/taro-plugin/vite';
import { ROOT } from '../helpers/paths';

/**
 * The plugin as Taro loads it: the built CommonJS entry, required (`npm run test:unit` builds
 * first). Not the sources: the plugin hands webpack and Babel its loaders and its Babel plugin by
 * path (require.resolve) and loads its vite wiring with require(), which Node cannot do for .ts files.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports -- the built CommonJS entry, as Taro requires it
export const plugin: typeof import('../../src/taro-plugin/index').default = require(
  path.join(ROOT, 'dist/src/taro-plugin/index.js'),
);

export const APP = '/projects/app';
export const SRC_FILE = `${APP}/src/pages/index/index.tsx`;
/** A Taro page with two legacy record calls, in TypeScript. */
export const LEGACY_TSX = [
  "import Taro from '@tarojs/taro'",
  'type Res = { tempFilePath: string }',
  'export function go(done: (r: Res) => void): void {',
  '  Taro.startRecord({ success: (r: Res) => done(r) })',
  '  setTimeout(() => Taro.stopRecord(), 1000)',
  '}',
  '',
].join('\n');

export type Hook = (...args: any[]) => any;

/** The vite plugin the build plugin puts first in a build's config. */
export type VitePlugin = ReturnType<typeof createVitePlugin>;

/** A Taro ctx as the plugin sees it: the hooks it registers, by name, and the schema it hands Taro. */
export function fakeCtx(appPath = APP) {
  const hooks: Record<string, Hook[]> = {};
  let schema: Hook | undefined;
  const on = (name: string) => (fn: Hook) => (hooks[name] ??= []).push(fn);
  const ctx = {
    appPath,
    addPluginOptsSchema: (fn: Hook) => (schema = fn),
    modifyWebpackChain: on('modifyWebpackChain'),
    modifyViteConfig: on('modifyViteConfig'),
    modifyRunnerOpts: on('modifyRunnerOpts'),
    onBuildFinish: on('onBuildFinish'),
  };
  return { ctx, hooks, schema: () => schema };
}

/** A vite plugin context for one transform: the files it asks vite to watch land in `watched`. */
export function viteContext(watched: string[] = []) {
  return { addWatchFile: (file: string) => watched.push(file) };
}

/** The plugin on a fake ctx (the example app's unless given), and the vite plugin it puts first in a build's config. */
export function viteDoor<F extends ReturnType<typeof fakeCtx>>(
  options: Record<string, unknown>,
  f: F = fakeCtx() as F,
) {
  plugin(f.ctx as never, options);
  const viteConfig: { plugins: unknown[] } = { plugins: [] };
  f.hooks.modifyViteConfig[0]({ viteConfig });
  return { f, vp: viteConfig.plugins[0] as VitePlugin };
}

/**
 * Runs `fn` as Taro runs a plugin's hook for `platform`: TARO_ENV set for the call, then as it was (unset where it
 * was).
 */
export function asPlatform(platform: string, fn: () => void): void {
  const before = process.env.TARO_ENV;
  process.env.TARO_ENV = platform;
  try {
    fn();
  } finally {
    if (before === undefined) delete process.env.TARO_ENV;
    else process.env.TARO_ENV = before;
  }
}

/** A scratch app whose page `src/pages/lesson/lesson.js` has `wxml` beside it; removed after `use`. */
export function withNativePage(wxml: string, use: (app: string, page: string) => void): void {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-native-page-'));
  try {
    const page = path.join(app, 'src/pages/lesson/lesson.js');
    fs.mkdirSync(path.dirname(page), { recursive: true });
    fs.writeFileSync(page.replace(/\.js$/, '.wxml'), wxml);
    use(app, page);
  } finally {
    fs.rmSync(app, { recursive: true, force: true });
  }
}

/** A page that only uses its own Taro.getRecorderManager(): routed only in a project with legacy record calls. */
export const DICTAPHONE = [
  "import Taro from '@tarojs/taro'",
  'const recorder = Taro.getRecorderManager()',
  'export function listen(done: (path: string) => void): void {',
  '  recorder.onStop((res) => done(res.tempFilePath))',
  '}',
  '',
].join('\n');
// names startRecord, but on an object of its own: not a legacy call
const NEAR_MISS = 'const camera = { startRecord() {} }\nexport const go = () => camera.startRecord()\n';

/**
 * A Taro project on disk for the routing decision: src/pages/dictaphone, plus a legacy page or a
 * near miss, and a dependency with a legacy call. Its folder is pushed to `made`, for the caller to remove.
 */
export function routingProject(withLegacyPage: boolean, made: string[]): { appPath: string; dictaphone: string } {
  const appPath = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-route-')));
  made.push(appPath);
  const write = (rel: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(appPath, rel)), { recursive: true });
    fs.writeFileSync(path.join(appPath, rel), text);
  };
  write('src/pages/dictaphone/index.tsx', DICTAPHONE);
  write('src/pages/camera/index.ts', NEAR_MISS);
  if (withLegacyPage) write('src/pages/legacy/index.tsx', LEGACY_TSX);
  // a dependency's legacy call is not the project's
  write('node_modules/some-lib/rec.js', 'wx.startRecord()\n');
  return { appPath, dictaphone: path.join(appPath, 'src/pages/dictaphone/index.tsx') };
}

/** A fake ctx with Taro's `paths`, as the routing decision reads the source root from it. */
export function ctxWithPaths(appPath: string) {
  const f = fakeCtx(appPath);
  return { ...f, ctx: { ...f.ctx, paths: { appPath, sourcePath: path.join(appPath, 'src') } } };
}
