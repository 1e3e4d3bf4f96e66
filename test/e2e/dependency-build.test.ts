/*
 * A dependency that calls the legacy API, through the build plugin's door, end to end: a copy of
 * examples/taro-app (Taro 4, React) whose memo page imports a package under node_modules that
 * calls `wx.startRecord` / `wx.stopRecord` (as recording SDKs did), beside one that only names
 * the APIs in a table. Taro compiles the app's source, not node_modules, so the call reaches
 * the mini-program as written unless the package is in `include`. Built by webpack5 and vite:
 * - without `include`: the build names the package in a line of its own, with its two calls and
 *   the `include` that rewrites them, and dist/ still holds the call (what the summary says is
 *   what went out);
 * - with `strict`: the package is no place for a person: the build fails for the copied SDK alone;
 * - with `include: ['legacy-recorder-sdk']`: the calls are rewritten, nothing is named, and
 *   dist/ holds no `wx.startRecord(` call.
 * The copy links every package of the example's node_modules and adds the two of its own
 * (helpers/dependency.ts). It also has a native SDK folder that Taro's copy option copies without
 * compiling it: its call is named the same way (the codemod as the way out), and fails a strict build;
 * `include` does not reach it. Taro 2 (webpack 4, its own loader) is checked in taro2.test.ts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  EXAMPLE,
  TMP,
  buildExample,
  cleanEnv,
  copyExampleApp,
  ensureExample,
  expectedSummary,
  packageLines,
  summaryLines,
  watchExample,
  type RunResult,
} from './helpers/example';
import { listJs } from './helpers/scan-dist';
import { packageFromRegistry } from './helpers/node-from-registry';
import {
  addCopiedSdk,
  addDependencies,
  COPIED_SDK_CALL,
  COPIED_SDK_DIR,
  COPIED_SDK_HINT,
  COPIED_SDK_PLACE,
  LEGACY_SDK,
  LEGACY_SDK_CALL,
  LEGACY_SDK_LINE,
} from './helpers/dependency';

const APP = path.join(TMP, `dependency-app-${process.pid}`);
const SDK = LEGACY_SDK;
/** What Taro prints when its prebundle fails and it goes on without one ("prebundle failed, skipped"). */
const TARO_PREBUNDLE_FAILED = '依赖预编译失败';

/** Every .js file of a build's output, as one text. */
const distText = (dist: string): string =>
  listJs(dist)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');

beforeAll(async () => {
  await ensureExample();
  copyExampleApp(APP);
  addDependencies(APP, path.join(EXAMPLE, 'node_modules'), 'src/pages/memo/index.tsx');
  addCopiedSdk(APP);
}, 30 * 60_000);

afterAll(() => fs.rmSync(APP, { recursive: true, force: true }));

