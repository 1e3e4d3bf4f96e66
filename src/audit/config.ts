/**
 * The config the audit reads (tsconfig.json or jsconfig.json, its referenced projects, or none:
 * plain JavaScript), the files it lists and the options each file is checked with.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ts } from 'ts-morph';
import {
  findGitRoot,
  isAtOrUnder,
  isRewritableFile,
  isVueFile,
  type ExcludedReport,
  type Exclusions,
} from '../rewrite/light';
import { AuditUsageError } from './types';
import { normalize, relative } from './paths';
import { mentionsLegacyApi, readForAudit, usesNamespaceAsValue } from './read';
import { linkWarnings, walkSources, type IgnoredCount } from './walk-sources';

export interface LoadedConfig {
  configPath: string | null;
  options: ts.CompilerOptions;
  /** Every source file of the project. */
  fileNames: string[];
  /** Vue single-file components under the project (their script blocks are audited as virtual files). */
  vueFiles: string[];
  /**
   * Every file the walk found under the paths, as the codemod's walk finds them there: counted as
   * looked at where the config leaves one out (a `babel.config.js` beside a tsconfig that includes `src`).
   */
  walked?: string[];
  /**
   * What the walk could not read or open, with the reason (`secret: could not read the folder: EACCES`): the result is
   * incomplete.
   */
  unreadable?: string[];
  /**
   * Files and folders whose name is not UTF-8, absolute (bytes kept: keepUndecodable): not audited, a failure each, as
   * the codemod fails them (classifyFile).
   */
  unreadableNames?: string[];
  /** The folders the walk started from (the paths given, else the config's folder or the current one), normalized. */
  walkRoots?: string[];
  /**
   * The build-output folders the walk passed over that git does not ignore, normalized: named where they hold legacy
   * calls, as the codemod names them (skipped-folders.ts).
   */
  skippedFolders?: string[];
  /**
   * Files named on the command line of a kind the audit does not read (`x.json`), with the reason (file-kinds.ts,
   * kindRefusal).
   */
  notRead?: { file: string; reason: string }[];
  /**
   * What the walk passed over as the codemod's walk does (what git ignores, dependency and build folders), counted as
   * the codemod counts it.
   */
  ignored?: IgnoredCount;
  /**
   * How many of the links met lead to no file (dangling, or a loop): each is also in `notRead`, with the walk's reason.
   */
  brokenLinks?: number;
  /** What the user's exclusions left out of the walk (null without them). */
  excluded?: ExcludedReport | null;
  /**
   * The scripts under a `miniprogram_npm` (the walk's builtPackageFiles), normalized: read only for the legacy calls a
   * person must see.
   */
  builtPackageFiles?: string[];
  /**
   * The other frameworks' components (`.wpy`, `.mpx`: the walk's otherComponents), normalized: read only for the legacy
   * calls a person must see.
   */
  otherComponents?: string[];
  /**
   * What git tracks under the paths audited that is not on the disk (a sparse checkout's scripts, a submodule never
   * checked out), as warnings.
   */
  notCheckedOut?: string[];
  /**
   * The links out of the paths audited through which the config lists files (audited, but not migrated by a codemod run
   * on the same paths), as warnings.
   */
  linksReadThrough?: string[];
  /**
   * With no config found: the one above the current folder that was not used (the project's, read as plain JavaScript
   * here), said as a warning.
   */
  configAbove?: string;
  /** Files the paths given reach twice, under a second name: read once, said as a warning (same-file.ts). */
  secondNames?: string;
  /**
   * The `.vue` components the config's `include` names (their script blocks are audited with its options in a solution,
   * projectsOf).
   */
  listedComponents?: string[];
  /** The declaration files the projects it references emit, each to the source it comes from (referencedSources). */
  referencedSources?: Map<string, string>;
  /**
   * A solution-style config's referenced projects (`files: []` and `references`), each with its
   * own options and files: each is type-checked as its own program (projectsOf), so that a file's
   * imports resolve by its own project's `paths` and it is checked under its own `strict`, `jsx`.
   */
  projects?: ReferencedProject[];
}

