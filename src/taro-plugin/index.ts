/**
 * taro-plugin-record-compat as a Taro plugin:
 *
 *   plugins: ['taro-plugin-record-compat']
 *   plugins: [['taro-plugin-record-compat', { durationMs: 60000, strict: true }]]
 *
 * Rewrites the user's startRecord/stopRecord calls at build time (webpack5 or
 * vite), hands the options to the runtime, and reports what it did. Also adds the
 * command `taro record-compat` (command.ts): the codemod and the audit, from Taro's CLI.
 */
import type { IPluginContext } from '@tarojs/service';
import { ReportCollector, formatSummary, formatStrictError, registerCollector } from './collector';
import { createFileFilter, createRuntimeFileTest } from './files';
import { PLUGIN_NAME, optionsSchema, resolveOptions, type CopiedReports, type RecordCompatPluginOptions, type ResolvedOptions } from './options';
import { copiedReports, copyOptionOf } from './copied';
import { applyWebpackChain } from './webpack';
import { routingDecision } from './route';
import { registerCommand } from './command';
import { keepIncludedOutOfPrebundle, prebundleFolder } from './prebundle';
import { TaroVersionReader, type RoutingCauses } from '../rewrite/light';
import * as path from 'node:path';
import type * as ViteWiringModule from './vite';

export type { RecordCompatPluginOptions } from './options';

function recordCompat(ctx: IPluginContext, rawOptions?: RecordCompatPluginOptions): void {
  // Our own check first: it names the option and its allowed values, whereas
  // Taro's check (below, run by Taro after this function) only says "invalid".
  const options = resolveOptions(rawOptions);
  ctx.addPluginOptsSchema((joi) => optionsSchema(joi) as never);

  const collector = new ReportCollector(ctx.appPath);
  const collectorId = registerCollector(collector);
  const filter = createFileFilter({ include: options.include });
  // Route the app's own managers only if the project has a legacy call of their family: one
  // decision per build, taken in the config hook (before any file is transformed), for every route.
  const sourceDir = (ctx.paths as { sourcePath?: string } | undefined)?.sourcePath ?? path.join(ctx.appPath, 'src');
  const routing = routingDecision(sourceDir);
  // The Taro this build runs in (the one installed for the app): below 3.3.1 its wrapper made
  // some calls return a Promise whatever the callbacks, and Taro.* calls keep that (Decision R9).
  const taroWrapper = () => new TaroVersionReader().forFolder(ctx.appPath).wraps === true;
  // What Taro's copy option copies without compiling it: read at each build start (copied.ts).
  const copyConfig = copyOptionOf(ctx.initialConfig);
  const copied: CopiedReports = (rewriteOptions, honoursIgnore) => copiedReports(ctx.appPath, copyConfig, rewriteOptions, honoursIgnore);
  // The build's Babel plugin, loaded by path by babel-loader (webpack) and by plugin-react's pass (vite).
  const buildPluginPath = require.resolve('./babel-build');

  ctx.modifyWebpackChain(({ chain, webpack }) => {
    applyWebpackChain(chain, webpack, {
      options,
      collector,
      collectorId,
      filter,
      ...routing().decision,
      taroWrapper: taroWrapper(),
      buildPluginPath,
      sourceLoaderPath: require.resolve('./source-loader'),
      templateLoaderPath: require.resolve('./template-loader'),
      componentLoaderPath: require.resolve('./component-loader'),
      platform: process.env.TARO_ENV,
      isRuntimeFile: createRuntimeFileTest(),
      copied,
      appPath: ctx.appPath,
      prebundle: prebundleFolder(ctx.appPath, process.env.TARO_ENV, ctx.initialConfig),
    });
  });
  // Taro's prebundle would bundle an `include`d package before babel-loader could rewrite it (prebundle.ts).
  if (options.include.length > 0 && typeof ctx.modifyRunnerOpts === 'function') {
    ctx.modifyRunnerOpts(({ opts }: { opts?: { compiler?: unknown } }) => keepIncludedOutOfPrebundle(opts, options.include));
  }

  // modifyViteConfig exists from Taro 4 (Taro 3.6 builds with webpack only).
  if (typeof ctx.modifyViteConfig === 'function') {
    ctx.modifyViteConfig(({ viteConfig }) => {
      // Loaded here so webpack builds do not load the vite wiring at start-up.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const { applyViteConfig } = require('./vite') as typeof ViteWiringModule;
      applyViteConfig(viteConfig, {
        options,
        collector,
        collectorId,
        buildPluginPath,
        filter,
        ...routing().decision,
        taroWrapper: taroWrapper(),
        platform: process.env.TARO_ENV,
        copied,
      });
    });
  }

  registerFinish(ctx, options, collector, () => routing().causes);
  // `taro record-compat [migrate|audit]`: the codemod and the audit over the project's source root.
  registerCommand(ctx);
}

function registerFinish(ctx: IPluginContext, options: ResolvedOptions, collector: ReportCollector, routedBy: () => RoutingCauses): void {
  ctx.onBuildFinish(({ error, isWatch }: { error?: unknown; isWatch?: boolean }) => {
    const summary = collector.summary(routedBy());
    if (options.report) console.log(formatSummary(summary));
    // webpack and vite already failed the compilation; this covers a runner
    // that does not surface plugin errors, so a strict CI build never passes.
    if (options.strict && summary.manual.length > 0 && !error && !isWatch) {
      console.error(formatStrictError(summary));
      process.exitCode = 1;
    }
  });
}

// Taro loads plugins with require() and takes `.default` when `__esModule` is
// set; plain CommonJS callers get the function itself.
const plugin = Object.assign(recordCompat, { default: recordCompat, __esModule: true as const, pluginName: PLUGIN_NAME });
export default plugin;
module.exports = plugin;
