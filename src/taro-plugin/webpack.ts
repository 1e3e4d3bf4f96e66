/**
 * webpack: the rewrite joins the Babel run Taro already does on the user's
 * scripts (the `script` rule's `babelLoader`), so it sees the source before
 * TypeScript is stripped and the file is not parsed a second time. Where the
 * config has no such rule when plugins run (Taro 2 merges its rules after
 * `modifyWebpackChain`, and compiles scripts with Babel 6), a loader of our
 * own rewrites the source text before every other loader instead.
 */
import type { BuildDecisions, CopiedReports, ResolvedOptions } from './options';
import { decisionsKey, rewriteOptionsOf } from './options';
import type { FileFilter } from './files';
import { includedPackageTest, isScriptFile, packageOf, runtimeAliases } from './files';
import { isVueFile, type RewriteReport } from '../rewrite/light';
import type { ReportCollector, Said } from './collector';
import { formatStrictError } from './collector';
import type { BuildPluginOptions } from './babel-build';
import type { SourceLoaderOptions } from './source-loader';
import type { TemplateLoaderOptions } from './template-loader';
import type { ComponentLoaderOptions } from './component-loader';
import {
  dependencyReports,
  isDependencyModule,
  shippedPrebundleReports,
  uncompiledReport,
  type DependencyReport,
} from './dependencies';
import { isPrebundleCompiler, isPrebundled, shipsPrebundle } from './prebundle';
import { failedModuleReport } from './rewrite-result';
import { compileIncludedPackages } from './script-rule';

/* eslint-disable @typescript-eslint/no-explicit-any -- webpack-chain and webpack come from the user's Taro install */

/** The build's decisions (options.ts, BuildDecisions) and what the webpack hooks use beside them. */
export interface WebpackWiring extends BuildDecisions {
  options: ResolvedOptions;
  collector: ReportCollector;
  collectorId: string;
  filter: FileFilter;
  /** Absolute path of the build's Babel plugin module (babel-build.ts: the rewrite and its report). */
  buildPluginPath: string;
  /** Absolute path of the source-text loader (the route without a babel-loader). */
  sourceLoaderPath: string;
  /**
   * Absolute path of the loader after babel-loader that declares the templates the rewrite read (template-loader.ts).
   */
  templateLoaderPath: string;
  /**
   * Absolute path of the loader that reads a `.vue` component's template before vue-loader splits it
   * (component-loader.ts).
   */
  componentLoaderPath: string;
  /** Taro platform being built (process.env.TARO_ENV): weapp, h5, tt… */
  platform: string | undefined;
  isRuntimeFile: (file: string) => boolean;
  copied: CopiedReports;
  /** The app's folder: where Taro's prebundle names the files it bundled from (prebundle.ts). */
  appPath: string;
  /** The folder of this build's prebundle, where it has one (prebundle.ts, prebundleFolder). */
  prebundle: string;
  /** The app's own `compile.exclude` of the side built, which `include` leaves as it is (script-rule.ts). */
  appExclude: unknown[];
}

const DEFINE_NAME = 'TARO_RECORD_COMPAT_OPTIONS';

/**
 * The recording defaults as the build hands them to the runtime (a bundler `define`), in the
 * spelling of the platform built: raw PCM is `pcm` on Baidu and `PCM` elsewhere (docs/contract.md),
 * so one config records PCM on every platform the app builds for.
 */
export function recordingDefine(w: {
  options: Pick<ResolvedOptions, 'runtime'>;
  platform?: string;
}): Record<string, string> {
  const runtime = w.options.runtime;
  const pcm = runtime.format === 'PCM' || runtime.format === 'pcm';
  return {
    [DEFINE_NAME]: JSON.stringify(pcm ? { ...runtime, format: w.platform === 'swan' ? 'pcm' : 'PCM' } : runtime),
  };
}

/** Babel `overrides` entry that runs the rewrite on the files the filter accepts. */
export function babelOverride(w: Pick<WebpackWiring, 'collectorId' | 'filter' | 'buildPluginPath'> & BuildDecisions) {
  const options: BuildPluginOptions = { rewrite: rewriteOptionsOf(w), collectorId: w.collectorId };
  return {
    test: (filename: string | undefined) => Boolean(filename && w.filter(filename)),
    plugins: [[w.buildPluginPath, options]],
  };
}