export interface ReferencedProject {
  configPath: string;
  options: ts.CompilerOptions;
  fileNames: string[];
}
function findConfig(directory: string): string | null {
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const candidate = path.join(directory, name);
    if (fs.existsSync(candidate)) return candidate;
  }
  return null;
}

/** Whether the config at `configPath` lists one of `files` (a config that does not read cannot say so). */
function listsAnyOf(configPath: string, files: string[]): boolean {
  try {
    const read = ts.readConfigFile(configPath, ts.sys.readFile);
    if (read.error) return false;
    const listed = new Set(
      ts
        .parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configPath), undefined, configPath)
        .fileNames.map(normalize),
    );
    return files.some((file) => listed.has(file));
  } catch {
    return false;
  }
}

/** The nearest config in a folder above `directory`, up to its repository's root (the file system's outside one). */
function findConfigAbove(directory: string): string | null {
  const top = findGitRoot(directory);
  for (let dir = directory; dir !== top && path.dirname(dir) !== dir;) {
    dir = path.dirname(dir);
    const found = findConfig(dir);
    if (found) return found;
  }
  return null;
}
const isVue = isVueFile;
/** `.vue` for TypeScript's reading of a config's `include`: listed, never parsed by it. */
const VUE_IN_CONFIG: ts.FileExtensionInfo = {
  extension: '.vue',
  isMixedContent: true,
  scriptKind: ts.ScriptKind.Deferred,
};

/** Options for a plain JavaScript mini-program with no config: resolve like a bundler would, check nothing. */
function plainJsOptions(strict: boolean): ts.CompilerOptions {
  return {
    allowJs: true,
    checkJs: false,
    // `--verify` checks its JavaScript: as strictly as the project's own TypeScript would.
    strict,
    target: ts.ScriptTarget.ES2020,
    // No DOM: a mini-program has none, and WeChat's typings declare its globals (console, setTimeout). The DOM's
    // declarations are 2 MB, a third of a small audit's time.
    lib: ['lib.es2020.d.ts'],
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    jsx: ts.JsxEmit.Preserve,
    esModuleInterop: true,
    allowSyntheticDefaultImports: true,
    resolveJsonModule: true,
    // Nothing from @types: the audit needs only the mini-program and Taro typings.
    types: [],
  };
}

/**
 * Whether the project's own TypeScript is 6 or later, whose defaults the audit's (ts-morph runs
 * TypeScript 6) are. Before 6, a config that leaves `strict` unset checks loosely, and one that
 * leaves `types` unset reads every visible `@types` package (`process`, `require`, `NodeJS`); a
 * TypeScript 5 project (or one with none: WeChat's devtools check nothing) would otherwise get
 * errors its own `tsc` never gives, and `--verify` could miss one it does. No config: the one
 * installed for `cwd`.
 */
function projectTypeScriptIs6(configDir: string): boolean {
  try {
    const manifest = JSON.parse(
      fs.readFileSync(require.resolve('typescript/package.json', { paths: [configDir] }), 'utf8'),
    ) as { version?: unknown };
    return typeof manifest.version === 'string' && Number(manifest.version.split('.')[0]) >= 6;
  } catch {
    return false;
  }
}

/** TypeScript 6's `types` entry for every visible @types package: what an unset `types` read before 6. */
const EVERY_TYPES_PACKAGE = '*';

/**
 * The scan's `types`: its findings need only the mini-program and Taro typings, so the @types
 * packages an unset `types` brings before TypeScript 6 (loadConfig) are left to `--verify`, whose
 * diagnostics they change. Read by the scan, they cost a fifth of the audit of the bench's 10k
 * tree (23 packages, @types/node among them) and changed no finding.
 */
export function scanTypes(options: ts.CompilerOptions): ts.CompilerOptions {
  return options.types?.includes(EVERY_TYPES_PACKAGE)
    ? { types: options.types.filter((name) => name !== EVERY_TYPES_PACKAGE) }
    : {};
}

