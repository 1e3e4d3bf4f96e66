/**
 * Where rewritten code imports the runtime from, per file: the package's Taro entry or its
 * native entry, or a local standalone copy written into the project (which of the two, under
 * the default `auto`, and which entry, the engine decides: src/rewrite/project/project-options.ts;
 * where each copy goes is decided here, and what it holds in runtime-copy.ts).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  findGitRoot,
  folderHolding,
  folderTakesPackage,
  isAtOrUnder,
  MiniProgramRoots,
  PACKAGE_NAME,
  PLUGIN_JSON,
  packageImportRefusal,
  rewriteOptionsFor,
  runtimeFamiliesOf,
  runtimeRouteOf,
  TaroProjectLookup,
  taroVersionWarnings,
  toPosixPath,
  unlistedRuntimeFor,
  type EvaluatedCopies,
  type UnlistedRuntime,
  type ProjectDecisions,
  type RewriteOptions,
  type RewrittenSite,
  type RuntimeFamily,
} from '../rewrite/light';
import { packageRoot } from '../package-info';
import type { CopyKind, RuntimePieces } from './runtime-copy';

/**
 * `--runtime`: where rewritten code takes the runtime from (options-schema.ts, RUNTIME_CHOICES):
 * chosen per file (`auto`, the default), the package's entries, or a local copy (`path`: as
 * given, relative to the run's folder; checked by localRuntimePathProblem).
 */
export type RuntimeMode = { kind: 'auto' } | { kind: 'package' } | { kind: 'local'; path?: string };

export interface LocalRuntime {
  /** Absolute path of the copy in the user's project. */
  file: string;
  /** The form it is written in: TypeScript (`.ts`), else CommonJS. */
  kind: Exclude<CopyKind, 'dts'>;
  /**
   * Beside a JavaScript copy, its declaration file (`record-compat.d.ts`), so that TypeScript
   * (an editor, a checkJs project, the audit's --verify) types the calls of the copy as the
   * platform's typings typed the legacy ones; null beside a `.ts` copy. It is part of the copy:
   * written, checked up to date and refused with it.
   */
  declaration: { file: string } | null;
}

/** What `--runtime local` was given, decided once per run: both planning threads choose each file's copy from it. */
export interface LocalRuntimeConfig {
  /** `--runtime local=<path>`: the one copy, absolute; null: a copy per mini-program root. */
  fixed: string | null;
  /**
   * The copy of a file in no native mini-program (no app.json at or above it): src/utils, else utils, under the first
   * path.
   */
  fallback: string;
  /** The run's folder: the paths a refusal names are relative to it. */
  cwd: string;
}

/**
 * A folder whose files may require only files inside it: a native mini-program's root (the
 * folder of its app.json: its require cannot leave it, and nothing outside it is uploaded),
 * or an independent subpackage's root (app.json `subpackages` / `subPackages` entry with
 * `"independent": true`: its files may not require the main package's or another
 * subpackage's, WeChat's documentation on independent subpackages). An ordinary subpackage
 * requires from the main package: its files take their mini-program's root.
 */
export interface RequireRoot {
  dir: string;
  /** `plugin`: a WeChat plugin's root (the folder of its plugin.json), whose require cannot leave it either. */
  kind: 'app' | 'independent' | 'plugin';
  /** The app.json that makes it one (a plugin's plugin.json). */
  appJson: string;
}

/**
 * A file's copy: the one its import names, and why the file must be left as it is (its require could not load the
 * copy).
 */
export interface CopyChoice {
  copy: LocalRuntime;
  refusal?: string;
}

/**
 * The pieces of the standalone runtime this package ships (dist/runtime/standalone/pieces.json, built by
 * scripts/build-runtime.mjs).
 */
export const RUNTIME_PIECES_FILE = path.join('dist', 'runtime', 'standalone', 'pieces.json');

let pieces: RuntimePieces | undefined;

/**
 * The runtime's pieces a local copy is assembled from (runtime-copy.ts), read once; throws when this installation lacks
 * them.
 */
export function runtimePieces(): RuntimePieces {
  return (pieces ??= JSON.parse(
    fs.readFileSync(path.join(packageRoot(), RUNTIME_PIECES_FILE), 'utf8'),
  ) as RuntimePieces);
}

/**
 * The declaration file TypeScript reads for a JavaScript copy (`x.js` → `x.d.ts`; options.ts allows only .js and .ts
 * copies), or null for a .ts one.
 */
function declarationOf(file: string): { file: string } | null {
  if (path.extname(file) !== '.js') return null;
  return { file: file.slice(0, -'.js'.length) + '.d.ts' };
}

/** The copy at `file`: its form, and its declaration file for a JavaScript copy. */
export function localRuntimeAt(file: string): LocalRuntime {
  return { file, kind: path.extname(file) === '.ts' ? 'ts' : 'js', declaration: declarationOf(file) };
}

