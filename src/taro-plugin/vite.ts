/**
 * vite: where the build runs Babel over the user's source itself (React: `@vitejs/plugin-react`,
 * which Taro configures with Babel plugins of its own), the rewrite joins that pass through the
 * plugin's documented `api.reactBabel` hook, as it joins babel-loader on webpack, and the file is
 * not parsed a second time. Everything else goes through a `pre` transform that runs the engine's
 * per-file step (rewriteFile: text edits, the same as the codemod's) on the source before Taro's
 * own transforms (for a .vue component, before @vitejs/plugin-vue splits it); so do the files
 * that call an API reading the JSX template (createAudioContext), which the Babel pass gets
 * already rewritten. `define` carries the options to the runtime. This file only holds the hooks.
 */
import * as fs from 'node:fs';
import {
  importSourceOf,
  isScriptFile,
  isVueFile,
  LEGACY_APIS,
  legacyApiRow,
  loadEngine,
  mightContainLegacyCall,
  type RewriteOptions,
  type RewriteReport,
} from '../rewrite/light';
import { BUILD_CHECKS, sourceMapOfEdits, unparsedFileReport } from './rewrite-result';
import type { BuildDecisions, CopiedReports, ResolvedOptions } from './options';
import { decisionsKey, PLUGIN_NAME, rewriteOptionsOf } from './options';
import { optimizerRewritePlugin, type EsbuildPlugin } from './vite-optimizer';
import type { FileFilter } from './files';
import { MP3_ENCODER_FILE, packageOf, runtimeAliases } from './files';
import type { ReportCollector } from './collector';
import { formatStrictError } from './collector';
import { dependencyReport } from './dependencies';
import { babelOverride, recordingDefine } from './webpack';

/** The build's decisions (options.ts, BuildDecisions) and what the vite hooks use beside them. */
export interface ViteWiring extends BuildDecisions {
  options: ResolvedOptions;
  collector: ReportCollector;
  filter: FileFilter;
  /** Taro platform being built (process.env.TARO_ENV). */
  platform?: string;
  /** The build's collector's id and the build's Babel plugin (babel-build.ts): the entry `api.reactBabel` adds. */
  collectorId: string;
  buildPluginPath: string;
  copied: CopiedReports;
}

/** The Babel pass of `@vitejs/plugin-react`, named so in every 4.x. */
const REACT_BABEL_PLUGIN = 'vite:react-babel';
/** The files it takes by default (its `include`; Taro sets none), never under node_modules. */
const REACT_BABEL_FILES = /\.[tj]sx?$/;
/** Names whose calls read the page's JSX: the hook rewrites those files from the JSX itself. */
const TEMPLATE_READERS = LEGACY_APIS.filter((name) => legacyApiRow(name)?.drivesElement);

/** A module id as path and query (`/src/a.vue?vue&type=script` → ['/src/a.vue', 'vue&type=script']). */
function splitId(id: string): [string, string | undefined] {
  const at = id.indexOf('?');
  return at < 0 ? [id, undefined] : [id.slice(0, at), id.slice(at + 1)];
}

interface ViteRewrite {
  code: string;
  map: unknown;
  report: RewriteReport;
}

/**
 * One file through the engine. A file that does not parse, or a component that does not
 * split, is left to vite and Taro to report with their own messages; the place is listed
 * for review meanwhile.
 */
function rewriteForVite(
  rewriteOptions: RewriteOptions,
  code: string,
  file: string,
  mapsToTheWord: boolean,
): ViteRewrite | null {
  const { rewriteFile, RewriteParseError, SfcParseError, RewriteRefusedError } = loadEngine();
  try {
    const { output, report, edits } = rewriteFile(code, file, rewriteOptions, BUILD_CHECKS);
    if (output === null) return { code, map: null, report };
    return { code: output, map: edits ? sourceMapOfEdits(edits, file, mapsToTheWord) : null, report };
  } catch (error) {
    if (error instanceof RewriteParseError) {
      return { code, map: null, report: unparsedFileReport(error) };
    }
    if (error instanceof SfcParseError) return null;
    if (error instanceof RewriteRefusedError) {
      return {
        code,
        map: null,
        report: { rewritten: [], manual: [{ line: error.line ?? 0, column: 0, reason: error.message }] },
      };
    }
    throw error;
  }
}

/** The minimal shape of a Vite plugin used here (vite itself comes from the user's Taro install). */
export interface RecordCompatVitePlugin {
  name: string;
  enforce: 'pre';
  config(): {
    define: Record<string, string>;
    resolve: { alias: { find: RegExp; replacement: string }[] };
    optimizeDeps?: { esbuildOptions: { plugins: EsbuildPlugin[] } };
  };
  configResolved(config: ResolvedViteConfig): void;
  buildStart(): void;
  transform(
    this: { addWatchFile(file: string): void },
    code: string,
    id: string,
  ): { code: string; map: unknown } | null;
  buildEnd(
    this: { error(message: string): never; warn(message: string): void; meta?: { watchMode?: boolean } },
    error?: unknown,
  ): void;
  /** `@vitejs/plugin-react`'s hook for plugins that add to its Babel options (ViteReactPluginApi). */
  api: { reactBabel(babelOptions: { overrides: unknown[] }, context: { id: string }): void };
  outputOptions(options: { manualChunks?: unknown }): { manualChunks?: unknown } | null;
  generateBundle(options: unknown, bundle: Record<string, OutputFile>): void;
}