export function applyWebpackChain(chain: any, webpack: any, w: WebpackWiring): void {
  const script = chain.module.rules.has('script') ? chain.module.rule('script') : undefined;
  if (script && script.uses.has('babelLoader')) {
    joinBabelLoader(script, w);
    declareTemplates(chain, w);
    readComponentTemplates(chain, w);
  } else addSourceLoader(chain, w);

  // require: the user's webpack, where Taro does not hand it over.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const DefinePlugin = webpack?.DefinePlugin ?? require('webpack').DefinePlugin;
  chain.plugin('recordCompatDefine').use(DefinePlugin, [recordingDefine(w)]);

  const rewriteOptions = rewriteOptionsOf(w);
  // A script of the app's own, which the rewrite takes (the filter).
  const isAppScript = (file: string): boolean => isScriptFile(file) && w.filter(file);
  chain.plugin('recordCompatReport').use(ReportPlugin, [
    w.collector,
    w.options.strict,
    // A module of a package outside include, or the prebundle's: what the build says of the files in it.
    (file: string, text: () => string | undefined) => {
      const built = isDependencyModule(file, w.prebundle, w.filter) ? text() : undefined;
      return built === undefined
        ? undefined
        : dependencyReports(file, built, w.filter, rewriteOptions, w.appPath, w.prebundle, w.platform !== 'h5');
    },
    // A package's own module (not the prebundle's), which the bundler may leave out of the output.
    (file: string) => packageOf(file) !== undefined && !isPrebundled(file, w.prebundle),
    // A script of the app's whose module failed to build: what an earlier build said of it no longer holds.
    (file: string) => (isAppScript(file) ? failedModuleReport(file, rewriteOptions) : undefined),
    // A script of the app's that the rewrite never read (Taro's script rule left it out).
    (file: string, text: () => string | undefined) => {
      const built = isAppScript(file) ? text() : undefined;
      return built === undefined
        ? undefined
        : { file, report: uncompiledReport(file, built, rewriteOptions), text: built };
    },
    // copy-webpack-plugin (5 and 12) applies the patterns' ignore.
    () => w.copied(rewriteOptions, true),
    // Taro's prebundle, where the build ships it (prebundle.ts).
    () => shippedPrebundleReports(w.prebundle, w.filter, rewriteOptions, w.appPath),
  ]);

  keyCacheToDecisions(chain, w);
  if (w.platform === 'h5') shareRuntimeChunk(chain, w.isRuntimeFile);
  // `$`: the module itself, not `…/runtime/native`.
  for (const [from, to] of Object.entries(runtimeAliases(w.platform))) chain.resolve.alias.set(`${from}$`, to);
}

function joinBabelLoader(script: any, w: WebpackWiring): void {
  script.use('babelLoader').tap((loaderOptions: Record<string, any> = {}) => ({
    ...loaderOptions,
    overrides: [...(loaderOptions.overrides ?? []), babelOverride(w)],
  }));
  // Taro's rule compiles the source folder and Taro's own packages: the included ones join them (script-rule.ts).
  if (w.options.include.length > 0)
    compileIncludedPackages(script, includedPackageTest(w.options.include), w.appExclude);
}

/**
 * The templates the rewrite read, made dependencies of the script's module (template-loader.ts):
 * a `post` rule, so it runs after babel-loader, over the files the rewrite takes only (Taro's
 * rule also compiles its own packages, which have no template to declare).
 */
function declareTemplates(chain: any, w: WebpackWiring): void {
  addOwnRule(chain, w, 'recordCompatTemplates', 'post', w.templateLoaderPath, {
    collectorId: w.collectorId,
  } satisfies TemplateLoaderOptions);
}

/** A rule of its own, run before Taro's: the user's scripts (and `include`d packages), never this package. */
function addSourceLoader(chain: any, w: WebpackWiring): void {
  addOwnRule(chain, w, 'recordCompatSource', 'pre', w.sourceLoaderPath, {
    collectorId: w.collectorId,
    ...rewriteOptionsOf(w),
  } satisfies SourceLoaderOptions);
}

/**
 * The templates of `.vue` components, read before vue-loader compiles them into what Babel gets (component-loader.ts).
 */
function readComponentTemplates(chain: any, w: WebpackWiring): void {
  addOwnRule(
    chain,
    w,
    'recordCompatComponents',
    'pre',
    w.componentLoaderPath,
    { collectorId: w.collectorId, ...rewriteOptionsOf(w) } satisfies ComponentLoaderOptions,
    isVueFile,
  );
}

/**
 * A rule with one loader of this package, over the files the rewrite takes (the filter; scripts unless `test` says),
 * before or after the others.
 */