/**
 * The families a file's rewritten code imports from the runtime: those of each function its rewritten places became
 * (legacy-apis.ts, runtimeFamiliesOf).
 */
export function familiesImportedBy(rewritten: readonly RewrittenSite[]): Set<RuntimeFamily> {
  return new Set(rewritten.flatMap((site) => runtimeFamiliesOf(site.becomes ?? site.api)));
}

/**
 * Whether `text` is a copy of the standalone runtime this tool writes, of any version (edited
 * or not): scripts/build-runtime.mjs opens each copy (.ts, .js, .d.ts) with a comment whose lines
 * say `<package> <version> runtime…`, then `Generated by scripts/build-runtime.mjs`. Only such a
 * file may be replaced by a copy: any other file at that path is the user's own.
 */
export function isRuntimeCopy(text: string): boolean {
  const head = text
    .replace(/^\uFEFF/, '')
    .slice(0, 1024)
    .split(/\r?\n/)
    .slice(0, 8);
  const named = head.findIndex((line) => line.startsWith(` * ${PACKAGE_NAME} `) && / runtime[,:]/.test(line));
  return named >= 0 && (head[named + 1] ?? '').startsWith(' * Generated by scripts/build-runtime.mjs');
}

/**
 * Whether a TypeScript project holds `dir`: a tsconfig.json at or above it, up to its mini-program project
 * (project.config.json) or the git root.
 */
function inTypeScriptProject(dir: string): boolean {
  // A mini-program's project ends at its project.config.json: a tsconfig.json above it is another project's (a
  // repository's own).
  const gitRoot = findGitRoot(dir);
  const project = folderHolding(dir, 'project.config.json', gitRoot) ?? gitRoot;
  return folderHolding(dir, 'tsconfig.json', project) !== undefined;
}

/**
 * The folder a path given stands for: itself, or the folder of the file it names (or of a name that opens nothing: not
 * UTF-8).
 */
export function baseOf(given: string): string {
  return isFolder(given) ? given : path.dirname(given);
}

function isFolder(file: string): boolean {
  return fs.statSync(file, { throwIfNoEntry: false })?.isDirectory() === true;
}

/** The copy `--runtime local=<given>` names: absolute, with `.ts` (`isTs`) or `.js` added when it has no extension. */
function fixedCopyPath(given: string, cwd: string, isTs: boolean): string {
  const fixed = path.resolve(cwd, given);
  return path.extname(fixed) === '' ? fixed + (isTs ? '.ts' : '.js') : fixed;
}

/**
 * Decides what `--runtime local` (and the default's local route) writes, before the walk: the
 * path asked for, or the copy of files in no native mini-program (each mini-program's own copy
 * is chosen per file: LocalCopies). `.ts` where a tsconfig.json is found, `.js` otherwise.
 */
export function resolveLocalRuntime(mode: RuntimeMode, firstPath: string, cwd: string): LocalRuntimeConfig {
  const base = baseOf(firstPath);
  const isTs = inTypeScriptProject(base);
  const fixed = mode.kind === 'local' && mode.path !== undefined ? fixedCopyPath(mode.path, cwd, isTs) : null;
  const srcDir = path.join(base, 'src');
  const dir = fs.existsSync(srcDir) && fs.statSync(srcDir).isDirectory() ? srcDir : base;
  return { fixed, fallback: path.join(dir, 'utils', `record-compat${isTs ? '.ts' : '.js'}`), cwd };
}

/**
 * Which copy of the runtime each file imports under `--runtime local`, from the file's place
 * alone (both planning threads answer alike): the copy of its require root (RequireRoot),
 * `<root>/utils/record-compat`, or the fixed path, refused where the root's require could not
 * load it. What is read (app.json, where the folders are) is kept for the run.
 */
export class LocalCopies {
  private readonly choices = new Map<string, CopyChoice>();
  private readonly typeScript = new Map<string, boolean>();

  /** `miniPrograms`: the run's mini-program roots, shared with the engine's decisions. */
  constructor(
    readonly config: LocalRuntimeConfig,
    private readonly miniPrograms: MiniProgramRoots,
  ) {}

  /** The innermost folder the file's require may not leave, or null (the file is in no native mini-program). */
  rootOf(file: string): RequireRoot | { unreadable: string; appJson: string } | null {
    const app = this.miniPrograms.appRootOf(file);
    if (app === undefined) return null;
    if (this.miniPrograms.pluginAt(app)) return { dir: app, kind: 'plugin', appJson: path.join(app, PLUGIN_JSON) };
    const appJson = path.join(app, 'app.json');
    const read = this.miniPrograms.appJsonOf(app);
    if ('unreadable' in read) return { unreadable: read.unreadable, appJson };
    const absolute = path.resolve(file);
    for (const root of read.subpackageRoots) {
      const dir = path.resolve(app, root);
      if (dir !== app && isAtOrUnder(absolute, dir)) return { dir, kind: 'independent', appJson };
    }
    return { dir: app, kind: 'app', appJson };
  }

