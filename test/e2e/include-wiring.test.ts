/**
 * The `include` option on each bundler's own parts, as installed with the Taro versions the e2e
 * tests build (test/e2e/taro3-webpack4, test/e2e/taro36, examples/taro-app), without a Taro build:
 * - Taro's `script` rule, as each Taro runner writes it for each `compile` option (its own code,
 *   called as its config does), before and after the plugin: which files webpack's own rule
 *   matcher hands babel-loader. The included package joins; every other file is compiled or not
 *   as before (src/taro-plugin/script-rule.ts);
 * - a package outside `include` whose module webpack 4 and 5 leave out of the output
 *   (`sideEffects: false`): its calls are not counted, the others are named at their lines;
 * - webpack 4 and 5, and rollup (vite's), on an H5 build whose app never records: no chunk for the mp3 encoder; one
 *   where it records has it.
 * The full builds with a UI library in `include` are in taro3-webpack4.test.ts (webpack4) and
 * system-info-build.test.ts (webpack5, vite).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { EXAMPLE, TMP, assembleProject, ensureExample } from './helpers/example';
import { UI_KIT, addUiKit } from './helpers/dependency';
import { asPlatform, fakeCtx, plugin, viteDoor } from '../taro-plugin/helpers';

const TARO3_WEBPACK4 = path.join(TMP, 'taro3-webpack4-app');
const TARO36 = path.join(TMP, 'taro36-app');

// The Taro installs the rules come from; on a fresh machine the first to ask installs each (minutes).
beforeAll(async () => {
  for (const [app, version] of [
    [TARO3_WEBPACK4, 'taro3-webpack4'],
    [TARO36, 'taro36'],
  ] as const) {
    // package.json and its lock only: the source the other test files build is theirs.
    assembleProject(app, path.join(__dirname, version), EXAMPLE, []);
    await ensureExample(app);
  }
  await ensureExample();
}, 1_800_000);

/** An app whose path holds no "taro": Taro 3's own condition looks for that word anywhere in a path. */
const SHOP = '/projects/shop';
const SRC = `${SHOP}/src`;
const FILES = {
  /** The app's own TypeScript. */
  app: `${SRC}/app.tsx`,
  /** A folder of its own that its compile.exclude names. */
  vendor: `${SRC}/vendor/sdk.js`,
  /** Code outside the source folder. */
  shared: `${SHOP}/shared/format.ts`,
  /** The package in the plugin's include, as npm and as pnpm lay it out. */
  kit: `${SHOP}/node_modules/${UI_KIT}/es/index.js`,
  kitPnpm: `${SHOP}/node_modules/.pnpm/${UI_KIT}@1.0.0/node_modules/${UI_KIT}/es/common/utils.js`,
  /** A package that Taro's compile.include names. */
  compiled: `${SHOP}/node_modules/compiled-lib/index.js`,
  other: `${SHOP}/node_modules/other-lib/index.js`,
  taro: `${SHOP}/node_modules/@tarojs/taro/index.js`,
};
type Probe = keyof typeof FILES;

/** The compile options an app writes, each as Taro's docs show them (paths, RegExps, functions). */
const COMPILES: Record<string, { include?: unknown[]; exclude?: unknown[] }> = {
  'no compile option': {},
  'compile.include': { include: [(file: string) => file.includes('compiled-lib')] },
  'compile.exclude': { exclude: [path.join(SRC, 'vendor')] },
  'compile.exclude naming the included package': { exclude: [path.join(SRC, 'vendor'), new RegExp(UI_KIT)] },
  'compile.include and compile.exclude': { include: [/compiled-lib/], exclude: [path.join(SRC, 'vendor')] },
};

type Platform = 'weapp' | 'h5';

interface Runner {
  label: string;
  /** The app whose install has the runner, its webpack and its webpack-chain. */
  app: string;
  platforms: Platform[];
  /** The runner's module, whose webpack-chain builds the chain (the one Taro builds with). */
  module: string;
  /** Taro's script rule, as the runner's own code writes it for a side and a compile option. */
  scriptRule(runner: NodeRequire, platform: Platform, compile: object): object;
}