function addOwnRule(
  chain: any,
  w: WebpackWiring,
  name: string,
  enforce: 'pre' | 'post',
  loader: string,
  options: object,
  test: (file: string) => boolean = isScriptFile,
): void {
  const rule = chain.module.rule(name);
  (enforce === 'pre' ? rule.pre() : rule.post())
    .test(test)
    .include.add(w.filter)
    .end()
    .use(name)
    .loader(loader)
    .options(options);
}

/**
 * webpack's persistent cache (Taro's `cache.enable`) keeps a module until its files or the Taro
 * config change. What a file's rewrite depends on besides its text is decided at each build
 * start: the project-level routing (a legacy call added in one page routes another page's own
 * getRecorderManager), the Taro the app runs, the plugin's options, this package's version. So
 * those go into the cache's version: when one changes, no module rewritten under the old
 * decision comes back from the cache.
 */
function keyCacheToDecisions(chain: any, w: WebpackWiring): void {
  const cache = chain.get('cache');
  if (!cache || typeof cache !== 'object' || cache.type !== 'filesystem') return;
  chain.set('cache', {
    ...cache,
    version: `${typeof cache.version === 'string' ? `${cache.version}+` : ''}record-compat-${decisionsKey(w)}`,
  });
}

/**
 * Taro's H5 build splits only initial chunks, so a module used by several
 * (async) pages is copied into each page's chunk. Give the runtime a chunk of
 * its own so it ships once. (Mini-program builds already put it in vendors.)
 */
function shareRuntimeChunk(chain: any, isRuntimeFile: (file: string) => boolean): void {
  const splitChunks = chain.optimization.get('splitChunks');
  if (!splitChunks || typeof splitChunks !== 'object') return;
  chain.optimization.splitChunks({
    ...splitChunks,
    cacheGroups: {
      ...(splitChunks.cacheGroups ?? {}),
      recordCompat: {
        name: 'record-compat',
        chunks: 'all',
        enforce: true,
        priority: 100,
        test: (module: { resource?: string }) => Boolean(module.resource && isRuntimeFile(module.resource)),
      },
    },
  });
}

/**
 * The text webpack built a module from (after its loaders), or undefined. webpack 4 and 5 both have originalSource().
 */
function builtText(module: any): string | undefined {
  const source = typeof module.originalSource === 'function' ? module.originalSource() : undefined;
  const text = source?.source?.();
  return typeof text === 'string' ? text : Buffer.isBuffer(text) ? text.toString('utf8') : undefined;
}

/**
 * Whether webpack recorded errors for a module's build (a loader that threw: webpack 5 getErrors(), webpack 4 errors).
 */
function hasErrors(module: any): boolean {
  const errors: Iterable<unknown> | undefined =
    typeof module.getErrors === 'function' ? module.getErrors() : module.errors;
  return errors ? [...errors].length > 0 : false;
}

/** Where a module's buildInfo keeps what the build said of it (ReportPlugin). */
const SAID_KEY = 'recordCompatSaid';

/**
 * Tells the collector when a (re)build starts, names the dependencies (bundled, or in the
 * prebundle the build ships), the copied files and the app's files Taro's script rule does not
 * compile that call a legacy API the build leaves as it is (dependencies.ts, copied.ts), keeps what it
 * said of each module with the module (for webpack's persistent cache), and with `strict`
 * fails the compilation (as webpack errors do) when places are left for manual review.
 */
class ReportPlugin {
  constructor(
    private readonly collector: ReportCollector,
    private readonly strict: boolean,
    /**
     * What the build says of a dependency's module (given its built text, read only for one), or undefined for any
     * other.
     */
    private readonly ofDependency: (file: string, text: () => string | undefined) => DependencyReport[] | undefined,
    /** Whether a module's file is a package's, whose calls count only where the module reaches the output. */
    private readonly isPackageModule: (file: string) => boolean,
    private readonly ofFailed: (file: string) => RewriteReport | undefined,
    private readonly ofUncompiled: (file: string, text: () => string | undefined) => DependencyReport | undefined,
    private readonly copied: () => ReturnType<CopiedReports>,
    private readonly prebundled: () => DependencyReport[],
  ) {}

