/**
 * Where this package is installed and its version: for `--version` of both commands
 * (the codemod and the audit), for the runtime files the codemod copies, and for the
 * build plugin, which never rewrites this package's own files.
 */
import * as path from 'path';
import { fieldsOf, PACKAGE_NAME, PackageJsonReader } from './rewrite/light';

let root: string | undefined;
/** This package's files do not move while it runs: one reader for the process. */
const packages = new PackageJsonReader();

/** The nearest folder at or above `start` whose package.json is this package's; null when there is none. */
export function findPackageRoot(start: string): string | null {
  return packages.findUp(start, (dir, pkg) => (fieldsOf(pkg)?.name === PACKAGE_NAME ? dir : undefined)) ?? null;
}

/**
 * The folder of this package's package.json: the nearest one above this file that is
 * ours (dist/src/ when built and installed, src/ when the tests load the sources).
 */
export function packageRoot(): string {
  return (root ??= findPackageRoot(__dirname) ?? path.resolve(__dirname, '..', '..'));
}

/** This package's version. */
export function packageVersion(): string {
  const version = fieldsOf(packages.read(packageRoot()))?.version;
  return typeof version === 'string' ? version : '0.0.0';
}
