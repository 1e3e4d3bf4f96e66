/**
 * The Taro plugin's webpack and vite wiring with the packages a Taro app installs, without a Taro
 * build: the webpack chain it edits (with the real webpack-chain and webpack of the example app,
 * examples/taro-app), the Babel run that results, real webpack compilations of scratch apps, and
 * the vite build with the example's @vitejs/plugin-react. What needs no installed Taro app (the
 * options, the file filter, the loaders, the end-of-build report, the vite side) is in test/taro-plugin/.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { transformSync } from '@babel/core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { EXAMPLE, ensureExample } from './helpers/example';
import { taroReactBuild } from '../../scripts/lib/taro-react-pass.mjs';
import {
  APP,
  DICTAPHONE,
  LEGACY_TSX,
  SRC_FILE,
  asPlatform,
  ctxWithPaths,
  fakeCtx,
  plugin,
  routingProject,
  viteContext,
  viteDoor,
  type VitePlugin,
} from '../taro-plugin/helpers';

// Every test builds on the example app's packages (webpack-chain, webpack, Babel's presets); on a fresh
// machine the first to ask installs it, which no test's own 30 s covers, so it is done once here.
beforeAll(() => ensureExample(), 1_200_000);

describe("the component loader (webpack: a .vue component's template, read before vue-loader compiles it)", () => {
  const COMPONENT = `${APP}/src/pages/rec/index.vue`;
  it('is a pre rule over the .vue files the rewrite takes, beside the babel-loader the rewrite joins', async () => {
    const { chain } = await chainWithBabelLoader();
    const own = chain
      .toConfig()
      .module.rules.find(
        (r: { use?: { loader: string }[] }) =>
          r.use?.[0]?.loader === require.resolve('../../dist/src/taro-plugin/component-loader.js'),
      );
    expect(own.enforce).toBe('pre');
    const applies = (file: string) =>
      own.test(file) && own.include.every((accepts: (f: string) => boolean) => accepts(file));
    expect(applies(COMPONENT)).toBe(true);
    expect(applies(SRC_FILE)).toBe(false);
    expect(applies(`${APP}/node_modules/some-lib/Rec.vue`)).toBe(false);
  });
});

/**
 * A webpack chain whose script rule has a babel-loader, as Taro's has, once the plugin (on the fake ctx `f`, with
 * `options`) has modified it.
 */
async function chainWithBabelLoader(options: Record<string, unknown> = {}) {
  await ensureExample();
  const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
  const chain = new Chain();
  chain.module
    .rule('script')
    .test(/\.[tj]sx?$/)
    .use('babelLoader')
    .loader('babel-loader')
    .options({});
  const f = fakeCtx();
  plugin(f.ctx as never, options);
  f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin: class {} } });
  return { chain, f };
}

/** The options of a webpack rule's babel-loader. */
function babelLoaderOptions(rule: { use: { loader: string; options: Record<string, unknown> }[] }) {
  return rule.use.find((u) => u.loader === 'babel-loader')!.options;
}