export function loadConfig(
  cwd: string,
  paths: string[],
  project: string | undefined,
  exclusions: Exclusions | null = null,
): LoadedConfig {
  const configPath = findProjectConfig(cwd, paths, project);
  if (!configPath) return configlessProject(cwd, paths, project, exclusions);
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) throw configFailure(configPath, read.error);
  // `.vue` components its `include` names too (`src/**/*.vue`, as vue-tsc reads them): whose config they are.
  const parsed = ts.parseJsonConfigFileContent(
    read.config,
    ts.sys,
    path.dirname(configPath),
    undefined,
    configPath,
    undefined,
    [VUE_IN_CONFIG],
  );
  const fatal = parsed.errors.filter(
    (d) => d.category === ts.DiagnosticCategory.Error && d.code !== 18003 /* no inputs */,
  );
  if (fatal.length > 0) throw configFailure(configPath, fatal[0]);
  const fileNames = parsed.fileNames.filter((file) => !isVue(file)).map(normalize);
  const listedComponents = parsed.fileNames.filter(isVue).map(normalize);
  // A solution-style tsconfig lists no files, only `references`: audit the referenced projects, each with its own
  // options.
  const references =
    fileNames.length === 0 && parsed.projectReferences?.length
      ? referencedProjects(cwd, configPath, parsed.projectReferences, fileNames)
      : undefined;
  const options = { ...(references?.options ?? parsed.options) };
  const projects = references?.projects;
  const referencedSources = sourcesOfReferencedOutputs(parsed);
  if (path.basename(configPath) === 'jsconfig.json') options.allowJs = true;
  const is6 = projectTypeScriptIs6(path.dirname(configPath));
  if (options.strict === undefined) options.strict = is6;
  if (options.types === undefined && !is6) options.types = [EVERY_TYPES_PACKAGE];
  const roots = (paths.length > 0 ? paths : [path.dirname(configPath)]).map((entry) => path.resolve(cwd, entry));
  const walk = walkSources(cwd, roots, exclusions);
  const linksReadThrough = linkWarnings(cwd, walk.linksOutside, [...fileNames, ...listedComponents], walk.unreadable);
  dropUndecodable(fileNames, roots, walk.unreadableNames);
  addUnlistedSources(walk.found, fileNames, options);
  return {
    configPath,
    options,
    fileNames,
    ...walkedFields(walk, roots),
    ...(linksReadThrough.length > 0 ? { linksReadThrough } : {}),
    ...(projects ? { projects } : {}),
    ...(referencedSources.size > 0 ? { referencedSources } : {}),
    listedComponents,
  };
}

/**
 * The config named by --project (a file, or a folder holding one), else the one in the first path, else in the current
 * folder (`audit src/pages` from the project's root); null where there is none.
 */
function findProjectConfig(cwd: string, paths: string[], project: string | undefined): string | null {
  if (project !== undefined) {
    const resolved = path.resolve(cwd, project);
    if (!fs.existsSync(resolved)) throw new AuditUsageError(`--project ${project}: no such file or directory`);
    const configPath = fs.statSync(resolved).isDirectory() ? findConfig(resolved) : resolved;
    if (!configPath)
      throw new AuditUsageError(`--project ${project}: no tsconfig.json or jsconfig.json in that directory`);
    return configPath;
  }
  const first = paths.length > 0 ? path.resolve(cwd, paths[0]) : cwd;
  return (fs.existsSync(first) && fs.statSync(first).isDirectory() ? findConfig(first) : null) ?? findConfig(cwd);
}

