/**
 * Where rewritten code imports the runtime from, per file: the package's Taro
 * entry or its native entry (the engine decides: src/rewrite/project-options.ts), or a
 * local standalone copy written into the project (decided here).
 */
import * as fs from 'fs';
import * as path from 'path';
import { findGitRoot, folderHolding, isAtOrUnder, MiniProgramRoots, packageImportRefusal, rewriteOptionsFor, TaroProjectLookup, taroVersionWarnings, toPosixPath, unlistedPackageFor, type EvaluatedCopies, type ProjectDecisions, type RewriteOptions } from '../rewrite/light';
import type { RuntimeMode } from './options';
import { packageRoot } from '../package-info';

export interface LocalRuntime {
  /** Absolute path of the copy in the user's project. */
  file: string;
  /** Absolute path of the copy shipped in this package. */
  template: string;
  /**
   * Beside a JavaScript copy, its declaration file (`record-compat.d.ts`), so that TypeScript
   * (an editor, a checkJs project, the audit's --verify) types the calls of the copy as the
   * platform's typings typed the legacy ones; null beside a `.ts` copy. It is part of the copy:
   * written, checked up to date and refused with it.
   */
  declaration: { file: string; template: string } | null;
}

/** What `--runtime local` was given, decided once per run: both planning threads choose each file's copy from it. */
export interface LocalRuntimeConfig {
  /** `--runtime local=<path>`: the one copy, absolute; null: a copy per mini-program root. */
  fixed: string | null;
  /** The copy of a file in no native mini-program (no app.json at or above it): src/utils, else utils, under the first path. */
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
  kind: 'app' | 'independent';
  /** The app.json that makes it one. */
  appJson: string;
}

/** A file's copy: the one its import names, and why the file must be left as it is (its require could not load the copy). */
export interface CopyChoice {
  copy: LocalRuntime;
  refusal?: string;
}

/** A file of the standalone runtime this package ships (dist/runtime/standalone). */
function standaloneFile(name: string): string {
  return path.join(packageRoot(), 'dist', 'runtime', 'standalone', name);
}

function templateOf(file: string): string {
  return standaloneFile(path.extname(file) === '.ts' ? 'record-compat.ts' : 'record-compat.js');
}

/** The declaration file TypeScript reads for a JavaScript copy (`x.js` → `x.d.ts`; options.ts allows only .js and .ts copies), or null for a .ts one. */
function declarationOf(file: string): { file: string; template: string } | null {
  if (path.extname(file) !== '.js') return null;
  return { file: file.slice(0, -'.js'.length) + '.d.ts', template: standaloneFile('record-compat.d.ts') };
}

/** Whether a TypeScript project holds `dir`: a tsconfig.json at or above it, up to the git root. */
function inTypeScriptProject(dir: string): boolean {
  return folderHolding(dir, 'tsconfig.json', findGitRoot(dir)) !== undefined;
}

/**
 * Decides what `--runtime local` writes, before the walk: the path asked for, or the copy of
 * files in no native mini-program (each mini-program's own copy is chosen per file:
 * LocalCopies). `.ts` where a tsconfig.json is found, `.js` otherwise.
 */
