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
import {
  APP_JSON,
  appJsonPageFolders,
  BUILT_PACKAGES_FOLDER,
  isInBuiltPackages,
  isRewritableFile,
  isSkippedFolder,
  isSkippedInBuiltPackages,
  isUnfinishedWrite,
  otherComponentFramework,
  OUTPUT_FOLDERS,
  PLUGIN_JSON,
} from '../rules/file-kinds';
import { parseJsonText } from '../rules/json-text';
import { holdsUndecodableName } from './paths';
import { isMinifiedName } from '../rules/refusal';
import { fileKindWords, readSideText } from './side-file';
import { findGitRoot, WalkGit } from './git-root';
import { PLATFORM_IGNORE_CASE } from './exclusions';
import {
  ancestorLevels,
  ignoreLevel,
  isIgnored,
  readIgnoreFile,
  Repository,
  type IgnoreLevel,
  type UnreadableIgnoreFile,
} from './ignore-rules';
import { NOT_UTF8_NAME, undecodableNames, undecodableNamesAt } from './undecodable-names';
import { sortLinks } from './links';
import type { WalkOptions, WalkResult } from './walk-result';

/**
 * Lists the handled files under `roots`. A root that is a file is taken as
 * given (the user named it); a root folder is walked with all the rules.
 * `exclude` holds absolute paths never to list (the local runtime copy).
 */
export function walk(roots: string[], exclude: ReadonlySet<string> = new Set(), options: WalkOptions = {}): WalkResult {
  const tree = new TreeWalk(roots, exclude, options);
  for (const _folder of tree.steps(roots));
  return tree.finish(roots);
}

/**
 * How a walk that a signal may stop lets it in: the event loop gets a turn when `due`, and `stopped` ends the walk.
 * `listed` hears, at each turn, how many files are listed so far.
 */
export interface WalkPauses {
  due(): boolean;
  pause(): Promise<void>;
  stopped(): boolean;
  listed?(files: number): void;
}

/**
 * The walk, giving the event loop a turn every few milliseconds (so that a signal is heard during a
 * long walk); `stopped` when `pauses` said so, with what was listed until then.
 */
export async function walkStoppably(
  roots: string[],
  exclude: ReadonlySet<string>,
  options: WalkOptions,
  pauses: WalkPauses,
): Promise<{ walked: WalkResult; stopped: boolean }> {
  const tree = new TreeWalk(roots, exclude, options);
  for (const _folder of tree.steps(roots)) {
    if (!pauses.due()) continue;
    pauses.listed?.(tree.result.files.length);
    await pauses.pause();
    if (pauses.stopped()) return { walked: tree.result, stopped: true };
  }
  return { walked: tree.finish(roots), stopped: false };
}

/** A folder the walk enters, with the rules and repository that hold there. */
interface Descent {
  dir: string;
  levels: IgnoreLevel[];
  repo: Repository | null;
  isRoot: boolean;
  /** Under a `miniprogram_npm` (builtPackages). */
  built: boolean;
  /** Under a folder the user excluded. */
  excluded: boolean;
  /** The folders of the pages the app.json at or above it lists (pageFoldersIn), absolute: never skipped. */
  pages: readonly string[];
}