/** Without a config: the walked files, read as plain JavaScript. */
function configlessProject(
  cwd: string,
  paths: string[],
  project: string | undefined,
  exclusions: Exclusions | null,
): LoadedConfig {
  const roots = (paths.length > 0 ? paths : ['.']).map((entry) => path.resolve(cwd, entry));
  const walk = walkSources(cwd, roots, exclusions);
  const found = walk.found;
  linkWarnings(cwd, walk.linksOutside, [], walk.unreadable);
  // `cd src && audit` in a TypeScript project: said, since its `paths` and options are not applied.
  const above = project === undefined ? findConfigAbove(cwd) : null;
  const configAbove =
    above && listsAnyOf(above, found)
      ? `${relative(cwd, above)} is not used: the config is looked for in the first path and the current folder only, so the files were read as plain JavaScript, without its paths and options (references through them may be missing); run the audit there, or name it with --project`
      : undefined;
  return {
    configPath: null,
    options: plainJsOptions(projectTypeScriptIs6(cwd)),
    fileNames: found.filter((f) => !isVue(f)),
    ...walkedFields(walk, roots),
    ...(configAbove ? { configAbove } : {}),
  };
}

/** What a loaded config holds of the walk of its roots, the same with a tsconfig or without. */
function walkedFields(walk: ReturnType<typeof walkSources>, roots: string[]) {
  const { found, secondNames, linksOutside: _read, ...counted } = walk;
  return {
    vueFiles: found.filter(isVue),
    walked: found,
    walkRoots: roots.map(normalize),
    ...counted,
    ...(secondNames ? { secondNames } : {}),
  };
}

/**
 * The projects a solution-style config references, each loaded with its own options; their files
 * are added to `fileNames`. `options`: the first referenced project's, which the program takes.
 */
function referencedProjects(
  cwd: string,
  configPath: string,
  references: readonly ts.ProjectReference[],
  fileNames: string[],
): { projects: ReferencedProject[]; options: ts.CompilerOptions | undefined } {
  const projects: ReferencedProject[] = [];
  let options: ts.CompilerOptions | undefined;
  for (const reference of references) {
    const referencePath = ts.resolveProjectReferencePath(reference);
    if (!fs.existsSync(referencePath)) {
      throw new AuditUsageError(
        `${configPath}: the reference "${reference.originalPath ?? reference.path}" names ${relative(cwd, referencePath)}, which is not there: fix the config, or name another with --project`,
      );
    }
    const referenced = loadConfig(cwd, [], referencePath);
    if (fileNames.length === 0) options = { ...referenced.options };
    fileNames.push(...referenced.fileNames.filter((f) => !fileNames.includes(f)));
    projects.push(
      ...(referenced.projects ?? [
        {
          configPath: referenced.configPath ?? referencePath,
          options: referenced.options,
          fileNames: [...referenced.fileNames, ...(referenced.listedComponents ?? [])],
        },
      ]),
    );
  }
  return { projects, options };
}

/**
 * Adds to `fileNames` the walked sources the config leaves out that the audit reads all the same.
 * Taro compiles the .js/.jsx beside the .ts with Babel whatever tsconfig says, so the audit
 * reads them too (checked for nothing, only resolved). A source the codemod would migrate that
 * the config leaves out (an `include` narrower than the tree, an `exclude`) and nothing imports:
 * audited too when it names an API, else its legacy calls would be missing from "what is left"
 * without a word. Only those: the program stays the project's.
 */
function addUnlistedSources(found: string[], fileNames: string[], options: ts.CompilerOptions): void {
  const listed = new Set(fileNames);
  if (!options.allowJs) {
    for (const file of found) {
      if (/\.[cm]?jsx?$/.test(file) && !listed.has(file)) {
        fileNames.push(file);
        listed.add(file);
      }
    }
    options.allowJs = true;
    options.checkJs = false;
  }
  for (const file of found) {
    if (listed.has(file) || isVue(file) || !isRewritableFile(file)) continue;
    const read = readForAudit(file);
    if (!('text' in read) || mentionsLegacyApi(read.text) || usesNamespaceAsValue(read.text)) fileNames.push(file);
  }
}

/**
 * The declaration files that the projects a config references (`references`, and theirs) emit, each
 * to the source it comes from: an import of a referenced project (`@org/core`, whose `types` is its
 * `dist/index.d.ts`) reads that source, as `tsc -b` and editors see it, built or not
 * (createAuditProject). Unbuilt, the import resolved to nothing and every reference through it was missing.
 */