export function resolveLocalRuntime(mode: { path?: string }, firstPath: string, cwd: string): LocalRuntimeConfig {
  const base = fs.statSync(firstPath).isDirectory() ? firstPath : path.dirname(firstPath);
  const isTs = inTypeScriptProject(base);
  let fixed: string | null = null;
  if (mode.path !== undefined) {
    fixed = path.resolve(cwd, mode.path);
    if (path.extname(fixed) === '') fixed += isTs ? '.ts' : '.js';
  }
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

  /** The copy `file` imports, and the reason to leave it as it is when its require could not load that copy; decided once per file. */
  copyFor(file: string): CopyChoice {
    let choice = this.choices.get(file);
    if (choice === undefined) this.choices.set(file, (choice = this.chooseCopy(file)));
    return choice;
  }

  private chooseCopy(file: string): CopyChoice {
    const root = this.rootOf(file);
    const { fixed } = this.config;
    if (root === null) return { copy: this.copyAt(fixed ?? this.config.fallback) };
    if ('unreadable' in root) {
      const copy = this.copyAt(fixed ?? path.join(path.dirname(root.appJson), 'utils', `record-compat${this.extOf(path.dirname(root.appJson))}`));
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
      root.kind === 'app'
        ? `outside this file's mini-program root ${this.rel(root.dir)}/ (the folder of its app.json), and a mini-program's require cannot load a file outside its root`
        : `outside this file's independent subpackage ${this.rel(root.dir)}/ (${this.rel(root.appJson)}), whose files may require nothing outside it`;
    const wayOut = `--runtime local=${this.rel(path.join(root.dir, 'utils', path.basename(at)))}`;
    return { copy, refusal: `the runtime copy ${this.rel(at)} is ${where}; left as it is: migrate it with ${fixed === null ? '' : '`--runtime local` (a copy in each root) or '}\`${wayOut}\`` };
  }

  /** Whether `dir` lies in `file`'s git repository (or the file is in none). */
  private inRepositoryOf(file: string, dir: string): boolean {
    const gitRoot = findGitRoot(path.dirname(path.resolve(file)));
    return gitRoot === null || isAtOrUnder(dir, gitRoot);
  }

  /** The copy at `file`, and the package's copy it is written from (with its declaration file, for a JavaScript copy). */
  copyAt(file: string): LocalRuntime {
    return { file, template: templateOf(file), declaration: declarationOf(file) };
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
 * The rewrite options of each file of a run: the engine's choice (project-options.ts,
 * the same the ESLint rule makes), except that `--runtime local` imports the local copy.
 */
export class RuntimeChooser {
  private readonly taro: TaroProjectLookup;
  /** With `--runtime local`: each file's copy. */
  readonly local: LocalCopies | null;

  /** `taroCopies`: the copy patterns Taro evaluated, when Taro's CLI runs the program (`taro record-compat`). */
  constructor(
    private readonly mode: RuntimeMode,
    local: LocalRuntimeConfig | null,
    taroCopies?: EvaluatedCopies,
  ) {
    this.taro = new TaroProjectLookup(taroCopies);
    this.local = mode.kind === 'local' && local ? new LocalCopies(local, this.taro.miniPrograms) : null;
  }

  rewriteOptionsFor(file: string, text: string, project: Omit<ProjectDecisions, 'importSource'>): RewriteOptions {
    const importSource = this.local ? relativeSpecifier(file, this.local.copyFor(file).copy.file) : undefined;
    return rewriteOptionsFor(file, text, { ...project, importSource }, this.taro);
  }

  /** The scope whose files decide whether the file's own managers are routed (project-options.ts, routingScopeOf). */
  routingScopeOf(file: string): string | undefined {
    return this.taro.routingScopeOf(file);
  }

  /** Why the file's require could not load its local copy (outside its mini-program root or independent subpackage), or null. */
  localCopyRefusal(file: string): string | null {
    return this.local?.copyFor(file).refusal ?? null;
  }

  /** Why the file cannot import the package's runtime where it runs (Taro copies it, WeChat loads it as it is: project-options.ts). */
  packageImportRefusal(file: string, importSource: string): string | null {
    return packageImportRefusal(file, importSource, this.taro);
  }

  /** The package.json that should list the package this file now imports, when none does and it is not installed (project-options.ts). */
  unlistedPackageFor(file: string, importSource: string): string | undefined {
    return unlistedPackageFor(file, importSource, this.taro);
  }

  /** What to say of the Taro version of the file's project, when it was not told for sure (project-options.ts). */
  taroVersionWarnings(file: string, shown: (file: string) => string): string[] {
    return taroVersionWarnings(file, this.taro, shown);
  }

  /** Whether what the file's Taro project copies is not known in full (project-options.ts), read once per project for the run. */
  unknownCopiesOf(file: string): { config: string; why: string } | undefined {
    return this.taro.unknownCopiesOf(file);
  }
}
