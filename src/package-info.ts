/**
 * Where this package is installed and its version: for `--version` of both commands
 * (the codemod and the audit) and for the runtime files the codemod copies.
 */
import * as fs from 'fs';
import * as path from 'path';
import { PACKAGE_NAME } from './rewrite/light';

let root: string | undefined;

/**
 * The folder of this package's package.json: the nearest one above this file that is
 * ours (dist/src/ when built and installed, src/ when the tests load the sources).
 */
export function packageRoot(): string {
  if (root !== undefined) return root;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      if ((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string }).name === PACKAGE_NAME) return (root = dir);
    } catch {
      // no package.json here, or not one we can read: look further up
    }
    if (path.dirname(dir) === dir) return (root = path.resolve(__dirname, '..', '..'));
  }
}

/** This package's version. */
export function packageVersion(): string {
  try {
    return (JSON.parse(fs.readFileSync(path.join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
}
