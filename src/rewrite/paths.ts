/**
 * Paths as every report, ignore rule and import specifier writes them: with forward
 * slashes, whatever the platform's separator.
 */
import * as fs from 'fs';
import * as path from 'path';

/** Upwards from `start` (itself first): the first answer `pick` gives for a folder; undefined when none up to the root gives one. */
export function findUp<T>(start: string, pick: (dir: string) => T | undefined): T | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const answer = pick(dir);
    if (answer !== undefined) return answer;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/**
 * The nearest folder at or above `start` that holds `entry` (a file or folder of that name);
 * undefined when none does up to the root, or up to `stopAt` (itself included).
 */
export function folderHolding(start: string, entry: string, stopAt?: string | null): string | undefined {
  return findUp(start, (dir) => (fs.existsSync(path.join(dir, entry)) ? dir : dir === stopAt ? null : undefined)) ?? undefined;
}

export function toPosixPath(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** Whether `file` is `folder` or lies under it, both written with `sep` (the platform's, or '/' for posix paths). */
export function isAtOrUnder(file: string, folder: string, sep: string = path.sep): boolean {
  return file === folder || file.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}
