/**
 * vite: a `pre` transform runs the rewrite on the user's source before Taro's
 * own transforms, and `define` carries the options to the runtime.
 */
import { transformSync, type PluginItem } from '@babel/core';
import type { RewriteReport } from '../rewrite/types';
import type { ResolvedOptions } from './options';
import { PLUGIN_NAME } from './options';
import type { FileFilter } from './files';
import { isScriptFile } from './files';
import type { ReportCollector } from './collector';
import { formatStrictError } from './collector';
import { DEFINE_NAME } from './webpack';

export interface ViteWiring {
  options: ResolvedOptions;
  collector: ReportCollector;
  filter: FileFilter;
  rewritePlugin: PluginItem;
}

const MENTIONS_LEGACY = /\b(?:startRecord|stopRecord)\b/;

function parserPlugins(file: string): ('typescript' | 'jsx')[] {
  if (/\.[cm]?ts$/i.test(file)) return ['typescript'];
  if (/\.tsx$/i.test(file)) return ['typescript', 'jsx'];
  return ['jsx'];
}

/** The minimal shape of a Vite plugin used here (vite itself comes from the user's Taro install). */
export interface RecordCompatVitePlugin {
  name: string;
  enforce: 'pre';
  config(): { define: Record<string, string> };
  transform(code: string, id: string): { code: string; map: unknown } | null;
  buildEnd(this: { error(message: string): never }, error?: unknown): void;
}

export function createVitePlugin(w: ViteWiring): RecordCompatVitePlugin {
  return {
    name: PLUGIN_NAME,
    enforce: 'pre',
    config() {
      return { define: { [DEFINE_NAME]: JSON.stringify(w.options.runtime) } };
    },
    transform(code, id) {
      if (id.startsWith('\0')) return null;
      const file = id.split('?')[0];
      if (!isScriptFile(file) || !w.filter(file)) return null;
      if (!MENTIONS_LEGACY.test(code)) {
        w.collector.forget(file);
        return null;
      }
      const result = transformSync(code, {
        filename: file,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: parserPlugins(file) },
        plugins: [[w.rewritePlugin, { importSource: w.options.importSource }]],
      });
      const report = (result?.metadata as unknown as { recordCompat?: RewriteReport } | undefined)?.recordCompat;
      w.collector.record(file, report);
      if (!result?.code || !report || report.rewritten.length === 0) return null;
      return { code: result.code, map: result.map };
    },
    buildEnd(error) {
      if (error || !w.options.strict) return;
      const summary = w.collector.summary();
      if (summary.manual.length > 0) this.error(formatStrictError(summary));
    },
  };
}

/** Called from Taro's modifyViteConfig (synchronously, before vite.build starts). */
export function applyViteConfig(viteConfig: { plugins?: unknown[] }, w: ViteWiring): void {
  viteConfig.plugins = viteConfig.plugins ?? [];
  viteConfig.plugins.unshift(createVitePlugin(w));
}
