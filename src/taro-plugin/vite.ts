/**
 * vite: a `pre` transform runs the rewrite on the user's source before Taro's
 * own transforms (and, for a .vue component, before @vitejs/plugin-vue splits
 * it), and `define` carries the options to the runtime.
 */
import { transformSync, type PluginItem } from '@babel/core';
import { mightContainLegacyCall } from '../rewrite/prefilter';
import type { RewriteOptions, RewriteReport } from '../rewrite/types';
import { blockFileName, blockRewriteOptions, placeInComponent, scriptBlocks, spliceBlocks, unparsedBlockReason } from '../rewrite/vue-blocks';
import type { ResolvedOptions } from './options';
import { PLUGIN_NAME } from './options';
import type { FileFilter } from './files';
import { babelParserPlugins, isScriptFile, isVueFile } from '../rewrite/file-kinds';
import { MP3_ENCODER_FILE, runtimeAliases } from './files';
import type { ReportCollector } from './collector';
import { formatStrictError } from './collector';
import { DEFINE_NAME } from './webpack';

export interface ViteWiring {
  options: ResolvedOptions;
  collector: ReportCollector;
  filter: FileFilter;
  rewritePlugin: PluginItem;
  /** The build's decision (route.ts): route the app's own getRecorderManager too. */
  routeRecorderManager?: boolean;
  /** Taro platform being built (process.env.TARO_ENV). */
  platform?: string;
}

/** The rewrite options every file of this build gets. */
function buildRewriteOptions(w: ViteWiring): RewriteOptions {
  return { importSource: w.options.importSource, routeRecorderManager: w.routeRecorderManager };
}


/** A module id as path and query (`/src/a.vue?vue&type=script` → ['/src/a.vue', 'vue&type=script']). */
function splitId(id: string): [string, string | undefined] {
  const at = id.indexOf('?');
  return at < 0 ? [id, undefined] : [id.slice(0, at), id.slice(at + 1)];
}


interface Rewritten {
  code: string;
  map: unknown;
  report: RewriteReport;
}

function rewriteScript(w: ViteWiring, code: string, file: string, options: RewriteOptions, retainLines = false): Rewritten | null {
  const result = transformSync(code, {
    filename: file,
    babelrc: false,
    configFile: false,
    sourceMaps: !retainLines,
    retainLines,
    parserOpts: { plugins: babelParserPlugins(file) },
    plugins: [[w.rewritePlugin, options]],
  });
  const report = (result?.metadata as unknown as { recordCompat?: RewriteReport } | undefined)?.recordCompat;
  if (!result?.code || !report) return null;
  return { code: result.code, map: result.map, report };
}

/**
 * A .vue component: rewrite its <script> / <script setup> blocks in place and
 * leave the template and styles as they are. Blocks keep their line numbers
 * (retainLines), so the map of the unchanged lines stays right.
 */
function rewriteComponent(w: ViteWiring, code: string, file: string): Rewritten | null {
  let blocks;
  try {
    blocks = scriptBlocks(code, file);
  } catch {
    return null; // not a valid component: @vitejs/plugin-vue reports it with its own message
  }
  const report: RewriteReport = { rewritten: [], manual: [] };
  const replacements: { start: number; end: number; content: string }[] = [];
  for (const block of blocks) {
    if (!mightContainLegacyCall(block.content, buildRewriteOptions(w))) continue;
    const name = blockFileName(file, block.lang);
    if (name === null) {
      report.manual.push({ line: block.startLine, column: 0, reason: unparsedBlockReason(block.lang) });
      continue;
    }
    const out = rewriteScript(w, block.content, name, { ...buildRewriteOptions(w), ...blockRewriteOptions(blocks, block, w.options.importSource) }, true);
    if (!out) continue;
    report.rewritten.push(...out.report.rewritten.map((site) => placeInComponent(block, site)));
    report.manual.push(...out.report.manual.map((site) => placeInComponent(block, site)));
    if (out.report.rewritten.length > 0) {
      // retainLines keeps every line where it was; only the closing line break is Babel's to drop.
      const closing = /\n[ \t]*$/.exec(block.content)?.[0] ?? '';
      replacements.push({ start: block.start, end: block.end, content: out.code + closing });
    }
  }
  return { code: replacements.length > 0 ? spliceBlocks(code, replacements) : code, map: null, report };
}

/** The minimal shape of a Vite plugin used here (vite itself comes from the user's Taro install). */
export interface RecordCompatVitePlugin {
  name: string;
  enforce: 'pre';
  config(): { define: Record<string, string>; resolve: { alias: { find: RegExp; replacement: string }[] } };
  buildStart(): void;
  transform(code: string, id: string): { code: string; map: unknown } | null;
  buildEnd(this: { error(message: string): never }, error?: unknown): void;
  outputOptions(options: { manualChunks?: unknown }): { manualChunks?: unknown } | null;
}

type ManualChunks = (id: string, meta: unknown) => string | undefined;

export function createVitePlugin(w: ViteWiring): RecordCompatVitePlugin {
  return {
    name: PLUGIN_NAME,
    enforce: 'pre',
    config() {
      const alias = Object.entries(runtimeAliases(w.platform)).map(([from, to]) => ({ find: new RegExp(`^${from.replace(/[/.]/g, '\\$&')}$`), replacement: to }));
      return { define: { [DEFINE_NAME]: JSON.stringify(w.options.runtime) }, resolve: { alias } };
    },
    buildStart() {
      w.collector.beginBuild();
    },
    transform(code, id) {
      if (id.startsWith('\0')) return null;
      const [file, query] = splitId(id);
      const isComponent = isVueFile(file);
      // A component's sub-requests (?vue&type=script…) come from the component already rewritten.
      if ((isComponent && query !== undefined) || (!isComponent && !isScriptFile(file)) || !w.filter(file)) return null;
      if (!mightContainLegacyCall(code, buildRewriteOptions(w))) {
        w.collector.forget(file);
        return null;
      }
      const result = isComponent
        ? rewriteComponent(w, code, file)
        : rewriteScript(w, code, file, buildRewriteOptions(w));
      w.collector.record(file, result?.report);
      if (!result || result.report.rewritten.length === 0) return null;
      return { code: result.code, map: result.map };
    },
    // Taro's vite H5 build puts every node_modules file into `vendors`, the H5 recorder's
    // dynamically imported mp3 encoder too: keep that one in a chunk of its own, loaded for mp3 only.
    outputOptions(options) {
      const taro = options.manualChunks;
      if (w.platform !== 'h5' || typeof taro !== 'function') return null;
      const manualChunks: ManualChunks = (id, meta) => (MP3_ENCODER_FILE.test(id) ? 'record-compat-mp3' : (taro as ManualChunks)(id, meta));
      return { ...options, manualChunks };
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