/** What is read of a file of rollup's output: a chunk's modules, by id, with the length each renders to. */
interface OutputFile {
  type: string;
  modules?: Record<string, { renderedLength: number }>;
}

type ManualChunks = (id: string, meta: ManualChunkMeta) => string | undefined;
/** What rollup tells manualChunks of a module: whether tree-shaking kept any of it (rollup 2.x and later). */
interface ManualChunkMeta {
  getModuleInfo?(id: string): { isIncluded?: boolean | null } | null;
}

/** What is read of vite's resolved config. */
interface ResolvedViteConfig {
  command?: string;
  build?: { sourcemap?: unknown };
  plugins?: readonly { name?: string; transform?: unknown }[];
}

export function createVitePlugin(w: ViteWiring): RecordCompatVitePlugin {
  const build = new ViteBuild(w);
  return {
    name: PLUGIN_NAME,
    enforce: 'pre',
    config: () => build.config(),
    configResolved: (config) => build.configResolved(config),
    buildStart: () => build.buildStart(),
    api: { reactBabel: (babelOptions, context) => build.reactBabel(babelOptions, context) },
    transform(code, id) {
      return build.transform(code, id, this);
    },
    outputOptions: (options) => build.outputOptions(options),
    generateBundle: (_options, bundle) => build.generateBundle(bundle),
    buildEnd(error) {
      build.buildEnd(error, this);
    },
  };
}

/** One vite build's state, which the plugin's hooks share: each hook is a method. */
class ViteBuild {
  /** Source maps to the word unless the build says it writes none (the dev server always maps). */
  private mapsToTheWord = true;
  private readonly rewriteOptions: RewriteOptions;
  /** The React Babel pass of this build, if it has one. */
  private reactBabelPass = false;
  /**
   * This build's files with a legacy word left to that pass and not yet taken by it (buildEnd reports what is left).
   */
  private readonly leftToBabel = new Set<string>();
  /** The same Babel entry as webpack's babel-loader gets; api.reactBabel adds it to the files left to the pass only. */
  private readonly entry: ReturnType<typeof babelOverride>;
  /** The packages' files this build transformed (generateBundle leaves out of the summary those that do not ship). */
  private readonly packageModules = new Set<string>();

  constructor(private readonly w: ViteWiring) {
    this.rewriteOptions = rewriteOptionsOf(w);
    this.entry = babelOverride(w);
  }

  config(): ReturnType<RecordCompatVitePlugin['config']> {
    const { w, rewriteOptions } = this;
    const alias = Object.entries(runtimeAliases(w.platform)).map(([from, to]) => ({
      find: new RegExp(`^${from.replace(/[/.]/g, '\\$&')}$`),
      replacement: to,
    }));
    const config = { define: recordingDefine(w), resolve: { alias } };
    if (w.options.include.length === 0) return config;
    // The dev server pre-bundles node_modules before any transform hook: the included packages are rewritten there.
    const optimizer = optimizerRewritePlugin({
      name: `${PLUGIN_NAME}:${decisionsKey(w)}`,
      takes: w.filter,
      rewrite: (text, file) => {
        if (!mightContainLegacyCall(text, rewriteOptions)) return null;
        const result = rewriteForVite(rewriteOptions, text, file, false);
        w.collector.record(file, result?.report);
        return result && result.report.rewritten.length > 0 ? result.code : null;
      },
      runtimeImport: importSourceOf(rewriteOptions),
    });
    return { ...config, optimizeDeps: { esbuildOptions: { plugins: [optimizer] } } };
  }

  configResolved(config: ResolvedViteConfig): void {
    this.mapsToTheWord = config.command === 'serve' || Boolean(config.build?.sourcemap);
    // Joined when the pass comes after this hook (which says which files it leaves to it) and
    // still transforms (the plugin drops its transform when it has nothing to do; the hook keeps it).
    const plugins = config.plugins ?? [];
    const at = plugins.findIndex((p) => p.name === REACT_BABEL_PLUGIN);
    this.reactBabelPass = at > plugins.findIndex((p) => p.name === PLUGIN_NAME) && Boolean(plugins[at]?.transform);
  }

  buildStart(): void {
    this.w.collector.beginBuild();
    // Taro's vite runner drops the copy patterns' ignore.
    this.w.collector.recordCopied(this.w.copied(this.rewriteOptions, false));
    this.leftToBabel.clear();
    this.packageModules.clear();
  }

