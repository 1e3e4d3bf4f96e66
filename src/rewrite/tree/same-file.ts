/**
 * One name per file, for a walk over several paths. The walk follows no link below a path
 * given, so one path reaches each file once; two paths can reach the same file twice, through a
 * link (or a mount) on the way to one of them: `src` and `app/src` where `app` links to the
 * project, `pages/a.js` and `alias/pages/a.js`. A run that read both would write the file twice,
 * the second write finding it "changed"; an audit would count its references twice.
 *
 * A file is known by its folder's real path (one realpath per folder, not per file) and its
 * name, so two hard links of one file stay two names, as they are: the codemod refuses each.
 */
import * as fs from 'fs';
import * as path from 'path';
import { firstTen } from './paths';
import type { WalkResult } from './walk-result';

/** A name dropped, and the first name of the same file, which was kept. */
export interface SecondName {
  file: string;
  sameAs: string;
}

/** The lists of a walk that name files to read. */
type FileLists = Pick<
  WalkResult,
  'files' | 'minifiedByName' | 'builtPackageFiles' | 'otherComponents' | 'unfinishedWrites'
>;

/**
 * Drops, from each list of `walked`, every name of a file already listed under another (the
 * first kept, in the walk's order), and returns the names dropped. Over a single path there is
 * nothing to drop, and nothing is resolved.
 */
export function keepOneNamePerFile(roots: readonly string[], walked: FileLists): SecondName[] {
  if (roots.length < 2) return [];
  const realFolders = new Map<string, string>();
  const firstName = new Map<string, string>();
  const dropped: SecondName[] = [];
  const realName = (file: string): string => {
    const folder = path.dirname(file);
    let real = realFolders.get(folder);
    if (real === undefined) {
      real = realPathOr(folder);
      realFolders.set(folder, real);
    }
    return path.join(real, path.basename(file));
  };
  const firstNamesOnly = (files: string[]): string[] =>
    files.filter((file) => {
      const key = realName(file);
      const first = firstName.get(key);
      if (first === undefined) {
        firstName.set(key, file);
        return true;
      }
      if (first !== file) dropped.push({ file, sameAs: first });
      return false;
    });
  walked.files = firstNamesOnly(walked.files);
  walked.minifiedByName = firstNamesOnly(walked.minifiedByName);
  walked.builtPackageFiles = firstNamesOnly(walked.builtPackageFiles);
  walked.otherComponents = firstNamesOnly(walked.otherComponents);
  walked.unfinishedWrites = firstNamesOnly(walked.unfinishedWrites);
  return dropped;
}

/** The folder's real path; the path itself where it cannot be resolved (the read says why, later). */
function realPathOr(folder: string): string {
  try {
    return fs.realpathSync.native(folder);
  } catch {
    return folder;
  }
}

/**
 * What the run and the audit say of the names dropped, with `rel` writing a path for the reader; null when none was.
 */
export function secondNamesWarning(dropped: readonly SecondName[], rel: (file: string) => string): string | null {
  if (dropped.length === 0) return null;
  const pairs = firstTen(dropped.map(({ file, sameAs }) => `${rel(file)} is ${rel(sameAs)}`));
  const count = dropped.length === 1 ? 'a file' : `${dropped.length} files`;
  return `the paths given reach ${count} a second time, under another name (through a link or a mount on the way): each is read once, by the name met first: ${pairs.join(', ')}`;
}