describe('the plugin as Taro calls it', () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('webpack5: adds the rewrite to the script rule babelLoader, the options define and (h5) one runtime chunk', async () => {
    await ensureExample();
    const requireFromExample = createRequire(path.join(EXAMPLE, 'package.json'));
    const Chain = requireFromExample('webpack-chain');
    const webpack = requireFromExample('webpack');
    const chain = new Chain();
    chain.module
      .rule('script')
      .test(/\.[tj]sx?$/)
      .use('babelLoader')
      .loader('babel-loader')
      .options({ compact: false });
    chain.optimization.splitChunks({ chunks: 'initial', cacheGroups: {} });

    const f = fakeCtx();
    plugin(f.ctx as never, { durationMs: 30000 });
    asPlatform('h5', () => f.hooks.modifyWebpackChain[0]({ chain, webpack }));
    const config = chain.toConfig();
    // After babel-loader, the loader that declares the templates it read (template-loader.ts): the app's scripts only.
    const templates = config.module.rules.find((r: { enforce?: string }) => r.enforce === 'post');
    expect(templates.use.map((u: { loader: string }) => u.loader)).toEqual([
      require.resolve('../../dist/src/taro-plugin/template-loader.js'),
    ]);
    const takes = (file: string) =>
      templates.test(file) && templates.include.every((accepts: (f: string) => boolean) => accepts(file));
    expect([SRC_FILE, `${APP}/src/app.css`, `${APP}/node_modules/@tarojs/runtime/dist/index.js`].map(takes)).toEqual([
      true,
      false,
      false,
    ]);
    const babelOptions = babelLoaderOptions(config.module.rules[0]);
    expect(babelOptions.compact).toBe(false);
    expect(babelOptions.overrides).toHaveLength(1);
    const define = config.plugins.find((p: object) => p instanceof webpack.DefinePlugin);
    expect(define.definitions).toEqual({ TARO_RECORD_COMPAT_OPTIONS: JSON.stringify({ durationMs: 30000 }) });
    expect(config.optimization.splitChunks.cacheGroups.recordCompat).toMatchObject({
      name: 'record-compat',
      chunks: 'all',
    });
    // H5 builds get the entry with the browser recorder, for the runtime package's Taro entry and this package's former
    // one; the file is the runtime package's published ESM build, and its mp3 encoder this package's own.
    expect(Object.keys(config.resolve.alias)).toEqual([
      'record-compat-runtime$',
      'taro-plugin-record-compat/runtime$',
      '@breezystack/lamejs$',
    ]);
    expect(config.resolve.alias['record-compat-runtime$']).toMatch(/\/packages\/runtime\/dist\/esm\/h5\.js$/);
    expect(config.resolve.alias['taro-plugin-record-compat/runtime$']).toBe(
      config.resolve.alias['record-compat-runtime$'],
    );
    expect(fs.existsSync(config.resolve.alias['record-compat-runtime$'])).toBe(true);
    expect(
      JSON.parse(fs.readFileSync(path.join(config.resolve.alias['@breezystack/lamejs$'], 'package.json'), 'utf8')).name,
    ).toBe('@breezystack/lamejs');

    // What babel-loader will then do with the user's file, and with a dependency's.
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const run = (filename: string) =>
      transformSync(LEGACY_TSX, {
        ...babelOptions,
        filename,
        babelrc: false,
        configFile: false,
        presets: [['@babel/preset-typescript']],
      })!;
    const user = run(SRC_FILE).code!;
    expect(user).toContain("from 'record-compat-runtime'".replace(/'/g, '"'));
    expect(user).not.toMatch(/Taro\.(start|stop)Record/);
    const dep = run(`${APP}/node_modules/some-lib/rec.ts`).code!;
    expect(dep).toMatch(/Taro\.startRecord/);

    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(logged).toHaveBeenCalledWith(
      '[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review',
    );
  }, 900_000); // may have to `npm ci` the example first

  it("webpack: a script whose build fails (a merge conflict's markers) is named in the engine's words, and what an earlier build rewrote in it no longer counts (watch mode)", async () => {
    await ensureExample();
    const requireFromExample = createRequire(path.join(EXAMPLE, 'package.json'));
    const Chain = requireFromExample('webpack-chain');
    const webpack = requireFromExample('webpack');
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-failed-module-'));
    const page = path.join(app, 'src/index.js');
    fs.mkdirSync(path.dirname(page), { recursive: true });
    fs.writeFileSync(page, "import Taro from '@tarojs/taro'\nexport function go() {\n  Taro.startRecord({})\n}\n");
    const chain = new Chain();
    chain.mode('development').context(app).entry('index').add(page).end().output.path(path.join(app, 'dist'));
    chain.externals([/^@tarojs\/taro$/, /^taro-plugin-record-compat\//, /^record-compat-runtime(\/|$)/]);
    chain.module
      .rule('script')
      .test(/\.js$/)
      .include.add(path.join(app, 'src'))
      .end()
      .use('babelLoader')
      .loader(requireFromExample.resolve('babel-loader'))
      .options({ babelrc: false, configFile: false });
    const f = fakeCtx(app);
    plugin(f.ctx as never, { strict: true });
    f.hooks.modifyWebpackChain[0]({ chain, webpack });
    const compiler = webpack(chain.toConfig());
    const build = () =>
      new Promise<{ hasErrors(): boolean }>((resolve, reject) =>
        compiler.run((error: Error | null, stats: { hasErrors(): boolean }) =>
          error ? reject(error) : resolve(stats),
        ),
      );
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      expect((await build()).hasErrors()).toBe(false);
      f.hooks.onBuildFinish[0]({ error: null, isWatch: true });
      expect(logged).toHaveBeenLastCalledWith(
        '[record-compat] rewrote 1 legacy record call in 1 file; nothing left for manual review',
      );

      // The same compiler builds again, as watch mode does, over a conflict left in the page.
      fs.writeFileSync(
        page,
        "import Taro from '@tarojs/taro'\nexport function go() {\n<<<<<<< HEAD\n  Taro.startRecord({})\n=======\n  Taro.stopRecord()\n>>>>>>> other\n}\n",
      );
      expect((await build()).hasErrors()).toBe(true);
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
      expect(logged).toHaveBeenLastCalledWith(
        '[record-compat] rewrote 0 legacy calls in 0 files; 1 place left for manual review: src/index.js:3',
      );
      expect(failed).toHaveBeenLastCalledWith(
        expect.stringContaining(
          "src/index.js:3:2 could not be parsed: Unexpected token (a merge conflict's markers are left in the file, line 3: resolve the conflict first)",
        ),
      );
    } finally {
      await new Promise((resolve) => compiler.close(resolve));
      fs.rmSync(app, { recursive: true, force: true });
    }
  }, 900_000);

  it("webpack: a build that ships Taro's prebundle (its Module Federation host) names the packages in it at each build's start, once; a prebundle folder it does not ship is not read", async () => {
    await ensureExample();
    const requireFromExample = createRequire(path.join(EXAMPLE, 'package.json'));
    const Chain = requireFromExample('webpack-chain');
    const webpack = requireFromExample('webpack');
    // Taro's own plugin, as its prebundle adds it to the app's build (setHost), with nothing exposed to import.
    const TaroHost = requireFromExample('@tarojs/webpack5-prebundle/dist/webpack/TaroModuleFederationPlugin').default;
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-prebundle-host-'));
    const write = (file: string, text: string) => {
      fs.mkdirSync(path.dirname(path.join(app, file)), { recursive: true });
      fs.writeFileSync(path.join(app, file), text);
    };
    write('src/index.js', 'console.log(1)\n');
    write('node_modules/rec-sdk/index.js', 'module.exports = function rec(o) {\n  wx.startRecord(o)\n}\n');
    // What esbuild wrote for it (Taro's folder for the platform): the file named in a comment.
    write(
      'node_modules/.taro/weapp/prebundle/rec-sdk.core.js',
      '// node_modules/rec-sdk/index.js\nvar require_rec_sdk = __commonJS({ "node_modules/rec-sdk/index.js"(exports, module) {\n  module.exports = function rec(o) {\n    wx.startRecord(o);\n  };\n} });\n',
    );
    write(
      'node_modules/.taro/weapp/prebundle/rec-sdk.js',
      "var m = require('./rec-sdk.core.js');\nmodule.exports = m.default;\n",
    );
    const compilerFor = (host: boolean) => {
      const chain = new Chain();
      chain
        .mode('development')
        .context(app)
        .entry('index')
        .add(path.join(app, 'src/index.js'))
        .end()
        .output.path(path.join(app, 'dist'));
      chain.module
        .rule('script')
        .test(/\.js$/)
        .include.add(path.join(app, 'src'))
        .end()
        .use('babelLoader')
        .loader(requireFromExample.resolve('babel-loader'))
        .options({ babelrc: false, configFile: false });
      const f = fakeCtx(app);
      plugin(f.ctx as never, {});
      asPlatform('weapp', () => f.hooks.modifyWebpackChain[0]({ chain, webpack }));
      if (host)
        chain.plugin('TaroModuleFederationPlugin').use(TaroHost, [
          { name: 'taro-app', remotes: { taro_app_library: 'taro_app_library@remoteEntry.js' } },
          { deps: new Map(), env: 'weapp', platformType: 'mini', remoteAssets: [], runtimeRequirements: new Set() },
        ]);
      const compiler = webpack(chain.toConfig());
      const build = async () => {
        const stats = await new Promise<{ hasErrors(): boolean; toJson(): { errors: unknown[] } }>((resolve, reject) =>
          compiler.run((error: Error | null, result: never) => (error ? reject(error) : resolve(result))),
        );
        expect(stats.toJson().errors).toEqual([]);
        f.hooks.onBuildFinish[0]({ error: null, isWatch: true });
      };
      return { build, close: () => new Promise((resolve) => compiler.close(resolve)) };
    };
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      // A production build: no prebundle, whatever an earlier dev build left in the folder.
      const production = compilerFor(false);
      await production.build();
      await production.close();
      expect(logged).toHaveBeenLastCalledWith(
        '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review',
      );

      // A dev build that ships it, built twice as watch mode does: named each time, once.
      const watching = compilerFor(true);
      const named =
        "[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review\n[record-compat] package rec-sdk: 1 legacy call left as it is (not in include): node_modules/rec-sdk/index.js:2; to rewrite it: plugins: [['taro-plugin-record-compat', { include: ['rec-sdk'] }]]";
      try {
        await watching.build();
        expect(logged).toHaveBeenLastCalledWith(named);
        await watching.build();
        expect(logged).toHaveBeenLastCalledWith(named);
      } finally {
        await watching.close();
      }
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  }, 900_000);

  it("webpack: the template a createAudioContext call was decided on becomes a dependency of the script's module, declared after babel-loader (a post rule)", async () => {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-template-deps-'));
    try {
      const native = path.join(app, 'src/pages/lesson/lesson.js');
      const jsx = path.join(app, 'src/pages/player/index.jsx');
      const plain = path.join(app, 'src/pages/plain/index.js');
      for (const file of [native, jsx, plain]) fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(
        native.replace(/\.js$/, '.wxml'),
        '<include src="../common/bar.wxml"/>\n<audio id="hidden" src="/a.mp3"/>\n',
      );
      const chain = new Chain();
      chain.module
        .rule('script')
        .test(/\.[tj]sx?$/)
        .use('babelLoader')
        .loader('babel-loader')
        .options({});
      const f = fakeCtx(app);
      plugin(f.ctx as never, {});
      f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin: class {} } });
      const [rule, templateRule] = chain.toConfig().module.rules;
      expect(templateRule.enforce).toBe('post');
      const [templateUse] = templateRule.use;
      // As webpack loads a loader: require() (the collector registry it reads is the required module's).
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const templateLoader = require(templateUse.loader).default;

      /**
       * The file through babel-loader's Babel run, then the template loader: what it declares, and what it passes on.
       */
      const build = (file: string, source: string) => {
        const { code } = transformSync(source, {
          ...babelLoaderOptions(rule),
          filename: file,
          babelrc: false,
          configFile: false,
          parserOpts: { plugins: ['jsx'] },
        })!;
        const declared: { files: string[]; missing: string[]; passed: unknown[] } = {
          files: [],
          missing: [],
          passed: [],
        };
        templateLoader.call(
          {
            resourcePath: file,
            getOptions: () => templateUse.options,
            addDependency: (dep: string) => declared.files.push(dep),
            addMissingDependency: (dep: string) => declared.missing.push(dep),
            callback: (...args: unknown[]) => declared.passed.push(...args),
          },
          code,
          { version: 3 },
        );
        return declared;
      };

      const nativeBuild = build(native, "export const a = wx.createAudioContext('hidden')\n");
      // The page's .wxml and the file it includes (read or not: it does not exist yet).
      expect(nativeBuild.files).toEqual([native.replace(/\.js$/, '.wxml')]);
      expect(nativeBuild.missing).toEqual([path.join(app, 'src/pages/common/bar.wxml')]);
      expect(nativeBuild.passed[0]).toBeNull();
      expect(nativeBuild.passed[1]).toMatch(
        /createAudioContext\(\{\s*id: ["']hidden["'],\s*src: ["']\/a\.mp3["']\s*\}\)/,
      );
      expect(nativeBuild.passed[2]).toEqual({ version: 3 });

      // A JSX page decided on its own JSX: a .wxml written beside it later would be its template.
      const jsxSource =
        "import { Audio } from '@tarojs/components'\nimport Taro from '@tarojs/taro'\nexport const ctx = Taro.createAudioContext('a')\nexport const P = () => <Audio id='a' src='/a.mp3' />\n";
      expect(build(jsx, jsxSource)).toMatchObject({ files: [], missing: [jsx.replace(/\.jsx$/, '.wxml')] });
      // A file without such a call declares nothing.
      expect(build(plain, 'wx.startRecord({})\n')).toMatchObject({ files: [], missing: [] });
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it("webpack5 with Taro's persistent cache: the cache's version carries the build's decisions", async () => {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    const versionWith = (options: Record<string, unknown>, cache: Record<string, unknown> | undefined) => {
      const chain = new Chain();
      chain.module
        .rule('script')
        .test(/\.[tj]sx?$/)
        .use('babelLoader')
        .loader('babel-loader')
        .options({});
      if (cache) chain.merge({ cache });
      const f = fakeCtx();
      plugin(f.ctx as never, options);
      f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin: class {} } });
      return chain.get('cache')?.version as string | undefined;
    };
    const filesystem = { type: 'filesystem', name: 'production-weapp' };
    const plain = versionWith({}, filesystem);
    expect(plain).toMatch(/^record-compat-[0-9a-f]{16}$/);
    expect(versionWith({}, filesystem)).toBe(plain);
    expect(versionWith({ durationMs: 30000 }, filesystem)).not.toBe(plain);
    // Taro's own version, or the user's, is kept in front.
    expect(versionWith({}, { ...filesystem, version: 'v2' })).toBe(`v2+${plain}`);
    // No cache, or webpack's memory cache: nothing to key.
    expect(versionWith({}, undefined)).toBeUndefined();
    expect(versionWith({}, { type: 'memory' })).toBeUndefined();
  }, 900_000);

  it('webpack4, Taro 3.5: a page Babel reads twice in one build (and once more as output) counts its calls once', async () => {
    const { chain, f } = await chainWithBabelLoader();
    const babelOptions = babelLoaderOptions(chain.toConfig().module.rules[0]);
    const run = (code: string, filename = SRC_FILE) =>
      transformSync(code, {
        ...babelOptions,
        filename,
        babelrc: false,
        configFile: false,
        presets: [['@babel/preset-typescript']],
      })!.code!;
    const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
    const summary = () => {
      logged.mockClear();
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
      return logged.mock.calls.map((c) => c[0]);
    };

    // What @tarojs/mini-runner 3.5 does with a page: the entry module's loaders
    // (page loader, babel-loader) read the source, then the component it imports
    // is compiled from the same source, and babel-loader runs again over that output.
    run(LEGACY_TSX);
    const output = run(LEGACY_TSX);
    expect(run(output)).not.toMatch(/Taro\.(start|stop)Record/);
    // Another file, and another text of the same file (a .vue block), still add up.
    run(LEGACY_TSX, `${APP}/src/pages/other/index.tsx`);
    run(LEGACY_TSX.replace('setTimeout(() => Taro.stopRecord(), 1000)', ''));
    expect(summary()).toEqual([
      '[record-compat] rewrote 5 legacy record calls in 2 files; nothing left for manual review',
    ]);
  });

  it('a webpack config whose script rule has no babelLoader (ts-loader): its own pre loader, the scripts of the app only', async () => {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    const chain = new Chain();
    chain.module
      .rule('script')
      .test(/\.[tj]sx?$/)
      .use('tsLoader')
      .loader('ts-loader');
    const f = fakeCtx();
    plugin(f.ctx as never, {});
    f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin: class {} } });
    const rules = chain.toConfig().module.rules;
    expect(rules[0].use.map((u: { loader: string }) => u.loader)).toEqual(['ts-loader']);
    const own = rules.find((r: { enforce?: string }) => r.enforce === 'pre');
    expect(own.use[0].loader).toBe(require.resolve('../../dist/src/taro-plugin/source-loader.js'));
    const applies = (file: string) =>
      own.test(file) && own.include.every((accepts: (f: string) => boolean) => accepts(file));
    expect(applies(SRC_FILE)).toBe(true);
    expect(applies(`${APP}/src/app.css`)).toBe(false);
    expect(applies(`${APP}/node_modules/some-lib/rec.js`)).toBe(false);
  });

  it('webpack5: packages listed in include are added to the script rule, and rewritten', async () => {
    await ensureExample();
    const requireFromExample = createRequire(path.join(EXAMPLE, 'package.json'));
    const Chain = requireFromExample('webpack-chain');
    const webpack = requireFromExample('webpack');
    const chain = new Chain();
    const taroInclude = (f: string) => /(?<=node_modules[\\/]).*taro/.test(f);
    chain.module
      .rule('script')
      .include.add(`${APP}/src`)
      .add(taroInclude)
      .end()
      .use('babelLoader')
      .loader('babel-loader')
      .options({});
    const f = fakeCtx();
    plugin(f.ctx as never, { include: ['legacy-sdk'] });
    f.hooks.modifyWebpackChain[0]({ chain, webpack });
    const rule = chain.toConfig().module.rules[0];
    expect(chain.toConfig().resolve?.alias ?? {}).toEqual({}); // not an h5 build: no H5 recorder
    const includes = rule.include as (string | ((f: string) => boolean))[];
    const accepts = (file: string) => includes.some((c) => (typeof c === 'string' ? file.startsWith(c) : c(file)));
    expect(accepts(`${APP}/node_modules/legacy-sdk/rec.js`)).toBe(true);
    expect(accepts(`${APP}/node_modules/other-sdk/rec.js`)).toBe(false);
    const out = transformSync(LEGACY_TSX, {
      ...babelLoaderOptions(rule),
      filename: `${APP}/node_modules/legacy-sdk/rec.ts`,
      babelrc: false,
      configFile: false,
      presets: [['@babel/preset-typescript']],
    })!.code!;
    expect(out).not.toMatch(/Taro\.startRecord/);
  }, 900_000);

  it('raw PCM reaches each platform in its own spelling: pcm on Baidu (swan), PCM elsewhere; webpack and vite alike', async () => {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    class DefinePlugin {
      constructor(readonly definitions: Record<string, string>) {}
    }
    const defines = (format: string, platform: string) => {
      const f = fakeCtx();
      plugin(f.ctx as never, { format, durationMs: 30000 } as never);
      const chain = new Chain();
      chain.module.rule('script').use('babelLoader').loader('babel-loader').options({});
      const viteConfig: { plugins: unknown[] } = { plugins: [] };
      asPlatform(platform, () => {
        f.hooks.modifyWebpackChain[0]({ chain, webpack: { DefinePlugin } });
        f.hooks.modifyViteConfig[0]({ viteConfig });
      });
      const webpackDefine = chain.toConfig().plugins.find((p: object) => p instanceof DefinePlugin).definitions;
      const viteDefine = (viteConfig.plugins[0] as VitePlugin).config().define;
      expect(viteDefine).toEqual(webpackDefine);
      return JSON.parse(webpackDefine.TARO_RECORD_COMPAT_OPTIONS);
    };
    for (const format of ['PCM', 'pcm']) {
      expect(defines(format, 'swan')).toEqual({ format: 'pcm', durationMs: 30000 });
      for (const platform of ['weapp', 'tt', 'qq', 'h5'])
        expect(defines(format, platform)).toEqual({ format: 'PCM', durationMs: 30000 });
    }
    // The other formats are spelled alike everywhere: as given.
    expect(defines('wav', 'swan')).toEqual({ format: 'wav', durationMs: 30000 });
  });
});

