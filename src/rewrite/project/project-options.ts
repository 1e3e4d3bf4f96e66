/**
 * The options the rewrite gets for one file of a project, decided in one place for every
 * door that rewrites a project's files itself (the codemod CLI, the ESLint rule), and for what
 * a door handed one file is not told (the Babel plugin, the jscodeshift transform: givenOptionsFor):
 *
 * - where the runtime comes from when the user did not choose (`--runtime auto`, the
 *   default: runtimeRouteOf): a local copy in a native mini-program WeChat loads as it is,
 *   unless its npm build holds the runtime package; the package everywhere else;
 * - which runtime entry the new import of the package names: a file that imports
 *   `@tarojs/taro`, or whose nearest package.json depends on it, imports the Taro entry
 *   (`record-compat-runtime`); any other file, a native mini-program's, the
 *   native entry (`record-compat-runtime/native`);
 * - whether the app's own `getRecorderManager()` is routed: the project-level decision
 *   (routing.ts), taken by the door over the files of the file's scope (routingScopeOf) and
 *   handed in here;
 * - the parser, when the door was given one.
 *
 * Loads no parser (part of the light entry): the package.json lookups read files, nothing more.
 */
import * as path from 'path';
import { copiedWayOut, copySource, NPX_PROGRAM, type CopySource } from './copy-patterns';
import { loadEngine } from '../lazy';
import { builtPackageRefusal } from './package-calls';
import {
  describeLoading,
  loadedWhat,
  MiniProgramRoots,
  type AsIsMiniProgram,
  type UnreadProjectConfig,
} from './mini-program-root';
import {
  DEFAULT_IMPORT_SOURCE,
  isRuntimeEntry,
  LEGACY_API_TABLE,
  NATIVE_IMPORT_SOURCE,
  RUNTIME_PACKAGE,
  TARO_MODULE,
} from '../rules/legacy-apis';
import { isAtOrUnder, toPosixPath } from '../tree/paths';
import { readSideText } from '../tree/side-file';
import type { ParserChoice } from '../rules/options-schema';
import { fieldsOf, PackageJsonReader, type PackageJson } from './package-json';
import { TaroVersionReader } from './taro-version';
import type { RewriteOptions } from '../rules/types';

/** True when the text imports or requires `@tarojs/taro` (the exact module, not `@tarojs/taro-h5`). */
export function mentionsTaro(text: string): boolean {
  return text.includes(`'${TARO_MODULE}'`) || text.includes(`"${TARO_MODULE}"`);
}

/** Does this package.json list @tarojs/taro among its dependencies? */
function dependsOnTaro(pkg: PackageJson | undefined): boolean {
  return dependsOn(pkg, TARO_MODULE);
}

/** Whether a package.json lists `name` in any of its dependency fields. */
function dependsOn(pkg: PackageJson | undefined, name: string): boolean {
  if (!pkg) return false;
  for (const field of ['dependencies', 'devDependencies', 'peerDependencies', 'optionalDependencies']) {
    const deps = pkg[field];
    if (deps && typeof deps === 'object' && name in deps) return true;
  }
  return false;
}

/** Where `taro build` reads a project's config, by the project's folder. */
const TARO_CONFIGS = ['config/index.ts', 'config/index.js', 'config/index.mjs', 'config/index.cjs'];

/** A file Taro's copy option copies without compiling it: the pattern, and its project's folder and config. */
export interface CopiedFile {
  root: string;
  config: string;
  source: CopySource;
  /** The command that runs the codemod in the project, when it is not npx's (EvaluatedCopies). */
  program?: string;
}

/**
 * A Taro project's copy patterns as Taro itself evaluated its config (`taro record-compat`
 * runs inside Taro's CLI): every `from`, however the config built it.
 */
export interface EvaluatedCopies {
  /** The project's folder (Taro's appPath). */
  root: string;
  /** The config file Taro read. */
  config: string;
  /** Each pattern's `from`, as the config gave it (relative to the project, or absolute). */
  froms: string[];
  /** The command that runs the codemod from Taro's CLI (`taro record-compat`): the way out a refusal names. */
  program?: string;
}

