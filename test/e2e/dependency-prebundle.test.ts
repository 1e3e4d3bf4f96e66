/*
 * A dependency that calls startRecord (helpers/dependency.ts) in a copy of examples/taro-app built by webpack5 with
 * Taro's prebundle: esbuild bundles the dependencies before webpack sees them, in a production build that asks for it,
 * in a folder of the user's, and in a watch build (React apps' development default). The build names the package by
 * its own files all the same. The same dependency without the prebundle: dependency-build.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TMP, packageLines, summaryLines, watchExample } from './helpers/example';
import { listJs } from './helpers/scan-dist';
import { LEGACY_SDK, LEGACY_SDK_CALL, LEGACY_SDK_LINE } from './helpers/dependency';
import { TARO_PREBUNDLE_FAILED, configVariant, copyWithDependencies, distText } from './helpers/dependency-app';

const SDK = LEGACY_SDK;

/*
 * Taro's prebundle (webpack5, `compiler` as an object): esbuild bundles the dependencies into
 * node_modules/.taro before webpack sees them. The build still names the package by its own
 * files (not the prebundle's), and a package in `include` is kept out of the prebundle, so it is
 * rewritten. The strict build comes first: it makes the prebundle, which the next build reuses.
 */
describe("a dependency that calls startRecord, webpack5 with Taro's prebundle", () => {
  const { app: PREBUNDLE_APP, build } = configVariant(
    'prebundle',
    "compiler: webpack4 ? ('webpack4' as never) : compiler,",
    "compiler: { type: 'webpack5', prebundle: { enable: true } } as never,",
  );
  const metadata = () => path.join(PREBUNDLE_APP, 'node_modules/.taro/weapp/metadata.json');
  /** When the strict build wrote Taro's record of its prebundle. */
  let prebundleMade = 0;

  it(
    "does not fail a strict build for a package left out of include: Taro's prebundle is made, the package named",
    async () => {
      // A fresh prebundle (its own, not one a link shares with the example): Taro's compiler of it runs.
      fs.rmSync(path.join(PREBUNDLE_APP, 'node_modules/.taro'), { recursive: true, force: true });
      const b = await build('strict', { strict: true });
      expect(b.code, b.output.slice(-4000)).toBe(0);
      // Taro wrote its record of the prebundle: its compiler of it succeeded.
      expect(fs.existsSync(metadata())).toBe(true);
      prebundleMade = fs.statSync(metadata()).mtimeMs;
      expect(b.output).not.toContain('RecordCompatStrictError');
      expect(packageLines(b.output)).toEqual([LEGACY_SDK_LINE]);
      // Taro's compiler of the prebundle runs the app's plugins: it is no build of the app's to fail.
      expect(b.output).not.toContain(TARO_PREBUNDLE_FAILED);
      expect(b.output).not.toMatch(/^\s*stack: /m);
    },
    10 * 60_000,
  );

  it(
    "is named by the package's own files, with include as the way out",
    async () => {
      const b = await build('default');
      expect(b.code, b.output.slice(-4000)).toBe(0);
      // The strict build's prebundle, reused (the same dependencies and defines): the SDK reached the output through it.
      expect(fs.existsSync(path.join(PREBUNDLE_APP, 'node_modules/.taro/weapp/prebundle'))).toBe(true);
      expect(fs.statSync(metadata()).mtimeMs).toBe(prebundleMade);
      expect(summaryLines(b.output)).toEqual([expect.stringMatching(/; nothing left for manual review$/)]);
      expect(packageLines(b.output)).toEqual([LEGACY_SDK_LINE]);
      expect(distText(b.dist)).toMatch(LEGACY_SDK_CALL);
    },
    10 * 60_000,
  );

  it(
    'is rewritten once listed in include: kept out of the prebundle',
    async () => {
      const b = await build('include', { include: [SDK] });
      expect(b.code, b.output.slice(-4000)).toBe(0);
      expect(summaryLines(b.output)).toEqual([expect.stringMatching(/; nothing left for manual review$/)]);
      expect(distText(b.dist)).not.toMatch(LEGACY_SDK_CALL);
    },
    10 * 60_000,
  );
});

/*
 * Taro's prebundle in a folder of the user's (`compiler.prebundle.cacheDir`, outside node_modules):
 * Taro writes `<cacheDir>/prebundle` instead of node_modules/.taro/<platform>/prebundle. The build
 * names the package by its own file and lines all the same, and so does a watch build that reuses
 * the prebundle (no compiler runs then: the folder is read).
 */
