/**
 * How the audit writes a path: absolute with forward slashes (normalize), relative to where it
 * runs (relative), and whether it is inside the scopes asked (isInside).
 */
import * as path from 'path';
import { isAtOrUnder, toPosixPath } from '../rewrite/light';

export function normalize(file: string): string {
  return toPosixPath(path.resolve(file));
}

/** `file` relative to `from`, with forward slashes, as reports show it. */
export function relative(from: string, file: string): string {
  return toPosixPath(path.relative(from, file)) || '.';
}

export function isInside(file: string, scopes: string[]): boolean {
  return scopes.length === 0 || scopes.some((scope) => isAtOrUnder(file, scope, '/'));
}