/** Whether the nearest package.json above a folder depends on @tarojs/taro; each package.json is read once. */
export class TaroProjectLookup {
  /** The package.json files read, shared with `versions`. */
  readonly packages = new PackageJsonReader();
  /** The Taro each file's project runs (taro-version.ts): before 3.3.1 its wrapper's Promise is kept. */
  readonly versions = new TaroVersionReader(this.packages);
  /** The native mini-programs WeChat loads as they are (mini-program-root.ts). */
  readonly miniPrograms = new MiniProgramRoots();
  /** Each Taro project's copy patterns (from its config), by the project's folder; read once. */
  private readonly copies = new Map<string, ProjectCopies | null>();
  /** The project Taro's CLI evaluated, and the command that runs the codemod there. */
  private readonly evaluated?: { root: string; program?: string };
  /** Each folder's routing scope (routingScopeOf); null: none, the run's. */
  private readonly scopes = new Map<string, string | null>();
  /** The Taro version warnings said through this lookup (unsaidTaroVersionWarnings). */
  private readonly saidOfTaro = new Set<string>();
  /** Each folder's runtime route, as far as the folder decides it (runtimeRouteOf). */
  private readonly routes = new Map<string, RuntimeRoute>();

  /** `evaluated`: one project's patterns as Taro evaluated them, used instead of reading its config's text. */
  constructor(evaluated?: EvaluatedCopies) {
    if (evaluated) {
      const root = path.resolve(evaluated.root);
      this.copies.set(root, {
        root,
        config: path.resolve(evaluated.config),
        sources: sourcesOf(root, evaluated.froms),
        unread: 0,
      });
      this.evaluated = { root, program: evaluated.program };
    }
  }

  /**
   * taroVersionWarnings not said yet through this lookup: the doors handed one file at a time
   * (the Babel plugin, the jscodeshift transform) keep one lookup as long as they say each once.
   */
  unsaidTaroVersionWarnings(file: string, shown: (file: string) => string): string[] {
    const unsaid = taroVersionWarnings(file, this, shown).filter((message) => !this.saidOfTaro.has(message));
    for (const message of unsaid) this.saidOfTaro.add(message);
    return unsaid;
  }

  dependsOnTaro(dir: string): boolean {
    // The nearest package.json decides; an unparsable one says no (a package import is then refused:
    // packageImportRefusal).
    return dependsOnTaro(fieldsOf(this.packages.nearest(dir)));
  }

  /**
   * The scope over which the app's own managers are routed for `file` (routing.ts,
   * ScopedRouting): the native mini-program it is in (the nearest folder holding a regular
   * app.json), else the Taro project it is in (the nearest package.json that depends on
   * @tarojs/taro); undefined when it is in neither, and then the door decides (the codemod:
   * one scope for every such file of its run). Mini-programs share no runtime and no manager,
   * nor do two Taro apps of one monorepo. Looked up once per folder.
   */
  routingScopeOf(file: string): string | undefined {
    const dir = path.dirname(path.resolve(file));
    let scope = this.scopes.get(dir);
    if (scope === undefined)
      this.scopes.set(dir, (scope = this.miniPrograms.appRootOf(file) ?? this.taroRootAt(dir) ?? null));
    return scope ?? undefined;
  }

  /** The route `decide` gives the folder of `file`, decided once per folder. */
  folderRoute(file: string, decide: (file: string, lookup: TaroProjectLookup) => RuntimeRoute): RuntimeRoute {
    // A run asks of every file it walks (absolute already): resolving each again is most of the cost.
    const dir = path.dirname(path.isAbsolute(file) ? file : path.resolve(file));
    let route = this.routes.get(dir);
    if (route === undefined) this.routes.set(dir, (route = decide(file, this)));
    return route;
  }

  /** The Taro project `dir` is in: the nearest folder whose package.json depends on Taro, past any other. */
  private taroRootAt(dir: string): string | undefined {
    return this.packages.findUp(dir, (at, pkg) => (pkg !== null && dependsOnTaro(fieldsOf(pkg)) ? at : undefined));
  }

