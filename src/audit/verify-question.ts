/**
 * The codemod's question for its next steps: can `audit --verify` type-check the project at `cwd`? Where the
 * project installs none of the packages its migrated code reaches the APIs through, no typings can fail to parse, and
 * the answer needs no TypeScript: loading it would cost a run more than the rest of its start.
 */
import * as fs from 'fs';
import * as path from 'path';
import { fieldsOf, findUp, PackageJsonReader } from '../rewrite/light';
import { loadVerifyPossible } from './lazy';

/** The packages the code the migration changes imports to reach the APIs it migrates (wx is a global). */
const API_PACKAGES = ['@tarojs/taro'];

/** Why `--verify` cannot type-check the project at `cwd`, in a few words, or undefined where it can. */
export function verifyCannotRunIn(cwd: string): string | undefined {
  const installed = apiPackagesOf(cwd).filter((name) => isInstalledFor(cwd, name));
  return installed.length === 0 ? undefined : loadVerifyPossible().verifyCannotRunWith(cwd, installed);
}

/**
 * Those of API_PACKAGES the package.json nearest `cwd` (at or above it) depends on, read through the one upward search
 * (which refuses what is no regular file: a FIFO there would block the run).
 */
function apiPackagesOf(cwd: string): string[] {
  const pkg = fieldsOf(new PackageJsonReader().nearest(cwd));
  if (pkg === undefined) return [];
  const named = (list: unknown) => (list && typeof list === 'object' ? Object.keys(list) : []);
  return API_PACKAGES.filter((name) => [...named(pkg.dependencies), ...named(pkg.devDependencies)].includes(name));
}

/** Whether a node_modules at or above `cwd` holds the package, where TypeScript's module resolution looks for it. */
function isInstalledFor(cwd: string, name: string): boolean {
  return (
    findUp(cwd, (dir) => fs.existsSync(path.join(dir, 'node_modules', name, 'package.json')) || undefined) === true
  );
}
