/**
 * File walking: which files a run looks at. Honours .gitignore files the way
 * git does (a deeper file overrides a shallower one, `!` re-includes; the repository's
 * `info/exclude` and the user's `core.excludesFile` below them; each repository met, a nested
 * clone or a submodule, by its own rules; a file git tracks is taken whatever its rules say) unless
 * told not to, prunes dependency and build folders without entering them,
 * never follows symlinks (and names those whose target lies outside what it walks, and those
 * that lead nowhere), names the FIFOs, sockets and devices it meets without opening them, and
 * reports what it cannot read. The one walk of a source
 * tree: the CLI's and the audit's (which honour .gitignore, so the audit reads what the codemod
 * would migrate), and the build plugin's pre-scan (which does not).
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Ignore } from 'ignore';
import {
  APP_JSON,
  BUILT_PACKAGES_FOLDER,
  isInBuiltPackages,
  isRewritableFile,
  isSkippedFolder,
  isSkippedInBuiltPackages,
  isUnfinishedWrite,
  otherComponentFramework,
  PLUGIN_JSON,
} from '../rules/file-kinds';
import { holdsUndecodableName, isAtOrUnder, keepUndecodable, toPosixPath } from './paths';
import { isMinifiedName } from '../rules/refusal';
import { fileKindWords, readSideText } from './side-file';
import { findGitRoot, gitCommonDir, WalkGit } from './git-root';
import { PLATFORM_IGNORE_CASE, type Exclusions } from './exclusions';

export interface WalkResult {
  files: string[];
  /** Files skipped by name before reading (`*.min.js`). */
  minifiedByName: string[];
  ignoredFiles: number;
  ignoredDirs: number;
  /**
   * Links met in the tree whose target (a folder, or a file of the kinds listed) lies outside
   * every root: what they point to is not walked, so the run names them. A link whose target
   * is walked anyway is passed over: nothing is missed through it; one that points nowhere is in brokenLinks.
   */
  linksOutside: { path: string; target: string }[];
  /**
   * Links met in the tree that lead to no file: one whose target is not there (dangling), one
   * in a loop of links (ELOOP). Named with the reason, never followed; nothing is lost through
   * them, so they fail nothing. A link whose target cannot be looked up at all is among `problems`.
   */
  brokenLinks: { path: string; reason: string }[];
  /**
   * FIFOs, sockets and devices met in the tree under a name of a kind not listed (`dev.sock`):
   * never opened, named with their kind. One under a listed kind's name (`pipe.js`, where code
   * could have been) is among `problems`.
   */
  specialFiles: { path: string; reason: string }[];
  /** Temporary files of a verified write that a killed run left (file-kinds.ts, WRITE_TEMP_SUFFIX). */
  unfinishedWrites: string[];
  /** Folders given as roots that git ignores (so is all under them): not walked, and said. */
  ignoredRoots: string[];
  /**
   * What the walk could not read or will not open (an unreadable folder, a linked or special path given), with the
   * reason.
   */
  problems: { path: string; reason: string }[];
  /**
   * The scripts under a `miniprogram_npm` folder (file-kinds.ts, BUILT_PACKAGES_FOLDER), when
   * asked (WalkOptions.builtPackages): never among `files`, read only for the legacy calls a
   * person must see (package-calls.ts). The folder itself is still counted as ignored.
   */
  builtPackageFiles: string[];
  /**
   * The other frameworks' single-file components (`.wpy`, `.mpx`: file-kinds.ts), when asked
   * (WalkOptions.otherComponents): never among `files`, read only for the legacy calls a person
   * must see (package-calls.ts). The walk's rules hold for them as for the files it lists.
   */
  otherComponents: string[];
  /**
   * Files named as roots whose kind is not listed (`x.d.ts` to the codemod, `x.json`): the door says why
   * (file-kinds.ts, kindRefusal).
   */
  namedNotListed: string[];
  /** The repositories where git refused to list the files it tracks: each is among `problems`, said once. */
  gitRefused: string[];
  /**
   * The ignore files that are FIFOs (each among `problems`, for the folder it left unwalked), with
   * the root of the repository whose rules they hold (null outside git): git opens an ignore file
   * and waits, on a FIFO, until something writes to it, so a `git status` there would not answer.
   */
  ignoreFifos: { file: string; repository: string | null }[];
  /**
   * Folders the user's exclusions (WalkOptions.exclusions) match, outermost only: never walked as
   * sources; their files of the kinds listed are in excludedFiles.
   */
  excludedFolders: string[];
  /**
   * Files of the kinds listed that the user's exclusions leave out, by a pattern or as under an
   * excluded folder (where git's rules and the skipped folders hold as elsewhere): never among
   * `files`, named by the doors where their text names a legacy API (exclusions.ts).
   */
  excludedFiles: string[];
  /** What could not be read under an excluded folder: not a failure of the run, said with the excluded files. */
  excludedNotRead: { path: string; reason: string }[];
  /**
   * Whether a folder the walk listed holds an entry named app.json or plugin.json. Where none does, and none is at or
   * above the roots, no walked file is in a native mini-program or WeChat plugin (MiniProgramRoots.mayHold).
   */
  appMarkersListed: boolean;
}