/** What holds where no ignore rule is read (`gitignore: false`). */
const NO_RULES: { levels: IgnoreLevel[]; repo: null; ignoredAbove: false } = {
  levels: [],
  repo: null,
  ignoredAbove: false,
};

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
    /** The folders of the pages the app.json at or above it lists (pageFoldersIn), absolute: never skipped. */
    readonly pages: readonly string[] = [],
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
    skippedFolders: [],
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

  /** The walk, one folder at a time: a step is yielded after each folder's entries. */
  *steps(roots: string[]): Generator<void> {
    for (const root of roots) {
      const descent = this.walkRoot(root);
      if (descent) yield* this.visit(descent);
    }
  }

  /** The result, once every step was taken. */
  finish(roots: string[]): WalkResult {
    this.sayGitRefusals();
    sortLinks(this.links, roots, this.include, this.result);
    return this.result;
  }

  /**
   * A path given: a file is taken as given (the user named it), a folder walked with all the rules (returned); a link
   * is not followed.
   */
  private walkRoot(root: string): Descent | undefined {
    const { result, options } = this;
    let stat: fs.Stats;
    try {
      // lstat: a link named on the command line is not followed either.
      stat = fs.lstatSync(root);
    } catch {
      // Named by a name that is not UTF-8: said as such (the command line let it through for this).
      for (const shown of undecodableNamesAt(root)) result.problems.push({ path: shown, reason: NOT_UTF8_NAME });
      return undefined;
    }
    const name = path.basename(root);
    if (!stat.isSymbolicLink() && options.exclusions?.excludesGiven(root, stat.isDirectory()))
      return this.excludedRoot(root, name, stat);
    if (stat.isSymbolicLink()) {
      result.problems.push({
        path: root,
        reason: 'a symbolic link: links are not followed; name the file or folder it points to',
      });
    } else if (stat.isDirectory()) {
      return this.walkRootFolder(root);
    } else if (stat.isFile() && options.builtPackages && isInBuiltPackages(root) && isRewritableFile(name)) {
      this.add(root, name, true);
    } else if (stat.isFile() && this.include(name)) {
      this.add(root, name);
    } else if (stat.isFile()) {
      if (!this.exclude.has(root)) result.namedNotListed.push(root);
    } else {
      result.problems.push({ path: root, reason: notRegularFile(stat) });
    }
    return undefined;
  }

  /**
   * A path given that the user's exclusions match: a folder's listed files (the folder returned, to walk), or the file,
   * are excluded.
   */
  private excludedRoot(root: string, name: string, stat: fs.Stats): Descent | undefined {
    if (stat.isDirectory()) {
      this.result.excludedFolders.push(root);
      const above = this.useGitignore ? ancestorLevels(root, this.git) : NO_RULES;
      if ('unreadable' in above) this.result.excludedNotRead.push({ path: root, reason: above.unreadable });
      else if (!above.ignoredAbove)
        return {
          dir: root,
          levels: above.levels,
          repo: above.repo,
          isRoot: true,
          built: false,
          excluded: true,
          pages: [],
        };
    } else if (stat.isFile() && this.include(name)) this.result.excludedFiles.push(root);
    return undefined;
  }

  /** A folder given, under the rules that hold there from above it: returned, to walk, unless git ignores it. */
  private walkRootFolder(root: string): Descent | undefined {
    const above = this.useGitignore ? ancestorLevels(root, this.git) : NO_RULES;
    if ('unreadable' in above) this.notWalked(root, above, findGitRoot(root));
    else if (
      above.repo !== null &&
      above.repo.root !== root &&
      (above.ignoredAbove || isIgnored(root, true, above.levels))
    ) {
      // A folder git ignores, named on the command line: everything under it is ignored too, but for the files git
      // tracks.
      this.result.ignoredDirs++;
      if (!this.takeTracked(root, above.repo)) this.result.ignoredRoots.push(root);
    } else {
      const built = this.options.builtPackages === true && isInBuiltPackages(root);
      return {
        dir: root,
        levels: above.levels,
        repo: above.repo,
        isRoot: true,
        built,
        excluded: false,
        pages: pageFoldersAbove(root),
      };
    }
    return undefined;
  }

  /** The repositories where git refused to list the files it tracks: each a problem, said once. */
  private sayGitRefusals(): void {
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
  private *visit({ dir, levels, repo, isRoot, built, excluded, pages }: Descent): Generator<void> {
    const problems = excluded ? this.result.excludedNotRead : this.result.problems;
    const entries = this.readFolder(dir, problems);
    if (entries === null) return;
    this.result.appMarkersListed ||= entries.some((e) => e.name === APP_JSON || e.name === PLUGIN_JSON);
    const rules = this.rulesIn(dir, entries, levels, repo, isRoot, problems);
    if (rules === null) return;
    const inApp = entries.some((e) => e.name === APP_JSON && e.isFile());
    const folder = new WalkedFolder(dir, rules.levels, rules.repo, built, problems, excluded, [
      ...pages,
      ...(inApp ? pageFoldersIn(dir) : []),
    ]);
    yield;
    for (const entry of entries) {
      const below = excluded ? this.visitExcludedEntry(entry, folder) : this.visitEntry(entry, folder);
      if (below) yield* this.visit(below);
    }
  }

  /** A folder below `folder` to enter (`built`, `excluded`: as visit takes them). */
  private below(full: string, folder: WalkedFolder, built: boolean, excluded: boolean): Descent {
    return { dir: full, levels: folder.levels, repo: folder.repo, isRoot: false, built, excluded, pages: folder.pages };
  }

  /**
   * An entry under a folder the user excluded: its files of the kinds listed are excluded, under
   * git's rules and the skipped folders as elsewhere; links and special files are passed over.
   */
  private visitExcludedEntry(entry: fs.Dirent, folder: WalkedFolder): Descent | undefined {
    const name = entry.name;
    const full = folder.under + name;
    if (entry.isDirectory()) {
      const skipped =
        name === '.git' || (!this.options.everyFolder && isSkippedFolder(name) && !holdsPage(full, folder));
      if (!skipped && !isIgnored(full, true, folder.levels) && !folder.notUtf8(name))
        return this.below(full, folder, false, true);
    } else if (
      entry.isFile() &&
      this.include(name) &&
      (!isIgnored(full, false, folder.levels) || folder.repo?.tracks(full)) &&
      !folder.notUtf8(name)
    )
      this.result.excludedFiles.push(full);
    return undefined;
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

  /** An entry of a folder walked; a folder below it to enter is returned. */
  private visitEntry(entry: fs.Dirent, folder: WalkedFolder): Descent | undefined {
    const name = entry.name;
    const full = folder.under + name;
    if (entry.isSymbolicLink()) this.metLink(full, folder);
    else if (entry.isDirectory()) return this.metFolder(name, full, folder);
    else if (folder.built) this.metBuiltFile(entry, name, full, folder);
    else if (entry.isFile() && this.include(name)) this.metListedFile(name, full, folder);
    else if (entry.isFile() && isUnfinishedWrite(name)) this.result.unfinishedWrites.push(full);
    else if (!entry.isFile()) this.metSpecialFile(entry, name, full, folder);
    return undefined;
  }

  /** Under miniprogram_npm too: a package linked from outside the paths given is named, not passed over. */
  private metLink(full: string, folder: WalkedFolder): void {
    if (isIgnored(full, false, folder.levels)) {
      if (!folder.built) this.result.ignoredFiles++;
    } else this.links.push(full);
  }

  private metFolder(name: string, full: string, folder: WalkedFolder): Descent | undefined {
    if (name === '.git') return undefined;
    if (folder.built) return isSkippedInBuiltPackages(name) ? undefined : this.enterBuiltPackages(name, full, folder);
    if (!this.options.everyFolder && isSkippedFolder(name) && !holdsPage(full, folder)) {
      this.result.ignoredDirs++;
      // Counted as before; its scripts are read only for the calls a person must see, and,
      // where git ignores it, those of its files git tracks all the same.
      if (name === BUILT_PACKAGES_FOLDER && this.options.builtPackages)
        return this.enterBuiltPackages(name, full, folder);
      // Build output git does not ignore: named where it holds legacy calls (skipped-folders.ts), never in silence.
      if (this.options.skippedFolders && OUTPUT_FOLDERS.has(name) && !isIgnored(full, true, folder.levels))
        this.result.skippedFolders.push(full);
      return undefined;
    }
    if (isIgnored(full, true, folder.levels)) {
      this.result.ignoredDirs++;
      this.takeTracked(full, folder.repo);
      return undefined;
    }
    if (folder.notUtf8(name)) return undefined;
    const excluded = this.options.exclusions?.excludes(full, true) === true;
    if (excluded) this.result.excludedFolders.push(full);
    return this.below(full, folder, false, excluded);
  }

  /**
   * A folder under a `miniprogram_npm` (or the folder itself): what git ignores there is passed over, but for the files
   * it tracks (force-added).
   */
  private enterBuiltPackages(name: string, full: string, folder: WalkedFolder): Descent | undefined {
    if (isIgnored(full, true, folder.levels)) this.takeTracked(full, folder.repo, true);
    else if (!folder.notUtf8(name)) return this.below(full, folder, true, false);
    return undefined;
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

/** Whether a page app.json lists lies in `dir` or below it: then the folder is source, whatever its name. */
function holdsPage(dir: string, folder: WalkedFolder): boolean {
  return folder.pages.some((page) => page === dir || page.startsWith(dir + path.sep));
}

/** The page folders (absolute) of the app.json in `dir`; none where it cannot be read (said where it is read as a config). */
function pageFoldersIn(dir: string): string[] {
  try {
    return appJsonPageFolders(parseJsonText(readSideText(path.join(dir, APP_JSON)))).map((page) =>
      path.join(dir, page),
    );
  } catch {
    return [];
  }
}

/** The page folders of the nearest app.json at or above a root folder given (a walk of `src/pages` meets none). */
function pageFoldersAbove(root: string): string[] {
  for (let dir = path.resolve(root); ; dir = path.dirname(dir)) {
    if (isRegularFile(path.join(dir, APP_JSON))) return pageFoldersIn(dir);
    if (path.dirname(dir) === dir) return [];
  }
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Why a FIFO, socket or device is not read: its kind, in the words every door uses. */
function notRegularFile(kind: fs.Dirent | fs.Stats): string {
  return `${fileKindWords(kind)}: not opened`;
}
