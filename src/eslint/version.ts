/**
 * The ESLint this plugin runs in, checked once when the plugin loads. The package names no
 * ESLint among its peer dependencies (a Taro 1.3 or 2 project pins ESLint 5.16 through Taro's
 * own packages, and npm refuses, or upgrades, an ESLint a peer range does not take), so an ESLint
 * older than the oldest the rule is tested on is told here, in one sentence, what the rule needs.
 */
import * as path from 'path';

/** The oldest ESLint the rule is tested on: the one the Taro 1.3 and 2 templates pin. */
export const OLDEST_ESLINT = '5.16.0';

/** An ESLint package loaded in this process: its version and its folder. */
export interface LoadedEslint {
  version: string;
  dir: string;
}

/** What Node's module cache holds, as far as this check reads it. */
type ModuleCache = Record<string, { exports?: unknown } | undefined>;

/**
 * The ESLint packages this process has loaded. Every ESLint (5 to 9) reads its own version from
 * its package.json with require(), so a loaded ESLint is one whose package.json is in the module
 * cache; one that only lies in node_modules is not running.
 */
export function loadedEslints(cache: ModuleCache = require.cache): LoadedEslint[] {
  const found: LoadedEslint[] = [];
  for (const [file, entry] of Object.entries(cache)) {
    if (path.basename(file) !== 'package.json') continue;
    const manifest = entry?.exports as { name?: unknown; version?: unknown } | undefined;
    if (manifest?.name === 'eslint' && typeof manifest.version === 'string')
      found.push({ version: manifest.version, dir: path.dirname(file) });
  }
  return found;
}

/** `a` before `b`, by major, minor and patch (a pre-release counts as its release). */
function olderThan(a: string, b: string): boolean {
  const parts = (v: string) => v.split(/[.+-]/, 3).map((n) => Number.parseInt(n, 10) || 0);
  const [x, y] = [parts(a), parts(b)];
  for (let i = 0; i < 3; i++) if (x[i] !== y[i]) return x[i]! < y[i]!;
  return false;
}

/**
 * Why the plugin cannot run in this process, in one sentence; null when it can, or when no
 * loaded ESLint is known (the plugin required on its own, an ESLint this check cannot see). With
 * several ESLints loaded, one new enough is taken to be the one running.
 */
export function eslintVersionProblem(loaded: readonly LoadedEslint[] = loadedEslints()): string | null {
  if (loaded.length === 0 || loaded.some((eslint) => !olderThan(eslint.version, OLDEST_ESLINT))) return null;
  const running = loaded.map((eslint) => `ESLint ${eslint.version} (${eslint.dir})`).join(', ');
  return (
    `taro-plugin-record-compat/eslint needs ESLint ${OLDEST_ESLINT} or newer, and this is ${running}: ` +
    'upgrade ESLint in this project, or migrate its files with the codemod (npx taro-plugin-record-compat), which needs no ESLint'
  );
}

/**
 * Thrown when the plugin loads in an ESLint too old for it: ESLint prints it as the plugin's
 * failure to load. Its stack is its sentence: where in this package it was thrown says nothing
 * the sentence does not.
 */
export class EslintVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EslintVersionError';
    this.stack = `${this.name}: ${message}`;
  }
}

/** Throws EslintVersionError when the ESLint loaded in this process is too old for the rule. */
export function assertEslintVersion(loaded?: readonly LoadedEslint[]): void {
  const problem = eslintVersionProblem(loaded);
  if (problem) throw new EslintVersionError(problem);
}