interface IgnoreLevel {
  base: string;
  /** `base` and a separator, when `base` is absolute and normalized: a path under it is relative to it from there. */
  prefix: string | null;
  ig: Ignore;
}

function ignoreLevel(base: string, ig: Ignore): IgnoreLevel {
  return {
    base,
    prefix:
      path.isAbsolute(base) && path.resolve(base) === base ? (base.endsWith(path.sep) ? base : base + path.sep) : null,
    ig,
  };
}

/** A line of an ignore file that may hold a rule: not blank, not a comment (`#` first). */
const RULE_LINE = /^(?!#)[^\S\n]*\S/m;

/** An ignore file that is there but cannot be read: the walk's problem for the folder it then leaves alone. */
interface UnreadableIgnoreFile {
  unreadable: string;
  /** The file, when it is a FIFO: git would wait on it (WalkResult.ignoreFifos). */
  fifo?: string;
}

/**
 * How an ignore file is read: whether its rules match regardless of case, and whether it is in the working tree (a
 * `.gitignore`).
 */
interface IgnoreFileReading {
  ignoreCase: boolean;
  inTree: boolean;
}

const NOT_WALKED = 'not walked, as which of its files git ignores is unknown';

/**
 * The rules of an ignore file; null when it is missing or holds none (git's own `info/exclude` of
 * a fresh repository: only comments), or, in the tree, when it is a link (git reads no rules
 * from a `.gitignore` that is a link). Unreadable when it is there but cannot be read, or is not
 * a regular file (`shown` names it in the reason): walking on without its rules could rewrite
 * files the user keeps out of git. Looked at before it is opened, and opened without waiting
 * (readSideText): a FIFO is named, never waited on.
 */
function readIgnoreFile(file: string, shown: string, reading: IgnoreFileReading): Ignore | null | UnreadableIgnoreFile {
  let text: string;
  try {
    // info/exclude and core.excludesFile are read through a link (a dotfiles manager's), as git reads them
    const stat = reading.inTree ? fs.lstatSync(file) : fs.statSync(file);
    if (stat.isSymbolicLink()) return null;
    if (stat.isFIFO()) {
      return {
        unreadable: `${shown} is ${fileKindWords(stat)}, which git waits on until something writes to it (git status hangs there); ${NOT_WALKED}: make it a regular file`,
        fifo: file,
      };
    }
    // A socket or a device is not opened at all: opening a device may act on it.
    if (!stat.isFile()) return { unreadable: `${shown} is ${fileKindWords(stat)}; ${NOT_WALKED}` };
    text = readSideText(file);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'ENOTDIR') return null;
    return { unreadable: `could not read ${shown}: ${code ?? message}; ${NOT_WALKED}` };
  }
  if (!RULE_LINE.test(text)) return null;
  // loaded only for a tree that has rules
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ignore = require('ignore') as typeof import('ignore');
  return ignore({ ignorecase: reading.ignoreCase }).add(text);
}

/**
 * A git repository the walk is in (a working tree's root: a checkout, a linked worktree, a
 * submodule, a clone nested in another tree). Git applies its rules to its files, and none from
 * above its root. Which of its files git tracks although they match a rule is asked of git once,
 * the first time a rule matches a path in it: most trees never ask.
 */
class Repository {
  private tracked: { list: string[]; set: Set<string> } | undefined;
  private readonly config: { excludesFile: string | null; ignoreCase: boolean | undefined };

  constructor(
    readonly root: string,
    private readonly git: WalkGit,
  ) {
    this.config = git.ignoreConfig(root);
  }

  /** How its ignore files are read: with its core.ignoreCase. */
  reading(inTree: boolean): IgnoreFileReading {
    return { ignoreCase: this.config.ignoreCase ?? PLATFORM_IGNORE_CASE, inTree };
  }

