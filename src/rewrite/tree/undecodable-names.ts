/**
 * Names that are not UTF-8 (GBK and the like), which Node decodes lossily and cannot open: found
 * with their bytes kept, for the walk's problems and for a path given on the command line.
 */
import * as fs from 'fs';
import * as path from 'path';
import { keepUndecodable } from './paths';
import { classifyFile } from '../rules/file-class';
import { unreadableNameRefusal } from '../rules/refusal';

/** Why a name that is not UTF-8 is not opened (file-class.ts): the walk's problem for that file or folder. */
export const NOT_UTF8_NAME = unreadableNameRefusal().message;

/**
 * The names in `dir` that are not UTF-8, by the name Node decoded each to (U+FFFD for what did
 * not decode), each with its bytes kept (keepUndecodable). Several can decode to one name.
 */
export function undecodableNames(dir: string): Map<string, { shown: string[]; said: boolean }> {
  const names = new Map<string, { shown: string[]; said: boolean }>();
  let raw: Buffer[];
  try {
    raw = fs.readdirSync(dir, { encoding: 'buffer' });
  } catch {
    return names;
  }
  for (const bytes of raw) {
    const decoded = bytes.toString('utf8');
    if (!decoded.includes('\uFFFD') || classifyFile({ name: bytes })?.reason !== 'unreadableName') continue;
    const entry = names.get(decoded) ?? { shown: [], said: false };
    entry.shown.push(keepUndecodable(bytes));
    names.set(decoded, entry);
  }
  return names;
}

/**
 * A path named on the command line that Node decoded lossily (U+FFFD), and that so opens
 * nothing: the entries it stands for, each with its bytes kept (keepUndecodable), at the first
 * such name on the way (`d\xff/page.js`: the folder `d\xff`, below which nothing opens). None
 * when it is not one: a path that is simply not there.
 */
export function undecodableNamesAt(file: string): string[] {
  let first: string | undefined;
  for (let at = file; at !== path.dirname(at); at = path.dirname(at))
    if (path.basename(at).includes('\uFFFD')) first = at;
  if (first === undefined) return [];
  const dir = path.dirname(first);
  return (undecodableNames(dir).get(path.basename(first))?.shown ?? []).map((shown) => path.join(dir, shown));
}
