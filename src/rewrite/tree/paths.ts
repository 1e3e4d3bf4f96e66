/**
 * Paths as every report, ignore rule and import specifier writes them: with forward
 * slashes, whatever the platform's separator.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * Upwards from `start` (itself first): the first answer `pick` gives for a folder; undefined when none up to the root
 * gives one.
 */
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
  return (
    findUp(start, (dir) => (fs.existsSync(path.join(dir, entry)) ? dir : dir === stopAt ? null : undefined)) ??
    undefined
  );
}

export function toPosixPath(p: string): string {
  return path.sep === '/' ? p : p.split(path.sep).join('/');
}

/** A count and its noun, the one way every report writes a plural: `1 place`, `2 places`, `0 files`. */
export function counted(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

/** The first ten items of a list, then how many more: what a message shows of a long list. */
export function firstTen(items: string[]): string[] {
  return items.length > 10 ? [...items.slice(0, 10), `… and ${items.length - 10} more`] : items;
}

/** Whether `file` is `folder` or lies under it, both written with `sep` (the platform's, or '/' for posix paths). */
export function isAtOrUnder(file: string, folder: string, sep: string = path.sep): boolean {
  return file === folder || file.startsWith(folder.endsWith(sep) ? folder : folder + sep);
}

/**
 * What would break a one-line log or drive the terminal if printed as it is: the C0 and C1
 * control characters and DEL, the line and paragraph separators, and the bidirectional
 * overrides and isolates (they reorder what follows them on screen). All legal in a file name.
 * And a lone surrogate, which no terminal shows: U+DC80–U+DCFF are the bytes of a name that is
 * not UTF-8 (keepUndecodable), any other one is written as its code.
 */
// eslint-disable-next-line no-control-regex -- control characters are what it finds
const UNPRINTABLE = /[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]/u;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'gu');
const UNPRINTABLE_OR_BACKSLASH = new RegExp(`${UNPRINTABLE.source}|\\\\`, 'gu');
const SHORT_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\\': '\\\\' };

/**
 * The byte 0x80–0xff that a character kept by keepUndecodable (a lone surrogate U+DC80–U+DCFF) stands for, else
 * undefined.
 */
function undecodableByte(code: number): number | undefined {
  return code >= 0xdc80 && code <= 0xdcff ? code - 0xdc00 : undefined;
}

// In u mode a class of surrogates matches only lone ones: the halves of a pair are one character there.
const UNDECODABLE_ALL = /[\udc80-\udcff]/gu;
const UNDECODABLE_ONE = new RegExp(UNDECODABLE_ALL.source, 'u');
const LONE_SURROGATE_ALL = /[\ud800-\udfff]/gu;

/**
 * A character of UNPRINTABLE as it is shown: `\n`, `\x1b`, `\xd6` (a byte of a name that is not UTF-8), `\u202e`.
 * `\xNN` is a byte, `\uNNNN` a character: a C1 control (U+0080–U+009F) is written `\u0085`, so that it never reads
 * as the byte 0x85 of a name that is not UTF-8.
 */
