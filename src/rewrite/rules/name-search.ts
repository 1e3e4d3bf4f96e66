/**
 * "Does this text contain one of these names?", answered in one pass over the text however many
 * names there are, faster than a regular expression of the names joined by `|` (which V8 runs as
 * an alternation at every position of the text) or than one native `indexOf` per name; and, for
 * bytes, without decoding them at all.
 *
 * Wu and Manber's multi-pattern search: each name is seen through a window of `m` characters
 * (`m` the length of the shortest name), and a table says, for each pair of characters, how far
 * the window may move when that pair ends it: the distance from the pair's last place in any
 * name's window to that window's end, or `m - 1` for a pair in none. Only where a pair ends a
 * window (a move of 0) are the names whose window ends in it compared in place. A name's window
 * is the one of its pairs rarest in code (those with a capital or a digit, which lowercase-only
 * pairs outnumber). A name occurs only where its window does, and no move ever skips a place
 * where one ends, so the answer is the regular expression's.
 *
 * On bytes (a file read but not decoded): the names are ASCII, and an ASCII byte in UTF-8 is
 * always that character, never part of another; so the bytes hold a name exactly when their
 * UTF-8 decoding does. Dependency-free (the light entry).
 */

export interface NameSearch {
  /** The names searched for. */
  readonly names: readonly string[];
  /** True when `text` contains one of the names. */
  inText(text: string): boolean;
  /** True when `bytes` (UTF-8; pass a `subarray` for part of a buffer) contains one of the names. */
  inBytes(bytes: Buffer): boolean;
}

const ASCII = /^[\x20-\x7e]+$/;
const encoder = new TextEncoder();

/**
 * The pair of characters ending at a place, as one index of the tables: each character's low byte (an ASCII character
 * is its own; a character past it may share a low byte with one, which only makes a move shorter, never wrong, since
 * names are compared in full).
 */
const pairIndex = (first: number, second: number) => ((first & 0xff) << 8) | (second & 0xff);
const PAIRS = 1 << 16;

/** How common a pair is in code, roughly: two lowercase letters are the most common pairs; a capital or a digit rare. */
function commonness(first: number, second: number): number {
  const lower = (c: number) => c >= 97 && c <= 122;
  return (lower(first) ? 1 : 0) + (lower(second) ? 1 : 0);
}

/** Where a name's window of `m` characters ends: at the rarest place (its pairs least common, its last one most). */
function windowEnd(name: Uint8Array, m: number): number {
  let best = m - 1;
  let bestCost = Infinity;
  for (let end = m - 1; end < name.length; end++) {
    let cost = 4 * commonness(name[end - 1]!, name[end]!);
    for (let i = end - m + 2; i < end; i++) cost += commonness(name[i - 1]!, name[i]!);
    if (cost < bestCost) [best, bestCost] = [end, cost];
  }
  return best;
}

/** The tables of a search: each pair's move, and the names whose window a pair ends, as linked lists. */
interface Tables {
  m: number;
  moves: Uint8Array;
  /** First name (index) whose window ends in the pair, or -1; `next` links the others. */
  heads: Int32Array;
  next: number[];
  names: Uint8Array[];
  /** How far each name starts before the end of its window. */
  back: number[];
}

function tablesOf(names: readonly Uint8Array[]): Tables {
  const m = Math.min(...names.map((name) => name.length));
  const moves = new Uint8Array(PAIRS).fill(Math.min(m - 1, 255));
  const heads = new Int32Array(PAIRS).fill(-1);
  const tables: Tables = { m, moves, heads, next: [], names: [], back: [] };
  for (const name of names) {
    const end = windowEnd(name, m);
    for (let i = end - m + 2; i <= end; i++) {
      const pair = pairIndex(name[i - 1]!, name[i]!);
      moves[pair] = Math.min(moves[pair]!, end - i);
    }
    const last = pairIndex(name[end - 1]!, name[end]!);
    tables.names.push(name);
    tables.back.push(end);
    tables.next.push(heads[last]!);
    heads[last] = tables.names.length - 1;
  }
  return tables;
}

/*
 * The scan, once for bytes and once for text: the same steps, each loop reading its own kind of
 * input directly (one loop over both would read through a function, several times slower).
 */

/** Is one of the names in the bytes? */
function inBytesWith(tables: Tables, bytes: Uint8Array): boolean {
  const { m, moves, heads, next, names, back } = tables;
  const length = bytes.length;
  for (let end = m - 1; end < length;) {
    const pair = (bytes[end - 1]! << 8) | bytes[end]!;
    const move = moves[pair]!;
    if (move !== 0) {
      end += move;
      continue;
    }
    for (let k = heads[pair]!; k !== -1; k = next[k]!) {
      const name = names[k]!;
      const start = end - back[k]!;
      if (start < 0 || start + name.length > length) continue;
      let i = 0;
      while (i < name.length && bytes[start + i] === name[i]) i++;
      if (i === name.length) return true;
    }
    end++;
  }
  return false;
}

/** Is one of the names in the text? */
function inTextWith(tables: Tables, text: string): boolean {
  const { m, moves, heads, next, names, back } = tables;
  const length = text.length;
  for (let end = m - 1; end < length;) {
    const pair = pairIndex(text.charCodeAt(end - 1), text.charCodeAt(end));
    const move = moves[pair]!;
    if (move !== 0) {
      end += move;
      continue;
    }
    for (let k = heads[pair]!; k !== -1; k = next[k]!) {
      const name = names[k]!;
      const start = end - back[k]!;
      if (start < 0 || start + name.length > length) continue;
      let i = 0;
      while (i < name.length && text.charCodeAt(start + i) === name[i]) i++;
      if (i === name.length) return true;
    }
    end++;
  }
  return false;
}

/** A search for `names` (non-empty ASCII identifiers) in text or UTF-8 bytes. */
export function nameSearch(names: readonly string[]): NameSearch {
  for (const name of names) {
    if (!ASCII.test(name)) throw new Error(`nameSearch: ${JSON.stringify(name)} is not a printable ASCII name`);
  }
  // Windows of one character have no pair: names that short are looked for one by one.
  if (names.length === 0 || names.some((name) => name.length < 2))
    return {
      names,
      inText: (text) => names.some((name) => text.includes(name)),
      inBytes: (bytes) => names.some((name) => bytes.includes(name)),
    };
  const tables = tablesOf(names.map((name) => encoder.encode(name)));
  return {
    names,
    inText: (text) => inTextWith(tables, text),
    inBytes: (bytes) => inBytesWith(tables, bytes),
  };
}