  /**
   * The copy patterns of the Taro project `dir` is in (its config's `copy` option), if it is in
   * one with a config. The project is the nearest folder whose package.json depends on Taro, past
   * any other: a copied SDK folder often has a package.json of its own.
   */
  copiesOf(dir: string): ProjectCopies | undefined {
    const root = this.taroRootAt(path.resolve(dir));
    if (root === undefined) return undefined;
    let copies = this.copies.get(root);
    if (copies === undefined) this.copies.set(root, (copies = readCopySources(root)));
    return copies ?? undefined;
  }

  /**
   * Whether what the file's Taro project copies is not known in full (copiesUnknownWhy): its
   * config, and why; undefined when it is known, or the file is in no Taro project with a config.
   */
  unknownCopiesOf(file: string): { config: string; why: string } | undefined {
    const copies = this.copiesOf(path.dirname(path.resolve(file)));
    const why = copies && copiesUnknownWhy(copies);
    return copies && why ? { config: copies.config, why } : undefined;
  }

  /** The pattern of the file's Taro project (its config's `copy` option) that copies the file, if one does. */
  copiedBy(file: string): CopiedFile | undefined {
    const copies = this.copiesOf(path.dirname(path.resolve(file)));
    const source = copies?.sources.find((s) => s.copies(file));
    if (!copies || !source) return undefined;
    const program = copies.root === this.evaluated?.root ? this.evaluated.program : undefined;
    return { root: copies.root, config: copies.config, source, ...(program ? { program } : {}) };
  }
}

/** A Taro project's copy patterns, as its config's text names them. */
export interface ProjectCopies {
  root: string;
  config: string;
  sources: CopySource[];
  /**
   * Patterns whose `from` is built by code the reading does not follow (taro-config.ts): what they copy is not known.
   */
  unread: number;
  /** Why the config could not be read at all (EACCES…): what it copies is not known. */
  unreadable?: string;
}

/**
 * Why what a project's copy option copies is not known in full, in words that follow its
 * config's name, or undefined when it is: a pattern built by code the reading does not follow,
 * or a config that could not be read. Said by the doors that cannot refuse such a file (the
 * codemod CLI, the audit, the jscodeshift transform) as a warning (unknownCopiesWarning).
 */
function copiesUnknownWhy(copies: ProjectCopies): string | undefined {
  if (copies.unreadable)
    return `could not read it (${copies.unreadable}), so which files its copy option copies is not known`;
  const unmatchable = copies.sources.filter((source) => source.unmatchable).map((source) => `'${source.from}'`);
  const why: string[] = [];
  if (copies.unread > 0)
    why.push(
      `${copies.unread === 1 ? 'a copy pattern is' : `${copies.unread} copy patterns are`} built by code this tool does not follow (it reads strings, and path.join / path.resolve of them and __dirname)`,
    );
  if (unmatchable.length > 0)
    why.push(
      `the copy ${unmatchable.length === 1 ? 'pattern' : 'patterns'} ${unmatchable.join(', ')} ${unmatchable.length === 1 ? 'uses' : 'use'} glob syntax this tool does not match (an extglob, a group, a {1..9} range, a leading !)`,
    );
  return why.length > 0 ? why.join('; ') : undefined;
}

/**
 * The warning of a door whose rewrite takes files in such a project (copiesUnknownWhy): `config`
 * as the door shows it, `which` the files it speaks of ("none of the files that changed is").
 */
export function unknownCopiesWarning(config: string, why: string, which: string): string {
  return `${config}: ${why}: a file Taro copies without bundling would not resolve the runtime's import; check that ${which} copied (then migrate its folder with --runtime local=<folder>/record-compat.js)`;
}

/**
 * The warning of a door that rewrites one file at a time (the ESLint rule, the jscodeshift
 * transform) for a file in a project whose copies are not known in full, its config shown from
 * `cwd`; undefined when they are known.
 */
export function fileCopiesWarning(file: string, lookup: TaroProjectLookup, cwd: string): string | undefined {
  const unknown = lookup.unknownCopiesOf(file);
  return (
    unknown && unknownCopiesWarning(toPosixPath(path.relative(cwd, unknown.config)), unknown.why, 'this file is not')
  );
}

