/*
 * What goes out of a webpack5 build of a copy of examples/taro-app as written, beside the app's rewritten code: a
 * real UI library outside `include`, and scripts of the app that Taro does not compile; and what webpack's persistent
 * cache restores of a build with a dependency that calls startRecord (helpers/dependency.ts). The same dependency on
 * webpack5 and vite: dependency-build.test.ts.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TMP, buildExample, packageLines, summaryLines } from './helpers/example';
import { packageFromRegistry } from './helpers/node-from-registry';
import { LEGACY_SDK_LINE } from './helpers/dependency';
import { configVariant, copyWithDependencies, distText } from './helpers/dependency-app';

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
 * The library's fallback as it reads in a build's output (`…getDeviceInfo() : taro().getSystemInfoSync()`, minified
 * or not): Taro's own getSystemInfoSync, after the new API's check.
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
    await copyWithDependencies(app);
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
      // Strict, both: the package left out of include is no place for a person, so a strict build passes and names
      // it, from the cache too. (The plugin's options are in the cache's version: a strict build after a build
      // without it would build its modules anew.)
      const first = await build('first', { strict: true });
      expect(first.code, first.output.slice(-4000)).toBe(0);
      const said = [...summaryLines(first.output), ...packageLines(first.output)];
      expect(said).toEqual([
        expect.stringMatching(
          /^\[record-compat\] rewrote [1-9]\d* legacy record calls, .*; nothing left for manual review$/,
        ),
        LEGACY_SDK_LINE,
      ]);
      expect(fs.readdirSync(path.join(CACHED_APP, 'node_modules/.cache/webpack')).length).toBeGreaterThan(0);

      const second = await build('second', { strict: true });
      expect(second.code, second.output.slice(-4000)).toBe(0);
      expect([...summaryLines(second.output), ...packageLines(second.output)]).toEqual(said);
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
        expect(hiddenLine).toMatch(/, 1 AudioContext use[ ,]/);
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