  /**
   * The rules from outside the tree, weakest first: the user's core.excludesFile, then the repository's info/exclude.
   */
  outerLevels(): IgnoreLevel[] | UnreadableIgnoreFile {
    const levels: IgnoreLevel[] = [];
    const common = gitCommonDir(this.root);
    const files = [this.config.excludesFile, common === null ? null : path.join(common, 'info', 'exclude')];
    for (const file of files) {
      if (file === null) continue;
      const ig = readIgnoreFile(file, file, this.reading(false));
      if (ig && 'unreadable' in ig) return ig;
      if (ig) levels.push(ignoreLevel(this.root, ig));
    }
    return levels;
  }

  private trackedFiles(): { list: string[]; set: Set<string> } {
    if (this.tracked === undefined) {
      // Where git cannot say (not installed, stopped), none: a matched path is then skipped as ignored.
      const list = this.git.trackedFiles(this.root) ?? [];
      this.tracked = { list, set: new Set(list) };
    }
    return this.tracked;
  }

  /** Whether git tracks `file`, which an ignore rule matches. */
  tracks(file: string): boolean {
    return this.trackedFiles().set.has(file);
  }

  /** The files git tracks under `dir`, which an ignore rule matches (so it does all under it). */
  trackedUnder(dir: string): string[] {
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    const { list } = this.trackedFiles();
    // The list is sorted: the paths under `dir` are the run that starts where `prefix` would.
    let low = 0;
    for (let high = list.length; low < high;) {
      const middle = (low + high) >>> 1;
      if (list[middle] < prefix) low = middle + 1;
      else high = middle;
    }
    const under: string[] = [];
    for (let i = low; i < list.length && list[i].startsWith(prefix); i++) under.push(list[i]);
    return under;
  }
}

/**
 * Rules that apply to `dir` from above it: the repository's outer rules and .gitignore files from the git root down.
 */
function ancestorLevels(
  dir: string,
  git: WalkGit,
): { levels: IgnoreLevel[]; repo: Repository | null } | UnreadableIgnoreFile {
  const root = findGitRoot(dir);
  if (root === null) return { levels: [], repo: null };
  const repo = new Repository(root, git);
  const outer = repo.outerLevels();
  if ('unreadable' in outer) return outer;
  const chain: string[] = [];
  for (let cur = path.dirname(dir); cur.length >= root.length; cur = path.dirname(cur)) {
    chain.unshift(cur);
    if (cur === root || path.dirname(cur) === cur) break;
  }
  const levels: IgnoreLevel[] = [...outer];
  for (const base of chain) {
    const file = path.join(base, '.gitignore');
    const ig = readIgnoreFile(file, file, repo.reading(true));
    if (ig && 'unreadable' in ig) return ig;
    if (ig) levels.push(ignoreLevel(base, ig));
  }
  return { levels, repo };
}

function isIgnored(full: string, isDir: boolean, levels: IgnoreLevel[]): boolean {
  // Deepest rules first: the first level with an opinion decides, as in git.
  for (let i = levels.length - 1; i >= 0; i--) {
    const level = levels[i];
    let rel: string;
    if (level.prefix !== null && full.startsWith(level.prefix)) rel = toPosixPath(full.slice(level.prefix.length));
    else {
      rel = toPosixPath(path.relative(level.base, full));
      if (rel === '' || rel.startsWith('..')) continue;
    }
    const r = level.ig.test(isDir ? rel + '/' : rel);
    if (r.ignored) return true;
    if (r.unignored) return false;
  }
  return false;
}

/** What a walk passed over (WalkResult's ignoredDirs and ignoredFiles), as both doors' summaries word it. */
export function ignoredWords(folders: number, files: number): string {
  return `ignored ${folders + files} [${folders} folders, ${files} files]`;
}

/** Why a name that is not UTF-8 is not opened: the walk's problem for that file or folder. */
export const NOT_UTF8_NAME =
  'its name is not UTF-8 (GBK or another encoding?), and Node cannot open a file or folder by such a name: rename it in UTF-8 and run again';

/**
 * The names in `dir` that are not UTF-8, by the name Node decoded each to (U+FFFD for what did
 * not decode), each with its bytes kept (keepUndecodable). Several can decode to one name.
 */
