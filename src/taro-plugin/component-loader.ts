/**
 * A webpack loader for a `.vue` component's own request, run before vue-loader splits it
 * (registered with `enforce: 'pre'` by webpack.ts where the rewrite joins babel-loader). It says
 * for a person what Babel, which only gets what vue-loader made of the component, cannot place:
 * - an Options API template's own calls through what the component hands its instance
 *   (`data() { return { Taro } }`, then `@tap="Taro.startRecord({})"`): Babel gets them compiled
 *   as `_ctx.Taro.startRecord(…)`, no call of the API; Babel's report of the `<script>` block
 *   itself is moved to the component's lines (babel-build.ts);
 * - with a `<script setup>`, every place of the component: vue-loader compiles the block (and the
 *   names its template reads, returned from setup) into another text, whose places are none of
 *   the component's; here they are the codemod's and vite's (rewriteFile over the component), and
 *   Babel's report of that compiled text keeps only the calls it rewrote.
 * It changes nothing: the scripts are rewritten by the Babel pass.
 */
import {
  componentTemplate,
  emptyReport,
  mightContainLegacyCall,
  RewriteParseError,
  RewriteRefusedError,
  rewriteFile,
  scriptBlocks,
  SfcParseError,
  type ManualReviewSite,
  type RewriteOptions,
} from '../rewrite';
import { findCollector } from './collector';
import { BUILD_CHECKS, unparsedFileReport } from './rewrite-result';

/** The loader's options (webpack.ts): the engine's options for the build, and the collector's id. */
export interface ComponentLoaderOptions extends RewriteOptions {
  collectorId: string;
}

/** The parts of webpack's loader context used here (webpack 4 and 5). */
interface LoaderContext {
  resourcePath: string;
  resourceQuery: string;
  query: unknown;
  getOptions?: () => unknown;
}

export default function recordCompatComponentLoader(this: LoaderContext, source: string): string {
  // A part of the component (`?vue&type=script`): vue-loader made it from the text seen here.
  if (this.resourceQuery) return source;
  // webpack 5 has getOptions(); webpack 4 hands an options object over as `query`.
  const { collectorId, ...rewriteOptions } = (
    typeof this.getOptions === 'function' ? this.getOptions() : this.query
  ) as ComponentLoaderOptions;
  const collector = findCollector(collectorId);
  if (!collector || !mightContainLegacyCall(source, rewriteOptions)) return source;
  let manual: ManualReviewSite[];
  try {
    const blocks = scriptBlocks(source, this.resourcePath);
    // rewriteFile reads the template itself (componentTemplate), beside a setup's blocks.
    manual = blocks.some((block) => block.setup)
      ? rewriteFile(source, this.resourcePath, rewriteOptions, BUILD_CHECKS).report.manual
      : componentTemplate(source, this.resourcePath, rewriteOptions, blocks).sites;
  } catch (error) {
    if (error instanceof SfcParseError) return source; // vue-loader says why
    if (error instanceof RewriteParseError) manual = unparsedFileReport(error).manual;
    else if (error instanceof RewriteRefusedError)
      manual = [{ line: error.line ?? 0, column: 0, reason: error.message }];
    else throw error;
  }
  // Recorded with the component's text, so that Babel's report of its script adds up with it.
  collector.record(this.resourcePath, { ...emptyReport(), manual }, source);
  return source;
}
