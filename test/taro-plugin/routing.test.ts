/**
 * The build's one decision (src/taro-plugin/route.ts, wiring.ts): route the app's own
 * getRecorderManager through the runtime only in a project with legacy record calls, and the calls
 * that read a canvas by its id only where the build moves a canvas, decided once per plugin instance
 * and named in the summary. Real projects on disk; the plugin is the built
 * entry on a fake Taro ctx (helpers.ts). The same page through every route of a webpack build is
 * in test/e2e/taro-plugin.test.ts (it needs the example app's webpack-chain).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from '@babel/core';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sourceRouting } from '../../src/taro-plugin/route';
import { ROOT } from '../helpers/paths';
import { DICTAPHONE, LEGACY_TSX, ctxWithPaths, routingProject, viteContext, viteDoor } from './helpers';

/** A Taro page whose `<Canvas>` is in its own JSX: the build moves it to Canvas 2D. */
const RING_JSX =
  "import Taro, { useReady } from '@tarojs/taro'\nimport { Canvas } from '@tarojs/components'\n\nexport default function Ring() {\n  useReady(() => Taro.createCanvasContext('ring').draw())\n  return <Canvas canvasId='ring' />\n}\n";
/** A shared helper that exports a canvas by the id it is given: the platform's finds nothing on a moved canvas. */
const SAVE_HELPER =
  "import Taro from '@tarojs/taro'\n\nexport function save(canvasId, page) {\n  return Taro.canvasToTempFilePath({ canvasId }, page)\n}\n";

/** The plugin on the app with its vite plugin, started as a vite build starts it. */
function viteBuildOf(appPath: string) {
  const door = viteDoor({}, ctxWithPaths(appPath));
  door.vp.buildStart();
  return door;
}
describe("the build's one decision: route the app's own getRecorderManager only in a project with legacy record calls", () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  const project = (withLegacyPage: boolean) => routingProject(withLegacyPage, made);

  it("decides on every source file the build compiles, also where .gitignore leaves the project out of git's view", () => {
    const { appPath } = project(true);
    // e.g. an app generated under a folder its repository ignores (as the e2e apps under .tmp/ are)
    fs.writeFileSync(path.join(appPath, '.gitignore'), 'src/\n');
    execFileSync('git', ['init', '-q'], { cwd: appPath });
    const routed = sourceRouting(path.join(appPath, 'src'));
    expect(routed.decision.routeRecorderManager).toBe(true);
    expect(routed.causes).toEqual({
      routeRecorderManager: { file: path.join(appPath, 'src/pages/legacy/index.tsx'), migrated: false },
    });
    fs.rmSync(path.join(appPath, 'src/pages/legacy'), { recursive: true });
    // A canvas the build moves (its <Canvas> in the page's own JSX) routes the calls that read a canvas by its id.
    fs.mkdirSync(path.join(appPath, 'src/pages/ring'));
    fs.writeFileSync(path.join(appPath, 'src/pages/ring/index.jsx'), RING_JSX);
    expect(sourceRouting(path.join(appPath, 'src'))).toEqual({
      decision: { routeRecorderManager: false, routeBackgroundAudioManager: false, routeCanvasPixels: true },
      causes: { routeCanvasPixels: { file: path.join(appPath, 'src/pages/ring/index.jsx'), migrated: false } },
    });
  });

  it('is taken once per plugin instance, before the first transform, and counted in the summary as its own kind', async () => {
    const { appPath, dictaphone } = project(true);
    const { f, vp } = viteDoor({}, ctxWithPaths(appPath));
    // the legacy page goes away after the decision: this build still routes
    fs.rmSync(path.join(appPath, 'src/pages/legacy'), { recursive: true });
    vp.buildStart();
    expect(vp.transform.call(viteContext(), DICTAPHONE, dictaphone)!.code).toContain('getRecorderManager()');
    expect(
      vp.transform.call(viteContext(), LEGACY_TSX, path.join(appPath, 'src/pages/legacy/index.tsx')),
    ).not.toBeNull();
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    // the file that made the build route is named: it may be code no page imports
    expect(logged).toHaveBeenCalledWith(
      "[record-compat] rewrote 2 legacy record calls and 1 app's own getRecorderManager use in 2 files (routed through the runtime: getRecorderManager, as src/pages/legacy/index.tsx has legacy record calls); nothing left for manual review",
    );
    logged.mockRestore();
  });

  it('names a file already migrated as what routes, when no legacy call is left', () => {
    const { appPath, dictaphone } = project(false);
    fs.mkdirSync(path.join(appPath, 'src/pages/migrated'), { recursive: true });
    fs.writeFileSync(
      path.join(appPath, 'src/pages/migrated/index.ts'),
      "import { startRecord } from 'record-compat-runtime'\nexport const go = () => startRecord({})\n",
    );
    const { f, vp } = viteBuildOf(appPath);
    expect(vp.transform.call(viteContext(), DICTAPHONE, dictaphone)!.code).toContain('getRecorderManager()');
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(logged).toHaveBeenCalledWith(
      "[record-compat] rewrote 1 app's own getRecorderManager use in 1 file (routed through the runtime: getRecorderManager, as src/pages/migrated/index.ts imports the runtime for its legacy record calls); nothing left for manual review",
    );
    logged.mockRestore();
  });
});