function undecodableNames(dir: string): Map<string, { shown: string[]; said: boolean }> {
  const names = new Map<string, { shown: string[]; said: boolean }>();
  let raw: Buffer[];
  try {
    raw = fs.readdirSync(dir, { encoding: 'buffer' });
  } catch {
    return names;
  }
  for (const bytes of raw) {
    const decoded = bytes.toString('utf8');
    if (!decoded.includes('\uFFFD') || Buffer.from(decoded, 'utf8').equals(bytes)) continue;
    const entry = names.get(decoded) ?? { shown: [], said: false };
    entry.shown.push(keepUndecodable(bytes));
    names.set(decoded, entry);
  }
  return names;
}

/**
 * A path named on the command line that Node decoded lossily (U+FFFD), and that so opens
 * nothing: the entries it stands for, each with its bytes kept (keepUndecodable), at the first
 * such name on the way (`d\xff/page.js`: the folder `d\xff`, below which nothing opens). None
 * when it is not one: a path that is simply not there.
 */
export function undecodableNamesAt(file: string): string[] {
  let first: string | undefined;
  for (let at = file; at !== path.dirname(at); at = path.dirname(at))
    if (path.basename(at).includes('\uFFFD')) first = at;
  if (first === undefined) return [];
  const dir = path.dirname(first);
  return (undecodableNames(dir).get(path.basename(first))?.shown ?? []).map((shown) => path.join(dir, shown));
}

export interface WalkOptions {
  /**
   * Honour .gitignore files (default). The build plugin's pre-scan does not: a build compiles what the app imports,
   * ignored or not.
   */
  gitignore?: boolean;
  /**
   * Which file names are listed (default: the files the rewrite may change; the audit also reads declaration files).
   */
  include?: (name: string) => boolean;
  /** Enter dependency, build and hidden folders too: the build plugin's look at what Taro's copy option copies. */
  everyFolder?: boolean;
  /**
   * Hears of each git repository the walk enters below a root it was given (a clone nested in
   * the tree, a submodule: a folder holding `.git`), as it enters it: the codemod checks each
   * for uncommitted changes, as it does the repositories of the paths given.
   */
  onRepository?: (root: string) => void;
  /**
   * List the scripts under a `miniprogram_npm` folder git does not ignore in builtPackageFiles
   * (the codemod and the audit: what the mini-program loads, named where it calls a legacy API).
   */
  builtPackages?: boolean;
  /**
   * List the other frameworks' single-file components in otherComponents (the codemod and the audit, as builtPackages).
   */
  otherComponents?: boolean;
  /** The user's exclusions (`--exclude`): what they match goes to excludedFolders and excludedFiles. */
  exclusions?: Exclusions | null;
}

/**
 * Lists the handled files under `roots`. A root that is a file is taken as
 * given (the user named it); a root folder is walked with all the rules.
 * `exclude` holds absolute paths never to list (the local runtime copy).
 */
export function walk(roots: string[], exclude: ReadonlySet<string> = new Set(), options: WalkOptions = {}): WalkResult {
  const tree = new TreeWalk(roots, exclude, options);
  for (const root of roots) tree.walkRoot(root);
  tree.sayGitRefusals();
  sortLinks(tree.links, roots, tree.include, tree.result);
  return tree.result;
}

/** A folder being walked: where its entries' paths start, the rules and repository that hold in it. */
class WalkedFolder {
  /**
   * `dir` and a separator: path.join(dir, name) for every entry, `dir` joined and normalized once (a name is one
   * segment).
   */
  readonly under: string;
  /** Names that are not UTF-8, read again as bytes only in a folder where a decoded name holds U+FFFD. */
  private undecodable: Map<string, { shown: string[]; said: boolean }> | undefined;

  constructor(
    readonly dir: string,
    readonly levels: IgnoreLevel[],
    readonly repo: Repository | null,
    /** Under a `miniprogram_npm` (builtPackages): its scripts are listed apart, nothing in it is counted. */
    readonly built: boolean,
    private readonly problems: WalkResult['problems'],
    /** Under a folder the user excluded: its files are listed as excluded, nothing in it is counted. */
    readonly excluded = false,
  ) {
    const joined = path.join(dir, '_');
    this.under = joined.slice(0, joined.length - 1);
  }

  /**
   * Whether `name` is one Node decoded lossily; said once as the walk's problem, whatever number of names it stands
   * for.
   */
  notUtf8(name: string): boolean {
    if (!name.includes('\uFFFD')) return false;
    this.undecodable ??= undecodableNames(this.dir);
    const found = this.undecodable.get(name);
    if (found === undefined) return false;
    if (!found.said)
      for (const shown of found.shown) this.problems.push({ path: this.under + shown, reason: NOT_UTF8_NAME });
    found.said = true;
    return true;
  }
}

