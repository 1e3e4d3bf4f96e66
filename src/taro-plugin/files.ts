/**
 * Which files the rewrite may touch: the user's own source, plus packages the
 * user listed in `include`. Never this package's runtime, never other
 * node_modules.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findPackageRoot } from '../package-info';
import {
  DEFAULT_IMPORT_SOURCE,
  FORMER_RUNTIME_ENTRIES,
  RUNTIME_PACKAGE,
  fieldsOf,
  PackageJsonReader,
  toPosixPath,
} from '../rewrite/light';
import { PLUGIN_NAME } from './options';

/** A folder as found, and its real path when linked (npm links a workspace or a `file:` folder). */
function withRealPath(dir: string): string[] {
  const roots = new Set([toPosixPath(dir)]);
  try {
    roots.add(toPosixPath(fs.realpathSync(dir)));
  } catch {
    /* keep the path as found */
  }
  return [...roots];
}

/** This package's root directory (where its package.json is), and its real path when linked. */
export function packageRoots(start: string = __dirname): string[] {
  const dir = findPackageRoot(start);
  return dir === null ? [] : withRealPath(dir);
}

/**
 * The folder of a package as this package resolves it (its own dependency: the runtime package,
 * the H5 recorder's mp3 encoder), found above the file its name resolves to; undefined when it is
 * not installed. Asked from here, not from the app: the app may not list it (pnpm links only what
 * a package.json lists), and this package does.
 */
export function dependencyDir(name: string): string | undefined {
  let file: string;
  try {
    file = require.resolve(name);
  } catch {
    return undefined;
  }
  const packages = new PackageJsonReader();
  return packages.findUp(path.dirname(file), (dir, pkg) => (fieldsOf(pkg)?.name === name ? dir : undefined));
}

/** The runtime package's folder (and its real path when linked), which the app's rewritten code imports. */
export function runtimePackageRoots(): string[] {
  const dir = dependencyDir(RUNTIME_PACKAGE);
  return dir === undefined ? [] : withRealPath(dir);
}

/**
 * The package a node_modules path (absolute, or relative as a report shows it) belongs to (`@scope/name` or `name`), or
 * undefined.
 */
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
  /** Directories of the runtime package (defaults to where this package resolves it). */
  runtimeRoots?: string[];
}

export type FileFilter = (filename: string) => boolean;

/** The folders a root's files are found under, each ending in `/`. */
const foldersOf = (roots: string[], subfolders: string[]) =>
  roots.flatMap((r) => {
    const root = toPosixPath(r).replace(/\/$/, '');
    return subfolders.map((sub) => `${root}/${sub}`);
  });

export function createFileFilter(options: FileFilterOptions): FileFilter {
  // Only this package's code directories: an app may live below the package root (as examples/ does).
  // The runtime package whole: linked (a workspace, a `file:` folder), its files are not under node_modules.
  const ownDirs = [
    ...foldersOf(options.ownRoots ?? packageRoots(), ['dist/', 'src/']),
    ...foldersOf(options.runtimeRoots ?? runtimePackageRoots(), ['']),
  ];
  const include = new Set(options.include);
  return (filename: string): boolean => {
    if (!filename) return false;
    const file = toPosixPath(filename);
    if (ownDirs.some((dir) => file.startsWith(dir))) return false;
    const pkg = packageOf(file);
    if (pkg === PLUGIN_NAME || pkg === RUNTIME_PACKAGE) return false;
    if (pkg !== undefined) return include.has(pkg);
    return true;
  };
}

/** A script file by its extension (query strings such as `?vue&type=script` removed first). */
// Which extensions are scripts: src/rewrite/rules/file-kinds.ts, shared by every door.
export { isScriptFile } from '../rewrite/light';

/** Packages in `include` must also be compiled by Taro's script rule, which skips most of node_modules. */
export function includedPackageTest(include: string[]): (filename: string) => boolean {
  const names = new Set(include);
  return (filename: string) => {
    const pkg = packageOf(filename);
    return pkg !== undefined && names.has(pkg);
  };
}

/**
 * A file of the runtime (what rewritten code imports: the runtime package, and this package's former entries), wherever
 * it was installed from.
 */
export function createRuntimeFileTest(
  ownRoots: string[] = packageRoots(),
  runtimeRoots: string[] = runtimePackageRoots(),
): (file: string) => boolean {
  const dirs = [...foldersOf(ownRoots, ['dist/runtime/', 'dist/src/runtime/']), ...foldersOf(runtimeRoots, ['dist/'])];
  const installed = new RegExp(`/node_modules/(?:${PLUGIN_NAME}/dist/(?:src/)?runtime|${RUNTIME_PACKAGE}/dist)/`);
  return (file: string) => {
    const p = toPosixPath(file);
    return installed.test(p) || dirs.some((d) => p.startsWith(d));
  };
}

/**
 * The H5 recorder's mp3 encoder, which the runtime imports only for mp3 (an optional peer of the runtime package, a
 * dependency of this one).
 */
const MP3_ENCODER = '@breezystack/lamejs';

/**
 * Module replacements for a platform's build: on h5, the runtime is the H5 entry (a real
 * recorder on the browser's microphone), for the runtime package's Taro entry and this
 * package's former one, and its mp3 encoder is this package's own (the app need not list it);
 * mini-program builds keep the package's own entry and so never bundle the H5 recorder.
 */
export function runtimeAliases(
  platform: string | undefined,
  runtimeRoots: string[] = runtimePackageRoots(),
  encoderDir: string | undefined = dependencyDir(MP3_ENCODER),
): Record<string, string> {
  if (platform !== 'h5' || runtimeRoots.length === 0) return {};
  const h5 = `${toPosixPath(runtimeRoots[0]!)}/dist/esm/h5.js`;
  const formerTaroEntry = [...FORMER_RUNTIME_ENTRIES].find(([, entry]) => entry === DEFAULT_IMPORT_SOURCE)![0];
  const aliases: Record<string, string> = { [DEFAULT_IMPORT_SOURCE]: h5, [formerTaroEntry]: h5 };
  if (encoderDir !== undefined) aliases[MP3_ENCODER] = toPosixPath(encoderDir);
  return aliases;
}

/** The H5 recorder's mp3 encoder (LGPL-3.0), which must stay a chunk of its own, loaded only for mp3. */
export const MP3_ENCODER_FILE = /[\\/]node_modules[\\/]@breezystack[\\/]lamejs[\\/]/;
