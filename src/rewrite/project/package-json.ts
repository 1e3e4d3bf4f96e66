/**
 * The one upward search for package.json files, with a cache per folder: which Taro a
 * project depends on or has installed (project-options.ts, taro-version.ts), the project a
 * linted file belongs to (the ESLint door), where this package itself is installed
 * (package-info.ts). Each owner keeps its reader as long as its answers may stand (a codemod
 * run, a build, the ESLint rule until told to forget). Loads no parser: part of the light entry.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseJsonText } from '../rules/json-text';
import { findUp } from '../tree/paths';
import { readSideText } from '../tree/side-file';

/** A package.json's fields, as parsed. */
export type PackageJson = Record<string, unknown>;

/**
 * A package.json that is there but is no JSON object: why, in words for a report (where its JSON breaks, json-text.ts).
 */
export class UnparsablePackageJson {
  constructor(readonly why: string) {}
}

/**
 * What one folder's package.json says: `null` when there is none to read (absent, or not a
 * file that can be read); unparsable when it is there but not a JSON object.
 */
export type PackageJsonAt = PackageJson | UnparsablePackageJson | null;

export class PackageJsonReader {
  private readonly byFile = new Map<string, PackageJsonAt>();
  /**
   * Per folder, the nearest folder at or above it with a package.json (null: none): a run asks of every folder it
   * walks.
   */
  private readonly nearestByDir = new Map<string, string | null>();

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

  /** The nearest package.json at or above `start`, when it cannot be parsed: its path, and why. */
  unparsableNearest(start: string): { file: string; why: string } | undefined {
    const dir = this.nearestDir(start);
    const pkg = dir === null ? null : this.read(dir);
    return dir !== null && isUnparsable(pkg) ? { file: path.join(dir, 'package.json'), why: pkg.why } : undefined;
  }

  /** What the nearest package.json at or above `start` says (null when there is none). */
  nearest(start: string): PackageJsonAt {
    const dir = this.nearestDir(start);
    return dir === null ? null : this.read(dir);
  }

  /** The nearest folder at or above `start` with a package.json, or null. */
  nearestDir(start: string): string | null {
    const dir = path.resolve(start);
    let found = this.nearestByDir.get(dir);
    if (found === undefined) {
      const parent = path.dirname(dir);
      found = this.read(dir) !== null ? dir : parent === dir ? null : this.nearestDir(parent);
      this.nearestByDir.set(dir, found);
    }
    return found;
  }
}

/** The fields of a package.json that was read and parsed; undefined otherwise. */
export function fieldsOf(pkg: PackageJsonAt): PackageJson | undefined {
  return pkg === null || isUnparsable(pkg) ? undefined : pkg;
}

export function isUnparsable(pkg: PackageJsonAt): pkg is UnparsablePackageJson {
  return pkg instanceof UnparsablePackageJson;
}

function parse(file: string): PackageJsonAt {
  // Most folders have none: asked without the error (and its stack) a failed open costs, eight times the time.
  if (!fs.existsSync(file)) return null;
  let text: string;
  try {
    text = readSideText(file);
  } catch {
    return null;
  }
  let value: unknown;
  try {
    value = parseJsonText(text);
  } catch (error) {
    return new UnparsablePackageJson((error as Error).message);
  }
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as PackageJson)
    : new UnparsablePackageJson('not a JSON object');
}