/**
 * One walk, as named steps over its state: the result it fills, the links it met (sorted at the
 * end: sortLinks), git's answers. walkRoot takes a path given; visit a folder, entry by entry.
 */
class TreeWalk {
  readonly result: WalkResult = {
    files: [],
    minifiedByName: [],
    ignoredFiles: 0,
    ignoredDirs: 0,
    linksOutside: [],
    brokenLinks: [],
    specialFiles: [],
    ignoredRoots: [],
    unfinishedWrites: [],
    problems: [],
    namedNotListed: [],
    builtPackageFiles: [],
    otherComponents: [],
    gitRefused: [],
    ignoreFifos: [],
    excludedFolders: [],
    excludedFiles: [],
    excludedNotRead: [],
    appMarkersListed: false,
  };
  readonly links: string[] = [];
  /**
   * Which file names are listed; the other frameworks' components go through every rule the listed files do, then apart
   * (add).
   */
  readonly include: (name: string) => boolean;
  private readonly listedKind: (name: string) => boolean;
  private readonly useGitignore: boolean;
  private readonly git = new WalkGit();
  /** Files listed twice only where roots overlap (`src src/a.ts`): one root needs no memory of every path. */
  private readonly seen: Set<string> | null;

  constructor(
    roots: string[],
    private readonly exclude: ReadonlySet<string>,
    private readonly options: WalkOptions,
  ) {
    this.useGitignore = options.gitignore !== false;
    const listedKind = options.include ?? isRewritableFile;
    this.listedKind = listedKind;
    this.include = options.otherComponents
      ? (name: string) => listedKind(name) || otherComponentFramework(name) !== undefined
      : listedKind;
    this.seen = roots.length > 1 ? new Set<string>() : null;
  }

  /**
   * A path given: a file is taken as given (the user named it), a folder walked with all the rules; a link is not
   * followed.
   */
  walkRoot(root: string): void {
    const { result, options } = this;
    let stat: fs.Stats;
    try {
      // lstat: a link named on the command line is not followed either.
      stat = fs.lstatSync(root);
    } catch {
      // Named by a name that is not UTF-8: said as such (the command line let it through for this).
      for (const shown of undecodableNamesAt(root)) result.problems.push({ path: shown, reason: NOT_UTF8_NAME });
      return;
    }
    const name = path.basename(root);
    if (!stat.isSymbolicLink() && options.exclusions?.excludesGiven(root, stat.isDirectory())) {
      this.excludedRoot(root, name, stat);
      return;
    }
    if (stat.isSymbolicLink()) {
      result.problems.push({
        path: root,
        reason: 'a symbolic link: links are not followed; name the file or folder it points to',
      });
    } else if (stat.isDirectory()) {
      this.walkRootFolder(root);
    } else if (stat.isFile() && options.builtPackages && isInBuiltPackages(root) && isRewritableFile(name)) {
      this.add(root, name, true);
    } else if (stat.isFile() && this.include(name)) {
      this.add(root, name);
    } else if (stat.isFile()) {
      if (!this.exclude.has(root)) result.namedNotListed.push(root);
    } else {
      result.problems.push({ path: root, reason: notRegularFile(stat) });
    }
  }

  /** A path given that the user's exclusions match: a folder's listed files, or the file, are excluded. */
  private excludedRoot(root: string, name: string, stat: fs.Stats): void {
    if (stat.isDirectory()) {
      this.result.excludedFolders.push(root);
      const above = this.useGitignore ? ancestorLevels(root, this.git) : { levels: [], repo: null };
      if ('unreadable' in above) this.result.excludedNotRead.push({ path: root, reason: above.unreadable });
      else this.visit(root, above.levels, above.repo, true, false, true);
    } else if (stat.isFile() && this.include(name)) this.result.excludedFiles.push(root);
  }

  /** A folder given, under the rules that hold there from above it. */
  private walkRootFolder(root: string): void {
    const above = this.useGitignore ? ancestorLevels(root, this.git) : { levels: [], repo: null };
    if ('unreadable' in above) this.notWalked(root, above, findGitRoot(root));
    else if (above.repo !== null && above.repo.root !== root && isIgnored(root, true, above.levels)) {
      // A folder git ignores, named on the command line: everything under it is ignored too, but for the files git
      // tracks.
      this.result.ignoredDirs++;
      if (!this.takeTracked(root, above.repo)) this.result.ignoredRoots.push(root);
    } else
      this.visit(root, above.levels, above.repo, true, this.options.builtPackages === true && isInBuiltPackages(root));
  }