/** @tarojs/mini-runner (Taro 3's webpack4): its module rules for a mini-program, the script rule among them. */
const miniRunnerRule = (runner: NodeRequire, _platform: Platform, compile: object) =>
  runner('./dist/webpack/chain').getModule(SHOP, {
    sourceDir: SRC,
    designWidth: 750,
    deviceRatio: {},
    buildAdapter: 'weapp',
    isBuildQuickapp: false,
    enableSourceMap: false,
    compile,
    postcss: {},
    fileType: { templ: '.wxml', style: '.wxss', config: '.json', script: '.js', xs: '.wxs' },
  }).rule.script;

/** @tarojs/webpack5-runner (Taro 3.5 to 4): the script rule of its module for mini-programs or H5. */
const webpack5RunnerRule = (runner: NodeRequire, platform: Platform, compile: object) => {
  const name = platform === 'h5' ? 'H5WebpackModule' : 'MiniWebpackModule';
  const WebpackModule = runner(`./dist/webpack/${name}`)[name];
  return new WebpackModule({ sourceDir: SRC, config: { compile } }).getScriptRule();
};

const RUNNERS: Runner[] = [
  {
    label: 'Taro 3.6 webpack4 (@tarojs/mini-runner 3.6.23: only an exclude)',
    app: TARO3_WEBPACK4,
    platforms: ['weapp'],
    module: '@tarojs/mini-runner',
    scriptRule: miniRunnerRule,
  },
  {
    label: 'Taro 3.6 webpack5 (@tarojs/webpack5-runner 3.6.40: an include)',
    app: TARO36,
    platforms: ['weapp', 'h5'],
    module: '@tarojs/webpack5-runner',
    scriptRule: webpack5RunnerRule,
  },
  {
    label: 'Taro 4 webpack5 (@tarojs/webpack5-runner 4.2.1: an include)',
    app: EXAMPLE,
    platforms: ['weapp', 'h5'],
    module: '@tarojs/webpack5-runner',
    scriptRule: webpack5RunnerRule,
  },
];

/**
 * The files of FILES babel-loader gets once Taro's script rule (as `runner` writes it for `platform`
 * and `compile`) is in a chain, after the plugin with `include` where one is given: webpack's own
 * rule matcher decides (the build's NormalModuleFactory). `webpackApp`: whose webpack runs it.
 */
function compiledFiles(
  runner: Runner,
  platform: Platform,
  compile: object,
  include: string[] | undefined,
  webpackApp: string = runner.app,
): Record<Probe, boolean> {
  const fromApp = createRequire(path.join(runner.app, 'package.json'));
  const fromRunner = createRequire(fromApp.resolve(`${runner.module}/package.json`));
  const webpack = createRequire(path.join(webpackApp, 'package.json'))('webpack');
  const Chain = fromRunner('webpack-chain');
  const chain = new Chain();
  chain.merge({ module: { rule: { script: runner.scriptRule(fromRunner, platform, compile) } } });
  if (include) {
    const f = fakeCtx(SHOP);
    const side = platform === 'h5' ? 'h5' : 'mini';
    plugin({ ...f.ctx, initialConfig: { [side]: { compile } } } as never, { include });
    asPlatform(platform, () => f.hooks.modifyWebpackChain[0]({ chain, webpack }));
  }
  const { rules } = chain.toConfig().module;
  const factory = webpack({
    mode: 'none',
    context: SHOP,
    entry: './src/app.tsx',
    module: { rules },
  }).createNormalModuleFactory();
  const takes = (resource: string): boolean =>
    factory.ruleSet
      .exec({
        resource,
        realResource: resource,
        resourceQuery: '',
        resourceFragment: '',
        scheme: '',
        mimetype: '',
        dependency: 'esm',
        descriptionData: {},
        issuer: '',
        issuerLayer: '',
        compiler: undefined,
      })
      .some((effect: { type: string; value: { loader?: string } }) => /babel-loader/.test(effect.value?.loader ?? ''));
  return Object.fromEntries(Object.entries(FILES).map(([probe, file]) => [probe, takes(file)])) as Record<
    Probe,
    boolean
  >;
}