/** A Taro project's copy patterns, read from its config's text (taro-config.ts); null without a config. */
function readCopySources(root: string): ProjectCopies | null {
  for (const name of TARO_CONFIGS) {
    const config = path.join(root, name);
    let text: string;
    try {
      text = readSideText(config);
    } catch (error) {
      const { code } = error as NodeJS.ErrnoException;
      if (code === 'ENOENT' || code === 'ENOTDIR') continue;
      // There but unreadable: what it copies is not known.
      return { root, config, sources: [], unread: 0, unreadable: code ?? (error as Error).message };
    }
    const { froms, unread } = loadEngine().copyPatternsIn(text, config);
    return { root, config, sources: sourcesOf(root, froms), unread };
  }
  return null;
}

/** What each `from` copies; one that path.join built is absolute: shown, as the others, from the project. */
function sourcesOf(root: string, froms: string[]): CopySource[] {
  const shown = (from: string) =>
    path.isAbsolute(from) && !path.relative(root, from).startsWith('..')
      ? toPosixPath(path.relative(root, from)) || '.'
      : from;
  return froms.map((from) => copySource(root, shown(from)));
}

/**
 * Why a file that Taro's copy option copies cannot take this import of the runtime, or null:
 * copied code is not bundled, so only a standalone runtime that is copied with it resolves
 * (`importSource` relative, pointing into the copied folder). Said by every door that rewrites
 * a project's files (the codemod CLI, the ESLint rule, the jscodeshift transform).
 */
export function copiedFileRefusal(
  file: string,
  importSource: string,
  lookup: TaroProjectLookup,
  asked: AskedRun = {},
): string | null {
  const copied = lookup.copiedBy(file);
  if (!copied) return null;
  const config = toPosixPath(path.relative(copied.root, copied.config));
  const relative = importSource.startsWith('./') || importSource.startsWith('../');
  if (relative) {
    // The standalone runtime the import names (written without its extension): fine where the copy takes it too.
    const named = path.resolve(path.dirname(path.resolve(file)), importSource);
    const runtime = path.extname(named) ? named : `${named}.js`;
    if (lookup.copiedBy(runtime)) return null;
  }
  const why = relative
    ? `the runtime it would import (${importSource}) is not copied with it`
    : `an import of ${importSource} would not resolve in the mini-program`;
  return `Taro's copy option copies this file without compiling it (${config}: from '${copied.source.from}'), so ${why}; left as it is: ${copiedWayOut(copied.root, copied.source, copied.program, asked.dry)}`;
}

/**
 * How the user ran the tool, as far as a refusal's way out repeats it: the runtime route they
 * chose (`package`: they turned down the default's local copy, so the way out names
 * `--runtime local`), and `--dry`, kept in the command suggested so that running it writes
 * nothing either. A door with no command line (the ESLint rule, the audit) gives nothing: its way
 * out is the codemod's default.
 */
export interface AskedRun {
  runtime?: 'auto' | 'package' | 'local';
  dry?: boolean;
}

/**
 * Where rewritten code takes the runtime from: the package (an import of one of its entries), or a local copy written
 * into the project.
 */
export type RuntimeRoute = 'package' | 'local';

/**
 * The runtime route of a file when the user did not choose one (`--runtime auto`, the default),
 * from where the file is, read as WeChat and the project's build read it: a file of a native
 * mini-program or WeChat plugin that WeChat's devtools load as they are (mini-program-root.ts)
 * takes a local copy of the runtime, unless WeChat's npm build gives it the runtime package
 * (npmBuildOf); so does a file of a mini-program with no package.json at or above its root,
 * where nothing installs a package. Every other file imports the package: a Taro project's, a
 * bundler's, and those whose package import is refused with their reason (packageImportRefusal:
 * Taro copies them without compiling, a package.json or project.config.json they depend on
 * cannot be read, WeChat's npm build wrote them). One decision for the codemod, the ESLint rule
 * and the audit.
 */
export function runtimeRouteOf(file: string, lookup: TaroProjectLookup): RuntimeRoute {
  // The folder decides, once for all its files (a run asks of every file); the file's own facts can only keep it on the
  // package.
  if (folderTakesPackage(file, lookup)) return 'package';
  return builtPackageRefusal(file) || lookup.copiedBy(file) ? 'package' : 'local';
}