function escaped(c: string): string {
  const code = c.charCodeAt(0);
  const byte = undecodableByte(code);
  if (byte !== undefined) return `\\x${byte.toString(16)}`;
  return (
    SHORT_ESCAPES[c] ??
    (code < 0x80 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`)
  );
}

/**
 * A path, or a line another program wrote (git's), as a person's output shows it: each
 * character of UNPRINTABLE escaped visibly (`\n`, `\x1b`, `\u202e`), the rest as it is, so that
 * a crafted name cannot print a line of its own. The one helper for every path printed for a
 * person, applied once, where the text is printed; JSON output keeps paths exact (reportJson).
 *
 * The backslash that starts those escapes is itself written `\\` wherever it is a character a
 * name can hold, so that every escape reads one way: a file named `a\nb.js` (a backslash and an
 * n) prints `a\\nb.js`, one whose name holds a line break prints `a\nb.js`. Doubling it always,
 * rather than only in a text that has something else to escape, is what keeps the two apart,
 * and costs an ordinary path nothing: where `/` is the separator, names rarely hold a backslash.
 * Where the separator is `\` (Windows), a name can hold none, so a backslash there is a
 * separator of a path in the text (Node's error messages name `C:\app\src`) and is left as it
 * is: doubling it would make every such path harder to read and tell nothing apart.
 */
export function printable(text: string): string {
  return printableWhereSeparatorIs(path.sep, text);
}

/** Whether printable() shows some character of `text` escaped (a backslash aside): a control, a line break, a byte. */
export function holdsUnprintable(text: string): boolean {
  return UNPRINTABLE.test(text);
}

/** printable() on a platform whose path separator is `sep` (the tests ask it of Windows'). */
export function printableWhereSeparatorIs(sep: string, text: string): string {
  const escapesBackslash = sep !== '\\';
  if (!UNPRINTABLE.test(text) && !(escapesBackslash && text.includes('\\'))) return text;
  return text.replace(escapesBackslash ? UNPRINTABLE_OR_BACKSLASH : UNPRINTABLE_ALL, escaped);
}

/**
 * A message that names paths (or quotes another program's lines) and has lines of its own: each
 * named text goes through `show`, which writes it for the reader. A person's output shows them
 * printable() and the message's own line breaks as they are; a JSON report takes them `exact`.
 * Escaping once, at the words, is what a whole message escaped on printing could not do: it
 * would escape its own line breaks too.
 */
export type Wording = (show: (text: string) => string) => string;

/** The `show` of a JSON report: each text as it is. */
export const exact = (text: string): string => text;

/**
 * A file name's bytes as a string that keeps them: UTF-8 where they are, each byte that is not
 * as the lone surrogate U+DC00 + byte (as Python's "surrogateescape" keeps such names). Node
 * decodes such a name lossily (U+FFFD), and the decoded name opens nothing; this one says which
 * bytes it had: printable() shows each as `\xNN` (a GBK name from a Windows zip: `\xd6\xd0.js`),
 * reportJson writes it so in JSON, which cannot hold a lone surrogate portably.
 */
export function keepUndecodable(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const length =
      b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (length > 0 && i + length <= bytes.length) {
      try {
        out += decoder.decode(bytes.subarray(i, i + length));
        i += length;
        continue;
      } catch {
        // not one character: its first byte is kept below
      }
    }
    out += String.fromCharCode(0xdc00 + b);
    i++;
  }
  return out;
}

/** Whether a path holds a name that is not UTF-8, kept by keepUndecodable (and so opens nothing). */
export function holdsUndecodableName(text: string): boolean {
  return UNDECODABLE_ONE.test(text);
}

/**
 * The bytes of a path that holds a name that is not UTF-8 (keepUndecodable), in base64: what a
 * JSON report gives beside its `path` (where those bytes read `\xNN`), so that a program can
 * open the file by them. Undefined for any other path: its `path` is exact.
 */
export function undecodablePathBytes(text: string): string | undefined {
  if (!holdsUndecodableName(text)) return undefined;
  return nameBytes(text).toString('base64');
}

/**
 * The bytes a name stands for: UTF-8, but each byte kept by keepUndecodable as itself (so that
 * keepUndecodable(nameBytes(name)) is a name it gave again), and any other lone surrogate (a
 * Windows name may hold one) as its three bytes in WTF-8.
 */
export function nameBytes(text: string): Buffer {
  const bytes: number[] = [];
  for (const c of text) {
    const code = c.charCodeAt(0);
    const byte = undecodableByte(code);
    if (byte !== undefined) bytes.push(byte);
    else if (c.length === 1 && code >= 0xd800 && code <= 0xdfff)
      bytes.push(0xe0 | (code >> 12), 0x80 | ((code >> 6) & 0x3f), 0x80 | (code & 0x3f));
    else bytes.push(...Buffer.from(c, 'utf8'));
  }
  return Buffer.from(bytes);
}

/**
 * A text as a JSON report holds it: exact, but for the bytes of a name that is not UTF-8
 * (keepUndecodable), written `\xNN` as a person reads them, and any other lone surrogate written
 * `\uNNNN`: JSON could hold them only as lone surrogates (`\udcd6`), which many parsers refuse or
 * replace. The one escaping function of every string in a JSON report (reportJson) and in SARIF.
 */
export function jsonText(text: string): string {
  return text.replace(LONE_SURROGATE_ALL, escaped);
}

/** How JSON.stringify writes a lone surrogate (`\udcd6`, always lower case). */
const ESCAPED_SURROGATE = /\\ud[89a-f][0-9a-f]{2}/;

/** A report as the doors print it under --json: indented, every string in it as jsonText gives it. */
export function reportJson(value: unknown): string {
  const plain = JSON.stringify(value, null, 2);
  // Without a lone surrogate no string changes; a replacer would take V8 off its fast path for every report.
  if (!ESCAPED_SURROGATE.test(plain)) return plain;
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? jsonText(v) : v), 2);
}
