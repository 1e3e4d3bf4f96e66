/**
 * Paths as every report, ignore rule and import specifier writes them: with forward
 * slashes, whatever the platform's separator.
 */
import * as path from 'path';

/** Upwards from `start` (itself first): the first answer `pick` gives for a folder; undefined when none up to the root gives one. */
export function findUp<T>(start: string, pick: (dir: string) => T | undefined): T | undefined {
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    const answer = pick(dir);
    if (answer !== undefined) return answer;
    if (path.dirname(dir) === dir) return undefined;
  }
}

export function toPosixPath(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
