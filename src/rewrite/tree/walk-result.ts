/**
 * What a walk is asked (WalkOptions) and what it finds (WalkResult), with the words both doors
 * use for what it passed over.
 */
import type { Exclusions } from './exclusions';

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
  /**
   * Build-output folders (file-kinds.ts, OUTPUT_FOLDERS) the walk passed over that git does not ignore, outermost only,
   * when asked (WalkOptions.skippedFolders): the doors name each that holds legacy calls (skipped-folders.ts).
   */
  skippedFolders: string[];
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
  /** List the build-output folders passed over that git does not ignore in skippedFolders (the codemod and the audit). */
  skippedFolders?: boolean;
}

/** What a walk passed over (WalkResult's ignoredDirs and ignoredFiles), as both doors' summaries word it. */
export function ignoredWords(folders: number, files: number): string {
  return `ignored ${folders + files} [${folders} folders, ${files} files]`;
}
