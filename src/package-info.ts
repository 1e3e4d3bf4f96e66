/**
 * Where this package is installed and its version: for `--version` of both commands
 * (the codemod and the audit), for the runtime files the codemod copies, and for the
 * build plugin, which never rewrites this package's own files.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_NAME } from './rewrite/light';

let root: string | undefined;

/** The nearest folder at or above `start` whose package.json is this package's; null when there is none. */
export function findPackageRoot(start: string): string | null {
  for (let dir = start; ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
    } catch {
      // no package.json here, or not one we can read: look further up
    }
    if (path.dirname(dir) === dir) return null;
  }
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
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