describe("the build's one decision: route the app's own getRecorderManager only in a project with legacy record calls", () => {
  const made: string[] = [];
  afterAll(() => {
    for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
  });
  const project = (withLegacyPage: boolean) => routingProject(withLegacyPage, made);

  /** The dictaphone page through each route of one plugin instance: babel-loader, the source loader, vite. */
  async function throughEveryRoute(
    appPath: string,
    dictaphone: string,
  ): Promise<{ babelLoader: string; sourceLoader: string; vite: string | null }> {
    await ensureExample();
    const Chain = createRequire(path.join(EXAMPLE, 'package.json'))('webpack-chain');
    const f = ctxWithPaths(appPath);
    plugin(f.ctx as never, {});

    const withBabel = new Chain();
    withBabel.module
      .rule('script')
      .test(/\.[tj]sx?$/)
      .use('babelLoader')
      .loader('babel-loader')
      .options({});
    f.hooks.modifyWebpackChain[0]({ chain: withBabel, webpack: { DefinePlugin: class {} } });
    const babelOptions = babelLoaderOptions(withBabel.toConfig().module.rules[0]);
    const babelLoader = transformSync(DICTAPHONE, {
      ...babelOptions,
      filename: dictaphone,
      babelrc: false,
      configFile: false,
      presets: [['@babel/preset-typescript']],
    })!.code!;

    const withoutBabel = new Chain();
    withoutBabel.module
      .rule('script')
      .test(/\.[tj]sx?$/)
      .use('tsLoader')
      .loader('ts-loader');
    f.hooks.modifyWebpackChain[0]({ chain: withoutBabel, webpack: { DefinePlugin: class {} } });
    const own = withoutBabel.toConfig().module.rules.find((r: { enforce?: string }) => r.enforce === 'pre');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const loader = require(own.use[0].loader).default;
    const loaderOptions = own.use[0].options;
    const sourceLoader = loader.call(
      {
        resourcePath: dictaphone,
        resourceQuery: '',
        query: loaderOptions,
        emitError: (e: Error) => {
          throw e;
        },
      },
      DICTAPHONE,
    );

    const viteConfig: { plugins: unknown[] } = { plugins: [] };
    f.hooks.modifyViteConfig[0]({ viteConfig });
    const vp = viteConfig.plugins[0] as VitePlugin;
    vp.buildStart();
    const vite = vp.transform.call(viteContext(), DICTAPHONE, dictaphone)?.code ?? null;
    return { babelLoader, sourceLoader, vite };
  }

  it('with a legacy page: every route routes the page that only uses its own Taro.getRecorderManager()', async () => {
    const { appPath, dictaphone } = project(true);
    const out = await throughEveryRoute(appPath, dictaphone);
    for (const [route, code] of Object.entries(out)) {
      expect(code, route).toMatch(/import \{ getRecorderManager \} from ["']record-compat-runtime["']/);
      expect(code, route).not.toContain('Taro.getRecorderManager');
    }
    // the source loader edits text: the rest of the page keeps its bytes (Taro's import, read no more in this .tsx,
    // goes)
    expect(out.sourceLoader).toBe(
      DICTAPHONE.replace('Taro.getRecorderManager()', 'getRecorderManager()').replace(
        "import Taro from '@tarojs/taro'\n",
        "import { getRecorderManager } from 'record-compat-runtime'\n",
      ),
    );
  }, 900_000);

  it('without one (a near miss and a dependency do not count): no route touches it', async () => {
    const { appPath, dictaphone } = project(false);
    const out = await throughEveryRoute(appPath, dictaphone);
    expect(out.sourceLoader).toBe(DICTAPHONE);
    expect(out.vite).toBeNull();
    expect(out.babelLoader).toContain('Taro.getRecorderManager()');
    expect(out.babelLoader).not.toContain('taro-plugin-record-compat');
  }, 900_000);
});

describe("vite with React: the rewrite joins @vitejs/plugin-react's Babel pass (its api.reactBabel hook)", () => {
  /**
   * This plugin and the example's real @vitejs/plugin-react as Taro configures it (two Babel
   * plugins of its own), resolved the way vite resolves them for `taro build`: this plugin
   * first (modifyViteConfig puts it there), unless `reactFirst`.
   */
  async function reactBuild(
    pluginOptions: Record<string, unknown>,
    reactOptions: Record<string, unknown> = {},
    reactFirst = false,
  ) {
    await ensureExample();
    const { f, vp } = viteDoor(pluginOptions);
    const { pass } = taroReactBuild({
      modulesFrom: EXAMPLE,
      root: EXAMPLE,
      reactOptions,
      arrange: (react) => (reactFirst ? [...react, vp] : [vp, ...react]),
    });
    vp.buildStart();
    /** One file as the build does it: this plugin's pre transform, then plugin-react's Babel pass. */
    const transform = async (code: string, id: string) => {
      const pre = vp.transform.call(viteContext(), code, id);
      const out = await pass(pre?.code ?? code, id);
      return { pre, code: out?.code ?? pre?.code ?? code };
    };
    /** The build's end as vite and Taro run it: the plugin's buildEnd, then the summary line. */
    const summary = () => {
      vp.buildEnd.call({ error: (message: string) => expect.fail(message) } as never);
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
      const line = log.mock.calls.flat().join('\n');
      log.mockRestore();
      return line;
    };
    return { f, vp, transform, summary };
  }

  const AUDIO_PAGE = [
    "import Taro from '@tarojs/taro'",
    "import { Audio, View } from '@tarojs/components'",
    "const ctx = Taro.createAudioContext('bell')",
    'export default function Bell() {',
    '  return <View onClick={() => ctx.play()}><Audio id="bell" src="/bell.mp3" /></View>',
    '}',
    '',
  ].join('\n');

  it('a legacy page is rewritten inside that pass, not parsed by the pre transform, and counted once', async () => {
    const { transform, summary } = await reactBuild({});
    const { pre, code } = await transform(LEGACY_TSX, SRC_FILE);
    expect(pre).toBeNull();
    expect(code).toMatch(/from ["']record-compat-runtime["']/);
    expect(code).not.toMatch(/Taro\.(start|stop)Record/);
    expect(summary()).toBe('[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review');
  }, 900_000);

  it('a page whose createAudioContext reads its JSX is rewritten by the pre transform, and the pass leaves it', async () => {
    const { transform, summary } = await reactBuild({});
    const { pre, code } = await transform(AUDIO_PAGE, `${APP}/src/pages/bell/index.tsx`);
    expect(pre!.code).toContain("const ctx = createAudioContext({ id: 'bell', src: '/bell.mp3' })");
    expect(code).toMatch(/createAudioContext\(\{\s*id: ["']bell["'],/);
    expect(summary()).toBe('[record-compat] rewrote 1 AudioContext use in 1 file; nothing left for manual review');
  }, 900_000);

  it('where the pass comes first, the pre transform rewrites the file itself', async () => {
    const { transform, summary } = await reactBuild({}, {}, true);
    const { pre } = await transform(LEGACY_TSX, SRC_FILE);
    expect(pre!.code).toMatch(/from ["']record-compat-runtime["']/);
    expect(summary()).toBe('[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review');
  }, 900_000);

  it('a file left to the pass that the pass then skips is named for review, and fails a strict build', async () => {
    const { f, vp, transform } = await reactBuild({ strict: true }, { exclude: /skipped/ });
    const file = `${APP}/src/pages/skipped/index.tsx`;
    const { pre, code } = await transform(LEGACY_TSX, file);
    expect(pre).toBeNull();
    expect(code).toContain('Taro.startRecord');
    const error = vi.fn((message: string) => {
      throw new Error(message);
    });
    expect(() => vp.buildEnd.call({ error } as never)).toThrow(
      /src\/pages\/skipped\/index\.tsx:1:1 not rewritten: vite:react-babel did not transform this file/,
    );
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(log.mock.calls.flat().join('\n')).toContain('1 place left for manual review: src/pages/skipped/index.tsx:1');
    expect(process.exitCode).toBe(1);
  }, 900_000);
});

/**
 * Runs `fn` as Taro runs a plugin's hook for `platform`: TARO_ENV set for the call, then as it was (unset where it
 * was).
 */
