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
import {
  formatSummary,
  formatStrictError,
  type BuildSummary,
  type ManualPlace,
  type ReportCollector,
} from './collector';
import {
  PLUGIN_NAME,
  optionsSchema,
  resolveOptions,
  type RecordCompatPluginOptions,
  type ResolvedOptions,
} from './options';
import { applyWebpackChain } from './webpack';
import { registerCommand } from './command';
import { keepIncludedOutOfPrebundle } from './prebundle';
import { callsLeftIn, formatTaro2H5Notice, isTaro2H5Build } from './taro2-h5';
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

  // Taro 2's H5 build is left as Taro makes it, and its end says so (taro2-h5.ts).
  let leftAsTaro2H5 = false;
  ctx.modifyWebpackChain(({ chain, webpack }) => {
    if (isTaro2H5Build(ctx.appPath, process.env.TARO_ENV)) {
      leftAsTaro2H5 = true;
      return;
    }
    applyWebpackChain(chain, webpack, wiring.webpack());
  });
  // Taro's prebundle would bundle an `include`d package before babel-loader could rewrite it (prebundle.ts).
  if (options.include.length > 0 && typeof ctx.modifyRunnerOpts === 'function') {
    ctx.modifyRunnerOpts(({ opts }: { opts?: { compiler?: unknown } }) =>
      keepIncludedOutOfPrebundle(opts, options.include),
    );
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

  const taro2H5Places = () => callsLeftIn(wiring.sourceDir, ctx.appPath, wiring.rewriteOptions());
  registerFinish(ctx, options, wiring.collector, wiring.routedBy, () => (leftAsTaro2H5 ? taro2H5Places() : undefined));
  // `taro record-compat [migrate|audit]`: the codemod and the audit over the project's source root.
  registerCommand(ctx);
}

/**
 * The line at the end of a build. `leftAsIs`: the calls a build the plugin left as it is (Taro 2's
 * H5) leaves, said instead of a summary. A build that failed is said to have failed: the files it
 * did not reach were not read, so "nothing left" would claim what nobody checked.
 */
function registerFinish(
  ctx: IPluginContext,
  options: ResolvedOptions,
  collector: ReportCollector,
  routedBy: () => RoutingCauses,
  leftAsIs: () => ManualPlace[] | undefined,
): void {
  ctx.onBuildFinish(({ error, stats, isWatch }: { error?: unknown; stats?: unknown; isWatch?: boolean }) => {
    const failed = buildFailed(error, stats);
    const left = leftAsIs();
    const summary: BuildSummary = left
      ? { rewrittenCalls: 0, callsByKind: new Map(), rewrittenFiles: 0, manual: left, routedBy: [] }
      : collector.summary(routedBy());
    if (options.report) console.log(left ? formatTaro2H5Notice(left) : formatSummary(summary, failed));
    // webpack and vite already failed the compilation; this covers a runner that does not surface plugin errors (and
    // Taro 2's H5 build, which the plugin leaves), so a strict CI build never passes.
    if (options.strict && summary.manual.length > 0 && !failed && !isWatch) {
      console.error(formatStrictError(summary));
      process.exitCode = 1;
    }
  });
}

/** Whether the build Taro reports the end of failed: an error, or a webpack compilation with errors. */
function buildFailed(error: unknown, stats: unknown): boolean {
  if (error !== undefined && error !== null && !(Array.isArray(error) && error.length === 0)) return true;
  const hasErrors = (stats as { hasErrors?: unknown } | null | undefined)?.hasErrors;
  return typeof hasErrors === 'function' && hasErrors.call(stats) === true;
}

// Taro loads plugins with require() and takes `.default` when `__esModule` is
// set; plain CommonJS callers get the function itself.
const plugin = Object.assign(recordCompat, {
  default: recordCompat,
  __esModule: true as const,
  pluginName: PLUGIN_NAME,
});
export default plugin;
module.exports = plugin;
