/**
 * A webpack loader run after babel-loader (a `post` rule over the files the rewrite takes, webpack.ts): it passes the
 * module through unchanged and declares as its dependencies the template files that the rewrite, run inside
 * babel-loader a moment before, read for it (a native page's `.wxml`, for a createAudioContext call). Babel could
 * declare them itself, but the babel-loader Taro pins (8.2.1) does not pass Babel's external dependencies on. Declared
 * here, a change to the template alone rebuilds the script, in watch mode and past webpack's persistent cache.
 */
import * as fs from 'node:fs';
import { findCollector } from './collector';

export interface TemplateLoaderOptions {
  collectorId: string;
}

/** The part of webpack's loader context that declares files (webpack 4 and 5). */
export interface DependencyContext {
  addDependency(file: string): void;
  /** webpack 5 only: a file whose appearance should rebuild the module. */
  addMissingDependency?: (file: string) => void;
}

/**
 * Declares the template files a rewrite read (RewriteReport.templateFiles) as the module's
 * dependencies: a change to one rebuilds the script, and on webpack 5 so does the appearance
 * of one that is missing (an `<include>` not written yet, the `.wxml` a JSX page would take).
 * Both loaders declare them here, so both routes watch the same files.
 */
export function declareTemplateFiles(context: DependencyContext, files: Iterable<string>): void {
  for (const file of files) {
    if (fs.existsSync(file)) context.addDependency(file);
    else context.addMissingDependency?.(file);
  }
}

/** The parts of webpack's loader context used here (webpack 4 and 5). */
interface LoaderContext extends DependencyContext {
  resourcePath: string;
  query: unknown;
  getOptions?: () => unknown;
  callback(error: Error | null, content: string | Buffer, map?: unknown, meta?: unknown): void;
}

export default function recordCompatTemplateLoader(
  this: LoaderContext,
  content: string | Buffer,
  map?: unknown,
  meta?: unknown,
): void {
  const { collectorId } = (
    typeof this.getOptions === 'function' ? this.getOptions() : this.query
  ) as TemplateLoaderOptions;
  declareTemplateFiles(this, findCollector(collectorId)?.templateFilesOf(this.resourcePath) ?? []);
  this.callback(null, content, map, meta);
}