/** Whether every file in `file`'s folder imports the package (runtimeRouteOf), decided once per folder. */
export function folderTakesPackage(file: string, lookup: TaroProjectLookup): boolean {
  return lookup.folderRoute(file, folderRouteOf) === 'package';
}

/** The route of the files in `file`'s folder, as far as the folder decides it (runtimeRouteOf). */
function folderRouteOf(file: string, lookup: TaroProjectLookup): RuntimeRoute {
  const dir = path.dirname(path.resolve(file));
  if (lookup.packages.unparsableNearest(dir) || lookup.dependsOnTaro(dir)) return 'package';
  const app = lookup.miniPrograms.loadedAsIs(file);
  if (app && 'why' in app) return 'package';
  if (app) return npmBuildOf(file, app, lookup) === null ? 'local' : 'package';
  const root = lookup.miniPrograms.appRootOf(file);
  return root !== undefined && lookup.packages.nearestDir(root) === null ? 'local' : 'package';
}

/**
 * The package.json whose npm build gives `file` the runtime package in a mini-program WeChat
 * loads as it is, or null when none does: one that WeChat's npm build reads (by default each
 * package.json inside the root, with its miniprogram_npm beside it; where the project config sets
 * the build by hand, the package.json files it names, each with the folder of its
 * miniprogram_npm: mini-program-root.ts) and that lists RUNTIME_PACKAGE in its `dependencies` (the
 * only field the build takes), whose miniprogram_npm is where the file's require looks for a
 * package: in the file's folder or one above it, inside the root. One of those package.json files
 * that cannot be parsed is returned as such: whether it lists the package is not known.
 */
function npmBuildOf(
  file: string,
  app: AsIsMiniProgram,
  lookup: TaroProjectLookup,
): { listedIn: string } | { unparsable: string; why: string } | null {
  const dir = path.dirname(path.resolve(file));
  const builds =
    app.npmBuilds ?? foldersUpTo(dir, app.root).map((into) => ({ packageJson: path.join(into, 'package.json'), into }));
  for (const build of builds) {
    if (!isAtOrUnder(dir, build.into) || !isAtOrUnder(build.into, app.root)) continue;
    const pkg = lookup.packages.read(path.dirname(build.packageJson));
    if (pkg === null) continue;
    const fields = fieldsOf(pkg);
    if (!fields) return { unparsable: build.packageJson, why: (pkg as { why: string }).why };
    const dependencies = fields.dependencies;
    if (typeof dependencies === 'object' && dependencies !== null && RUNTIME_PACKAGE in dependencies)
      return { listedIn: build.packageJson };
  }
  return null;
}

/**
 * `dir` and each folder above it, up to `root` (both included), innermost first; none when `dir` is not under `root`.
 */
function foldersUpTo(dir: string, root: string): string[] {
  const folders: string[] = [];
  for (let at = dir; isAtOrUnder(at, root); at = path.dirname(at)) {
    folders.push(at);
    if (at === root || path.dirname(at) === at) break;
  }
  return folders;
}

/**
 * Why a file may not get an import of the package's runtime, or null: Taro copies it without
 * compiling it (copiedFileRefusal), or it is in a native mini-program (not a Taro project's)
 * that WeChat loads as it is, where a package resolves only through WeChat's npm build, and no
 * package.json that build reads lists the runtime package, or that has no package.json at all
 * (an import of another module, a local copy of the runtime, is not refused there); or it is a
 * package WeChat's npm build wrote (package-calls.ts). And why its rewrite cannot be trusted
 * when a file its decisions read cannot be: the package.json that installs the package and says
 * whether the file is a Taro project's, the project.config.json that says whether WeChat loads
 * its folder as it is, a package.json WeChat's npm build reads there, and, where the rewrite
 * followed the project's Taro (`followedTaroVersion`: the report's taroWrapped, unless the door
 * was told the wrapper), the package.json that names that Taro. Said by every door that rewrites
 * a project's files; `asked`: how the user ran it, for the way out.
 */