describe.each(['webpack5', 'vite'] as const)('a dependency that calls startRecord, %s', (compiler) => {
  const build = (out: string, pluginOptions?: Record<string, unknown>): Promise<RunResult & { dist: string }> =>
    buildExample({ appDir: APP, platform: 'weapp', compiler, out: `dist/e2e/${compiler}-${out}`, pluginOptions });
  // The app's own calls, as every build of the example rewrites them.
  const ownCalls = () => expectedSummary(path.join(APP, 'src'), 4).replace('; nothing left for manual review', '');

  it(
    'is named in a line of its own with its calls and the include that rewrites them, and goes out as written',
    async () => {
      const b = await build('default');
      expect(b.code, b.output.slice(-4000)).toBe(0);
      expect(summaryLines(b.output)).toEqual([
        `${ownCalls()}; 1 place left for manual review: ${COPIED_SDK_PLACE} ${COPIED_SDK_HINT}`,
      ]);
      expect(packageLines(b.output)).toEqual([LEGACY_SDK_LINE]);
      expect(distText(b.dist)).toMatch(LEGACY_SDK_CALL);
      // the copy went out as written
      expect(fs.readFileSync(path.join(b.dist, 'native-sdk/recorder.js'), 'utf8')).toMatch(COPIED_SDK_CALL);
    },
    10 * 60_000,
  );

  it(
    'fails a strict build with the reasons: the copied SDK, not the package left out of include',
    async () => {
      const b = await build('strict', { strict: true });
      expect(b.code).not.toBe(0);
      expect(b.output).toContain('[record-compat] strict: 1 place');
      expect(b.output).not.toContain(`node_modules/${SDK}/index.js:3`);
      expect(b.output).toContain(
        `${COPIED_SDK_PLACE}:37 playVoice in a file Taro's copy option copies (from '${COPIED_SDK_DIR}/'), which this build does not compile: migrate it with \`npx taro-plugin-record-compat --runtime local=${COPIED_SDK_DIR}/record-compat.js ${COPIED_SDK_DIR}/\``,
      );
    },
    10 * 60_000,
  );

  it(
    'strict while watching: a warning with the reasons, and the watcher goes on',
    async () => {
      const w = await watchExample({
        appDir: APP,
        platform: 'weapp',
        compiler,
        out: `dist/e2e/${compiler}-watch-strict`,
        timeoutMs: 5 * 60_000,
        lingerMs: 3_000,
        pluginOptions: { strict: true },
      });
      expect(w.alive, w.output.slice(-4000)).toBe(true);
      expect(w.output).toContain('[record-compat] strict: 1 place');
      expect(w.output).toContain('(a warning while watching: the same build without --watch fails)');
      expect(summaryLines(w.output)).toHaveLength(1);
      expect(packageLines(w.output)).toEqual([LEGACY_SDK_LINE]);
    },
    10 * 60_000,
  );

  it(
    'is rewritten once listed in include; the copied SDK is still named',
    async () => {
      const b = await build('include', { include: [SDK] });
      expect(b.code, b.output.slice(-4000)).toBe(0);
      const [line] = summaryLines(b.output);
      expect(line).toMatch(
        /^\[record-compat\] rewrote \d+ legacy record calls, .* in 5 files \(routed through the runtime: getRecorderManager, as src\/pages\/classic\/index\.tsx has legacy record calls\); 1 place left for manual review: /,
      );
      expect(line.endsWith(`: ${COPIED_SDK_PLACE} ${COPIED_SDK_HINT}`)).toBe(true);
      expect(packageLines(b.output)).toEqual([]);
      expect(distText(b.dist)).not.toMatch(LEGACY_SDK_CALL);
    },
    10 * 60_000,
  );
});

/**
 * A copy of the example with the two dependencies whose config says `to` where the example's
 * says `from`, made before the describe block's tests and removed after them; its webpack5 build.
 */
function configVariant(name: string, from: string, to: string | ((app: string) => string)) {
  const app = path.join(TMP, `dependency-${name}-app-${process.pid}`);
  beforeAll(() => {
    copyExampleApp(app);
    addDependencies(app, path.join(EXAMPLE, 'node_modules'), 'src/pages/memo/index.tsx');
    const config = path.join(app, 'config/index.ts');
    const text = fs.readFileSync(config, 'utf8');
    expect(text).toContain(from);
    fs.writeFileSync(config, text.replace(from, typeof to === 'string' ? to : to(app)));
  });
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));
  const build = (out: string, pluginOptions?: Record<string, unknown>) =>
    buildExample({
      appDir: app,
      platform: 'weapp',
      compiler: 'webpack5',
      out: `dist/e2e/${name}-${out}`,
      pluginOptions,
    });
  return { app, build };
}

/*
 * A real UI library that calls the system-info family: @nutui/nutui-react-taro 3.0.20, whose
 * dist/es/utils/taro/get-system-info.js falls back to `Taro.getSystemInfoSync()` three times (its
 * getDeviceInfo, getWindowInfo and getAppBaseInfo, where Taro lacks the new API). The package as
 * the registry publishes it, unpacked into the app's node_modules: that file imports @tarojs/taro
 * alone, so none of the library's dependencies is needed. A page imports the file. Outside
 * `include`, the build names the library in its one line; in `include`, its calls are rewritten.
 */
const UI_LIBRARY = '@nutui/nutui-react-taro';
const UI_LIBRARY_VERSION = '3.0.20';
const UI_LIBRARY_MODULE = `${UI_LIBRARY}/dist/es/utils/taro/get-system-info`;
/** The lines of its three fallbacks in that file, as the registry publishes it. */
const UI_LIBRARY_LINES = [8, 15, 21];
/**
 * The library's fallback as it reads in a build's output (`…getDeviceInfo():p().getSystemInfoSync()`): Taro's own
 * getSystemInfoSync, after the new API's check.
 */
