/**
 * Which files the audit looks at, and the ts-morph project it looks with.
 *
 * A program over every file of a large project is what makes type-aware tools slow,
 * so a text pre-filter picks the files first (see `selectFiles` for the trade-off).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Project, ts, type FileSystemHost, type ResolutionHostFactory } from 'ts-morph';
import {
  counted,
  excludedReport,
  findGitRoot,
  indexListingOf,
  isAtOrUnder,
  mayHaveFilesOffDisk,
  isAuditedFile,
  isMinifiedName,
  notCheckedOut,
  notCheckedOutWarnings,
  isRewritableFile,
  isScriptFile,
  isVueFile,
  keepOneNamePerFile,
  kindRefusal,
  mightContainLegacyCall,
  minifiedNameRefusal,
  NAMESPACE_WORD_PATTERN,
  NOT_UTF8_NAME,
  refusalOf,
  secondNamesWarning,
  toPosixPath,
  trustTheRepository,
  walk,
  type ExcludedReport,
  type Exclusions,
} from '../rewrite/light';
import { AuditUsageError, type RefusedFile } from './types';

/** The order a relative import without extension is resolved in (TypeScript's, `.d.ts` before `.js`). */
const EXTENSIONS = ['.ts', '.tsx', '.d.ts', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'];

/** Mentions a deprecated API by name: the rewrite's own pre-filter, over the table of legacy APIs. */
const mentionsLegacyApi = mightContainLegacyCall;
/** `wx.request`, `Taro.getSetting`: a static member other than the deprecated ones (those are found by name). */
const STATIC_MEMBER = /^\s*(?:\?\.|\.)\s*[A-Za-z_$]/;
const IMPORT_BINDING = /(?:\bimport\s+(?:\*\s+as\s+)?|\bimport\s+type\s+)$/;

/**
 * Does the text use wx / qq / Taro other than as `wx.someMember` or the import binding?
 * That is where the namespace itself is computed on (`wx[key]`), stored (`const api = Taro`)
 * or passed on (`promisifyAll(wx)`): the only ways to reach the API without spelling its name.
 */
export function usesNamespaceAsValue(text: string): boolean {
  for (const match of text.matchAll(NAMESPACE_WORD_PATTERN)) {
    const at = match.index!;
    const after = text.slice(at + match[0].length, at + match[0].length + 40);
    if (STATIC_MEMBER.test(after)) continue;
    if (/^\s+from\b/.test(after) && IMPORT_BINDING.test(text.slice(Math.max(0, at - 30), at))) continue;
    // `import Taro, { … } from`, `import Taro = require(...)`
    if (/^\s*(?:,|=\s*require\b)/.test(after) && IMPORT_BINDING.test(text.slice(Math.max(0, at - 30), at))) continue;
    return true;
  }
  return false;
}
const IMPORT_SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"\n]+)['"]/g;

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

export interface IgnoredCount {
  folders: number;
  files: number;
}

export function normalize(file: string): string {
  return toPosixPath(path.resolve(file));
}

