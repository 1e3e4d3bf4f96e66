/**
 * The build's one decision (src/taro-plugin/route.ts, wiring.ts): route the app's own
 * getRecorderManager through the runtime only in a project with legacy record calls, decided once
 * per plugin instance and named in the summary. Real projects on disk; the plugin is the built
 * entry on a fake Taro ctx (helpers.ts). The same page through every route of a webpack build is
 * in test/e2e/taro-plugin.test.ts (it needs the example app's webpack-chain).
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { sourceRouting } from '../../src/taro-plugin/route';
import { DICTAPHONE, LEGACY_TSX, ctxWithPaths, plugin, routingProject, viteContext, type VitePlugin } from './helpers';

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
    // A canvas the codemod would move (its <Canvas> in the page's JSX) routes nothing here: the build leaves the calls
    // that read a canvas by its id to the codemod.
    fs.mkdirSync(path.join(appPath, 'src/pages/ring'));
    fs.writeFileSync(
      path.join(appPath, 'src/pages/ring/index.jsx'),
      "import Taro, { useReady } from '@tarojs/taro'\nimport { Canvas } from '@tarojs/components'\n\nexport default function Ring() {\n  useReady(() => Taro.createCanvasContext('ring').draw())\n  return <Canvas canvasId='ring' />\n}\n",
    );
    expect(sourceRouting(path.join(appPath, 'src'))).toEqual({
      decision: { routeRecorderManager: false, routeBackgroundAudioManager: false, routeCanvasPixels: false },
      causes: {},
    });
  });

  it('is taken once per plugin instance, before the first transform, and counted in the summary as its own kind', async () => {
    const { appPath, dictaphone } = project(true);
    const f = ctxWithPaths(appPath);
    plugin(f.ctx as never, {});
    const viteConfig: { plugins: unknown[] } = { plugins: [] };
    f.hooks.modifyViteConfig[0]({ viteConfig });
    // the legacy page goes away after the decision: this build still routes
    fs.rmSync(path.join(appPath, 'src/pages/legacy'), { recursive: true });
    const vp = viteConfig.plugins[0] as VitePlugin;
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
    const f = ctxWithPaths(appPath);
    plugin(f.ctx as never, {});
    const viteConfig: { plugins: unknown[] } = { plugins: [] };
    f.hooks.modifyViteConfig[0]({ viteConfig });
    const vp = viteConfig.plugins[0] as VitePlugin;
    vp.buildStart();
    expect(vp.transform.call(viteContext(), DICTAPHONE, dictaphone)!.code).toContain('getRecorderManager()');
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(logged).toHaveBeenCalledWith(
      "[record-compat] rewrote 1 app's own getRecorderManager use in 1 file (routed through the runtime: getRecorderManager, as src/pages/migrated/index.ts imports the runtime for its legacy record calls); nothing left for manual review",
    );
    logged.mockRestore();
  });
});