function sourcesOfReferencedOutputs(
  parsed: ts.ParsedCommandLine,
  into = new Map<string, string>(),
  seen = new Set<string>(),
): Map<string, string> {
  const host: ts.ParseConfigFileHost = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined };
  for (const reference of parsed.projectReferences ?? []) {
    const configFile = normalize(ts.resolveProjectReferencePath(reference));
    if (seen.has(configFile)) continue;
    seen.add(configFile);
    let referenced: ts.ParsedCommandLine | undefined;
    try {
      referenced = ts.getParsedCommandLineOfConfigFile(configFile, undefined, host);
    } catch {
      referenced = undefined; // a reference that does not read is said where the audit reads it (loadConfig), not here
    }
    if (!referenced) continue;
    for (const file of referenced.fileNames) {
      if (/\.d\.[cm]?ts$/.test(file)) continue;
      for (const output of ts.getOutputFileNames(referenced, file, !ts.sys.useCaseSensitiveFileNames)) {
        if (/\.d\.[cm]?ts$/.test(output)) into.set(normalize(output), normalize(file));
      }
    }
    sourcesOfReferencedOutputs(referenced, into, seen);
  }
  return into;
}

/**
 * The options a file is checked and resolved with: those of the referenced project that lists it
 * (else whose folder holds it, the deepest: a `.vue` file, a file its config leaves out), else the config's.
 */
export function optionsOf(config: LoadedConfig): (file: string) => ts.CompilerOptions {
  const projects = config.projects;
  if (!projects || projects.length === 0) return () => config.options;
  const listedIn = new Map<string, ts.CompilerOptions>();
  for (const project of [...projects].reverse())
    for (const file of project.fileNames) listedIn.set(file, project.options);
  const byDepth = [...projects].sort((a, b) => b.configPath.length - a.configPath.length);
  return (file) =>
    listedIn.get(file) ??
    byDepth.find((project) => isAtOrUnder(file, normalize(path.dirname(project.configPath)), '/'))?.options ??
    config.options;
}

/** `files` by the options they are checked with (optionsOf): one group, one program, per referenced project. */
export function projectsOf(
  config: LoadedConfig,
  files: Iterable<string>,
  realFile: (file: string) => string = (file) => file,
): { options: ts.CompilerOptions; files: string[] }[] {
  const of = optionsOf(config);
  const groups = new Map<ts.CompilerOptions, string[]>();
  for (const file of files) {
    const options = of(realFile(file));
    const group = groups.get(options);
    if (group) group.push(file);
    else groups.set(options, [file]);
  }
  return [...groups].map(([options, grouped]) => ({ options, files: grouped }));
}

/**
 * A name that is not UTF-8 reaches the config's list decoded lossily (U+FFFD), and opens
 * nothing: it leaves the list. The walk names each under its roots, with its bytes escaped;
 * one outside them is named here, as decoded (`unreadableNames`).
 */
function dropUndecodable(fileNames: string[], roots: string[], unreadableNames: string[]): void {
  for (let i = fileNames.length - 1; i >= 0; i--) {
    const file = fileNames[i];
    if (!file.includes('\uFFFD') || fs.existsSync(file)) continue;
    fileNames.splice(i, 1);
    if (!roots.some((root) => isAtOrUnder(file, normalize(root), '/'))) unreadableNames.push(file);
  }
}
/**
 * A config TypeScript cannot read or resolve (a syntax error, an `extends` not there): where (line and column when
 * TypeScript has them), what, and the ways out.
 */
function configFailure(configPath: string, diagnostic: ts.Diagnostic): AuditUsageError {
  let where = configPath;
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    where = `${diagnostic.file.fileName}:${line + 1}:${character + 1}`;
  }
  const what = ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ').replace(/\.$/, '');
  return new AuditUsageError(`${where}: ${what}: fix the config, or name another with --project`);
}
