/**
 * Legacy calls in the app's dependencies. A build rewrites the app's own source and the
 * packages listed in `include`; the rest of node_modules reaches the mini-program as it is,
 * where a package's `wx.startRecord(…)` then fails on a base library without it. The bundler
 * hands over every module's text anyway (webpack's built module, vite's transform), so such a
 * package is named with the way out instead of going out in silence: the calls the rewrite would
 * take are counted for their package, said in one line per package at the build's end with
 * their places and `include` as the way out (collector.ts). A package is the app's choice, not a
 * place for a person: a `strict` build does not fail for it. A module the bundler then leaves out
 * of the output (tree-shaken) is no longer counted (webpack.ts, vite.ts).
 * Taro's own packages are Taro's: where a mini-program build ships a use of a legacy API in
 * them (its canIUseWebp reads getSystemInfoSync off Taro's object), one line says so, as Taro's
 * code, which the app does not change; not a place for a person either.
 */
import * as path from 'node:path';
import {
  legacyCallsIn,
  legacyMemberReadsIn,
  mightContainLegacyCall,
  readSideText,
  RUNTIME_PACKAGE,
  toPosixPath,
  type RewriteOptions,
  type RewriteReport,
} from '../rewrite/light';
import { isScriptFile, packageOf, type FileFilter } from './files';
import { PLUGIN_NAME } from './options';
import { isPrebundled, prebundledScripts, prebundledSources } from './prebundle';

/**
 * The package the check reads the file of, or undefined: the app's own files, this package and the runtime package are
 * not read.
 */
function checkedPackage(file: string): string | undefined {
  const pkg = packageOf(file);
  return pkg === undefined || pkg === PLUGIN_NAME || pkg === RUNTIME_PACKAGE ? undefined : pkg;
}

/** One of Taro's own packages, which implement the APIs. */
const isTaroPackage = (pkg: string): boolean => pkg.startsWith('@tarojs/');

/** What the build says of one file of a module: its places, and the text they are in. */
export interface DependencyReport {
  file: string;
  report: RewriteReport | undefined;
  text: string;
}

/**
 * Whether the check reads what webpack built of a module: a file of a package outside `include`
 * (`filter`), or one of the build's prebundle (in `prebundle`, prebundle.ts's prebundleFolder,
 * which a `cacheDir` of the user's may put outside node_modules). An included package's module is
 * the build's to rewrite, as the app's own files are.
 */
export function isDependencyModule(file: string, prebundle: string, filter: FileFilter): boolean {
  return isPrebundled(file, prebundle) || (packageOf(file) !== undefined && !filter(file));
}

/**
 * What the build says of one module webpack built (dependencyReport), by file: a module of Taro's
 * prebundle (in `prebundle`, prebundle.ts) speaks for the dependency files esbuild put in it, never
 * rewritten there, not even an `include`d one (which the plugin keeps out of the prebundle where it can).
 */
export function dependencyReports(
  file: string,
  text: string,
  filter: FileFilter,
  options: RewriteOptions,
  appPath: string,
  prebundle: string,
  taroCode = false,
): DependencyReport[] {
  if (!isPrebundled(file, prebundle))
    return [{ file, report: dependencyReport(file, text, filter, options, taroCode), text }];
  if (!isScriptFile(file) || !mightContainLegacyCall(text, options)) return [{ file, report: undefined, text }];
  const sources = prebundledSources(text, appPath, prebundle);
  // Minified: its own calls, as written, with the way out in general words.
  if (sources.length === 0) {
    const shown = toPosixPath(path.relative(appPath, file));
    const report = legacyCallsIn(
      file,
      text,
      options,
      (api) =>
        `${api} in a dependency Taro's prebundle bundled (${shown}), which this build does not rewrite: add its package to the plugin's include option`,
    );
    return [{ file, report, text }];
  }
  return sources.map((source) => {
    const sourceText = wholeText(source);
    if (sourceText === undefined) return { file: source, report: undefined, text: '' };
    const pkg = checkedPackage(source);
    if (pkg === undefined || isTaroPackage(pkg) || !mightContainLegacyCall(sourceText, options))
      return { file: source, report: undefined, text: sourceText };
    const report = filter(source)
      ? legacyCallsIn(
          source,
          sourceText,
          options,
          (api) =>
            `${api} in package '${pkg}', which Taro's prebundle bundled before this build could rewrite it: add '${pkg}' to compiler.prebundle.exclude in the Taro config`,
        )
      : placesOf(pkg, source, sourceText, options);
    return { file: source, report, text: sourceText };
  });
}

/**
 * What the build says of the prebundle it ships (prebundle.ts), read from its folder (`prebundle`)
 * at the build's start: the build's own modules only refer to it, and Taro's compiler of the
 * prebundle does not run where Taro reuses what it made before. By the dependency files in each,
 * as of a prebundled module webpack built (dependencyReports).
 */
export function shippedPrebundleReports(
  prebundle: string,
  filter: FileFilter,
  options: RewriteOptions,
  appPath: string,
): DependencyReport[] {
  return prebundledScripts(prebundle).flatMap((file) => {
    const text = wholeText(file);
    return text === undefined ? [] : dependencyReports(file, text, filter, options, appPath, prebundle);
  });
}