const UI_LIBRARY_CALLS =
  /(?:getDeviceInfo|getWindowInfo|getAppBaseInfo)\(\)\s*:\s*[^:;,?]{1,80}?\.getSystemInfoSync\(\)/g;

describe(`a real UI library that calls getSystemInfoSync (${UI_LIBRARY}@${UI_LIBRARY_VERSION}), webpack5`, () => {
  const app = path.join(TMP, `dependency-ui-library-app-${process.pid}`);
  beforeAll(async () => {
    const published = await packageFromRegistry(
      UI_LIBRARY,
      UI_LIBRARY_VERSION,
      `${UI_LIBRARY}@${UI_LIBRARY_VERSION} is not on the registry`,
    );
    copyExampleApp(app);
    addDependencies(app, path.join(EXAMPLE, 'node_modules'), 'src/pages/memo/index.tsx');
    // The scope's folder is the app's own (the example's has no @nutui): the library is copied into it.
    fs.cpSync(published, path.join(app, 'node_modules', UI_LIBRARY), { recursive: true });
    const page = path.join(app, 'src/pages/memo/index.tsx');
    // A namespace import keeps all three functions in the output.
    fs.writeFileSync(
      page,
      `import * as nutuiSystemInfo from '${UI_LIBRARY_MODULE}'\nconsole.log(nutuiSystemInfo)\n${fs.readFileSync(page, 'utf8')}`,
    );
  }, 10 * 60_000);
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));
  const build = (out: string, pluginOptions?: Record<string, unknown>) =>
    buildExample({
      appDir: app,
      platform: 'weapp',
      compiler: 'webpack5',
      out: `dist/e2e/ui-library-${out}`,
      pluginOptions,
    });
  const libraryCalls = (dist: string) => distText(dist).match(UI_LIBRARY_CALLS)?.length ?? 0;

  it(
    'outside include: one line names it, with its three calls and the include that rewrites them; it goes out as written',
    async () => {
      const b = await build('default', { strict: true });
      expect(b.code, b.output.slice(-4000)).toBe(0);
      const at = (line: number) => `node_modules/${UI_LIBRARY_MODULE}.js:${line}`;
      expect(packageLines(b.output)).toContain(
        `[record-compat] package ${UI_LIBRARY}: 3 legacy calls left as they are (not in include): ${UI_LIBRARY_LINES.map(at).join(', ')}; to rewrite them: plugins: [['taro-plugin-record-compat', { include: ['${UI_LIBRARY}'] }]]`,
      );
      expect(libraryCalls(b.dist)).toBe(3);
    },
    10 * 60_000,
  );

  it(
    'in include: its calls are rewritten in the built output, and it has no line',
    async () => {
      const b = await build('include', { include: [UI_LIBRARY] });
      expect(b.code, b.output.slice(-4000)).toBe(0);
      expect(packageLines(b.output).filter((line) => line.includes(UI_LIBRARY))).toEqual([]);
      // The library is in the output, its fallback no longer Taro's getSystemInfoSync.
      expect(distText(b.dist)).toMatch(/getDeviceInfo\(\)/);
      expect(libraryCalls(b.dist)).toBe(0);
    },
    10 * 60_000,
  );
});

/*
 * Taro's prebundle (webpack5, `compiler` as an object): esbuild bundles the dependencies into
 * node_modules/.taro before webpack sees them. The build still names the package by its own
 * files (not the prebundle's), and a package in `include` is kept out of the prebundle, so it is
 * rewritten.
 */
