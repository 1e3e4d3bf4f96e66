/**
 * The user's exclusions (`--exclude <glob>`, the options table's `exclude`): gitignore patterns
 * read as one .gitignore in the current folder, by the gate the walk reads .gitignore files
 * with (IgnorePatterns). Apart from git's rules: an excluded file is left out whether git tracks
 * it or not, and a .gitignore's `!` cannot bring it back. What is left out is never dropped in
 * silence: the doors name each excluded file whose text names a legacy API (excludedNamingLegacyApi).
 */
import * as fs from 'fs';
import * as path from 'path';
import { excludePatternProblem, OptionsError } from '../rules/options-schema';
import { mightContainLegacyCallBytes } from '../rules/prefilter';
import { IGNORED, IgnorePatterns } from './ignore-patterns';
import { counted, isAtOrUnder, toPosixPath } from './paths';
import { readSideBytes } from './side-file';

/**
 * Whether ignore rules match regardless of case where git cannot say (no repository, git not
 * installed or failing): as git's core.ignoreCase would be where git creates a repository, true
 * on a file system that ignores case (macOS, Windows by default), false elsewhere (Linux).
 */
export const PLATFORM_IGNORE_CASE = process.platform === 'darwin' || process.platform === 'win32';

/** Why `pattern` cannot be an exclusion (the options table's words, excludePatternProblem); null for a good one. */
export function exclusionProblem(pattern: string): string | null {
  return excludePatternProblem(pattern);
}

/** The exclusions of one run: the patterns, matched below `base` (the current folder). */
export class Exclusions {
  private readonly prefix: string;
  /** Each folder asked of, and whether it is excluded (itself or by a folder above it): each is matched once. */
  private readonly folders = new Map<string, boolean>();

  private constructor(
    readonly base: string,
    private readonly patterns: IgnorePatterns,
  ) {
    this.prefix = base.endsWith(path.sep) ? base : base + path.sep;
  }

  /**
   * The exclusions of `patterns` below `base`; null for none. Throws OptionsError for a pattern
   * that makes no rule, naming the option and what it allows.
   */
  static of(patterns: readonly string[] | undefined, base: string): Exclusions | null {
    if (patterns === undefined || patterns.length === 0) return null;
    const anchored: string[] = [];
    for (const pattern of patterns) {
      const problem = exclusionProblem(pattern);
      if (problem !== null) throw new OptionsError(`option --exclude '${pattern}': ${problem}`);
      const below = patternBelow(pattern, path.resolve(base));
      if ('problem' in below) throw new OptionsError(`option --exclude '${pattern}': ${below.problem}`);
      anchored.push(below.pattern);
    }
    // Patterns match as the walk's rules do where git cannot say: the user's are not any repository's.
    return new Exclusions(path.resolve(base), IgnorePatterns.ofPatterns(anchored, PLATFORM_IGNORE_CASE));
  }

  /**
   * Whether `full` (absolute, normalized) is excluded, by a pattern or as under an excluded folder; `isDir`: it is a
   * folder. Nothing outside the current folder is.
   */
  excludes(full: string, isDir: boolean): boolean {
    if (!full.startsWith(this.prefix)) return false;
    const rel = toPosixPath(full.slice(this.prefix.length));
    const slash = rel.lastIndexOf('/');
    if (slash !== -1 && this.folderExcluded(rel.slice(0, slash))) return true;
    return isDir ? this.folderExcluded(rel) : this.patterns.verdict(rel, false) === IGNORED;
  }

  /** Whether `full`, a path given on the command line, or a folder above it below the current folder, is excluded. */
  excludesGiven(full: string, isDir: boolean): boolean {
    return isAtOrUnder(full, this.base) && full !== this.base && this.excludes(full, isDir);
  }

  /** Whether the folder `rel` is excluded, by a pattern or as under an excluded folder (as git's rules have it). */
  private folderExcluded(rel: string): boolean {
    let excluded = this.folders.get(rel);
    if (excluded === undefined) {
      const slash = rel.lastIndexOf('/');
      excluded =
        (slash !== -1 && this.folderExcluded(rel.slice(0, slash))) || this.patterns.verdict(rel, true) === IGNORED;
      this.folders.set(rel, excluded);
    }
    return excluded;
  }
}

/**
 * A pattern as it is matched below `base` (the current folder, absolute), where git would match
 * nothing by it: one that starts with `base`'s own path (`$PWD/src/legacy/`) is taken from there
 * (`/src/legacy/`), and one with `.` or `..` segments (`src/legacy/../a.js`) is resolved, and
 * anchored to `base` as the path it names is (`/src/a.js`). A problem, naming what is allowed,
 * where that cannot be done: it names `base` itself, climbs above it, or climbs out of a wildcard.
 */
