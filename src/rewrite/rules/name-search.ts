/**
 * "Does this text contain one of these names?", answered faster than a regular expression
 * of the names joined by `|` (which V8 runs as an alternation at every position of the
 * text) and, for bytes, without decoding them at all.
 *
 * The names are grouped under a few anchors, substrings such as `Record`, `Voice`, `Audio`
 * that every name of its group contains (chosen from the names themselves, greedily: the
 * capitalised word shared by most names first). The text is searched for each anchor with
 * `indexOf` (a native substring search that skips ahead), and only where an anchor occurs
 * are the group's names compared in place. Every occurrence of a name contains its anchor
 * at a fixed offset, and every occurrence of the anchor is visited, so the answer is the
 * regular expression's.
 *
 * On bytes (a file read but not decoded): the names are ASCII, and an ASCII byte in UTF-8
 * is always that character, never part of another; so the bytes hold a name exactly when
 * their UTF-8 decoding does. Dependency-free (the light entry).
 */

export interface NameSearch {
  /** The names searched for. */
  readonly names: readonly string[];
  /** True when `text` contains one of the names. */
  inText(text: string): boolean;
  /** True when `bytes` (UTF-8; pass a `subarray` for part of a buffer) contains one of the names. */
  inBytes(bytes: Buffer): boolean;
}

interface Member {
  name: string;
  bytes: Uint8Array;
  /** Where the anchor starts in the name. */
  offset: number;
}

interface Group {
  anchor: string;
  anchorBytes: Uint8Array;
  members: Member[];
}

const ASCII = /^[\x20-\x7e]+$/;
const encoder = new TextEncoder();

/**
 * Capitalised words and the leading lowercase word of a camelCase name (`getRecorderManager` → get, Recorder, Manager,
 * and each word's stem).
 */
function wordsOf(name: string): string[] {
  return name.match(/[A-Z][a-z0-9]*|^[a-z0-9]+/g) ?? [];
}

/**
 * The anchors, chosen greedily: the word (or, for `Recorder`, its stem `Record`) contained in most of the uncovered
 * names.
 */
function chooseGroups(names: readonly string[]): Group[] {
  const candidates = new Set<string>();
  for (const name of names) {
    for (const word of wordsOf(name)) {
      // a word and its prefixes of 4+ characters: `Recorder` also offers `Record`, shared with `startRecord`
      for (let len = Math.min(word.length, 12); len >= 4; len--) candidates.add(word.slice(0, len));
    }
  }
  const groups: Group[] = [];
  let left = [...names];
  while (left.length > 0) {
    let best = left[0];
    let bestCount = 0;
    for (const c of candidates) {
      const count = left.filter((n) => n.includes(c)).length;
      // more names first; for as many, the longer (rarer) anchor
      if (count > bestCount || (count === bestCount && count > 0 && c.length > best.length)) {
        best = c;
        bestCount = count;
      }
    }
    if (bestCount === 0) best = left[0]; // a name of short words only: it is its own anchor
    const members = left.filter((n) => n.includes(best));
    groups.push({
      anchor: best,
      anchorBytes: encoder.encode(best),
      members: members.map((name) => ({ name, bytes: encoder.encode(name), offset: name.indexOf(best) })),
    });
    left = left.filter((n) => !n.includes(best));
  }
  return groups;
}

/** A search for `names` (non-empty ASCII identifiers) in text or UTF-8 bytes. */
export function nameSearch(names: readonly string[]): NameSearch {
  for (const name of names) {
    if (!ASCII.test(name)) throw new Error(`nameSearch: ${JSON.stringify(name)} is not a printable ASCII name`);
  }
  const groups = chooseGroups(names);

  const inText = (text: string): boolean => {
    for (const g of groups) {
      for (let at = text.indexOf(g.anchor); at !== -1; at = text.indexOf(g.anchor, at + 1)) {
        for (const m of g.members) if (at >= m.offset && text.startsWith(m.name, at - m.offset)) return true;
      }
    }
    return false;
  };

  const inBytes = (bytes: Buffer): boolean => {
    const length = bytes.length;
    for (const g of groups) {
      for (let at = bytes.indexOf(g.anchorBytes); at !== -1; at = bytes.indexOf(g.anchorBytes, at + 1)) {
        for (const m of g.members) {
          const start = at - m.offset;
          const end = start + m.bytes.length;
          if (start < 0 || end > length) continue;
          let i = 0;
          while (i < m.bytes.length && bytes[start + i] === m.bytes[i]) i++;
          if (i === m.bytes.length) return true;
        }
      }
    }
    return false;
  };

  return { names, inText, inBytes };
}