export function packageImportRefusal(
  file: string,
  importSource: string,
  lookup: TaroProjectLookup,
  followedTaroVersion = false,
  asked: AskedRun = {},
): string | null {
  // What WeChat's npm build wrote is not edited at all, whatever the import.
  const built = builtPackageRefusal(file);
  if (built) return built;
  const stray = lookup.miniPrograms.strayAppJsonRefusal(file);
  if (stray) return stray;
  const untoldTaro = followedTaroVersion ? untoldTaroVersionRefusal(file, lookup) : null;
  if (untoldTaro) return untoldTaro;
  const copied = copiedFileRefusal(file, importSource, lookup, asked);
  if (copied || !isPackageEntry(importSource)) return copied;
  const dir = path.dirname(path.resolve(file));
  const unparsable = lookup.packages.unparsableNearest(dir);
  if (unparsable) {
    const shown = seenFrom(file, unparsable.file);
    return (
      `${shown} cannot be parsed (${unparsable.why}), and an import of ${importSource} depends on it: it is the package.json that installs ${RUNTIME_PACKAGE} here, ` +
      `and it says whether this is a Taro project's file (which runtime entry it imports, whether Taro builds it); left as it is: fix ${shown} and run again`
    );
  }
  // Taro builds its project's sources, whatever app.json or project.config.json lies about.
  if (lookup.dependsOnTaro(dir)) return null;
  const app = lookup.miniPrograms.loadedAsIs(file);
  if (app && 'why' in app) return unreadProjectConfigRefusal(file, importSource, app, lookup, asked);
  if (app) {
    const npm = npmBuildOf(file, app, lookup);
    if (npm && 'listedIn' in npm) return null;
    if (npm) {
      const shown = seenFrom(file, npm.unparsable);
      return `${shown} cannot be parsed (${npm.why}), and WeChat's npm build reads it: whether it lists ${RUNTIME_PACKAGE}, which an import of ${importSource} needs in miniprogram_npm, is not known; left as it is: fix ${shown} and run again`;
    }
    return (
      `WeChat loads this ${loadedWhat(app)} as it is, with no build step (${describeLoading(app)}), so an import of ${importSource} would resolve only in the miniprogram_npm ` +
      `WeChat's npm build fills, and no package.json it builds for this file lists ${RUNTIME_PACKAGE} in its dependencies; left as it is: ${localWayOut(app.root, loadedWhat(app), lookup, asked)}`
    );
  }
  // With no package.json, nothing installs the package: no bundler, no npm build would find it.
  const root = lookup.miniPrograms.appRootOf(file);
  if (root === undefined || lookup.packages.nearestDir(root) !== null) return null;
  return `this mini-program has no package.json at or above its root (the folder of app.json), so nothing installs ${RUNTIME_PACKAGE} there and an import of ${importSource} would not resolve; left as it is: ${localWayOut(root, 'mini-program', lookup, asked)}`;
}

/**
 * A file a refusal names, from the folder of the file refused (`../../project.config.json`), as a page's template is
 * named beside it.
 */
function seenFrom(file: string, other: string): string {
  return toPosixPath(path.relative(path.dirname(path.resolve(file)), other));
}

/**
 * The refusal of a file whose project.config.json cannot be read (mini-program-root.ts): only it
 * says whether WeChat's devtools load the file's folder as it is, where a package import does not
 * resolve, or a build's output instead; neither is guessed.
 */
function unreadProjectConfigRefusal(
  file: string,
  importSource: string,
  config: UnreadProjectConfig,
  lookup: TaroProjectLookup,
  asked: AskedRun,
): string {
  const shown = seenFrom(file, config.projectConfig);
  const root = lookup.miniPrograms.appRootOf(file);
  // The default cannot choose for this file (the config it reads is what cannot be read): the way out names the local
  // copy.
  const wayOut =
    root === undefined
      ? `fix ${shown} and run again`
      : `fix ${shown} and run again, or ${localWayOut(root, 'mini-program', lookup, { ...asked, runtime: 'package' })}`;
  return (
    `cannot tell how WeChat loads this folder: ${shown} cannot be read (${config.why}), and it says whether WeChat's devtools load the folder as it is ` +
    `(where an import of ${importSource} would not resolve) or a build's output instead; left as it is: ${wayOut}`
  );
}

