/**
 * The options the rewrite gets for one file of a project, decided in one place for every
 * door that rewrites a project's files itself (the codemod CLI, the ESLint rule):
 *
 * - which runtime entry the new import names (`--runtime package`, the default): a file
 *   that imports `@tarojs/taro`, or whose nearest package.json depends on it, imports the
 *   Taro entry (`taro-plugin-record-compat/runtime`); any other file, a native
 *   mini-program's, the native entry (`…/runtime/native`);
 * - whether the app's own `getRecorderManager()` is routed: the project-level decision
 *   (routing.ts), taken by the door over the files it sees and handed in here;
 * - the parser, when the door was given one.
 *
 * Loads no parser (part of the light entry): the package.json lookups read files, nothing more.
 */
import * as path from 'path';
import { DEFAULT_IMPORT_SOURCE, NATIVE_IMPORT_SOURCE, TARO_MODULE } from './legacy-apis';
import type { ParserChoice } from './options-schema';
import { fieldsOf, PackageJsonReader, type PackageJson } from './package-json';
import { TaroVersionReader } from './taro-version';
import type { RewriteOptions } from './types';

/** True when the text imports or requires `@tarojs/taro` (the exact module, not `@tarojs/taro-h5`). */
export function mentionsTaro(text: string): boolean {
  return text.includes(`'${TARO_MODULE}'`) || text.includes(`"${TARO_MODULE}"`);
}

/** Does this package.json list @tarojs/taro among its dependencies? */
function dependsOnTaro(pkg: PackageJson | undefined): boolean {
  if (!pkg) return false;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object' && TARO_MODULE in deps) return true;
  }
  return false;
}

/** Whether the nearest package.json above a folder depends on @tarojs/taro; each package.json is read once. */
export class TaroProjectLookup {
  /** The package.json files read, shared with `versions`. */
  readonly packages = new PackageJsonReader();
  /** The Taro each file's project runs (taro-version.ts): before 3.3.1 its wrapper's Promise is kept. */
  readonly versions = new TaroVersionReader(this.packages);

  dependsOnTaro(dir: string): boolean {
    // The nearest package.json decides; an unparsable one says nothing either way.
    return this.packages.findUp(dir, (_, pkg) => (pkg === null ? undefined : dependsOnTaro(fieldsOf(pkg)))) ?? false;
  }
}

/** The runtime entry a file's new import names, when the runtime comes from the package (not a local copy). */
export function packageRuntimeEntry(file: string, text: string, lookup: TaroProjectLookup): string {
  return mentionsTaro(text) || lookup.dependsOnTaro(path.dirname(path.resolve(file))) ? DEFAULT_IMPORT_SOURCE : NATIVE_IMPORT_SOURCE;
}

/** What a door decided for the whole project, before any file is rewritten. */
export interface ProjectDecisions {
  /** The project holds a legacy record call (routing.ts): its own getRecorderManager() is routed too. */
  routeRecorderManager: boolean;
  /** The project holds a legacy background-audio call: its own getBackgroundAudioManager() is routed too. */
  routeBackgroundAudioManager?: boolean;
  /** The parser the door was told to use; undefined: the default. */
  parser?: ParserChoice;
  /** A fixed module the runtime is imported from (a local copy's path, an override); undefined: chosen per file. */
  importSource?: string;
}

/**
 * The rewrite options for one file of a project: what the codemod CLI and the ESLint rule
 * both hand to rewriteFile, so that `eslint --fix` writes the codemod's bytes.
 */
export function rewriteOptionsFor(file: string, text: string, project: ProjectDecisions, lookup: TaroProjectLookup): RewriteOptions {
  return {
    importSource: project.importSource ?? packageRuntimeEntry(file, text, lookup),
    routeRecorderManager: project.routeRecorderManager,
    ...(project.routeBackgroundAudioManager ? { routeBackgroundAudioManager: true } : {}),
    // Taro.* calls keep what the project's Taro returned (docs/legacy-apis.md#taro-wrapper).
    ...(lookup.versions.forFile(file).wraps === true ? { taroWrapper: true } : {}),
    ...(project.parser ? { parser: project.parser } : {}),
  };
}
