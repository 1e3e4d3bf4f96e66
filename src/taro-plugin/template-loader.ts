/**
 * A webpack loader run after babel-loader (a `post` rule over the files the rewrite takes,
 * webpack.ts): it passes the module through unchanged and declares as its dependencies the
 * template files that the rewrite, run inside babel-loader a moment before, read for it (a
 * native page's `.wxml`, for a createAudioContext call). Babel could declare them itself, but the babel-loader Taro pins
 * (8.2.1) does not pass Babel's external dependencies on. Declared here, a change to the template
 * alone rebuilds the script, in watch mode and past webpack's persistent cache.
 */
import * as fs from 'node:fs';
import { findCollector } from './collector';

export interface TemplateLoaderOptions {
  collectorId: string;
}

/** The parts of webpack's loader context used here (webpack 4 and 5). */
interface LoaderContext {
  resourcePath: string;
  query: unknown;
  getOptions?: () => unknown;
  addDependency(file: string): void;
  /** webpack 5 only: a file whose appearance should rebuild the module. */
  addMissingDependency?: (file: string) => void;
  callback(error: Error | null, content: string | Buffer, map?: unknown, meta?: unknown): void;
}

export default function recordCompatTemplateLoader(this: LoaderContext, content: string | Buffer, map?: unknown, meta?: unknown): void {
  const { collectorId } = (typeof this.getOptions === 'function' ? this.getOptions() : this.query) as TemplateLoaderOptions;
  for (const file of findCollector(collectorId)?.templateFilesOf(this.resourcePath) ?? []) {
    if (fs.existsSync(file)) this.addDependency(file);
    else this.addMissingDependency?.(file);
  }
  this.callback(null, content, map, meta);
}