describe("a dependency that calls startRecord, webpack5 with Taro's prebundle", () => {
  const { app: PREBUNDLE_APP, build } = configVariant(
    'prebundle',
    "compiler: webpack4 ? ('webpack4' as never) : compiler,",
    "compiler: { type: 'webpack5', prebundle: { enable: true } } as never,",
  );

  it(
    "is named by the package's own files, with include as the way out",
    async () => {
      const b = await build('default');
      expect(b.code, b.output.slice(-4000)).toBe(0);
      // The prebundle ran: the SDK reached the output through it.
      expect(fs.existsSync(path.join(PREBUNDLE_APP, 'node_modules/.taro/weapp/prebundle'))).toBe(true);
      expect(summaryLines(b.output)).toEqual([expect.stringMatching(/; nothing left for manual review$/)]);
      expect(packageLines(b.output)).toEqual([LEGACY_SDK_LINE]);
      expect(distText(b.dist)).toMatch(LEGACY_SDK_CALL);
    },
    10 * 60_000,
  );

  it(
    "does not fail a strict build for a package left out of include: Taro's prebundle is made, the package named",
    async () => {
      // A fresh prebundle: Taro's compiler of it runs.
      fs.rmSync(path.join(PREBUNDLE_APP, 'node_modules/.taro'), { recursive: true, force: true });
      const b = await build('strict', { strict: true });
      expect(b.code, b.output.slice(-4000)).toBe(0);
      // Taro wrote its record of the prebundle: its compiler of it succeeded.
      expect(fs.existsSync(path.join(PREBUNDLE_APP, 'node_modules/.taro/weapp/metadata.json'))).toBe(true);
      expect(b.output).not.toContain('RecordCompatStrictError');
      expect(packageLines(b.output)).toEqual([LEGACY_SDK_LINE]);
      // Taro's compiler of the prebundle runs the app's plugins: it is no build of the app's to fail.
      expect(b.output).not.toContain(TARO_PREBUNDLE_FAILED);
      expect(b.output).not.toMatch(/^\s*stack: /m);
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
 * compiles nothing. Both runs name the package's calls, once.
 */
describe("a dependency that calls startRecord, a watch build (Taro's prebundle, as React apps have it in development)", () => {
  const app = path.join(TMP, `dependency-watch-app-${process.pid}`);
  const metadata = path.join(app, 'node_modules/.taro/weapp/metadata.json');
  beforeAll(() => {
    copyExampleApp(app);
    addDependencies(app, path.join(EXAMPLE, 'node_modules'), 'src/pages/memo/index.tsx');
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
    'strict while watching: no warning for the package left out of include, the prebundle made, and the watcher goes on',
    async () => {
      const w = await watchExample({
        appDir: app,
        platform: 'weapp',
        compiler: 'webpack5',
        out: 'dist/e2e/watch-strict',
        timeoutMs: 5 * 60_000,
        lingerMs: 3_000,
        pluginOptions: { strict: true },
      });
      expect(w.alive, w.output.slice(-4000)).toBe(true);
      expect(w.output).not.toContain('RecordCompatStrictWarning');
      expect(w.output).not.toContain('RecordCompatStrictError');
      expect(w.output).not.toContain(TARO_PREBUNDLE_FAILED);
      expectNamed(w);
      fs.rmSync(path.join(app, 'node_modules/.taro'), { recursive: true, force: true });
    },
    12 * 60_000,
  );

  it(
    "names the package's calls by its own file and lines in the first run, and again when the next reuses the prebundle",
    async () => {
      const first = await watch('first');
      expectNamed(first);
      const made = fs.statSync(metadata).mtimeMs;

      const second = await watch('second');
      // Taro reused what it made: its record of the prebundle was not written again.
      expect(fs.statSync(metadata).mtimeMs).toBe(made);
      expectNamed(second);
    },
    12 * 60_000,
  );
});

/*
 * Scripts of the app that Taro's script rule does not compile: a vendor SDK in src/ kept from
 * Babel with `compile.exclude` (as one does with a minified SDK), and a package linked into
 * node_modules from a folder outside the app (`npm link`, a workspace package), which webpack
 * reads by its real path, outside node_modules. Neither reaches the rewrite; webpack bundles both
 * as written, so the build names their calls, and a strict build fails on them.
 */
describe('scripts of the app that Taro does not compile, webpack5', () => {
  const VENDOR = 'src/vendor/recorder.js';
  const { app, build } = configVariant(
    'uncompiled',
    'mini: {\n      webpackChain,',
    (dir) => `mini: {\n      webpackChain,\n      compile: { exclude: [${JSON.stringify(path.join(dir, VENDOR))}] },`,
  );
  const linked = `${app}-linked/linked-recorder`;
  beforeAll(() => {
    fs.mkdirSync(path.join(app, 'src/vendor'), { recursive: true });
    fs.writeFileSync(
      path.join(app, VENDOR),
      "// the vendor's build, kept out of Babel\nexport function vendorRecord(o) { wx.startRecord(o) }\n",
    );
    fs.mkdirSync(linked, { recursive: true });
    fs.writeFileSync(
      path.join(linked, 'package.json'),
      JSON.stringify({ name: 'linked-recorder', version: '1.0.0', main: 'index.js' }),
    );
    fs.writeFileSync(path.join(linked, 'index.js'), 'export function linkedStop() {\n  wx.stopRecord()\n}\n');
    fs.symlinkSync(linked, path.join(app, 'node_modules/linked-recorder'));
    const page = path.join(app, 'src/pages/memo/index.tsx');
    fs.writeFileSync(
      page,
      `import { vendorRecord } from '../../vendor/recorder'\nimport { linkedStop } from 'linked-recorder'\nconsole.log(vendorRecord, linkedStop)\n${fs.readFileSync(page, 'utf8')}`,
    );
  });
  afterAll(() => fs.rmSync(path.dirname(linked), { recursive: true, force: true }));

  it(
    'names each of their calls, file:line, and says why; a strict build fails with the reasons',
    async () => {
      const b = await build('default');
      expect(b.code, b.output.slice(-4000)).toBe(0);
      // Both went out as written.
      expect(distText(b.dist)).toMatch(/\bwx\.startRecord\(/);
      expect(distText(b.dist)).toMatch(/\bwx\.stopRecord\(/);
      const [line] = summaryLines(b.output);
      expect(line).toMatch(/; \d+ places left for manual review: /);
      expect(line).toContain(` ${VENDOR}:2`);
      expect(line).toContain(` ${linked}/index.js:2`);
      // The places' order, as the summary sorts them: the linked folder's absolute path before the app's.
      expect(
        line.endsWith(
          ` (${linked}/index.js, ${VENDOR}: not compiled by this build; see the compile option of Taro's config)`,
        ),
      ).toBe(true);

      const strict = await build('strict', { strict: true });
      expect(strict.code).not.toBe(0);
      const why =
        "in a file this build does not compile, so it goes out as written: have Taro compile it (its compile option's include and exclude) or change it by hand";
      expect(strict.output).toContain(`${VENDOR}:2:35 startRecord ${why}`);
      expect(strict.output).toContain(`${linked}/index.js:2:3 stopRecord ${why}`);
    },
    10 * 60_000,
  );
});

/*
 * webpack's persistent cache (Taro's `cache: { enable: true }`, which Taro's templates recommend):
 * a second build restores unchanged modules without building them, so neither Babel nor the
 * dependency check runs on them. What the first build said of them comes back from the cache
 * with them: the same summary and package line, and a strict build passes the same way. A module is built again when
 * what its rewrite read changed: the project's decisions, or the template of its createAudioContext.
 */
describe("a dependency that calls startRecord, webpack5 with webpack's persistent cache", () => {
  const { app: CACHED_APP, build } = configVariant('cache', 'cache: { enable: false },', 'cache: { enable: true },');

  it(
    'says the same of the modules it restores from the cache as of those it built, the package line included',
    async () => {
      const first = await build('first');
      expect(first.code, first.output.slice(-4000)).toBe(0);
      const said = [...summaryLines(first.output), ...packageLines(first.output)];
      expect(said).toEqual([
        expect.stringMatching(
          /^\[record-compat\] rewrote [1-9]\d* legacy record calls, .*; nothing left for manual review$/,
        ),
        LEGACY_SDK_LINE,
      ]);
      expect(fs.readdirSync(path.join(CACHED_APP, 'node_modules/.cache/webpack')).length).toBeGreaterThan(0);

      const second = await build('second');
      expect(second.code, second.output.slice(-4000)).toBe(0);
      expect([...summaryLines(second.output), ...packageLines(second.output)]).toEqual(said);

      // The package left out of include is no place for a person: a strict build from the cache passes, and names it.
      const strict = await build('strict', { strict: true });
      expect(strict.code, strict.output.slice(-4000)).toBe(0);
      expect(packageLines(strict.output)).toEqual([LEGACY_SDK_LINE]);
    },
    15 * 60_000,
  );

  it(
    "reuses no module rewritten under a decision that has changed: a page's legacy call routes another page's own getRecorderManager",
    async () => {
      // The example's pages without their legacy record calls: nothing to share the recorder with, so
      // the dictaphone's own getRecorderManager() is its own. Then the first page gets its calls back.
      const pages = ['classic', 'dictaphone', 'index', 'memo'].map((page) =>
        path.join(CACHED_APP, 'src/pages', page, 'index.tsx'),
      );
      const texts = new Map(pages.map((page) => [page, fs.readFileSync(page, 'utf8')]));
      for (const page of pages)
        fs.writeFileSync(page, texts.get(page)!.replace(/\b(start|stop)Record\b/g, '$1RecordLater'));
      try {
        const without = await build('without-record-calls');
        expect(without.code, without.output.slice(-4000)).toBe(0);
        expect(summaryLines(without.output)[0]).not.toMatch(/legacy record calls|getRecorderManager/);

        const index = pages[2];
        fs.writeFileSync(index, texts.get(index)!);
        const withOne = await build('with-one-page-recording');
        expect(withOne.code, withOne.output.slice(-4000)).toBe(0);
        // The dictaphone did not change, but the project's decision did: it is rewritten again, routed.
        expect(summaryLines(withOne.output)[0]).toMatch(
          / legacy record calls, .* and 1 app's own getRecorderManager use in /,
        );
      } finally {
        for (const page of pages) fs.writeFileSync(page, texts.get(page)!);
      }
    },
    15 * 60_000,
  );

  it(
    'rebuilds a script whose template alone changed: a hidden <audio> given controls is no longer migrated',
    async () => {
      // A native component of the memo page: its createAudioContext drives the <audio> of its .wxml.
      const component = path.join(CACHED_APP, 'src/components/hidden-player');
      const memoConfig = path.join(CACHED_APP, 'src/pages/memo/index.config.ts');
      const memoConfigText = fs.readFileSync(memoConfig, 'utf8');
      fs.mkdirSync(component, { recursive: true });
      fs.writeFileSync(
        path.join(component, 'index.js'),
        "Component({\n  methods: {\n    onPlay() {\n      this.ctx = wx.createAudioContext('hidden', this)\n      this.ctx.play()\n    },\n  },\n})\n",
      );
      fs.writeFileSync(path.join(component, 'index.json'), '{ "component": true }\n');
      const template = (audio: string) => `${audio}\n<button bindtap="onPlay">Play</button>\n`;
      fs.writeFileSync(
        path.join(component, 'index.wxml'),
        template('<audio id="hidden" src="https://example.com/a.mp3"></audio>'),
      );
      fs.writeFileSync(
        memoConfig,
        memoConfigText.replace(
          '})',
          "  usingComponents: { 'hidden-player': '../../components/hidden-player/index' },\n})",
        ),
      );
      const built = (dist: string) => fs.readFileSync(path.join(dist, 'components/hidden-player/index.js'), 'utf8');
      try {
        const hidden = await build('template-hidden');
        expect(hidden.code, hidden.output.slice(-4000)).toBe(0);
        const [hiddenLine] = summaryLines(hidden.output);
        expect(hiddenLine).toMatch(/, 1 AudioContext use /);
        expect(hiddenLine).not.toContain('hidden-player');
        expect(built(hidden.dist)).not.toContain('wx.createAudioContext');

        // Only the template changes: the element now shows its own player.
        fs.writeFileSync(
          path.join(component, 'index.wxml'),
          template('<audio id="hidden" src="https://example.com/a.mp3" controls></audio>'),
        );
        const shown = await build('template-shown');
        expect(shown.code, shown.output.slice(-4000)).toBe(0);
        const [shownLine] = summaryLines(shown.output);
        expect(shownLine).not.toMatch(/AudioContext use/);
        expect(shownLine).toContain(
          'src/components/hidden-player/index.js:4 (createAudioContext → createInnerAudioContext)',
        );
        expect(built(shown.dist)).toMatch(/wx\.createAudioContext\(["']hidden["'],\s*this\)/);
      } finally {
        fs.rmSync(component, { recursive: true, force: true });
        fs.writeFileSync(memoConfig, memoConfigText);
      }
    },
    15 * 60_000,
  );
});

/*
 * vite's dev server (Taro's H5 `taro build --type h5 --watch` on vite) pre-bundles the app's
 * dependencies with esbuild before any vite plugin transforms them. A package in `include` is
 * rewritten inside that pre-bundling, and imports the same runtime module as the app's pages
 * (one recorder); without `include` it is served as written.
 */
describe("a dependency that calls startRecord, vite's H5 dev server", () => {
  /**
   * Starts the dev server, then hands `look` a reader of the page module and the SDK's pre-bundled
   * module as the browser gets them (once the page names the SDK's); stops the server after.
   */
  async function withDevServer(
    pluginOptions: Record<string, unknown>,
    look: (read: () => Promise<{ page: string; sdk: string; runtime: string | undefined }>) => Promise<void>,
  ): Promise<void> {
    fs.rmSync(path.join(APP, 'node_modules/.vite'), { recursive: true, force: true });
    const env = cleanEnv({ TARO_COMPILER: 'vite', RECORD_COMPAT_OPTIONS: JSON.stringify(pluginOptions) });
    const server = spawn(
      process.execPath,
      [path.join(APP, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch'],
      { cwd: APP, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    try {
      const base = await until(
        () => /Local:\s+(http:\/\/localhost:\d+)\//.exec(output)?.[1],
        () => output,
      );
      const get = async (url: string) => (await fetch(`${base}${url}`)).text();
      const read = async () => {
        const page = await get('/pages/memo/index.tsx');
        const sdkUrl = /"(\/@fs\/[^"]*\/\.vite\/deps\/legacy-recorder-sdk\.js\?v=[^"]+)"/.exec(page)?.[1];
        if (!sdkUrl)
          throw new Error(`the page does not import the SDK's pre-bundled module yet:\n${page.slice(0, 2000)}`);
        // The runtime as the page imports it: vite pre-bundles record-compat-runtime like any package.
        const runtimeUrl = /"(\/@fs\/[^"]*\/\.vite\/deps\/record-compat-runtime\.js\?v=[^"]+)"/.exec(page)?.[1];
        return { page, sdk: await get(sdkUrl), runtime: runtimeUrl ? await get(runtimeUrl) : undefined };
      };
      await until(
        () => read(),
        () => output,
      );
      await look(read);
    } finally {
      process.kill(-server.pid!, 'SIGKILL');
    }
  }

  /**
   * The module that holds the runtime a pre-bundled SDK imports: esbuild puts the runtime, which
   * the SDK and the page both import, in a chunk of vite's deps, named by the file (its ?v= aside).
   */
  const runtimeOf = (sdk: string) =>
    /import \{[^}]*\binit_record_compat_runtime\b[^}]*\} from "[^"]*\/(chunk-[\w-]+\.js)\?/.exec(sdk)?.[1];
  /** Whether the runtime module the page imports is (or re-exports) that chunk. */
  const sameRuntime = (chunk: string | undefined, runtime: string | undefined) =>
    chunk !== undefined &&
    runtime !== undefined &&
    new RegExp(`from "[^"]*\\/${chunk.replace('.', '\\.')}\\?`).test(runtime);

  /** Polls `probe` until it gives a value (or `ms` pass: then fails with what `said` says). */
  async function until<T>(
    probe: () => T | undefined | Promise<T | undefined>,
    said: () => string,
    ms = 120_000,
  ): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await Promise.resolve(probe()).catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`the dev server did not get there:\n${said().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it(
    'serves the package rewritten once it is listed in include, importing the runtime the pages import',
    async () => {
      await withDevServer({ include: [SDK] }, async (read) => {
        // vite pre-bundles again what its first scan missed (the runtime the rewritten page imports);
        // once that settles, the page and the SDK name one runtime module.
        const { sdk, runtime } = await until(
          async () => {
            const now = await read();
            return sameRuntime(runtimeOf(now.sdk), now.runtime) ? now : undefined;
          },
          () => 'the page and the pre-bundled SDK never imported the same runtime module',
        );
        expect(sdk).not.toMatch(LEGACY_SDK_CALL);
        expect(sdk).toMatch(/\bstartRecord\(\{ success/);
        expect(sameRuntime(runtimeOf(sdk), runtime)).toBe(true);
      });
    },
    10 * 60_000,
  );

  it(
    'serves it as written without include',
    async () => {
      await withDevServer({}, async (read) => {
        const { sdk } = await read();
        expect(sdk).toMatch(LEGACY_SDK_CALL);
        expect(runtimeOf(sdk)).toBeUndefined();
      });
    },
    10 * 60_000,
  );
});