export function patternBelow(pattern: string, base: string): { pattern: string } | { problem: string } {
  const negation = pattern.startsWith('!') ? '!' : '';
  let body = pattern.slice(negation.length);
  const own = toPosixPath(base).replace(/\/*$/, '/');
  if (`${body}/`.startsWith(own)) {
    body = body.slice(own.length - 1);
    if (body === '' || body === '/') return { problem: namesBase(base) };
  } else if (isPathOutside(body, base)) {
    return {
      problem: `it is an absolute path outside the current folder (${base}), and patterns match below it: run from a folder that holds it, and write the path from there`,
    };
  }
  const segments = body.split('/');
  if (!segments.includes('.') && !segments.includes('..')) return { pattern: negation + body };
  const kept: string[] = [];
  for (const segment of segments) {
    if (segment === '' || segment === '.') continue;
    if (segment !== '..') kept.push(segment);
    else if (kept.length === 0)
      return { problem: 'it reaches above the current folder: run from a folder that holds it' };
    else if (/[*?[]/.test(kept[kept.length - 1]))
      return {
        problem: `its .. follows a wildcard (${kept[kept.length - 1]}), which names no one folder: write the path without ..`,
      };
    else kept.pop();
  }
  if (kept.length === 0) return { problem: namesBase(base) };
  return { pattern: `${negation}/${kept.join('/')}${body.endsWith('/') ? '/' : ''}` };
}

/**
 * Whether an anchored pattern (`/x/y`) is rather an absolute path outside `base`: it has no wildcard, its first folder
 * is there at the root of the file system, and not in `base`.
 */
function isPathOutside(body: string, base: string): boolean {
  const first = /^\/([^/]+)/.exec(body)?.[1];
  if (first === undefined || /[*?[\\]/.test(body)) return false;
  return fs.existsSync(path.join(path.parse(base).root, first)) && !fs.existsSync(path.join(base, first));
}

function namesBase(base: string): string {
  return `it names the current folder itself (${base}): name what to leave out below it`;
}

/** What the doors say of the excluded files: those whose text names a legacy API, and those that could not be read. */
export interface ExcludedScan {
  namingLegacyApi: string[];
  notRead: { path: string; reason: string }[];
}

/**
 * The excluded files whose bytes name a legacy API, by the pre-filter alone (no parser: a name in
 * a comment counts too), and those that could not be read. A read and a byte search each: the
 * cost of the codemod's own first look at a file.
 */
export function excludedNamingLegacyApi(files: readonly string[]): ExcludedScan {
  const scan: ExcludedScan = { namingLegacyApi: [], notRead: [] };
  for (const file of files) {
    let bytes: Buffer;
    try {
      // Whatever its size: an excluded file is only searched, never parsed.
      bytes = readSideBytes(file, Number.POSITIVE_INFINITY);
    } catch (error) {
      const { code, message } = error as NodeJS.ErrnoException;
      scan.notRead.push({ path: file, reason: `could not be read: ${code ?? message}` });
      continue;
    }
    if (mightContainLegacyCallBytes(bytes)) scan.namingLegacyApi.push(file);
  }
  return scan;
}

/** What a run left out by the user's exclusions, for its summary (paths absolute). */
export interface ExcludedReport {
  /** The outermost folders excluded: not walked as sources. */
  folders: string[];
  /** How many files of the kinds the run reads were excluded, in those folders or by a pattern. */
  files: number;
  /** Those whose text names a legacy API, by the pre-filter: each named, never dropped in silence. */
  namingLegacyApi: string[];
  /** What could not be read under them (a folder, a file), with the reason. */
  notRead: { path: string; reason: string }[];
}

/** The summary of what a walk excluded (excludedFolders, excludedFiles, excludedNotRead): each file searched once. */
export function excludedReport(walked: {
  excludedFolders: readonly string[];
  excludedFiles: readonly string[];
  excludedNotRead: readonly { path: string; reason: string }[];
}): ExcludedReport {
  const scan = excludedNamingLegacyApi(walked.excludedFiles);
  return {
    folders: [...walked.excludedFolders],
    files: walked.excludedFiles.length,
    namingLegacyApi: scan.namingLegacyApi,
    notRead: [...walked.excludedNotRead, ...scan.notRead],
  };
}

/**
 * The summary's lines on what was excluded, as the codemod and the audit say them: the counts,
 * then each file that names a legacy API, then what could not be read; `show` gives a path as the
 * report shows it.
 */
export function excludedLines(report: ExcludedReport, show: (file: string) => string, indent = '  '): string[] {
  const naming = report.namingLegacyApi.length;
  const lines = [
    `${indent}excluded: ${counted(report.files, 'file')} (${naming} ${naming === 1 ? 'names' : 'name'} a legacy API), ` +
      counted(report.folders.length, 'folder'),
  ];
  for (const file of report.namingLegacyApi) lines.push(`${indent}  ${show(file)}  names a legacy API (excluded)`);
  for (const { path: file, reason } of report.notRead) lines.push(`${indent}  ${show(file)}  excluded, ${reason}`);
  return lines;
}
