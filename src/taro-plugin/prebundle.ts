/**
 * Taro's prebundle (the webpack5 runner, Taro 3.5 and later). With `compiler` written as an
 * object (`{ type: 'webpack5', prebundle: … }`; Taro 4's React plugin writes it so for every
 * React app) it is on by default outside production builds
 * (`taro build --watch`), and on in every build with `prebundle: { enable: true }`: esbuild
 * bundles the app's dependencies into its folder (prebundleFolder) before webpack sees them. So:
 * - a package in `include` would never reach babel-loader and go out unrewritten: it is kept
 *   out of the prebundle (its `exclude`, which Taro merges with its own), and webpack builds it;
 * - a prebundled module is not a package of its own: it stands for the source files esbuild
 *   put in it, each named by a `// node_modules/<package>/<file>` comment, and those files are
 *   what the dependency check reads (dependencies.ts);
 * - those modules are no modules of the app's build, which only refers to them: Taro makes them
 *   into a Module Federation remote with a webpack compiler of its own before the build starts
 *   (which inherits the build's plugins, this report's among them), or, where what it made last
 *   time still holds (the next watch build), takes that remote as it is and compiles nothing. So
 *   a build that ships a prebundle (shipsPrebundle) reads the prebundle's folder at its start, as
 *   the copy option's files are read (copied.ts), and names each package in it every time.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { isScriptFile } from '../rewrite/light';

/**
 * Adds the `include`d packages to the prebundle's `exclude` of a build's config (what Taro's
 * `modifyRunnerOpts` hands a plugin). Nothing to do where `compiler` is a name: no prebundle then.
 */
export function keepIncludedOutOfPrebundle(
  config: { compiler?: unknown } | undefined,
  include: readonly string[],
): void {
  const compiler = config?.compiler;
  if (include.length === 0 || !compiler || typeof compiler !== 'object') return;
  const options = compiler as { prebundle?: { exclude?: unknown } };
  const prebundle =
    options.prebundle && typeof options.prebundle === 'object' ? options.prebundle : (options.prebundle = {});
  const exclude = Array.isArray(prebundle.exclude) ? prebundle.exclude : [];
  prebundle.exclude = [...exclude, ...include.filter((name) => !exclude.includes(name))];
}

/**
 * The folder this build's prebundle is written to (Taro 3.5 to 4.2): `<cacheDir>/prebundle` of the
 * user's `compiler.prebundle.cacheDir` (resolved as Taro resolves it, from the working folder),
 * else node_modules/.taro/<TARO_ENV, h5 without it>/prebundle of the app.
 */
export function prebundleFolder(
  appPath: string,
  platform: string | undefined,
  config: { compiler?: unknown } | undefined,
): string {
  const compiler = config?.compiler as { prebundle?: { cacheDir?: unknown } } | undefined;
  const cacheDir = compiler && typeof compiler === 'object' ? compiler.prebundle?.cacheDir : undefined;
  return typeof cacheDir === 'string' && cacheDir !== ''
    ? path.resolve(cacheDir, 'prebundle')
    : path.resolve(appPath, 'node_modules/.taro', platform || 'h5', 'prebundle');
}

/** Whether a module is the output of this build's prebundle (in `folder`, prebundleFolder's). */
export function isPrebundled(file: string, folder: string): boolean {
  return path.resolve(file).startsWith(folder + path.sep);
}

/** esbuild's comment before each source file it bundles: `// node_modules/pkg/index.js`. */
const SOURCE_COMMENT = /^\s*\/\/ (node_modules\/[^\r\n]+?\.[cm]?[jt]sx?)\s*$/gm;

/**
 * The dependency files a prebundled module holds, as esbuild named them (relative to the app,
 * its working folder), that are still there; none where a minifier took the comments out.
 */
export function prebundledSources(text: string, appPath: string, folder: string): string[] {
  const files = new Set<string>();
  for (const [, relative] of text.matchAll(SOURCE_COMMENT)) {
    const file = path.join(appPath, relative);
    if (!isPrebundled(file, folder) && fs.existsSync(file)) files.add(file);
  }
  return [...files];
}

/** The plugin Taro's prebundle gives both its remote (`exposes`) and the app's build (`remotes`: the prebundle). */
const FEDERATION_PLUGIN = 'TaroModuleFederationPlugin';

/** Whether a compiler's plugins have Taro's Module Federation plugin with some `key` (`remotes`, `exposes`). */
function hasFederation(plugins: readonly unknown[] | undefined, key: 'remotes' | 'exposes'): boolean {
  return (plugins ?? []).some((plugin) => {
    const p = plugin as { constructor?: { name?: unknown }; _options?: Record<string, unknown> } | null | undefined;
    const value = p?._options?.[key];
    return (
      p?.constructor?.name === FEDERATION_PLUGIN &&
      typeof value === 'object' &&
      value !== null &&
      Object.keys(value).length > 0
    );
  });
}

/**
 * Whether a webpack compiler (its options' plugins) is an app's build that ships Taro's prebundle:
 * Taro adds its Module Federation host to the build once the prebundle is made, and only then (not
 * in a build that does not prebundle, nor where the prebundle failed and the build bundles the
 * dependencies itself), so a folder an older build left is not read for this one.
 */
export function shipsPrebundle(plugins: readonly unknown[] | undefined): boolean {
  return hasFederation(plugins, 'remotes');
}

/**
 * Whether a webpack compiler is Taro's compiler of the prebundle itself (its remote, which
 * `exposes` the prebundled modules): it runs the app's plugins, this package's report among them,
 * before the app's build starts, which then reads the prebundle's folder (shipsPrebundle).
 */
export function isPrebundleCompiler(plugins: readonly unknown[] | undefined): boolean {
  return hasFederation(plugins, 'exposes');
}

/**
 * The scripts of the build's prebundle (in `folder`, prebundleFolder's): what esbuild wrote for
 * this build's dependencies (Taro empties the folder before each bundling), which its remote
 * ships. None where there is no such folder.
 */
export function prebundledScripts(folder: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return [];
  }
  return names
    .filter((name) => isScriptFile(name))
    .sort()
    .map((name) => path.join(folder, name));
}