/**
 * A dependency's file whole, as the bundler read it (the engine's size limit is for the files it
 * would rewrite: a package file over it still has its calls named), or undefined where it cannot be read.
 */
function wholeText(file: string): string | undefined {
  try {
    return readSideText(file, Number.POSITIVE_INFINITY);
  } catch {
    return undefined;
  }
}

/**
 * What the build says of one module it does not rewrite, or undefined (nothing to say: most modules). `taroCode`:
 * Taro's own packages are read too (a mini-program build: on H5, Taro's code implements the APIs).
 */
export function dependencyReport(
  file: string,
  text: string,
  filter: FileFilter,
  options: RewriteOptions,
  taroCode = false,
): RewriteReport | undefined {
  const pkg = checkedPackage(file);
  // The `include`d packages are rewritten by the build itself.
  if (pkg === undefined || !isScriptFile(file) || filter(file)) return undefined;
  if (isTaroPackage(pkg) && !taroCode) return undefined;
  if (!mightContainLegacyCall(text, options)) return undefined;
  return isTaroPackage(pkg)
    ? taroPlacesOf(pkg, onDisk(file, text), options)
    : placesOf(pkg, file, onDisk(file, text), options);
}

/**
 * The text of `file` as it is on disk, whose lines the places are: a bundler's text may have been
 * through a loader (Taro 2 runs Babel 6 over some packages), which moves them. The bundler's text
 * where the file cannot be read.
 */
function onDisk(file: string, bundled: string): string {
  try {
    return readSideText(file);
  } catch {
    return bundled;
  }
}

/**
 * How the reason of a place in a file of the app the build never compiled ends (uncompiledReport): the summary says it
 * once.
 */
export const COMPILE_WAY = "have Taro compile it (its compile option's include and exclude) or change it by hand";

/**
 * What the build says of a file of the app's (no package, not this package's) that its rewrite
 * never read: Taro's script rule compiles the source root and what `compile.include` adds, less
 * what `compile.exclude` takes out (a minified SDK kept from Babel, a linked package, code outside
 * the source root); webpack bundles such a file as written. Each call the rewrite would take is a
 * place for review; undefined where there is none.
 */
export function uncompiledReport(file: string, text: string, options: RewriteOptions): RewriteReport | undefined {
  if (!isScriptFile(file) || !mightContainLegacyCall(text, options)) return undefined;
  const source = onDisk(file, text);
  // What webpack bundles decides: where the rewrite ran out of this build's sight (a loader in
  // another process, such as thread-loader, or a loader's own cache) the calls are gone from it.
  // (Bundled as written, it is the file's text, read once below.)
  if (source !== text && !legacyCallsIn(file, text, options, String)) return undefined;
  return legacyCallsIn(file, source, options, (api, unreadable) =>
    unreadable === undefined
      ? `${api} in a file this build does not compile, so it goes out as written: ${COMPILE_WAY}`
      : `${api} in a file this build does not compile, so it goes out as written (its text shows the call; the rewrite cannot read it: ${unreadable}): ${COMPILE_WAY}`,
  );
}

/**
 * How the reason of a place in a package the build could rewrite ends: the summary says the way out once, by package.
 */
export const INCLUDE_WAY = "to the plugin's include option to rewrite it";

/**
 * The package a place of the build is in when its way out is `include` (placesOf): such a call is
 * counted for its package, not listed for a person. Undefined for any other place.
 */
export function packageOutsideInclude(file: string, place: { reason: string }): string | undefined {
  return place.reason.endsWith(INCLUDE_WAY) ? packageOf(file) : undefined;
}

function placesOf(pkg: string, file: string, text: string, options: RewriteOptions): RewriteReport | undefined {
  const way = `add '${pkg}' ${INCLUDE_WAY}`;
  return legacyCallsIn(file, text, options, (api, unreadable) =>
    unreadable === undefined
      ? `${api} in package '${pkg}', which this build does not rewrite: ${way}`
      : `${api} in package '${pkg}', which this build does not rewrite (its text shows the call; the rewrite cannot read it: ${unreadable}): ${way}`,
  );
}

/** How the reason of a use of a legacy API in Taro's own code ends: the summary says it once, in a line of its own. */
export const TARO_CODE = "Taro's own code, which the app does not change";

/** The API and Taro's package of a place in Taro's own code (taroPlacesOf), or undefined for any other place. */
export function taroCodeUse(place: { reason: string }): { api: string; pkg: string } | undefined {
  if (!place.reason.endsWith(TARO_CODE)) return undefined;
  const [api = '', , pkg = ''] = place.reason.split(' ');
  return { api, pkg: pkg.replace(/:$/, '') };
}

/** Each use of a legacy API in a file of Taro's package `pkg`, read off Taro's object or a platform global. */
function taroPlacesOf(pkg: string, text: string, options: RewriteOptions): RewriteReport | undefined {
  const manual = legacyMemberReadsIn(text, options, (api) => `${api} in ${pkg}: ${TARO_CODE}`);
  return manual.length > 0 ? { rewritten: [], manual } : undefined;
}
