/**
 * What the audit's walk finds under the paths given (the engine's walk, as the codemod's sees
 * them): the sources and .vue files, and what it could not read, did not read or passed over.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  counted,
  excludedReport,
  findGitRoot,
  indexListingOf,
  isAuditedFile,
  keepOneNamePerFile,
  kindRefusal,
  mayHaveFilesOffDisk,
  notCheckedOut,
  notCheckedOutWarnings,
  NOT_UTF8_NAME,
  secondNamesWarning,
  trustTheRepository,
  walk,
  type ExcludedReport,
  type Exclusions,
} from '../rewrite/light';
import { normalize, relative } from './paths';

export interface IgnoredCount {
  folders: number;
  files: number;
}
/** What walkSources found, and what it could not read, did not read, or passed over. */
interface WalkedSources {
  found: string[];
  unreadable: string[];
  /** Files and folders whose name is not UTF-8 (classifyFile: Node opens nothing by it): failures, as the codemod's. */
  unreadableNames: string[];
  /** The build-output folders passed over that git does not ignore (WalkResult.skippedFolders), normalized. */
  skippedFolders: string[];
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
export function walkSources(cwd: string, entries: string[], exclusions: Exclusions | null): WalkedSources {
  // What git ignores as the codemod's walk has it: a file the codemod never migrates is not "left" by it.
  const repositories: string[] = [];
  const walked = walk(entries, new Set(), {
    include: isAuditedFile,
    builtPackages: true,
    otherComponents: true,
    onRepository: (root) => repositories.push(root),
    exclusions,
    skippedFolders: true,
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
  const unreadableNames: string[] = [];
  for (const problem of walked.problems)
    if (problem.reason === NOT_UTF8_NAME) unreadableNames.push(problem.path);
    else unreadable.push(`${relative(cwd, problem.path)}: ${problem.reason}`);
  return {
    found,
    unreadable,
    unreadableNames,
    skippedFolders: walked.skippedFolders.map(normalize),
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
export function linkWarnings(
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