  apply(compiler: any): void {
    // Taro's compiler of the prebundle: the app's build reads what it makes (prebundle.ts). A
    // strict error there failed the prebundle (Taro then skips it), printed as a raw object.
    const plugins = compiler.options?.plugins;
    if (isPrebundleCompiler(plugins)) return;
    // Decided once for the compiler: its plugins do not change between (re)builds.
    const ships = shipsPrebundle(plugins);
    compiler.hooks.thisCompilation.tap('RecordCompatReport', (compilation: any) => {
      this.collector.beginBuild();
      this.collector.recordCopied(this.copied());
      // The dependencies Taro prebundled for this build: no module of it holds them (prebundle.ts).
      if (ships) for (const one of this.prebundled()) this.collector.record(one.file, one.report, one.text);
      const packageModules = this.countOnlyWhatShips(compilation);
      compilation.hooks.succeedModule.tap('RecordCompatReport', (module: any) => {
        const file: unknown = module.resource;
        if (typeof file !== 'string') return;
        if (this.isPackageModule(file)) packageModules.add(file);
        const files = [file];
        // Only a dependency's modules are asked for their text (dependencies.ts decides which).
        const dependency = this.ofDependency(file, () => builtText(module));
        if (dependency) {
          for (const one of dependency) {
            this.collector.record(one.file, one.report, one.text);
            files.push(one.file);
          }
        } else if (!file.includes('?') && hasErrors(module)) {
          // Its build failed (Babel stopped on a syntax error before the rewrite ran): what an
          // earlier build said of it (watch mode) no longer holds, and the file says why.
          const report = this.ofFailed(file);
          if (report) {
            this.collector.forget(file);
            this.collector.record(file, report);
          }
        } else if (!file.includes('?') && !this.collector.wasRead(file)) {
          // A file of the app that the rewrite never read: webpack bundles it as written. (A request
          // with a query is a part of a file, or a loader's entry for it, read under the file's name.)
          const one = this.ofUncompiled(file, () => builtText(module));
          if (one) this.collector.record(one.file, one.report, one.text);
        }
        // webpack's persistent cache (Taro's `cache.enable`) restores a module in the next build
        // without building it, so neither Babel nor the check above says anything of it then: what
        // this build said goes into the cache with the module, and stillValidModule says it again.
        const said = [...new Set(files)].flatMap((f) => this.collector.saidOf(f));
        if (module.buildInfo && said.length > 0) module.buildInfo[SAID_KEY] = said;
      });
      compilation.hooks.stillValidModule?.tap('RecordCompatReport', (module: any) => {
        if (typeof module.resource === 'string' && this.isPackageModule(module.resource))
          packageModules.add(module.resource);
        const said: unknown = module.buildInfo?.[SAID_KEY];
        if (Array.isArray(said)) for (const one of said as Said[]) this.collector.restore(one);
      });
      if (!this.strict) return;
      compilation.hooks.finishModules.tap('RecordCompatReport', () => {
        const summary = this.collector.summary();
        if (summary.manual.length === 0) return;
        const WebpackError = compiler.webpack?.WebpackError ?? Error;
        // In watch mode a warning: Taro's watcher ends at a compilation error (its promise is
        // rejected with nobody to catch it).
        const watching = compiler.watchMode === true;
        const problem = new WebpackError(formatStrictError(summary, watching));
        problem.name = watching ? 'RecordCompatStrictWarning' : 'RecordCompatStrictError';
        (watching ? compilation.warnings : compilation.errors).push(problem);
      });
    });
  }

  /**
   * The packages' modules this compilation builds or restores (the set returned, filled by the
   * caller): once webpack has sealed the output, one that no chunk holds (a module its
   * tree-shaking left out, as `sideEffects: false` lets it) is left out of the summary, so the
   * summary counts only the calls that ship, rewritten or not.
   */
  private countOnlyWhatShips(compilation: any): Set<string> {
    const packageModules = new Set<string>();
    compilation.hooks.afterSeal.tap('RecordCompatReport', () => {
      const shipped = shippedResources(compilation);
      for (const file of packageModules) if (!shipped.has(file)) this.collector.leaveOut(file);
    });
    return packageModules;
  }
}

/**
 * The files of the modules in a sealed compilation's chunks, those concatenated into one module
 * included (webpack 5's chunk graph, webpack 4's chunks; a ConcatenatedModule lists its own in both).
 */
function shippedResources(compilation: any): Set<string> {
  const files = new Set<string>();
  const add = (module: any): void => {
    if (typeof module.resource === 'string') files.add(module.resource);
    if (Array.isArray(module.modules)) for (const inner of module.modules) add(inner);
  };
  for (const chunk of compilation.chunks) {
    const modules = compilation.chunkGraph
      ? compilation.chunkGraph.getChunkModulesIterable(chunk)
      : chunk.modulesIterable;
    for (const module of modules ?? []) add(module);
  }
  return files;
}