  /**
   * The copy `file` imports, and the reason to leave it as it is when its require could not load that copy; decided
   * once per file.
   */
  copyFor(file: string): CopyChoice {
    let choice = this.choices.get(file);
    if (choice === undefined) this.choices.set(file, (choice = this.chooseCopy(file)));
    return choice;
  }

  private chooseCopy(file: string): CopyChoice {
    const root = this.rootOf(file);
    const { fixed } = this.config;
    if (root === null) {
      const copy = this.copyAt(fixed ?? this.config.fallback);
      // A plugin.json whose project.config.json cannot be read: the folder may be a WeChat plugin's root, which its
      // require cannot leave.
      const unread = this.miniPrograms.unreadPluginConfigOf(file);
      if (unread === undefined) return { copy };
      const config = this.rel(unread.projectConfig);
      return {
        copy,
        refusal: `${config} cannot be read (${unread.why}), and it says whether the folder of this file's ${PLUGIN_JSON} is a WeChat plugin's root, which a require cannot leave; left as it is: fix ${config} and run again`,
      };
    }
    if ('unreadable' in root) {
      const copy = this.copyAt(
        fixed ??
          path.join(path.dirname(root.appJson), 'utils', `record-compat${this.extOf(path.dirname(root.appJson))}`),
      );
      const refusal = `its mini-program's ${this.rel(root.appJson)} could not be read (${root.unreadable}), so whether the file is in an independent subpackage, which may require nothing outside its own root, is not known; left as it is: fix ${this.rel(root.appJson)} and run again`;
      return { copy, refusal };
    }
    // A root above the file's repository (a submodule inside a mini-program) is not written
    // into: the copy goes where files in no mini-program get theirs, if the root's require reaches it.
    if (fixed === null && this.inRepositoryOf(file, root.dir)) {
      const app = path.dirname(root.appJson);
      return { copy: this.copyAt(path.join(root.dir, 'utils', `record-compat${this.extOf(app)}`)) };
    }
    const at = fixed ?? this.config.fallback;
    const copy = this.copyAt(at);
    if (isAtOrUnder(at, root.dir)) return { copy };
    const where =
      root.kind === 'independent'
        ? `outside this file's independent subpackage ${this.rel(root.dir)}/ (${this.rel(root.appJson)}), whose files may require nothing outside it`
        : root.kind === 'plugin'
          ? `outside this file's plugin root ${this.rel(root.dir)}/ (the folder of its ${PLUGIN_JSON}), and a plugin's require cannot load a file outside its root`
          : `outside this file's mini-program root ${this.rel(root.dir)}/ (the folder of its app.json), and a mini-program's require cannot load a file outside its root`;
    const wayOut = `--runtime local=${this.rel(path.join(root.dir, 'utils', path.basename(at)))}`;
    return {
      copy,
      refusal: `the runtime copy ${this.rel(at)} is ${where}; left as it is: migrate it with ${fixed === null ? '' : '`--runtime local` (a copy in each root) or '}\`${wayOut}\``,
    };
  }

  /** Whether `dir` lies in `file`'s git repository (or the file is in none). */
  private inRepositoryOf(file: string, dir: string): boolean {
    const gitRoot = findGitRoot(path.dirname(path.resolve(file)));
    return gitRoot === null || isAtOrUnder(dir, gitRoot);
  }

  /** The copy at `file`: its form, and its declaration file for a JavaScript copy. */
  copyAt(file: string): LocalRuntime {
    return localRuntimeAt(file);
  }

  private extOf(appRoot: string): '.ts' | '.js' {
    let ts = this.typeScript.get(appRoot);
    if (ts === undefined) this.typeScript.set(appRoot, (ts = inTypeScriptProject(appRoot)));
    return ts ? '.ts' : '.js';
  }

  private rel(file: string): string {
    return toPosixPath(path.relative(this.config.cwd, file)) || '.';
  }
}

/** Relative module specifier from `fromFile` to the local copy, without extension: `./utils/record-compat`. */
export function relativeSpecifier(fromFile: string, target: string): string {
  const noExt = target.slice(0, target.length - path.extname(target).length);
  let rel = toPosixPath(path.relative(path.dirname(fromFile), noExt));
  if (!rel.startsWith('.')) rel = './' + rel;
  return rel;
}

/**
 * The rewrite options of each file of a run: the engine's choice (project-options.ts, the same
 * the ESLint rule makes), except that a file taking a local copy imports it: every file with
 * `--runtime local`, and under the default (`auto`) the files the engine routes to one
 * (runtimeRouteOf).
 */
