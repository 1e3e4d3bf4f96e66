/**
 * Which files the rewrite may touch: the user's own source, plus packages the
 * user listed in `include`. Never this package's runtime, never other
 * node_modules.
 */
import * as fs from 'node:fs';
import { findPackageRoot } from '../package-info';
import { DEFAULT_IMPORT_SOURCE, toPosixPath } from '../rewrite/light';
import { PLUGIN_NAME } from './options';



/** This package's root directory (where its package.json is), and its real path when linked. */
export function packageRoots(start: string = __dirname): string[] {
  const dir = findPackageRoot(start);
  if (dir === null) return [];
  const roots = new Set([toPosixPath(dir)]);
  try {
    roots.add(toPosixPath(fs.realpathSync(dir)));
  } catch {
    /* keep the path as found */
  }
  return [...roots];
}

/** The package a node_modules path (absolute, or relative as a report shows it) belongs to (`@scope/name` or `name`), or undefined. */
export function packageOf(file: string): string | undefined {
  // The slash: a relative `node_modules/x/…` is found like an absolute one.
  const p = `/${toPosixPath(file)}`;
  const at = p.lastIndexOf('/node_modules/');
  if (at < 0) return undefined;
  const parts = p.slice(at + '/node_modules/'.length).split('/');
  if (parts[0].startsWith('@')) return parts.length > 1 ? `${parts[0]}/${parts[1]}` : undefined;
  return parts[0];
}

export interface FileFilterOptions {
  include: string[];
  /** Directories of this package (defaults to the one this file lives in). */
  ownRoots?: string[];
}

export type FileFilter = (filename: string) => boolean;

export function createFileFilter(options: FileFilterOptions): FileFilter {
  // Only this package's code directories: an app may live below the package root (as examples/ does).
  const ownDirs = (options.ownRoots ?? packageRoots()).flatMap((r) => {
    const root = toPosixPath(r).replace(/\/$/, '');
    return [`${root}/dist/`, `${root}/src/`];
  });
  const include = new Set(options.include);
  return (filename: string): boolean => {
    if (!filename) return false;
    const file = toPosixPath(filename);
    if (ownDirs.some((dir) => file.startsWith(dir))) return false;
    const pkg = packageOf(file);
    if (pkg === PLUGIN_NAME) return false;
    if (pkg !== undefined) return include.has(pkg);
    return true;
  };
}

/** A script file by its extension (query strings such as `?vue&type=script` removed first). */
// Which extensions are scripts: src/rewrite/file-kinds.ts, shared by every door.
export { isScriptFile } from '../rewrite/light';

/** Packages in `include` must also be compiled by Taro's script rule, which skips most of node_modules. */
export function includedPackageTest(include: string[]): (filename: string) => boolean {
  const names = new Set(include);
  return (filename: string) => {
    const pkg = packageOf(filename);
    return pkg !== undefined && names.has(pkg);
  };
}

/** A file of this package's runtime (what rewritten code imports), wherever it was installed from. */
export function createRuntimeFileTest(ownRoots: string[] = packageRoots()): (file: string) => boolean {
  const dirs = ownRoots.flatMap((r) => {
    const root = toPosixPath(r).replace(/\/$/, '');
    return [`${root}/dist/runtime/`, `${root}/dist/src/runtime/`];
  });
  const installed = new RegExp(`/node_modules/${PLUGIN_NAME}/dist/(?:src/)?runtime/`);
  return (file: string) => {
    const p = toPosixPath(file);
    return installed.test(p) || dirs.some((d) => p.startsWith(d));
  };
}

/**
 * Module replacements for a platform's build: on h5, the runtime is the H5 entry (a real
 * recorder on the browser's microphone); mini-program builds keep the package's own entry
 * and so never bundle the H5 recorder.
 */
export function runtimeAliases(platform: string | undefined, ownRoots: string[] = packageRoots()): Record<string, string> {
  if (platform !== 'h5' || ownRoots.length === 0) return {};
  return { [DEFAULT_IMPORT_SOURCE]: `${toPosixPath(ownRoots[0]!)}/dist/runtime/esm/h5.js` };
}

/** The H5 recorder's mp3 encoder (LGPL-3.0), which must stay a chunk of its own, loaded only for mp3. */
export const MP3_ENCODER_FILE = /[\\/]node_modules[\\/]@breezystack[\\/]lamejs[\\/]/;
