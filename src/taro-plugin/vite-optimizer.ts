/**
 * vite's dev server (Taro's H5 `taro build --type h5 --watch`) pre-bundles the app's
 * dependencies with esbuild before any vite plugin sees them (its dependency optimizer), so a
 * package listed in `include` would reach the browser as written there. This esbuild plugin,
 * which vite hands to that pre-bundling, rewrites the files of those packages as the transform
 * hook rewrites them in a build, and keeps the runtime they then import out of the pre-bundle:
 * vite resolves that import as it resolves the app's, so the package and the app share one
 * runtime (one recorder) instead of each having a copy. Production builds do not pre-bundle.
 */
import * as fs from 'node:fs';
import { codeOfString } from '../rewrite/light';

/** The parts of esbuild's plugin API used here (esbuild comes with the user's vite). */
interface EsbuildPluginBuild {
  onResolve(
    options: { filter: RegExp; namespace?: string },
    callback: (args: { path: string; namespace: string }) => { path: string; external?: true; namespace?: string },
  ): void;
  onLoad(
    options: { filter: RegExp; namespace?: string },
    callback: (args: {
      path: string;
    }) =>
      Promise<{ contents: string; loader: EsbuildLoader } | undefined> | { contents: string; loader: EsbuildLoader },
  ): void;
}

export interface EsbuildPlugin {
  name: string;
  setup(build: EsbuildPluginBuild): void;
}

type EsbuildLoader = 'js' | 'jsx' | 'ts' | 'tsx';

/** What esbuild parses a script as, by its extension (`.cjs`/`.mjs` as js, `.cts`/`.mts` as ts). */
function loaderOf(file: string): EsbuildLoader {
  if (/\.[cm]?tsx$/i.test(file)) return 'tsx';
  if (/\.[cm]?ts$/i.test(file)) return 'ts';
  return /\.jsx$/i.test(file) ? 'jsx' : 'js';
}

const SCRIPT = /\.[cm]?[jt]sx?$/i;
const RUNTIME_NAMESPACE = 'record-compat-runtime';

export interface OptimizerRewrite {
  /**
   * The plugin's name. vite keys its cache of pre-bundled dependencies to the names of these
   * plugins, so the name carries what the rewrite depends on (this package's version, the build's
   * decisions): when one changes, the dependencies are pre-bundled again.
   */
  name: string;
  /** The files the rewrite takes (the `include`d packages' files). */
  takes(file: string): boolean;
  /** The file's new text, or null to leave it as written (the rewrite also reports it). */
  rewrite(text: string, file: string): string | null;
  /** The module the rewritten code imports the runtime from. */
  runtimeImport: string;
}

export function optimizerRewritePlugin(o: OptimizerRewrite): EsbuildPlugin {
  const runtimeImport = new RegExp(`^${o.runtimeImport.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}$`);
  return {
    name: o.name,
    setup(build) {
      // The runtime stays out of the pre-bundle, imported as the app imports it. A package's
      // `require()` of it reaches it through a module of ESM re-exports: esbuild's ESM output
      // cannot require an external module in the browser, but can import one.
      build.onResolve({ filter: runtimeImport }, (args) =>
        args.namespace === RUNTIME_NAMESPACE
          ? { path: args.path, external: true }
          : { path: args.path, namespace: RUNTIME_NAMESPACE },
      );
      build.onLoad({ filter: /.*/, namespace: RUNTIME_NAMESPACE }, (args) => ({
        contents: `export * from ${codeOfString(args.path, '"')}\n`,
        loader: 'js',
      }));
      build.onLoad({ filter: SCRIPT }, async (args) => {
        if (!o.takes(args.path)) return undefined;
        const contents = o.rewrite(await fs.promises.readFile(args.path, 'utf8'), args.path);
        return contents === null ? undefined : { contents, loader: loaderOf(args.path) };
      });
    },
  };
}