  /** The repositories where git refused to list the files it tracks: each a problem, said once. */
  sayGitRefusals(): void {
    for (const [root, said] of this.git.refused) {
      this.result.gitRefused.push(root);
      this.result.problems.push({
        path: root,
        reason: `git could not list the files it tracks here (${said}), so the files its ignore rules match were skipped, also any it tracks: fix what git reports and run again`,
      });
    }
  }

  /** A folder not walked for an ignore file it cannot read (`repository`: whose rules the file holds). */
  private notWalked(
    dir: string,
    problem: UnreadableIgnoreFile,
    repository: string | null,
    problems = this.result.problems,
  ): void {
    problems.push({ path: dir, reason: problem.unreadable });
    if (problem.fifo !== undefined) this.result.ignoreFifos.push({ file: problem.fifo, repository });
  }

  private add(file: string, name: string, built = false): void {
    if (this.exclude.has(file) || this.seen?.has(file)) return;
    this.seen?.add(file);
    // Here for every way a file is taken: met, named, or tracked under a folder git ignores.
    if (this.options.exclusions?.excludes(file, false)) {
      this.result.excludedFiles.push(file);
      return;
    }
    // A minified name too: its calls are found as written (package-calls.ts).
    if (built) this.result.builtPackageFiles.push(file);
    else if (this.options.otherComponents && !this.listedKind(name)) this.result.otherComponents.push(file);
    else if (isMinifiedName(name)) this.result.minifiedByName.push(file);
    else this.result.files.push(file);
  }

  /**
   * Takes the files git tracks under `dir`, a folder its rules ignore (`built`: under a `miniprogram_npm`, listed
   * apart); whether there was any.
   */
  private takeTracked(dir: string, repo: Repository | null, built = false): boolean {
    if (repo === null) return false;
    const skipped = built ? isSkippedInBuiltPackages : isSkippedFolder;
    const listed = built ? isRewritableFile : this.include;
    let taken = false;
    for (const file of repo.trackedUnder(dir)) {
      const name = path.basename(file);
      // The walk's own rules still hold under the folder: skipped folders, links not followed.
      const folders = path.relative(dir, path.dirname(file)).split(path.sep).filter(Boolean);
      if (!this.options.everyFolder && folders.some(skipped)) continue;
      if (holdsUndecodableName(file)) {
        // Its name (or a folder's on the way) is not UTF-8: said, as the walk says it of the files it meets.
        if (listed(name)) this.result.problems.push({ path: file, reason: NOT_UTF8_NAME });
        continue;
      }
      let stat: fs.Stats;
      try {
        stat = fs.lstatSync(file);
      } catch {
        continue; // deleted since it was committed: nothing to migrate
      }
      if (!stat.isFile() || !listed(name)) continue;
      this.add(file, name, built);
      taken = true;
    }
    return taken;
  }

  /**
   * `built`: under a `miniprogram_npm` (builtPackages): its scripts are listed apart, nothing in it is counted.
   * `excluded`: under a folder the user excluded: its listed files are excluded, what it cannot read said with them.
   */
  private visit(
    dir: string,
    parentLevels: IgnoreLevel[],
    parentRepo: Repository | null,
    isRoot: boolean,
    built = false,
    excluded = false,
  ): void {
    const problems = excluded ? this.result.excludedNotRead : this.result.problems;
    const entries = this.readFolder(dir, problems);
    if (entries === null) return;
    this.result.appMarkersListed ||= entries.some((e) => e.name === APP_JSON || e.name === PLUGIN_JSON);
    const rules = this.rulesIn(dir, entries, parentLevels, parentRepo, isRoot, problems);
    if (rules === null) return;
    const folder = new WalkedFolder(dir, rules.levels, rules.repo, built, problems, excluded);
    for (const entry of entries) {
      if (excluded) this.visitExcludedEntry(entry, folder);
      else this.visitEntry(entry, folder);
    }
  }