/**
 * The APIs Taro < 3.3.1 wrapped (the table's taroWrapped), in words: `startRecord, …, or
 * getBackgroundAudioPlayerState`; not those it wrapped on every version, whose rewrite no version changes.
 */
function taroWrappedApisWords(last: 'and' | 'or'): string {
  const names: string[] = LEGACY_API_TABLE.filter((row) => 'taroWrapped' in row && row.taroWrapped === true).map(
    (row) => row.name,
  );
  return `${names.slice(0, -1).join(', ')} ${last} ${names[names.length - 1]}`;
}

/**
 * The refusal of a file whose rewrite followed the project's Taro (Taro < 3.3.1 wrapped some
 * calls in a Promise: docs/legacy-apis.md#taro-wrapper) when a package.json that would name that
 * Taro cannot be parsed (taro-version.ts); null otherwise.
 */
function untoldTaroVersionRefusal(file: string, lookup: TaroProjectLookup): string | null {
  const taro = lookup.versions.forFile(file);
  if (taro.source !== 'unparsable') return null;
  const shown = seenFrom(file, taro.from!);
  return (
    `which Taro the project runs is not known: ${shown} cannot be parsed (${taro.why}), and this file's Taro.* calls of ${taroWrappedApisWords('or')} ` +
    `are rewritten by it (before Taro 3.3.1 they returned a Promise even with callbacks); left as it is: fix ${shown} and run again`
  );
}

/**
 * The way out of a package import a mini-program (or plugin: `what`) cannot load: a local copy,
 * once its app.json can be read (the copies need it); the codemod's default gives one, unless the
 * user turned it down (`asked`), and their --dry is kept.
 */
function localWayOut(
  root: string,
  what: 'mini-program' | 'plugin',
  lookup: TaroProjectLookup,
  asked: AskedRun,
): string {
  const appJson = lookup.miniPrograms.appJsonOf(root);
  const command = `${NPX_PROGRAM}${asked.runtime === 'package' || asked.runtime === 'local' ? ' --runtime local' : ''}${asked.dry ? ' --dry' : ''}`;
  const migrate = `migrate it with \`${command}\`, which copies the runtime into the ${what}`;
  return 'unreadable' in appJson
    ? `its app.json could not be read (${appJson.unreadable}): fix it, then ${migrate}`
    : migrate;
}

/** Is this import one of the runtime's package entries (not a local copy)? */
function isPackageEntry(importSource: string): boolean {
  return isRuntimeEntry(importSource);
}

/** The runtime entry a file's new import names, when the runtime comes from the package (not a local copy). */
export function packageRuntimeEntry(file: string, text: string, lookup: TaroProjectLookup): string {
  return mentionsTaro(text) || lookup.dependsOnTaro(path.dirname(path.resolve(file)))
    ? DEFAULT_IMPORT_SOURCE
    : NATIVE_IMPORT_SOURCE;
}

/** What a door decided for the whole project, before any file is rewritten. */
export interface ProjectDecisions {
  /** The project holds a legacy record call (routing.ts): its own getRecorderManager() is routed too. */
  routeRecorderManager: boolean;
  /** The project holds a legacy background-audio call: its own getBackgroundAudioManager() is routed too. */
  routeBackgroundAudioManager?: boolean;
  /** A canvas of the project moves to Canvas 2D: the calls that read a canvas by its id are routed too. */
  routeCanvasPixels?: boolean;
  /** The parser the door was told to use; undefined: the default. */
  parser?: ParserChoice;
  /** A fixed module the runtime is imported from (a local copy's path, an override); undefined: chosen per file. */
  importSource?: string;
  /** The families the user chose to migrate (option `families`); undefined: all. */
  families?: RewriteOptions['families'];
}

/**
 * The rewrite options for one file of a project: what the codemod CLI and the ESLint rule
 * both hand to rewriteFile, so that `eslint --fix` writes the codemod's bytes.
 */
