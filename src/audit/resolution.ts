/**
 * How the audit resolves an import: relative paths and tsconfig `paths` for its import graph,
 * and a declaration file a referenced project emits to its source, built or not.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ts } from 'ts-morph';
import { normalize } from './paths';

/** The order a relative import without extension is resolved in (TypeScript's, `.d.ts` before `.js`). */
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];
/** A module resolution cache for each set of options (a referenced project's own), made at its first use. */
export function resolutionCachePerOptions(): (options: ts.CompilerOptions) => ts.ModuleResolutionCache {
  const caches = new Map<ts.CompilerOptions, ts.ModuleResolutionCache>();
  return (options) => {
    let cache = caches.get(options);
    if (!cache) caches.set(options, (cache = ts.createModuleResolutionCache(process.cwd(), (file) => file, options)));
    return cache;
  };
}

/**
 * The referenced project's source an import resolved to (referenceResolver), or undefined: any other
 * package stays out of the graph, as without references (a linked one resolves outside node_modules).
 */
export function referencedTarget(
  resolved: string | undefined,
  referencedSourceFiles: ReadonlySet<string>,
  exists: (file: string) => boolean,
): string | undefined {
  if (resolved === undefined) return undefined;
  const target = normalize(resolved);
  return referencedSourceFiles.has(target) && exists(target) ? target : undefined;
}

export function resolveImport(
  from: string,
  specifier: string,
  exists: (file: string) => boolean,
  mappingOptions: ts.CompilerOptions | undefined,
  cache: ts.ModuleResolutionCache,
): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const base = path.posix.resolve(path.posix.dirname(from), specifier);
    // `./a.js` in TypeScript sources means `./a.ts`.
    const stripped = base.replace(/\.[cm]?jsx?$/, '');
    for (const candidate of [
      base,
      ...EXTENSIONS.map((e) => stripped + e),
      ...EXTENSIONS.map((e) => `${base}/index${e}`),
    ]) {
      if (exists(candidate)) return candidate;
    }
    return undefined;
  }
  if (!mappingOptions) return undefined;
  const resolved = ts.resolveModuleName(specifier, from, mappingOptions, ts.sys, cache).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return undefined;
  const target = normalize(resolved.resolvedFileName);
  return exists(target) ? target : undefined;
}
/**
 * `file` with the links on its way resolved (as git names it), where it is not there itself: its nearest folder that
 * is, resolved, and the rest.
 */
export function realPathOnTheWay(file: string): string {
  const rest: string[] = [];
  for (let at = path.resolve(file); ; at = path.dirname(at)) {
    try {
      return normalize(path.join(fs.realpathSync.native(at), ...rest));
    } catch {
      if (path.dirname(at) === at) return normalize(file);
      rest.unshift(path.basename(at));
    }
  }
}

/** The longest of TypeScript's extensions a file name ends with (`.d.ts` before `.ts`). */
function extensionOf(file: string): ts.Extension {
  return (Object.values(ts.Extension) as string[])
    .filter((extension) => file.endsWith(extension))
    .sort((a, b) => b.length - a.length)[0] as ts.Extension;
}

/**
 * Resolves a module name as TypeScript does, except that a declaration file a referenced project emits resolves to its
 * source.
 */
type ReferenceResolver = (
  name: string,
  containingFile: string,
  options: ts.CompilerOptions,
  redirectedReference?: ts.ResolvedProjectReference,
  mode?: ts.ResolutionMode,
) => ts.ResolvedModuleFull | undefined;

/**
 * Module resolution over `base` (the program's host, or the disk), except that a declaration file a
 * referenced project emits (referencedSources) resolves to its source, whether it was built or not.
 */
export function referenceResolver(
  referencedSources: ReadonlyMap<string, string>,
  base: ts.ModuleResolutionHost,
): ReferenceResolver {
  // The output need not exist; the folders on its way may be links (a workspace package under node_modules).
  const realFolders = new Map<string, string>();
  const realFolderOf = (folder: string): string => {
    let real = realFolders.get(folder);
    if (real === undefined) realFolders.set(folder, (real = realPathOnTheWay(folder)));
    return real;
  };
  const sourceOf = (file: string): string | undefined =>
    referencedSources.get(normalize(file)) ??
    referencedSources.get(`${realFolderOf(path.dirname(file))}/${path.basename(file)}`);
  // The folders of the outputs that are not there (an unbuilt dist/ and those in it).
  const outputFolders = new Set<string>();
  for (const output of referencedSources.keys()) {
    for (
      let folder = path.posix.dirname(output);
      !outputFolders.has(folder) && !fs.existsSync(folder);
      folder = path.posix.dirname(folder)
    )
      outputFolders.add(folder);
  }
  const host: ts.ModuleResolutionHost = {
    ...base,
    fileExists: (file) => sourceOf(file) !== undefined || base.fileExists(file),
    // TypeScript looks for a file only in a folder that exists.
    directoryExists: (folder) =>
      outputFolders.has(normalize(folder)) ||
      outputFolders.has(realFolderOf(folder)) ||
      (base.directoryExists?.(folder) ?? fs.existsSync(folder)),
  };
  const cacheOf = resolutionCachePerOptions();
  return (name, containingFile, options, redirectedReference, mode) => {
    const resolved = ts.resolveModuleName(
      name,
      containingFile,
      options,
      host,
      cacheOf(options),
      redirectedReference,
      mode,
    ).resolvedModule;
    const source = resolved && sourceOf(resolved.resolvedFileName);
    if (!resolved || source === undefined) return resolved;
    return { ...resolved, resolvedFileName: source, extension: extensionOf(source), isExternalLibraryImport: false };
  };
}
