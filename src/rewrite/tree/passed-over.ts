/**
 * Whether the walk's folder rules pass over a path it did not list (a runtime copy the run would
 * write): a dependency, build or hidden folder, what the user's --exclude leaves out, what git
 * ignores. The walk enters a path it was given whatever its name, so only the folders below the
 * paths given count. Asked by the write gate (src/files/write-gate.ts), so that no write lands
 * where the run itself does not look.
 */
import * as path from 'path';
import { isSkippedFolder } from '../rules/file-kinds';
import type { Exclusions } from './exclusions';
import { WalkGit } from './git-root';
import { ancestorLevels, isIgnored, type IgnoreLevel } from './ignore-rules';
import { isAtOrUnder } from './paths';

/** Why the walk passes over a path: `at` is the folder (or the file itself) its rule names. */
export interface PassedOver {
  at: string;
  why: 'skipped' | 'excluded' | 'ignored' | 'rulesUnread';
  /** For `rulesUnread`: why git's ignore rules there could not be read. */
  detail?: string;
}

/** The walk's folder rules of one run: the paths given (absolute) and the user's exclusions. */
export class WalkRules {
  /** One git for the run's questions: it asks each repository's configuration once. */
  private readonly git = new WalkGit();

  constructor(
    readonly roots: readonly string[],
    readonly exclusions: Exclusions | null,
  ) {}

  /**
   * Why the walk passes over `file` (absolute, normalized) or a folder on its way, outermost first; null when it would
   * list it. `from`: the folder the question starts below (the project the file is in).
   */
  passedOver(file: string, from: string): PassedOver | null {
    const folders = this.foldersBelowRoots(file, from);
    const byName = folders.find((dir) => isSkippedFolder(path.basename(dir)));
    if (byName !== undefined) return { at: byName, why: 'skipped' };
    const excluded = [...folders, file].find((at) => this.exclusions?.excludes(at, at !== file));
    if (excluded !== undefined) return { at: excluded, why: 'excluded' };
    return this.ignoredOnTheWay(file, folders);
  }

  /** The folders between `from` and `file` (both left out) that lie below every path given to them. */
  private foldersBelowRoots(file: string, from: string): string[] {
    const folders: string[] = [];
    for (let dir = path.dirname(file); dir !== from && isAtOrUnder(dir, from); dir = path.dirname(dir)) {
      // The walk enters a path given, and every folder above it, whatever its name.
      if (!this.roots.some((root) => isAtOrUnder(root, dir))) folders.unshift(dir);
      if (path.dirname(dir) === dir) break;
    }
    return folders;
  }

  /**
   * The outermost folder on the way (or the file) that git ignores, as the walk reads git's rules; none where git tracks
   * the file anyway (the walk takes a tracked file under an ignored folder).
   */
  private ignoredOnTheWay(file: string, folders: readonly string[]): PassedOver | null {
    const above = ancestorLevels(file, this.git);
    if ('unreadable' in above) return { at: path.dirname(file), why: 'rulesUnread', detail: above.unreadable };
    if (above.repo === null) return null;
    const ignored = firstIgnored(file, folders, above.levels);
    if (ignored === undefined || above.repo.tracks(file)) return null;
    return { at: ignored, why: 'ignored' };
  }
}

/** The outermost of `folders`, then `file`, that the rules ignore: what lies under an ignored folder is ignored too. */
function firstIgnored(file: string, folders: readonly string[], levels: IgnoreLevel[]): string | undefined {
  for (const dir of folders) if (isIgnored(dir, true, levels)) return dir;
  return isIgnored(file, false, levels) ? file : undefined;
}
