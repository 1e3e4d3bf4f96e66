/**
 * Paths as every report, ignore rule and import specifier writes them: with forward
 * slashes, whatever the platform's separator.
 */
import * as path from 'path';

export function toPosixPath(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}
