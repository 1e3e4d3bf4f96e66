/**
 * What one instance of the plugin hands its two routes (webpack's chain, vite's plugin), built
 * from Taro's context and the checked options. index.ts wires the build with it, and the build
 * benchmark (scripts/bench-build.mjs) builds its vite plugin and Babel entry from it too: a
 * field a route gains is there for both, so the benchmark cannot fall behind the plugin.
 */
import * as path from 'node:path';
import { TaroVersionReader, type RewriteOptions, type RoutingCauses } from '../rewrite/light';
import { ReportCollector, registerCollector } from './collector';
import { copiedReports, copyOptionOf } from './copied';
import { createFileFilter, createRuntimeFileTest } from './files';
import { rewriteOptionsOf, type CopiedReports, type ResolvedOptions } from './options';
import { prebundleFolder } from './prebundle';
import { routingDecision } from './route';
import { configuredExclude, type CompileConfig } from './script-rule';
import type { ViteWiring } from './vite';
import type { WebpackWiring } from './webpack';

/** The part of Taro's plugin context the wiring reads (IPluginContext of @tarojs/service). */
export interface PluginContextLike {
  appPath: string;
  paths?: { sourcePath?: string };
  initialConfig?: { compiler?: unknown } & CompileConfig;
}

export interface BuildWiring {
  collector: ReportCollector;
  /** The app's source folder, which the routing's pre-scan reads. */
  sourceDir: string;
  /** The rewrite options of this build's files (the build's decisions taken now). */
  rewriteOptions(): RewriteOptions;
  /** What routes the app's own managers and the canvas pixel calls, for the end-of-build line (route.ts). */
  routedBy(): RoutingCauses;
  /** Taken in the route's config hook, when the build's decisions are taken. */
  webpack(): WebpackWiring;
  vite(): ViteWiring;
}

export function buildWiring(ctx: PluginContextLike, options: ResolvedOptions): BuildWiring {
  const collector = new ReportCollector(ctx.appPath);
  const collectorId = registerCollector(collector);
  const filter = createFileFilter({ include: options.include });
  // Route the app's own managers only if the project has a legacy call of their family, the canvas pixel calls only if
  // the build moves a canvas: one decision per build, taken in the config hook (before any file is transformed).
  const sourceDir = ctx.paths?.sourcePath ?? path.join(ctx.appPath, 'src');
  const routing = routingDecision(sourceDir);
  // The Taro this build runs in (the one installed for the app): below 3.3.1 its wrapper made
  // some calls return a Promise whatever the callbacks, and Taro.* calls keep that (Decision R9).
  const taroWrapper = () => new TaroVersionReader().forFolder(ctx.appPath).wraps === true;
  // What Taro's copy option copies without compiling it: read at each build start (copied.ts).
  const copyConfig = copyOptionOf(ctx.initialConfig);
  const copied: CopiedReports = (rewriteOptions, honoursIgnore) =>
    copiedReports(ctx.appPath, copyConfig, rewriteOptions, honoursIgnore);
  // The build's Babel plugin, loaded by path by babel-loader (webpack) and by plugin-react's pass (vite).
  const buildPluginPath = require.resolve('./babel-build');
  const common = () => ({
    options,
    collector,
    collectorId,
    filter,
    ...routing().decision,
    taroWrapper: taroWrapper(),
    buildPluginPath,
    platform: process.env.TARO_ENV,
    copied,
  });
  return {
    collector,
    sourceDir,
    rewriteOptions: () => rewriteOptionsOf({ options, ...routing().decision, taroWrapper: taroWrapper() }),
    routedBy: () => routing().causes,
    webpack: () => ({
      ...common(),
      sourceLoaderPath: require.resolve('./source-loader'),
      templateLoaderPath: require.resolve('./template-loader'),
      componentLoaderPath: require.resolve('./component-loader'),
      isRuntimeFile: createRuntimeFileTest(),
      appPath: ctx.appPath,
      prebundle: prebundleFolder(ctx.appPath, process.env.TARO_ENV, ctx.initialConfig),
      appExclude: configuredExclude(ctx.initialConfig, process.env.TARO_ENV),
    }),
    vite: common,
  };
}