describe("a dependency that calls startRecord, Taro's prebundle in the user's cacheDir", () => {
  const CACHE = '.taro-prebundle';
  const { app, build } = configVariant(
    'prebundle-cachedir',
    "compiler: webpack4 ? ('webpack4' as never) : compiler,",
    (dir) =>
      `compiler: { type: 'webpack5', prebundle: { enable: true, cacheDir: ${JSON.stringify(path.join(dir, CACHE))} } } as never,`,
  );

  it(
    "is named by the package's own files, with include as the way out",
    async () => {
      const b = await build('default');
      expect(b.code, b.output.slice(-4000)).toBe(0);
      // The prebundle ran in the user's folder, and the SDK reached the output through it.
      expect(fs.readdirSync(path.join(app, CACHE, 'prebundle')).length).toBeGreaterThan(0);
      expect(fs.existsSync(path.join(app, 'node_modules/.taro/weapp/prebundle'))).toBe(false);
      const lines = summaryLines(b.output);
      expect(lines, b.output.slice(-4000)).toHaveLength(1);
      expect(lines[0].slice(lines[0].lastIndexOf('; '))).toBe('; nothing left for manual review');
      expect(packageLines(b.output)).toEqual([LEGACY_SDK_LINE]);
      expect(distText(b.dist)).toMatch(LEGACY_SDK_CALL);
    },
    10 * 60_000,
  );

  it(
    'is named again by a watch build that reuses the prebundle (read from the same folder)',
    async () => {
      const watch = (out: string) =>
        watchExample({
          appDir: app,
          platform: 'weapp',
          compiler: 'webpack5',
          out: `dist/e2e/cachedir-watch-${out}`,
          timeoutMs: 5 * 60_000,
        });
      const metadata = path.join(app, CACHE, 'metadata.json');
      const first = await watch('first');
      const made = fs.statSync(metadata).mtimeMs;
      const second = await watch('second');
      expect(fs.statSync(metadata).mtimeMs).toBe(made);
      for (const w of [first, second]) {
        const lines = summaryLines(w.output);
        expect(lines, w.output.slice(-4000)).toHaveLength(1);
        expect(lines[0].slice(lines[0].lastIndexOf('; '))).toBe('; nothing left for manual review');
        expect(packageLines(w.output)).toEqual([LEGACY_SDK_LINE]);
      }
    },
    12 * 60_000,
  );
});

/*
 * A watch build (`taro build --watch`): Taro 4's React plugin writes `compiler` as an object, so a
 * React app's dev build prebundles with the example's config as it is. The prebundled modules are no
 * modules of the build: Taro makes them into a remote with a webpack compiler of its own before the
 * build starts, and, in the next run, where nothing it made them from changed, reuses that remote and
 * compiles nothing. Both runs name the package's calls, once: the first strict (the prebundle made fresh), the next
 * not (the prebundle reused).
 */
describe("a dependency that calls startRecord, a watch build (Taro's prebundle, as React apps have it in development)", () => {
  const app = path.join(TMP, `dependency-watch-app-${process.pid}`);
  const metadata = path.join(app, 'node_modules/.taro/weapp/metadata.json');
  beforeAll(async () => {
    await copyWithDependencies(app);
    // Its own prebundle (not one a link shares with the example).
    fs.rmSync(path.join(app, 'node_modules/.taro'), { recursive: true, force: true });
  });
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));
  const watch = (out: string) =>
    watchExample({
      appDir: app,
      platform: 'weapp',
      compiler: 'webpack5',
      out: `dist/e2e/watch-${out}`,
      timeoutMs: 5 * 60_000,
    });
  const expectNamed = (w: { output: string; dist: string }) => {
    // It was prebundled, and went out from the prebundle as written.
    expect(w.output).toMatch(new RegExp(`Prebundle dependencies:[^]*\\b${SDK}\\n`));
    expect(
      listJs(path.join(w.dist, 'prebundle')).some((file) => LEGACY_SDK_CALL.test(fs.readFileSync(file, 'utf8'))),
    ).toBe(true);
    const lines = summaryLines(w.output);
    expect(lines, w.output.slice(-4000)).toHaveLength(1);
    // What follows the calls rewritten in the app (the line's last '; '), and the package's own line.
    expect(lines[0].slice(lines[0].lastIndexOf('; '))).toBe('; nothing left for manual review');
    expect(packageLines(w.output)).toEqual([LEGACY_SDK_LINE]);
  };

  it(
    'strict while watching: no warning for the package left out of include, the prebundle made, and the watcher goes on; the next run reuses the prebundle and names the package again',
    async () => {
      const first = await watchExample({
        appDir: app,
        platform: 'weapp',
        compiler: 'webpack5',
        out: 'dist/e2e/watch-strict',
        timeoutMs: 5 * 60_000,
        lingerMs: 3_000,
        pluginOptions: { strict: true },
      });
      expect(first.alive, first.output.slice(-4000)).toBe(true);
      expect(first.output).not.toContain('RecordCompatStrictWarning');
      expect(first.output).not.toContain('RecordCompatStrictError');
      expect(first.output).not.toContain(TARO_PREBUNDLE_FAILED);
      expectNamed(first);
      const made = fs.statSync(metadata).mtimeMs;

      // Without strict: the prebundle is made of the same dependencies and defines, so Taro reuses it.
      const second = await watch('second');
      // Taro reused what it made: its record of the prebundle was not written again.
      expect(fs.statSync(metadata).mtimeMs).toBe(made);
      expectNamed(second);
    },
    15 * 60_000,
  );
});