/** `file` relative to `from`, with forward slashes, as reports show it. */
export function relative(from: string, file: string): string {
  return toPosixPath(path.relative(from, file)) || '.';
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

/** What walkSources found, and what it could not read, did not read, or passed over. */
interface WalkedSources {
  found: string[];
  unreadable: string[];
  notRead: { file: string; reason: string }[];
  ignored: IgnoredCount;
  builtPackageFiles: string[];
  otherComponents: string[];
  notCheckedOut: string[];
  /** The links out of `entries` the walk did not follow (as the codemod's does not). */
  linksOutside: { path: string; target: string }[];
  /** Files the paths reach twice, under a second name (keepOneNamePerFile), said as a warning: read once. */
  secondNames: string | null;
  brokenLinks: number;
  excluded: ExcludedReport | null;
}

/**
 * The source and .vue files under `entries` (the engine's walk: dependencies and build output
 * pruned, links not followed); what it cannot read, and the links it does not follow out of
 * `entries`, go to `unreadable`, with the reason.
 */
function walkSources(cwd: string, entries: string[], exclusions: Exclusions | null): WalkedSources {
  // What git ignores as the codemod's walk has it: a file the codemod never migrates is not "left" by it.
  const repositories: string[] = [];
  const walked = walk(entries, new Set(), {
    include: isAuditedFile,
    builtPackages: true,
    otherComponents: true,
    onRepository: (root) => repositories.push(root),
    exclusions,
  });
  const secondNames = secondNamesWarning(keepOneNamePerFile(entries, walked), (file) => relative(cwd, file));
  const found: string[] = [];
  const unreadable: string[] = [];
  const notRead: { file: string; reason: string }[] = [];
  for (const root of walked.ignoredRoots)
    unreadable.push(
      `${relative(cwd, root)}: git ignores this folder (a .gitignore, info/exclude or core.excludesFile rule) and tracks no file in it, so nothing under it is audited, as the codemod migrates nothing there; name its files to audit them`,
    );
  for (const file of walked.namedNotListed) notRead.push({ file, reason: kindRefusal(file, 'audit')! });
  // Left as they are, in the codemod's words: a link to nothing, a FIFO or socket under a name that is no script's.
  for (const { path: file, reason } of [...walked.brokenLinks, ...walked.specialFiles]) notRead.push({ file, reason });
  for (const file of [...walked.files, ...walked.minifiedByName]) found.push(normalize(file));
  for (const problem of walked.problems) unreadable.push(`${relative(cwd, problem.path)}: ${problem.reason}`);
  return {
    found,
    unreadable,
    notRead,
    ignored: { folders: walked.ignoredDirs, files: walked.ignoredFiles },
    builtPackageFiles: walked.builtPackageFiles.map(normalize),
    otherComponents: walked.otherComponents.map(normalize),
    notCheckedOut: notCheckedOutUnder(cwd, entries, repositories, new Set(walked.gitRefused), unreadable),
    linksOutside: walked.linksOutside,
    secondNames,
    brokenLinks: walked.brokenLinks.length,
    excluded: exclusions ? excludedReport(walked) : null,
  };
}

/**
 * The links out of the paths audited, said. Through one the config lists files (its `include`,
 * which TypeScript reads through links): those are audited, but a codemod run on the same paths
 * does not follow the link, so the warning names the folder to give it. Any other: nothing behind
 * it was read, its references are missing (`unreadable`).
 */
function linkWarnings(
  cwd: string,
  links: WalkedSources['linksOutside'],
  listed: readonly string[],
  unreadable: string[],
): string[] {
  const readThrough: string[] = [];
  for (const link of links) {
    const inside = normalize(link.path) + '/';
    const through = listed.filter((file) => file.startsWith(inside)).length;
    const said = `${relative(cwd, link.path)}: a symbolic link to ${relative(cwd, link.target)}, outside the paths read`;
    if (through === 0) unreadable.push(`${said}: not followed`);
    else
      readThrough.push(
        `${said}: the ${counted(through, 'file')} the config lists through it ${through === 1 ? 'is' : 'are'} audited, but the codemod does not follow the link: give it ${relative(cwd, link.target)} to migrate ${through === 1 ? 'it' : 'them'}`,
      );
  }
  return readThrough;
}

/**
 * What git tracks under `entries` (and the repositories the walk entered below them) that the
 * walk could not see, being off the disk, as the codemod words it. Where git cannot list it,
 * that goes to `unreadable`, unless the walk already said git failed there (`refused`).
 */
function notCheckedOutUnder(
  cwd: string,
  entries: string[],
  repositories: string[],
  refused: ReadonlySet<string>,
  unreadable: string[],
): string[] {
  const asked = new Map<string, string>(); // folder asked → its repository's root
  for (const entry of entries) {
    const dir = fs.statSync(entry, { throwIfNoEntry: false })?.isDirectory() ? entry : path.dirname(entry);
    const root = findGitRoot(dir);
    if (root !== null && mayHaveFilesOffDisk(root)) asked.set(dir, root);
  }
  for (const root of repositories) if (mayHaveFilesOffDisk(root)) asked.set(root, root);
  const listings = [];
  for (const [dir, root] of asked) {
    const listing = indexListingOf(dir, root);
    if (listing === null) continue;
    if (!('failed' in listing)) listings.push(listing);
    else if (!refused.has(root)) {
      const wayOut = trustTheRepository(listing.failed, root) ?? 'fix what git reports and run again';
      unreadable.push(
        `${relative(cwd, dir)}: git could not list the files it tracks here (${listing.failed}), so those a sparse checkout or a submodule left off the disk cannot be named: ${wayOut}`,
      );
    }
  }
  return notCheckedOutWarnings(notCheckedOut(listings, entries), (file) => relative(cwd, file));
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
  const {
    found,
    unreadable,
    notRead,
    ignored,
    brokenLinks,
    excluded,
    builtPackageFiles,
    otherComponents,
    notCheckedOut,
    linksOutside,
    secondNames,
  } = walkSources(cwd, roots, exclusions);
  const linksReadThrough = linkWarnings(cwd, linksOutside, [...fileNames, ...listedComponents], unreadable);
  dropUndecodable(cwd, fileNames, roots, unreadable);
  addUnlistedSources(found, fileNames, options);
  return {
    configPath,
    options,
    fileNames,
    vueFiles: found.filter(isVue),
    walked: found,
    unreadable,
    notRead,
    ignored,
    brokenLinks,
    excluded,
    builtPackageFiles,
    otherComponents,
    notCheckedOut,
    ...(linksReadThrough.length > 0 ? { linksReadThrough } : {}),
    ...(secondNames ? { secondNames } : {}),
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
  const {
    found,
    unreadable,
    notRead,
    ignored,
    brokenLinks,
    excluded,
    builtPackageFiles,
    otherComponents,
    notCheckedOut,
    linksOutside,
    secondNames,
  } = walkSources(
    cwd,
    (paths.length > 0 ? paths : ['.']).map((entry) => path.resolve(cwd, entry)),
    exclusions,
  );
  linkWarnings(cwd, linksOutside, [], unreadable);
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
    vueFiles: found.filter(isVue),
    walked: found,
    unreadable,
    notRead,
    ignored,
    brokenLinks,
    excluded,
    builtPackageFiles,
    otherComponents,
    notCheckedOut,
    ...(configAbove ? { configAbove } : {}),
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
 * nothing: it leaves the list. The walk names each under its roots, with its bytes escaped
 * (NOT_UTF8_NAME); one outside them is named here, as decoded.
 */
function dropUndecodable(cwd: string, fileNames: string[], roots: string[], unreadable: string[]): void {
  for (let i = fileNames.length - 1; i >= 0; i--) {
    const file = fileNames[i];
    if (!file.includes('\uFFFD') || fs.existsSync(file)) continue;
    fileNames.splice(i, 1);
    if (!roots.some((root) => isAtOrUnder(file, normalize(root), '/')))
      unreadable.push(`${relative(cwd, file)}: ${NOT_UTF8_NAME}`);
  }
}

function isInside(file: string, scopes: string[]): boolean {
  return scopes.length === 0 || scopes.some((scope) => isAtOrUnder(file, scope, '/'));
}

export interface Selection {
  /** Files the scanner walks with the type checker. */
  scan: Set<string>;
  /** Files that use wx / Taro as a value (without naming the API). */
  namespaceFiles: Set<string>;
  texts: Map<string, string>;
  /** Files that name the API but that the rewrite refuses (refusal.ts): kept away from the type checker, listed. */
  refused: Map<string, RefusedFile>;
  /** Files that could not be read, with the reason: warned of, as the walk's unreadable folders are. */
  unreadable: Map<string, string>;
}

/**
 * A file's text for the audit, or the rewrite's refusal of it (same reasons, same words as the codemod's: encoding,
 * size, minified by its lines or its name, nesting) when it names the API or uses wx/Taro as a value, or why it could
 * not be read (gone since the config listed it, no permission): said, never skipped in silence. A refused file never
 * reaches TypeScript: a 20 MB bundle or 10,000 nested brackets would exhaust its memory or its stack, and a GBK file
 * would be read as other code than it is.
 */
export function readForAudit(file: string): { text: string } | { refused: RefusedFile } | { unreadable: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    // In the walk's words for a folder.
    const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
    return { unreadable: `could not read the file: ${code ?? message ?? String(error)}` };
  }
  const text = bytes.toString('utf8');
  // A minified name is refused as the codemod refuses it, whatever its lines: never "handled by the rewrite".
  const refusal = refusalOf(bytes, text) ?? (isMinifiedName(path.basename(file)) ? minifiedNameRefusal() : null);
  // A UTF-16 file hides its names between NULs: its byte order mark alone refuses it.
  if (refusal && (refusal.reason === 'encoding' || mentionsLegacyApi(text) || usesNamespaceAsValue(text))) {
    return { refused: { file, reason: refusal.reason, message: refusal.message, fails: refusal.fails } };
  }
  return { text };
}

/**
 * The pre-filter. A file is scanned when
 *  1. it names a deprecated API of the rewrite's table (every direct reference, alias *definition*,
 *     destructuring, `typeof Taro.startRecord`, `x.startRecord` through an alias of Taro
 *     imported from elsewhere: the member name is always spelled at the use), or
 *  2. it uses wx / Taro as a value rather than as `wx.request`-style access or the import
 *     binding (`wx[key]`, `const api = Taro`, `promisifyAll(wx)`; see `usesNamespaceAsValue`), or
 *  3. it imports, directly or through other files, a file of (1) or (2): that is the only
 *     way a value defined there (`export const rec = wx.startRecord`, `export const api = Taro`)
 *     can reach it.
 * Most files of a Taro app import Taro and call other APIs on it; (2) keeps them out.
 * Trade-off: an alias that travels without an import (a global, `getApp().globalData`,
 * an event bus, dependency injection) is not followed; the place it is stored is still
 * reported, because that place names the API. Importers are found with a regex over the
 * text and a resolver for relative paths and tsconfig `paths`: cheap, and over-including
 * a file only costs time, never a wrong answer.
 */
export function selectFiles(config: LoadedConfig): Selection {
  const { texts, importers, refused, unreadable } = buildGraph(config);
  const legacy: string[] = [];
  const namespaceFiles = new Set<string>();
  for (const [file, text] of texts) {
    if (mentionsLegacyApi(text)) legacy.push(file);
    else if (usesNamespaceAsValue(text)) namespaceFiles.add(file);
  }

  const scan = new Set<string>();
  const queue = [...legacy, ...namespaceFiles];
  const reached = new Set(queue);
  while (queue.length > 0) {
    const file = queue.pop()!;
    scan.add(file);
    for (const importer of importers.get(file) ?? []) {
      if (!reached.has(importer)) {
        reached.add(importer);
        queue.push(importer);
      }
    }
  }
  return { scan, namespaceFiles, texts, refused, unreadable };
}

/**
 * The project's files and their texts, plus the local files they import that the config
 * leaves out (a tsconfig `include` narrower than the app: those files still hold code that
 * runs), and for each file the files that import it.
 */
export function buildGraph(config: LoadedConfig): {
  texts: Map<string, string>;
  importers: Map<string, string[]>;
  refused: Map<string, RefusedFile>;
  unreadable: Map<string, string>;
} {
  const texts = new Map<string, string>();
  const refused = new Map<string, RefusedFile>();
  const unreadable = new Map<string, string>();
  const known = new Set(config.fileNames);
  const exists = (candidate: string): boolean =>
    known.has(candidate) ||
    (isScriptFile(candidate) &&
      !candidate.includes('/node_modules/') &&
      fs.existsSync(candidate) &&
      fs.statSync(candidate).isFile());
  const importers = new Map<string, string[]>();
  // Each file's imports resolve by its own project's options (a referenced project's `paths`).
  const projectOptionsOf = optionsOf(config);
  const resolveCacheOf = resolutionCachePerOptions();
  const usesPathMapping = (options: ts.CompilerOptions): boolean =>
    options.paths !== undefined || options.baseUrl !== undefined;
  // An import of a referenced project (a workspace package whose types are its unbuilt dist/) leads to its source.
  const throughReferences = config.referencedSources ? referenceResolver(config.referencedSources, ts.sys) : undefined;
  const referencedSourceFiles = new Set(config.referencedSources?.values());
  const queue = [...config.fileNames];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (texts.has(file) || refused.has(file) || unreadable.has(file)) continue;
    const read = readForAudit(file);
    if ('unreadable' in read) {
      unreadable.set(file, read.unreadable);
      continue;
    }
    if ('refused' in read) {
      if (!file.endsWith('.d.ts') || read.refused.reason === 'encoding') refused.set(file, read.refused);
      continue;
    }
    const text = read.text;
    texts.set(file, text);
    const seen = new Set<string>();
    for (const match of text.matchAll(IMPORT_SPECIFIER)) {
      const specifier = match[1];
      if (seen.has(specifier)) continue;
      seen.add(specifier);
      const options = projectOptionsOf(file);
      const target =
        resolveImport(
          file,
          specifier,
          exists,
          usesPathMapping(options) ? options : undefined,
          resolveCacheOf(options),
        ) ??
        (throughReferences && !specifier.startsWith('.')
          ? referencedTarget(
              throughReferences(specifier, file, options)?.resolvedFileName,
              referencedSourceFiles,
              exists,
            )
          : undefined);
      if (!target) continue;
      const list = importers.get(target);
      if (list) list.push(file);
      else importers.set(target, [file]);
      if (!texts.has(target)) queue.push(target);
    }
  }
  return { texts, importers, refused, unreadable };
}

/** A module resolution cache for each set of options (a referenced project's own), made at its first use. */
function resolutionCachePerOptions(): (options: ts.CompilerOptions) => ts.ModuleResolutionCache {
  const caches = new Map<ts.CompilerOptions, ts.ModuleResolutionCache>();
  return (options) => {
    let cache = caches.get(options);
    if (!cache) caches.set(options, (cache = ts.createModuleResolutionCache(process.cwd(), (file) => file, options)));
    return cache;
  };
}

/**
 * The referenced project's source an import resolved to (referenceResolver), or undefined: any other
 * package stays out of the graph, as without references (a linked one resolves outside node_modules).
 */
function referencedTarget(
  resolved: string | undefined,
  referencedSourceFiles: ReadonlySet<string>,
  exists: (file: string) => boolean,
): string | undefined {
  if (resolved === undefined) return undefined;
  const target = normalize(resolved);
  return referencedSourceFiles.has(target) && exists(target) ? target : undefined;
}

function resolveImport(
  from: string,
  specifier: string,
  exists: (file: string) => boolean,
  mappingOptions: ts.CompilerOptions | undefined,
  cache: ts.ModuleResolutionCache,
): string | undefined {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const base = path.posix.resolve(path.posix.dirname(from), specifier);
    // `./a.js` in TypeScript sources means `./a.ts`.
    const stripped = base.replace(/\.[cm]?jsx?$/, '');
    for (const candidate of [
      base,
      ...EXTENSIONS.map((e) => stripped + e),
      ...EXTENSIONS.map((e) => `${base}/index${e}`),
    ]) {
      if (exists(candidate)) return candidate;
    }
    return undefined;
  }
  if (!mappingOptions) return undefined;
  const resolved = ts.resolveModuleName(specifier, from, mappingOptions, ts.sys, cache).resolvedModule;
  if (!resolved || resolved.isExternalLibraryImport) return undefined;
  const target = normalize(resolved.resolvedFileName);
  return exists(target) ? target : undefined;
}

