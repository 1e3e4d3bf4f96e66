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
import { type ReportCollector, formatSummary, formatStrictError } from './collector';
import { PLUGIN_NAME, optionsSchema, resolveOptions, type RecordCompatPluginOptions, type ResolvedOptions } from './options';
import { applyWebpackChain } from './webpack';
import { registerCommand } from './command';
import { keepIncludedOutOfPrebundle } from './prebundle';
import { buildWiring } from './wiring';
import type { RoutingCauses } from '../rewrite/light';
import type * as ViteWiringModule from './vite';

export type { RecordCompatPluginOptions } from './options';

function recordCompat(ctx: IPluginContext, rawOptions?: RecordCompatPluginOptions): void {
  // Our own check first: it names the option and its allowed values, whereas
  // Taro's check (below, run by Taro after this function) only says "invalid".
  const options = resolveOptions(rawOptions);
  ctx.addPluginOptsSchema((joi) => optionsSchema(joi) as never);

  // `appPath` is a member of Taro's kernel the context passes on; its types leave it to their index signature.
  const wiring = buildWiring({ appPath: ctx.appPath, paths: ctx.paths, initialConfig: ctx.initialConfig }, options);

  ctx.modifyWebpackChain(({ chain, webpack }) => applyWebpackChain(chain, webpack, wiring.webpack()));
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
      applyViteConfig(viteConfig, wiring.vite());
    });
  }

  registerFinish(ctx, options, wiring.collector, wiring.routedBy);
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