  reactBabel(babelOptions: { overrides: unknown[] }, { id }: { id: string }): void {
    // Files left to the pass have no query: their id is their path.
    if (!this.leftToBabel.delete(id)) return;
    // A new array: the options' own may be the plugin's, shared by every file.
    babelOptions.overrides = [...babelOptions.overrides, this.entry];
  }

  transform(
    code: string,
    id: string,
    vite: { addWatchFile(file: string): void },
  ): { code: string; map: unknown } | null {
    const { w, rewriteOptions } = this;
    if (id.startsWith('\0')) return null;
    const [file, query] = splitId(id);
    const isComponent = isVueFile(file);
    // A component's sub-requests (?vue&type=script…) come from the component already rewritten.
    if ((isComponent && query !== undefined) || (!isComponent && !isScriptFile(file))) return null;
    if (packageOf(file) !== undefined) this.packageModules.add(file);
    if (!w.filter(file)) {
      // A dependency the build leaves as it is: named if it calls a legacy API (dependencies.ts decides).
      w.collector.record(file, dependencyReport(file, code, w.filter, rewriteOptions, w.platform !== 'h5'), code);
      return null;
    }
    this.leftToBabel.delete(file);
    if (!mightContainLegacyCall(code, rewriteOptions)) {
      w.collector.forget(file);
      return null;
    }
    if (this.leavesToBabel(file, query, code)) {
      // Babel's pass rewrites it a step later, from the tree it parses anyway.
      this.leftToBabel.add(file);
      return null;
    }
    const result = rewriteForVite(rewriteOptions, code, file, this.mapsToTheWord);
    w.collector.record(file, result?.report);
    // A template the rewrite read (createAudioContext) transforms the file again when it changes.
    for (const template of result?.report.templateFiles ?? []) if (fs.existsSync(template)) vite.addWatchFile(template);
    if (!result || result.report.rewritten.length === 0) return null;
    return { code: result.code, map: result.map };
  }

  /** A file of the app the React Babel pass takes (none that reads a template: the rewrite reads it here). */
  private leavesToBabel(file: string, query: string | undefined, code: string): boolean {
    return (
      this.reactBabelPass &&
      query === undefined &&
      !file.includes('/node_modules/') &&
      REACT_BABEL_FILES.test(file) &&
      !TEMPLATE_READERS.some((name) => code.includes(name))
    );
  }

  /**
   * Taro's vite H5 build puts every node_modules file into `vendors`, the H5 recorder's
   * dynamically imported mp3 encoder too: keep that one in a chunk of its own, loaded for mp3 only.
   */
  outputOptions(options: { manualChunks?: unknown }): { manualChunks?: unknown } | null {
    const taro = options.manualChunks;
    if (this.w.platform !== 'h5' || typeof taro !== 'function') return null;
    // Only where the encoder ships: an app that never records mp3 has its import() tree-shaken
    // away, and a chunk named for it (or any) would go out empty.
    const manualChunks: ManualChunks = (id, meta) => {
      if (!MP3_ENCODER_FILE.test(id)) return (taro as ManualChunks)(id, meta);
      return meta?.getModuleInfo?.(id)?.isIncluded === false ? undefined : 'record-compat-mp3';
    };
    return { ...options, manualChunks };
  }

  /**
   * The output is rendered: a package's module that renders to nothing (rollup's tree-shaking left
   * it out) is left out of the summary, so it counts only the calls that ship, rewritten or not.
   */
  generateBundle(bundle: Record<string, OutputFile>): void {
    const shipped = new Set<string>();
    for (const output of Object.values(bundle)) {
      for (const [id, module] of Object.entries(output.modules ?? {}))
        if (module.renderedLength > 0) shipped.add(splitId(id)[0]);
    }
    for (const file of this.packageModules) if (!shipped.has(file)) this.w.collector.leaveOut(file);
  }

  buildEnd(
    error: unknown,
    vite: { error(message: string): never; warn(message: string): void; meta?: { watchMode?: boolean } },
  ): void {
    const { w } = this;
    // A file left to the Babel pass that it never took would go out unrewritten: say so.
    for (const file of this.leftToBabel) {
      w.collector.record(file, {
        rewritten: [],
        manual: [{ line: 1, column: 0, reason: `not rewritten: ${REACT_BABEL_PLUGIN} did not transform this file` }],
      });
    }
    if (error || !w.options.strict) return;
    const summary = w.collector.summary();
    if (summary.manual.length === 0) return;
    // Watching, a warning: an error ends Taro's watcher (formatStrictError).
    if (vite.meta?.watchMode) vite.warn(formatStrictError(summary, true));
    else vite.error(formatStrictError(summary));
  }
}

/** Called from Taro's modifyViteConfig (synchronously, before vite.build starts). */
export function applyViteConfig(viteConfig: { plugins?: unknown[] }, w: ViteWiring): void {
  viteConfig.plugins = viteConfig.plugins ?? [];
  viteConfig.plugins.unshift(createVitePlugin(w));
}