  /**
   * An entry under a folder the user excluded: its files of the kinds listed are excluded, under
   * git's rules and the skipped folders as elsewhere; links and special files are passed over.
   */
  private visitExcludedEntry(entry: fs.Dirent, folder: WalkedFolder): void {
    const name = entry.name;
    const full = folder.under + name;
    if (entry.isDirectory()) {
      const skipped = name === '.git' || (!this.options.everyFolder && isSkippedFolder(name));
      if (!skipped && !isIgnored(full, true, folder.levels) && !folder.notUtf8(name))
        this.visit(full, folder.levels, folder.repo, false, false, true);
    } else if (
      entry.isFile() &&
      this.include(name) &&
      (!isIgnored(full, false, folder.levels) || folder.repo?.tracks(full)) &&
      !folder.notUtf8(name)
    )
      this.result.excludedFiles.push(full);
  }

  /**
   * A folder's entries, sorted by name; null where it cannot be read, which may hold legacy calls: said, never skipped
   * in silence.
   */
  private readFolder(dir: string, problems: WalkResult['problems']): fs.Dirent[] | null {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch (err) {
      const { code, message } = err as NodeJS.ErrnoException;
      problems.push({ path: dir, reason: `could not read the folder: ${code ?? message}` });
      return null;
    }
    return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  /**
   * The rules and repository that hold in `dir`; null where an ignore file there cannot be read (the folder is not
   * walked).
   */
  private rulesIn(
    dir: string,
    entries: fs.Dirent[],
    levels: IgnoreLevel[],
    repo: Repository | null,
    isRoot: boolean,
    problems: WalkResult['problems'],
  ): { levels: IgnoreLevel[]; repo: Repository | null } | null {
    if (!isRoot && entries.some((e) => e.name === '.git')) {
      // A repository of its own: git applies its rules here, and none of the tree above it.
      this.options.onRepository?.(dir);
      if (this.useGitignore) {
        repo = new Repository(dir, this.git);
        const outer = repo.outerLevels();
        if ('unreadable' in outer) {
          this.notWalked(dir, outer, repo.root, problems);
          return null;
        }
        levels = outer;
      }
    }
    // A .gitignore that is a file, or a FIFO, socket or device (named, not opened); a link gives no rules in git, and a
    // folder so named is passed over as hidden.
    if (this.useGitignore && entries.some((e) => e.name === '.gitignore' && !e.isSymbolicLink() && !e.isDirectory())) {
      const ig = readIgnoreFile(
        path.join(dir, '.gitignore'),
        'its .gitignore',
        repo?.reading(true) ?? { ignoreCase: PLATFORM_IGNORE_CASE, inTree: true },
      );
      if (ig && 'unreadable' in ig) {
        this.notWalked(dir, ig, repo?.root ?? null, problems);
        return null;
      }
      if (ig) levels = [...levels, ignoreLevel(dir, ig)];
    }
    return { levels, repo };
  }

  private visitEntry(entry: fs.Dirent, folder: WalkedFolder): void {
    const name = entry.name;
    const full = folder.under + name;
    if (entry.isSymbolicLink()) this.metLink(full, folder);
    else if (entry.isDirectory()) this.metFolder(name, full, folder);
    else if (folder.built) this.metBuiltFile(entry, name, full, folder);
    else if (entry.isFile() && this.include(name)) this.metListedFile(name, full, folder);
    else if (entry.isFile() && isUnfinishedWrite(name)) this.result.unfinishedWrites.push(full);
    else if (!entry.isFile()) this.metSpecialFile(entry, name, full, folder);
  }

  /** Under miniprogram_npm too: a package linked from outside the paths given is named, not passed over. */
  private metLink(full: string, folder: WalkedFolder): void {
    if (isIgnored(full, false, folder.levels)) {
      if (!folder.built) this.result.ignoredFiles++;
    } else this.links.push(full);
  }

  private metFolder(name: string, full: string, folder: WalkedFolder): void {
    if (name === '.git') return;
    if (folder.built) {
      if (!isSkippedInBuiltPackages(name)) this.enterBuiltPackages(name, full, folder);
      return;
    }
    if (!this.options.everyFolder && isSkippedFolder(name)) {
      this.result.ignoredDirs++;
      // Counted as before; its scripts are read only for the calls a person must see, and,
      // where git ignores it, those of its files git tracks all the same.
      if (name === BUILT_PACKAGES_FOLDER && this.options.builtPackages) this.enterBuiltPackages(name, full, folder);
      return;
    }
    if (isIgnored(full, true, folder.levels)) {
      this.result.ignoredDirs++;
      this.takeTracked(full, folder.repo);
      return;
    }
    if (folder.notUtf8(name)) return;
    const excluded = this.options.exclusions?.excludes(full, true) === true;
    if (excluded) this.result.excludedFolders.push(full);
    this.visit(full, folder.levels, folder.repo, false, false, excluded);
  }

  /**
   * A folder under a `miniprogram_npm` (or the folder itself): what git ignores there is passed over, but for the files
   * it tracks (force-added).
   */
  private enterBuiltPackages(name: string, full: string, folder: WalkedFolder): void {
    if (isIgnored(full, true, folder.levels)) this.takeTracked(full, folder.repo, true);
    else if (!folder.notUtf8(name)) this.visit(full, folder.levels, folder.repo, false, true);
  }

  /** An ignored file under a `miniprogram_npm` only if git tracks it (force-added), as elsewhere. */
  private metBuiltFile(entry: fs.Dirent, name: string, full: string, folder: WalkedFolder): void {
    if (
      entry.isFile() &&
      isRewritableFile(name) &&
      (!isIgnored(full, false, folder.levels) || folder.repo?.tracks(full)) &&
      !folder.notUtf8(name)
    )
      this.add(full, name, true);
  }

  private metListedFile(name: string, full: string, folder: WalkedFolder): void {
    if (isIgnored(full, false, folder.levels)) {
      // git does not apply its ignore rules to a file it tracks
      if (folder.repo?.tracks(full)) this.add(full, name);
      else this.result.ignoredFiles++;
      return;
    }
    if (folder.notUtf8(name)) return;
    this.add(full, name);
  }

  /**
   * A FIFO, socket or device (git tracks none): never opened, named with its kind, unless an ignore rule matches it.
   */
  private metSpecialFile(entry: fs.Dirent, name: string, full: string, folder: WalkedFolder): void {
    if (isIgnored(full, false, folder.levels)) {
      if (this.include(name)) this.result.ignoredFiles++;
    } else if (!folder.notUtf8(name)) {
      (this.include(name) ? this.result.problems : this.result.specialFiles).push({
        path: full,
        reason: notRegularFile(entry),
      });
    }
  }
}

/** Why a FIFO, socket or device is not read: its kind, in the words every door uses. */
function notRegularFile(kind: fs.Dirent | fs.Stats): string {
  return `${fileKindWords(kind)}: not opened`;
}

/**
 * Where the links met lead: outside every root (a folder or a listed kind of file: linksOutside),
 * nowhere (brokenLinks), or to what cannot be looked up (problems); a link to what is walked
 * anyway, or to a kind of file not listed, is passed over.
 */
function sortLinks(links: string[], roots: string[], include: (name: string) => boolean, result: WalkResult): void {
  if (links.length === 0) return;
  const realRoots = roots.flatMap((root) => {
    try {
      return [fs.realpathSync(root)];
    } catch {
      return [];
    }
  });
  const walked = (target: string) => realRoots.some((root) => isAtOrUnder(target, root));
  for (const link of links) {
    let target: string;
    let stat: fs.Stats;
    try {
      target = fs.realpathSync(link);
      stat = fs.statSync(target);
    } catch (error) {
      const broken = brokenLinkReason(link, error as NodeJS.ErrnoException);
      (broken.nowhere ? result.brokenLinks : result.problems).push({ path: link, reason: broken.reason });
      continue;
    }
    const source =
      stat.isDirectory() || (stat.isFile() && (include(path.basename(link)) || include(path.basename(target))));
    if (source && !walked(target)) result.linksOutside.push({ path: link, target });
  }
}

/**
 * Why a link leads to no file, from the error of following it: `nowhere` where there is nothing
 * behind it (its target is not there, or it leads back through a loop of links), else its target
 * could not be looked up (a folder on the way that cannot be read), and what is there was not seen.
 */
function brokenLinkReason(link: string, error: NodeJS.ErrnoException): { nowhere: boolean; reason: string } {
  let written = '';
  try {
    written = ` to ${fs.readlinkSync(link)}`;
  } catch {
    // gone since the folder was read: said without its target
  }
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
    return {
      nowhere: true,
      reason: `a symbolic link${written}, which is not there (a dangling link): nothing to migrate through it`,
    };
  }
  if (error.code === 'ELOOP') {
    return {
      nowhere: true,
      reason: `a symbolic link${written} that never reaches a file (a loop of links, ELOOP): nothing to migrate through it`,
    };
  }
  return {
    nowhere: false,
    reason: `a symbolic link${written} whose target could not be looked up (${error.code ?? error.message}): not followed, and what it points to was not looked at`,
  };
}