export function rewriteOptionsFor(
  file: string,
  text: string,
  project: ProjectDecisions,
  lookup: TaroProjectLookup,
): RewriteOptions {
  return {
    importSource: project.importSource ?? packageRuntimeEntry(file, text, lookup),
    routeRecorderManager: project.routeRecorderManager,
    ...(project.routeBackgroundAudioManager ? { routeBackgroundAudioManager: true } : {}),
    ...(project.routeCanvasPixels ? { routeCanvasPixels: true } : {}),
    // Taro.* calls keep what the project's Taro returned (docs/legacy-apis.md#taro-wrapper).
    ...(lookup.versions.forFile(file).wraps === true ? { taroWrapper: true } : {}),
    ...(project.parser ? { parser: project.parser } : {}),
    ...(project.families ? { families: project.families } : {}),
  };
}

/**
 * The rewrite options of a door that is handed one file and the options its user gave (the
 * Babel plugin, the jscodeshift transform): each option given is kept as given, and what is
 * not given is decided for the file as the codemod decides it (rewriteOptionsFor): the
 * runtime entry (the Taro one or the native one) and Taro's wrapper. Such a door sees no
 * project, so the app's own managers are routed only when it is told to.
 */
export function givenOptionsFor(
  file: string,
  text: string,
  given: RewriteOptions,
  lookup: TaroProjectLookup,
): RewriteOptions {
  const told = Object.fromEntries(Object.entries(given).filter(([, value]) => value !== undefined)) as RewriteOptions;
  const decided = rewriteOptionsFor(
    file,
    text,
    { routeRecorderManager: told.routeRecorderManager ?? false, importSource: told.importSource },
    lookup,
  );
  return { ...decided, ...told };
}

/** What a warning about the project's Taro advises: the same in each. */
const UNTOLD_TARO_ADVICE = `so Taro.* calls of ${taroWrappedApisWords('and')} keep WeChat's rule (a Promise only without callbacks), as on Taro 3.3.1 and later; on an older Taro a .then or await on such a call would break: install the project's dependencies (or commit its lockfile) and run again, or look for …Wrapped in the diff`;

/**
 * What a door says of the Taro version of a file's project when the file's rewrite depends
 * on it (its report's `taroWrapped`) and the version was not told for sure: lockfiles that
 * could not be read, a range that allows versions on both sides of 3.3.1, no version at all
 * (docs/legacy-apis.md#taro-wrapper). Each names the file it is about as `shown` gives it;
 * the same project gives the same words, so a door says each once.
 */
export function taroVersionWarnings(
  file: string,
  lookup: TaroProjectLookup,
  shown: (file: string) => string,
): string[] {
  const taro = lookup.versions.forFile(file);
  if (taro.source === 'installed' || taro.source === 'lockfile') return [];
  const warnings = (taro.unreadable ?? []).map(
    ({ file: lockfile, why }) =>
      `${shown(lockfile)}: could not read the version of @tarojs/taro it locks (${why}); the range in package.json decides instead`,
  );
  if (taro.source === 'unparsable') {
    warnings.push(
      `${shown(taro.from!)} cannot be parsed (${taro.why}), and it would tell which Taro the project runs: Taro.* calls of ${taroWrappedApisWords('and')} ` +
        "keep WeChat's rule (a Promise only without callbacks), on which a .then or await on such a call breaks before Taro 3.3.1; fix it and run again",
    );
  } else if (taro.source === 'none')
    warnings.push(
      `no @tarojs/taro is installed, locked or named in a package.json above ${shown(path.dirname(path.resolve(file)))}, ${UNTOLD_TARO_ADVICE}`,
    );
  else if (taro.wraps === undefined)
    warnings.push(
      `${shown(taro.from!)}: @tarojs/taro "${taro.version}" does not tell which Taro the project runs, and no installed @tarojs/taro or lockfile says, ${UNTOLD_TARO_ADVICE}`,
    );
  else if (taro.mixed)
    warnings.push(
      `${shown(taro.from!)}: @tarojs/taro "${taro.version}" allows versions before 3.3.1 and from it, and no installed @tarojs/taro or lockfile says which the project runs; it is taken at the newest version it allows, ${UNTOLD_TARO_ADVICE}`,
    );
  return warnings;
}
