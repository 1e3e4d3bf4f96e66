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

/**
 * What would break a one-line log or drive the terminal if printed as it is: the C0 and C1
 * control characters and DEL, the line and paragraph separators, and the bidirectional
 * overrides and isolates (they reorder what follows them on screen). All legal in a file name.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * A path, or a line another program wrote (git's), as a person's output shows it: each
 * character of UNPRINTABLE escaped visibly (`\n`, `\x1b`, `\u202e`), the rest as it is, so that
 * a crafted name cannot print a line of its own. The one helper for every path printed for a
 * person; JSON output keeps paths exact.
 */
export function printable(text: string): string {
  if (!UNPRINTABLE.test(text)) return text;
  return text.replace(UNPRINTABLE_ALL, (c) => {
    const code = c.charCodeAt(0);
    return SHORT_ESCAPES[c] ?? (code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/**
 * A file name's bytes as text: UTF-8 where they are, each byte that is not as `\xNN` (a GBK
 * name from a Windows zip: `\xd6\xd0.js`). Node decodes such a name lossily (U+FFFD), and the
 * decoded name opens nothing: this is what a person is shown instead.
 */
export function escapeUndecodable(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const b = bytes[i];
    const length = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length > 0 && i + length <= bytes.length) {
      try {
        out += decoder.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // not one character: its first byte is escaped below
      }
    }
    out += `\\x${b.toString(16).padStart(2, '0')}`;
    i++;
  }
  return out;
}