/** What `include` must change of what Taro's rule compiles: the package joins, everything else is as it was. */
function expectIncludeJoins(
  before: Record<Probe, boolean>,
  after: Record<Probe, boolean>,
  compile: { exclude?: unknown[] },
  name: string,
): void {
  // The package needed include: Taro's rule alone leaves it out.
  expect([before.kit, before.kitPnpm], name).toEqual([false, false]);
  // The app's own compile.exclude is kept, as Taro's compile.include keeps it.
  const excluded = (compile.exclude ?? []).some((c) => c instanceof RegExp && c.test(FILES.kit));
  expect([after.kit, after.kitPnpm], name).toEqual([!excluded, !excluded]);
  const rest = (files: Record<Probe, boolean>) => ({ ...files, kit: undefined, kitPnpm: undefined });
  expect(rest(after), name).toEqual(rest(before));
  expect(after.app, name).toBe(true);
}

describe("include on Taro's script rule, as each Taro writes it", () => {
  for (const runner of RUNNERS) {
    for (const platform of runner.platforms) {
      it(`${runner.label}, ${platform}: the package joins for every compile option, the app's source and the rest as before`, () => {
        const seen = new Set<string>();
        for (const [name, compile] of Object.entries(COMPILES)) {
          const before = compiledFiles(runner, platform, compile, undefined);
          expectIncludeJoins(before, compiledFiles(runner, platform, compile, [UI_KIT]), compile, name);
          seen.add(JSON.stringify(before));
        }
        // The compile options make Taro's rule take different files: the shapes differ.
        expect(seen.size).toBeGreaterThan(1);
      });
    }
  }

  it("Taro 3.5 to 3.6.24's webpack5 runner (the rule of @tarojs/mini-runner's code, only an exclude) on webpack 5", () => {
    // That runner's getScriptRule writes mini-runner's script rule, to the letter: run on the example's webpack 5.
    const runner = RUNNERS[0]!;
    for (const [name, compile] of Object.entries(COMPILES)) {
      const before = compiledFiles(runner, 'weapp', compile, undefined, EXAMPLE);
      expectIncludeJoins(before, compiledFiles(runner, 'weapp', compile, [UI_KIT], EXAMPLE), compile, name);
    }
  });
});

/**
 * A scratch app (`dir`) whose page imports one helper of a package with no side effects that
 * re-exports two modules, each with a legacy call: webpack leaves the other one out of the output.
 */
function writeTreeShakenApp(dir: string): void {
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  write('src/index.js', "import { record } from 'rec-sdk'\nrecord()\n");
  write('node_modules/rec-sdk/package.json', JSON.stringify({ name: 'rec-sdk', main: 'index.js', sideEffects: false }));
  write('node_modules/rec-sdk/index.js', "export { record } from './record'\nexport { play } from './voice'\n");
  write('node_modules/rec-sdk/record.js', 'export function record() {\n  wx.startRecord({})\n}\n');
  write('node_modules/rec-sdk/voice.js', "export function play() {\n  wx.playVoice({ filePath: 'a.silk' })\n}\n");
}

/**
 * Builds the scratch app in `dir` (writeTreeShakenApp) with the webpack of `app` (a production
 * build, not minified), Taro's script rule over src/ with `exclude`, and the plugin with `options`
 * and the app's compile option `compile`: resolves with the output and the lines the build ends with.
 */
