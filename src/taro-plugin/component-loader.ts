/**
 * A webpack loader for a `.vue` component's own request, run before vue-loader splits it
 * (registered with `enforce: 'pre'` by webpack.ts where the rewrite joins babel-loader). Babel
 * then gets the component's script block, and its template as vue-loader compiled it
 * (`_ctx.Taro.startRecord(…)`), where a call the template makes through what an Options API
 * component hands its instance (`data() { return { Taro } }`) is no call of the API. So this
 * loader reads the template as the codemod does (componentTemplate) and reports those calls for
 * a person, at their lines in the component. It changes nothing: the script's calls are
 * rewritten and reported by the Babel pass, and a `<script setup>`'s template, which vue-loader
 * compiles into the script, is left to it too.
 */
import { componentTemplate, emptyReport, mightContainLegacyCall, type RewriteOptions } from '../rewrite';
import { findCollector } from './collector';

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
  const { collectorId, ...rewriteOptions } = (typeof this.getOptions === 'function' ? this.getOptions() : this.query) as ComponentLoaderOptions;
  const collector = findCollector(collectorId);
  if (!collector || !mightContainLegacyCall(source, rewriteOptions)) return source;
  let template;
  try {
    template = componentTemplate(source, this.resourcePath, rewriteOptions);
  } catch {
    return source; // a component Vue cannot split: vue-loader says why
  }
  // Recorded with the component's text, so the Babel pass's report of its script adds up with it.
  const sites = template.names ? [] : template.sites;
  collector.record(this.resourcePath, { ...emptyReport(), manual: sites }, source);
  return source;
}
