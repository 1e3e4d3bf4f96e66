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

/**
 * The major version from which each package's typings parse with the audit's TypeScript: Taro wrote its typings anew
 * for 3.0, and the end-to-end tests run --verify on Taro 3.6 and 4. Only older or unknown versions need TypeScript to
 * answer, which a run would otherwise load for this one question (a second in every Taro project).
 */
const PARSES_FROM_MAJOR: Record<string, number> = { '@tarojs/taro': 3 };

/** Why `--verify` cannot type-check the project at `cwd`, in a few words, or undefined where it can. */
export function verifyCannotRunIn(cwd: string): string | undefined {
  const unsure = apiPackagesOf(cwd).filter((name) => {
    const version = installedVersionFor(cwd, name);
    return version !== undefined && !(majorOf(version) >= PARSES_FROM_MAJOR[name]!);
  });
  return unsure.length === 0 ? undefined : loadVerifyPossible().verifyCannotRunWith(cwd, unsure);
}

/** The leading number of a version (`3` of `3.6.20`), NaN for none. */
const majorOf = (version: string) => Number(/^\d+/.exec(version)?.[0] ?? NaN);

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

/**
 * The version of the package a node_modules at or above `cwd` holds, where TypeScript's module resolution looks for it:
 * undefined where none does, '' where its package.json gives none that reads.
 */
function installedVersionFor(cwd: string, name: string): string | undefined {
  return findUp(cwd, (dir) => {
    const manifest = path.join(dir, 'node_modules', name, 'package.json');
    const stat = fs.statSync(manifest, { throwIfNoEntry: false });
    if (!stat) return undefined;
    // Only a regular file is read: a FIFO there would block the run.
    if (!stat.isFile()) return '';
    try {
      const version = (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version?: unknown }).version;
      return typeof version === 'string' ? version : '';
    } catch {
      return '';
    }
  });
}