async function buildScratch(
  app: string,
  dir: string,
  options: Record<string, unknown>,
  compile: { exclude?: unknown[] } = {},
): Promise<{ bundle: string; said: string }> {
  const fromApp = createRequire(path.join(app, 'package.json'));
  const webpack = fromApp('webpack');
  const chain = new (fromApp('webpack-chain'))();
  chain.mode('production').context(dir).entry('index').add(path.join(dir, 'src/index.js')).end();
  // webpack 4 hashes with md4, which Node 17+ lacks: another hash, and no module concatenation
  // (whose md4 no option changes; webpack 5 concatenates, so a concatenated module is checked there).
  chain.output.path(path.join(dir, 'dist')).set('hashFunction', 'sha256');
  // What the rewrite imports, left to the app that would bundle it.
  chain.externals([/^record-compat-runtime(\/|$)/]);
  chain.optimization.minimize(false);
  if (/^4\./.test(fromApp('webpack/package.json').version)) chain.optimization.concatenateModules(false);
  const script = chain.module.rule('script').test(/\.js$/).include.add(path.join(dir, 'src')).end();
  for (const condition of compile.exclude ?? []) script.exclude.add(condition);
  script.use('babelLoader').loader(fromApp.resolve('babel-loader')).options({ babelrc: false, configFile: false });
  const f = fakeCtx(dir);
  plugin({ ...f.ctx, initialConfig: { mini: { compile } } } as never, options);
  asPlatform('weapp', () => f.hooks.modifyWebpackChain[0]({ chain, webpack }));
  const compiler = webpack(chain.toConfig());
  const logged = vi.spyOn(console, 'log').mockImplementation(() => {});
  const failed = vi.spyOn(console, 'error').mockImplementation(() => {});
  try {
    const stats = await new Promise<{ toJson(): { errors: unknown[] } }>((resolve, reject) =>
      compiler.run((error: Error | null, result: never) => (error ? reject(error) : resolve(result))),
    );
    expect(stats.toJson().errors).toEqual([]);
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    return { bundle: fs.readFileSync(path.join(dir, 'dist/index.js'), 'utf8'), said: logged.mock.calls.at(-1)![0] };
  } finally {
    logged.mockRestore();
    failed.mockRestore();
    await new Promise((resolve) => compiler.close?.(resolve) ?? resolve(undefined));
  }
}