describe("routeCanvasPixels in the build: on where the build moves a canvas, its <Canvas> in the component's own JSX", () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  /** A Taro app with the helper at src/utils/save.js and these files under src/. */
  function appWith(files: Record<string, string>): { appPath: string; helper: string } {
    const appPath = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-pixels-')));
    made.push(appPath);
    for (const [rel, text] of Object.entries({ 'utils/save.js': SAVE_HELPER, ...files })) {
      fs.mkdirSync(path.dirname(path.join(appPath, 'src', rel)), { recursive: true });
      fs.writeFileSync(path.join(appPath, 'src', rel), text);
    }
    return { appPath, helper: path.join(appPath, 'src/utils/save.js') };
  }
  /** The plugin on the app, with its vite plugin and its webpack wiring (the built modules, as Taro loads them). */
  function buildOf(appPath: string) {
    const { f, vp } = viteBuildOf(appPath);
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the built CommonJS modules, as Taro loads them
    const built = (file: string) => require(path.join(ROOT, 'dist/src/taro-plugin', file));
    const wiring = built('wiring.js').buildWiring(f.ctx, built('options.js').resolveOptions({}));
    // The Babel pass webpack's babel-loader runs (webpack.ts, babelOverride), with the build's decisions.
    const babel = (code: string, filename: string) =>
      transformSync(code, {
        filename,
        babelrc: false,
        configFile: false,
        plugins: built('webpack.js').babelOverride(wiring.webpack()).plugins,
      })!.code!;
    return { f, vp, babel };
  }
  const PAGE_SCRIPT =
    "Page({\n  onReady() {\n    const ctx = wx.createCanvasContext('poster')\n    ctx.setFillStyle('red')\n    ctx.draw()\n  },\n})\n";
  const VUE_SETUP =
    "<template>\n  <canvas canvas-id=\"badge\" />\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\nimport { onMounted } from 'vue'\n\nonMounted(() => {\n  const ctx = Taro.createCanvasContext('badge')\n  ctx.draw()\n})\n</script>\n";

  it("routes a helper's Taro.canvasToTempFilePath through vite and Babel, and names the page that moves its canvas", () => {
    const { appPath, helper } = appWith({ 'pages/ring/index.jsx': RING_JSX });
    const ring = path.join(appPath, 'src/pages/ring/index.jsx');
    expect(sourceRouting(path.join(appPath, 'src')).causes).toEqual({
      routeCanvasPixels: { file: ring, migrated: false },
    });
    const { f, vp, babel } = buildOf(appPath);
    for (const code of [vp.transform.call(viteContext(), SAVE_HELPER, helper)!.code, babel(SAVE_HELPER, helper)]) {
      expect(code).toMatch(/import \{ canvasToTempFilePath \} from ['"]record-compat-runtime['"]/);
      expect(code).not.toContain('Taro.canvasToTempFilePath');
    }
    expect(vp.transform.call(viteContext(), RING_JSX, ring)!.code).toContain('canvasType');
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(logged).toHaveBeenCalledWith(
      "[record-compat] rewrote 1 legacy canvas use and 1 app's own canvas pixel call in 2 files (routed through the runtime: canvasToTempFilePath, canvasGetImageData and canvasPutImageData, as src/pages/ring/index.jsx has canvases moved to Canvas 2D); nothing left for manual review",
    );
    logged.mockRestore();
  });

  it('leaves the helper where the only canvas is in a template the build does not write (.wxml, .vue), or none', () => {
    const wxml = {
      'pages/poster/poster.js': PAGE_SCRIPT,
      'pages/poster/poster.wxml': '<canvas canvas-id="poster" />\n',
    };
    const sources: Record<string, string>[] = [wxml, { 'components/Badge.vue': VUE_SETUP }, {}];
    for (const files of sources) {
      const { appPath, helper } = appWith(files);
      expect(sourceRouting(path.join(appPath, 'src'))).toEqual({
        decision: { routeRecorderManager: false, routeBackgroundAudioManager: false, routeCanvasPixels: false },
        causes: {},
      });
      const { vp, babel } = buildOf(appPath);
      expect(vp.transform.call(viteContext(), SAVE_HELPER, helper)).toBeNull();
      expect(babel(SAVE_HELPER, helper)).toContain('Taro.canvasToTempFilePath');
    }
  });
});