export class RuntimeChooser {
  private readonly taro: TaroProjectLookup;
  /** With `--runtime local` and the default: each file's copy, for the files that take one. */
  readonly local: LocalCopies | null;
  /**
   * `taroCopies`: the copy patterns Taro evaluated, when Taro's CLI runs the program (`taro record-compat`); `dry`: the
   * run's --dry, kept in the ways out it suggests.
   */
  constructor(
    private readonly mode: RuntimeMode,
    local: LocalRuntimeConfig | null,
    taroCopies?: EvaluatedCopies,
    private readonly dry = false,
  ) {
    this.taro = new TaroProjectLookup(taroCopies);
    this.local = mode.kind !== 'package' && local ? new LocalCopies(local, this.taro.miniPrograms) : null;
  }

  /**
   * Whether the file imports a local copy of the runtime: every file with `--runtime local`; under the default, where
   * the engine routes it to one.
   */
  takesLocalCopy(file: string): boolean {
    // Not kept per file: a run asks of every file it walks, and the route is kept per folder (runtimeRouteOf).
    return this.local !== null && (this.mode.kind === 'local' || runtimeRouteOf(file, this.taro) === 'local');
  }

  /** The copy the file imports, when it takes one. */
  copyOf(file: string): LocalRuntime | undefined {
    return this.takesLocalCopy(file) ? this.local!.copyFor(file).copy : undefined;
  }

  /**
   * The copy each of the `walked` files imports, for those that take one. Under the default none does where no native
   * mini-program or WeChat plugin can hold them, and a folder whose files all import the package is asked once, not
   * per file: the walk lists a folder's files together, and most runs take no copy at all.
   */
  copiesOf(walked: {
    files: readonly string[];
    roots: readonly string[];
    appMarkersListed: boolean;
  }): Map<string, LocalRuntime> {
    const copies = new Map<string, LocalRuntime>();
    if (this.local === null) return copies;
    // With --runtime local every file takes a copy; under the default the route decides, by folder first.
    const routed = this.mode.kind !== 'local';
    if (routed && !this.taro.miniPrograms.mayHold(walked.roots, walked.appMarkersListed)) return copies;
    let folder: string | undefined;
    let folderTakesNone = false;
    for (const file of walked.files) {
      // The walk's paths are absolute and normalized: the folder is what precedes the last separator.
      const at = file.slice(0, file.lastIndexOf(path.sep));
      if (at !== folder) {
        folder = at;
        folderTakesNone = routed && folderTakesPackage(file, this.taro);
      }
      if (folderTakesNone) continue;
      const copy = this.copyOf(file);
      if (copy) copies.set(file, copy);
    }
    return copies;
  }

  rewriteOptionsFor(file: string, text: string, project: Omit<ProjectDecisions, 'importSource'>): RewriteOptions {
    const copy = this.copyOf(file);
    const importSource = copy ? relativeSpecifier(file, copy.file) : undefined;
    return rewriteOptionsFor(file, text, { ...project, importSource }, this.taro);
  }

  /** The scope whose files decide whether the file's own managers are routed (project-options.ts, routingScopeOf). */
  routingScopeOf(file: string): string | undefined {
    return this.taro.routingScopeOf(file);
  }

  /**
   * Why the file's require could not load its local copy (outside its mini-program root or independent subpackage), or
   * null.
   */
  localCopyRefusal(file: string): string | null {
    return this.takesLocalCopy(file) ? (this.local!.copyFor(file).refusal ?? null) : null;
  }

  /**
   * Why the file cannot import the package's runtime where it runs (Taro copies it, WeChat loads it
   * as it is), or its rewrite cannot be trusted (a package.json or project.config.json it depends
   * on cannot be read; `followedTaroVersion`: the rewrite followed the project's Taro): project-options.ts.
   */
  packageImportRefusal(file: string, importSource: string, followedTaroVersion: boolean): string | null {
    return packageImportRefusal(file, importSource, this.taro, followedTaroVersion, {
      runtime: this.mode.kind,
      dry: this.dry,
    });
  }

  /**
   * The package.json that should list the runtime package this file now imports in its dependencies, when none does
   * (runtime-dependency.ts).
   */
  unlistedRuntimeFor(file: string, importSource: string): UnlistedRuntime | undefined {
    return unlistedRuntimeFor(file, importSource, this.taro.packages);
  }

  /** What to say of the Taro version of the file's project, when it was not told for sure (project-options.ts). */
  taroVersionWarnings(file: string, shown: (file: string) => string): string[] {
    return taroVersionWarnings(file, this.taro, shown);
  }

  /**
   * Whether what the file's Taro project copies is not known in full (project-options.ts), read once per project for
   * the run.
   */
  unknownCopiesOf(file: string): { config: string; why: string } | undefined {
    return this.taro.unknownCopiesOf(file);
  }
}