describe('webpack: what the end of a build says of packages', () => {
  for (const [bundler, app] of [
    ['webpack 4', TARO3_WEBPACK4],
    ['webpack 5', EXAMPLE],
  ] as const) {
    it(`${bundler}: a package outside include: a module its tree-shaking leaves out (sideEffects: false) is not counted, the others named at their lines`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-shaken-'));
      try {
        writeTreeShakenApp(dir);
        const { bundle, said } = await buildScratch(app, dir, {});
        expect(bundle).toContain('startRecord');
        expect(bundle).not.toContain('playVoice');
        expect(said).toBe(
          [
            '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review',
            "[record-compat] package rec-sdk: 1 legacy call left as it is (not in include): node_modules/rec-sdk/record.js:2; to rewrite it: plugins: [['taro-plugin-record-compat', { include: ['rec-sdk'] }]]",
          ].join('\n'),
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);

    it(`${bundler}: an included package is rewritten; a file of it the app's compile.exclude names is a place, not silence`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-included-'));
      try {
        writeTreeShakenApp(dir);
        const rewritten = await buildScratch(app, dir, { include: ['rec-sdk'] });
        expect(rewritten.bundle).not.toMatch(/wx\.startRecord/);
        expect(rewritten.said).toBe(
          '[record-compat] rewrote 1 legacy record call in 1 file; nothing left for manual review',
        );
        const left = await buildScratch(app, dir, { include: ['rec-sdk'] }, { exclude: [/rec-sdk[\\/]record/] });
        expect(left.bundle).toMatch(/wx\.startRecord/);
        expect(left.said).toBe(
          "[record-compat] rewrote 0 legacy calls in 0 files; 1 place left for manual review: node_modules/rec-sdk/record.js:2 (node_modules/rec-sdk/record.js: not compiled by this build; see the compile option of Taro's config)",
        );
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);
  }
});

/** A chunk webpack wrote: its files (by their text), and whether the page loads it up front. */
type WrittenChunk = { initial: boolean; files: Record<string, string> };

/**
 * A scratch H5 app in `dir` whose page is `page`, beside the UI library (in the plugin's include), built with the
 * webpack of `app` (a production build, not minified: webpack makes its chunks before a minifier runs), Taro's
 * script rule over src/, Taro H5's splitting of initial chunks only, and the plugin on h5, which resolves the runtime
 * to the package's H5 entry: the chunks written.
 */
async function buildH5Scratch(app: string, dir: string, page: string): Promise<WrittenChunk[]> {
  fs.mkdirSync(path.join(dir, 'src'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'src/index.js'), page);
  addUiKit(path.join(dir, 'node_modules'));
  const fromApp = createRequire(path.join(app, 'package.json'));
  const webpack = fromApp('webpack');
  const chain = new (fromApp('webpack-chain'))();
  chain.mode('production').context(dir).entry('app').add(path.join(dir, 'src/index.js')).end();
  // webpack 4's md4 again (buildScratch).
  chain.output.path(path.join(dir, 'dist')).chunkFilename('chunk/[name].js').set('hashFunction', 'sha256');
  chain.externals({ '@tarojs/taro': 'Taro' });
  chain.optimization.minimize(false).splitChunks({ chunks: 'initial' });
  if (/^4\./.test(fromApp('webpack/package.json').version)) chain.optimization.concatenateModules(false);
  const script = chain.module.rule('script').test(/\.js$/).include.add(path.join(dir, 'src')).end();
  script.use('babelLoader').loader(fromApp.resolve('babel-loader')).options({ babelrc: false, configFile: false });
  const f = fakeCtx(dir);
  plugin({ ...f.ctx, initialConfig: { h5: {} } } as never, { include: [UI_KIT] });
  asPlatform('h5', () => f.hooks.modifyWebpackChain[0]({ chain, webpack }));
  const compiler = webpack(chain.toConfig());
  try {
    const stats = await new Promise<{ toJson(o: object): { errors: unknown[]; chunks: WrittenChunk[] } }>(
      (resolve, reject) =>
        compiler.run((error: Error | null, result: never) => (error ? reject(error) : resolve(result))),
    );
    const { errors, chunks } = stats.toJson({ all: false, errors: true, chunks: true });
    expect(errors).toEqual([]);
    return chunks.map((chunk) => ({
      initial: chunk.initial,
      files: Object.fromEntries(
        (chunk.files as unknown as string[]).map((file) => [
          file,
          fs.readFileSync(path.join(dir, 'dist', file), 'utf8'),
        ]),
      ),
    }));
  } finally {
    await new Promise((resolve) => compiler.close?.(resolve) ?? resolve(undefined));
  }
}

/** Bytes of the mp3 encoder (LAME's own function names), and of the H5 recorder. */
const MP3_ENCODER_TEXT = 'lame_encode_buffer';
const RECORDER_TEXT = 'getUserMedia';
const textOf = (chunks: WrittenChunk[]) => chunks.flatMap((chunk) => Object.values(chunk.files)).join('\n');

describe("webpack's H5 build: the mp3 encoder's chunk only where the app records", () => {
  for (const [bundler, app] of [
    ['webpack 4', TARO3_WEBPACK4],
    ['webpack 5', EXAMPLE],
  ] as const) {
    it(`${bundler}: a UI library rewritten to the runtime (system info only): no chunk loaded later, no recorder, no encoder`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-h5-'));
      try {
        const chunks = await buildH5Scratch(
          app,
          dir,
          `import { navBarHeight } from '${UI_KIT}'\nconsole.log(navBarHeight())\n`,
        );
        const text = textOf(chunks);
        // The library runs on the runtime's system info: rewritten, and the runtime bundled.
        expect(text).not.toMatch(/\b(?:wx|Taro)\.getSystemInfoSync\(/);
        expect(text).toContain('getWindowInfo');
        expect(chunks.filter((chunk) => !chunk.initial)).toEqual([]);
        expect(text).not.toContain(RECORDER_TEXT);
        expect(text).not.toContain(MP3_ENCODER_TEXT);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);

    it(`${bundler}: an app that records: the recorder up front, the encoder in a chunk of its own loaded later`, async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-h5-'));
      try {
        const chunks = await buildH5Scratch(
          app,
          dir,
          'wx.startRecord({ success: (res) => console.log(res.tempFilePath) })\n',
        );
        expect(textOf(chunks)).not.toMatch(/wx\.startRecord/);
        const later = chunks.filter((chunk) => !chunk.initial);
        expect(later).toHaveLength(1);
        expect(textOf(later)).toContain(MP3_ENCODER_TEXT);
        expect(textOf(later)).not.toContain(RECORDER_TEXT);
        expect(textOf(chunks.filter((chunk) => chunk.initial))).toContain(RECORDER_TEXT);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 300_000);
  }
});

describe("vite's H5 build: the mp3 encoder's chunk only where the app records", () => {
  /** Taro's manualChunks on H5: all of node_modules into vendors. */
  const taroChunks = (id: string) => (id.includes('/node_modules/') ? 'vendors' : undefined);

  /** The chunks rollup (vite 4's, from the example) writes for an entry of `code`, with the plugin's manualChunks. */
  async function chunksOf(code: string): Promise<{ name: string; code: string }[]> {
    const { rollup } = createRequire(path.join(EXAMPLE, 'package.json'))('rollup');
    let vp!: ReturnType<typeof viteDoor>['vp'];
    asPlatform('h5', () => (vp = viteDoor({ include: [UI_KIT] }).vp));
    const aliases = vp.config().resolve.alias;
    const entry = '\0entry.js';
    const bundle = await rollup({
      input: entry,
      external: (id: string) => id.startsWith('@tarojs/'),
      plugins: [
        {
          name: 'app',
          // The entry, and vite's aliases (the H5 runtime, the encoder), as vite resolves them.
          resolveId(id: string) {
            if (id === entry) return entry;
            const alias = aliases.find((a) => a.find.test(id));
            if (!alias) return null;
            const target = alias.replacement;
            return fs.statSync(target).isDirectory()
              ? path.join(target, JSON.parse(fs.readFileSync(path.join(target, 'package.json'), 'utf8')).module)
              : target;
          },
          load: (id: string) => (id === entry ? code : null),
        },
      ],
    });
    const { output } = await bundle.generate({
      dir: 'dist',
      manualChunks: vp.outputOptions({ manualChunks: taroChunks })!.manualChunks as never,
    });
    return output.flatMap((o: { type: string; name: string; code: string }) =>
      o.type === 'chunk' ? [{ name: o.name, code: o.code }] : [],
    );
  }

  it('a UI library rewritten to the runtime (system info only): no record-compat-mp3 chunk', async () => {
    const chunks = await chunksOf(
      "import { getSystemInfoSync } from 'record-compat-runtime'\nconsole.log(getSystemInfoSync().windowWidth)\n",
    );
    expect(chunks.map((c) => c.name)).not.toContain('record-compat-mp3');
    // Nor a chunk of Taro's for it (vendors holds nothing else here): rollup writes no empty chunk.
    expect(chunks.filter((c) => c.code.trim() === '').map((c) => c.name)).toEqual([]);
  });

  it('an app that records mp3: the encoder in a chunk of its own, not empty', async () => {
    const chunks = await chunksOf(
      "import { getRecorderManager } from 'record-compat-runtime'\ngetRecorderManager().start({ format: 'mp3' })\n",
    );
    const mp3 = chunks.find((c) => c.name === 'record-compat-mp3');
    expect(mp3?.code.length).toBeGreaterThan(1000);
  });
});