/** miniprogram-api-typings as this package depends on it: a plain JS mini-program still resolves `wx`. */
function bundledWechatTypings(): string {
  return path.join(path.dirname(require.resolve('miniprogram-api-typings/package.json')), 'index.d.ts');
}

/**
 * The disk as TypeScript sees it, except that the files in `standIns` (absolute, forward
 * slashes) read as the text given: a file the rewrite refuses is never read whole, even
 * when another file imports it. (ts-morph reads a file from disk before it overwrites it,
 * so a created source file would not do.)
 */
function shieldedFileSystem(standIns: Map<string, string>): FileSystemHost {
  const real = new Project({ skipAddingFilesFromTsConfig: true }).getFileSystem();
  return new Proxy(real, {
    get(target, property) {
      if (property === 'readFileSync')
        return (file: string, encoding?: string) =>
          standIns.get(normalize(file)) ?? target.readFileSync(file, encoding);
      if (property === 'readFile')
        return async (file: string, encoding?: string) =>
          standIns.get(normalize(file)) ?? target.readFile(file, encoding);
      const value = Reflect.get(target, property) as unknown;
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * What TypeScript reads for the project's files (createAuditProject's `standIns`): the texts the
 * pre-filter read, so that each file is read once and the type checker and the rewrite's report
 * see one text even when the file is edited while the audit runs (without the byte order mark,
 * as TypeScript's own read drops it); a refused file reached through an import as an empty
 * module, its text never read by TypeScript.
 */
export function checkerTexts(texts: ReadonlyMap<string, string>, refused: Iterable<string>): Map<string, string> {
  const standIns = new Map(
    [...texts].map(([file, text]) => [file, text.charCodeAt(0) === 0xfeff ? text.slice(1) : text]),
  );
  for (const file of refused) if (!file.endsWith('.vue')) standIns.set(file, 'export {};\n');
  return standIns;
}

/**
 * Why TypeScript cannot take this one file (its parser or binder throws on it: a stack overflow
 * on code nested deeper than the refusals see, say), or undefined. The file is checked alone,
 * without its imports or the lib: cheap, and asked only once the whole program has failed.
 */
export function typeScriptFailureOf(file: string, text: string, options: ts.CompilerOptions): string | undefined {
  const alone: ts.CompilerOptions = {
    ...options,
    noLib: true,
    noResolve: true,
    types: [],
    allowJs: true,
    noEmit: true,
  };
  const host = ts.createCompilerHost(alone);
  host.getSourceFile = (name, languageVersion) =>
    normalize(name) === file ? ts.createSourceFile(name, text, languageVersion) : undefined;
  try {
    ts.createProgram({ rootNames: [file], options: alone, host }).getTypeChecker();
    return undefined;
  } catch (error) {
    return (error as Error)?.message?.split('\n')[0] ?? String(error);
  }
}

/**
 * The files a program over `rootNames` reads besides them (imports, typings) that TypeScript
 * cannot take, each with why: asked only once the whole program has failed and no root file
 * explains it. Its parser may throw on one (a `.d.ts` nested deeper than its stack); where it
 * takes them all, its binder may throw on one (a chain of thousands of `.a`, which it follows
 * by recursion), so each is then bound alone (typeScriptFailureOf). Each such file is read as
 * empty, so that the program around it can be built.
 */
export function failingImportsOf(
  rootNames: Iterable<string>,
  options: ts.CompilerOptions,
  standIns: ReadonlyMap<string, string>,
): Map<string, string> {
  const failures = new Map<string, string>();
  const programOptions: ts.CompilerOptions = { ...options, noEmit: true };
  const host = ts.createCompilerHost(programOptions);
  const read = host.getSourceFile.bind(host);
  host.getSourceFile = (name, languageVersion, onError) => {
    const file = normalize(name);
    try {
      const text = standIns.get(file);
      return text === undefined
        ? read(name, languageVersion, onError)
        : ts.createSourceFile(name, text, languageVersion);
    } catch (error) {
      failures.set(file, (error as Error)?.message?.split('\n')[0] ?? String(error));
      return ts.createSourceFile(name, '', languageVersion);
    }
  };
  const program = ts.createProgram({ rootNames: [...rootNames], options: programOptions, host });
  if (failures.size > 0) return failures;
  for (const sf of program.getSourceFiles()) {
    if (program.isSourceFileDefaultLibrary(sf)) continue;
    const file = normalize(sf.fileName);
    const reason = typeScriptFailureOf(file, sf.text, options);
    if (reason) failures.set(file, reason);
  }
  return failures;
}

export interface AuditProject {
  project: Project;
  program: ts.Program;
  checker: ts.TypeChecker;
}

/**
 * `file` with the links on its way resolved (as git names it), where it is not there itself: its nearest folder that
 * is, resolved, and the rest.
 */
export function realPathOnTheWay(file: string): string {
  const rest: string[] = [];
  for (let at = path.resolve(file); ; at = path.dirname(at)) {
    try {
      return normalize(path.join(fs.realpathSync.native(at), ...rest));
    } catch {
      if (path.dirname(at) === at) return normalize(file);
      rest.unshift(path.basename(at));
    }
  }
}

/** The longest of TypeScript's extensions a file name ends with (`.d.ts` before `.ts`). */
function extensionOf(file: string): ts.Extension {
  return (Object.values(ts.Extension) as string[])
    .filter((extension) => file.endsWith(extension))
    .sort((a, b) => b.length - a.length)[0] as ts.Extension;
}

/**
 * Resolves a module name as TypeScript does, except that a declaration file a referenced project emits resolves to its
 * source.
 */
type ReferenceResolver = (
  name: string,
  containingFile: string,
  options: ts.CompilerOptions,
  redirectedReference?: ts.ResolvedProjectReference,
  mode?: ts.ResolutionMode,
) => ts.ResolvedModuleFull | undefined;

/**
 * Module resolution over `base` (the program's host, or the disk), except that a declaration file a
 * referenced project emits (referencedSources) resolves to its source, whether it was built or not.
 */
function referenceResolver(
  referencedSources: ReadonlyMap<string, string>,
  base: ts.ModuleResolutionHost,
): ReferenceResolver {
  // The output need not exist; the folders on its way may be links (a workspace package under node_modules).
  const realFolders = new Map<string, string>();
  const realFolderOf = (folder: string): string => {
    let real = realFolders.get(folder);
    if (real === undefined) realFolders.set(folder, (real = realPathOnTheWay(folder)));
    return real;
  };
  const sourceOf = (file: string): string | undefined =>
    referencedSources.get(normalize(file)) ??
    referencedSources.get(`${realFolderOf(path.dirname(file))}/${path.basename(file)}`);
  // The folders of the outputs that are not there (an unbuilt dist/ and those in it).
  const outputFolders = new Set<string>();
  for (const output of referencedSources.keys()) {
    for (
      let folder = path.posix.dirname(output);
      !outputFolders.has(folder) && !fs.existsSync(folder);
      folder = path.posix.dirname(folder)
    )
      outputFolders.add(folder);
  }
  const host: ts.ModuleResolutionHost = {
    ...base,
    fileExists: (file) => sourceOf(file) !== undefined || base.fileExists(file),
    // TypeScript looks for a file only in a folder that exists.
    directoryExists: (folder) =>
      outputFolders.has(normalize(folder)) ||
      outputFolders.has(realFolderOf(folder)) ||
      (base.directoryExists?.(folder) ?? fs.existsSync(folder)),
  };
  const cacheOf = resolutionCachePerOptions();
  return (name, containingFile, options, redirectedReference, mode) => {
    const resolved = ts.resolveModuleName(
      name,
      containingFile,
      options,
      host,
      cacheOf(options),
      redirectedReference,
      mode,
    ).resolvedModule;
    const source = resolved && sourceOf(resolved.resolvedFileName);
    if (!resolved || source === undefined) return resolved;
    return { ...resolved, resolvedFileName: source, extension: extensionOf(source), isExternalLibraryImport: false };
  };
}

/** The program's module resolution through referenceResolver. */
function toReferencedSources(referencedSources: ReadonlyMap<string, string>): ResolutionHostFactory {
  return (moduleResolutionHost) => {
    const resolve = referenceResolver(referencedSources, moduleResolutionHost);
    return {
      resolveModuleNames: (moduleNames, containingFile, _reused, redirectedReference, options, containingSourceFile) =>
        moduleNames.map((name, index) =>
          resolve(
            name,
            containingFile,
            options,
            redirectedReference,
            containingSourceFile ? ts.getModeForResolutionAtIndex(containingSourceFile, index, options) : undefined,
          ),
        ),
    };
  };
}

export function createAuditProject(
  options: ts.CompilerOptions,
  rootFiles: Iterable<string>,
  overrides: ts.CompilerOptions = {},
  virtualFiles: Map<string, string> = new Map(),
  standIns: Map<string, string> = new Map(),
  referencedSources: ReadonlyMap<string, string> = new Map(),
): AuditProject {
  const project = new Project({
    ...(standIns.size > 0 ? { fileSystem: shieldedFileSystem(standIns) } : {}),
    ...(referencedSources.size > 0 ? { resolutionHost: toReferencedSources(referencedSources) } : {}),
    compilerOptions: {
      ...options,
      ...overrides,
      noEmit: true,
      skipLibCheck: true,
      // Build-info and emit settings only produce option errors without emit.
      incremental: false,
      composite: false,
      declaration: false,
      emitDeclarationOnly: false,
    },
    skipAddingFilesFromTsConfig: true,
    // The compiler resolves imports itself when it builds the program; wrapping them all in ts-morph nodes is wasted
    // time.
    skipFileDependencyResolution: true,
  });
  for (const file of rootFiles) project.addSourceFileAtPath(file);
  for (const [file, text] of virtualFiles) project.createSourceFile(file, text, { overwrite: true });
  let program = project.getProgram().compilerObject;
  // The project may bring its own WeChat typings (tsconfig `types`, a reference); a second copy would clash.
  if (!program.getSourceFiles().some((sf) => /[\\/]miniprogram-api-typings[\\/]/.test(sf.fileName))) {
    project.addSourceFileAtPath(bundledWechatTypings());
    program = project.getProgram().compilerObject;
  }
  return { project, program, checker: program.getTypeChecker() };
}

export { isInside, mentionsLegacyApi };

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
