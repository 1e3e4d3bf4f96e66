/**
 * The one upward search for package.json files, with a cache per folder: which Taro a
 * project depends on or has installed (project-options.ts, taro-version.ts), the project a
 * linted file belongs to (the ESLint door), where this package itself is installed
 * (package-info.ts). Each owner keeps its reader as long as its answers may stand (a codemod
 * run, a build, the ESLint rule until told to forget). Loads no parser: part of the light entry.
 */
import * as path from 'node:path';
import { findUp } from './paths';
import { readSideText } from './side-file';

/** A package.json's fields, as parsed. */
export type PackageJson = Record<string, unknown>;

/**
 * What one folder's package.json says: `null` when there is none to read (absent, or not a
 * file that can be read); `'unparsable'` when it is there but not a JSON object.
 */
export type PackageJsonAt = PackageJson | 'unparsable' | null;

export class PackageJsonReader {
  private readonly byFile = new Map<string, PackageJsonAt>();

  /** The package.json of `dir` (read once per reader). */
  read(dir: string): PackageJsonAt {
    const file = path.join(dir, 'package.json');
    let answer = this.byFile.get(file);
    if (answer !== undefined) return answer;
    answer = parse(file);
    this.byFile.set(file, answer);
    return answer;
  }

  /**
   * Upwards from `start` (itself first): the first answer `pick` gives for a folder and what
   * its package.json says; undefined when no folder up to the root gives one.
   */
  findUp<T>(start: string, pick: (dir: string, pkg: PackageJsonAt) => T | undefined): T | undefined {
    return findUp(start, (dir) => pick(dir, this.read(dir)));
  }

  /** The nearest folder at or above `start` with a package.json, or null. */
  nearestDir(start: string): string | null {
    return this.findUp(start, (dir, pkg) => (pkg === null ? undefined : dir)) ?? null;
  }
}

/** The fields of a package.json that was read and parsed; undefined otherwise. */
export function fieldsOf(pkg: PackageJsonAt): PackageJson | undefined {
  return pkg === null || pkg === 'unparsable' ? undefined : pkg;
}

function parse(file: string): PackageJsonAt {
  let text: string;
  try {
    text = readSideText(file);
  } catch {
    return null;
  }
  try {
    const value: unknown = JSON.parse(text);
    return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as PackageJson) : 'unparsable';
  } catch {
    return 'unparsable';
  }
}
