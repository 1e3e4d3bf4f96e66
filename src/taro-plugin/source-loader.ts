/**
 * A webpack loader that runs the rewrite on a script's source text before any
 * other loader sees it (registered with `enforce: 'pre'` by webpack.ts). The
 * route for Taros whose webpack config has no `script` rule with a babel-loader
 * when plugins run (Taro 2: its rules are merged after `modifyWebpackChain`).
 * It uses the codemod's own entry (rewriteSource), so the build and the
 * codemod make the same edits, and hands webpack the source map of those edits
 * when the build asks for maps (dev builds), so lines below the new import stay true.
 */
import { mightContainLegacyCall, rewriteSource, RewriteParseError, type RewriteOptions } from '../rewrite';
import { findCollector } from './collector';
import { PLUGIN_NAME } from './options';
import { BUILD_CHECKS, sourceMapOfEdits, unparsedFileReport } from './rewrite-result';
import { declareTemplateFiles, type DependencyContext } from './template-loader';

/**
 * The loader's options (webpack.ts): the engine's options for the build (options.ts, rewriteOptionsOf), and the
 * collector's id.
 */
export interface SourceLoaderOptions extends RewriteOptions {
  collectorId: string;
}

/** The parts of webpack's loader context used here (webpack 4 and 5). */
interface LoaderContext extends DependencyContext {
  resourcePath: string;
  resourceQuery: string;
  query: unknown;
  getOptions?: () => unknown;
  /** Whether the build wants source maps (webpack 4 and 5). */
  sourceMap?: boolean;
  callback?: (error: Error | null, content: string, map?: object) => void;
  emitError(error: Error): void;
}

function loaderOptions(context: LoaderContext): SourceLoaderOptions {
  // webpack 5 has getOptions(); webpack 4 hands an options object over as `query`.
  const options = typeof context.getOptions === 'function' ? context.getOptions() : context.query;
  return options as SourceLoaderOptions;
}

export default function recordCompatSourceLoader(this: LoaderContext, source: string): string | undefined {
  // A request with a query is a part of a file this loader has already seen
  // (Taro 2 asks for `page.jsx?taro&type=script` after compiling `page.jsx`):
  // its calls were counted there, and counting them again would double them.
  if (this.resourceQuery) return source;

  const { collectorId, ...rewriteOptions } = loaderOptions(this);
  const collector = findCollector(collectorId);
  const file = this.resourcePath;
  collector?.markRead(file);
  if (!mightContainLegacyCall(source, rewriteOptions)) {
    collector?.forget(file);
    return source;
  }
  try {
    const { output, report, edits } = rewriteSource(source, file, rewriteOptions, undefined, BUILD_CHECKS);
    collector?.record(file, report);
    // A template the rewrite read (createAudioContext) rebuilds the script when it changes.
    declareTemplateFiles(this, report.templateFiles ?? []);
    if (output === null) return source;
    if (this.sourceMap && edits && this.callback) {
      this.callback(null, output, sourceMapOfEdits(edits, file));
      return undefined;
    }
    return output;
  } catch (error) {
    if (error instanceof RewriteParseError) {
      collector?.record(file, unparsedFileReport(error));
      return source;
    }
    this.emitError(new Error(`[${PLUGIN_NAME}] ${file}: ${(error as Error).message}`));
    return source;
  }
}
