/**
 * Git's wildmatch (`*`, `**`, `?`, `[...]`, `\`), matched by simulating the pattern as a
 * nondeterministic automaton: every place in the pattern the text so far can have reached is
 * carried along at once, so a match costs at most (places in the pattern + 1) × (bytes in the
 * text + 1) steps, whatever the pattern. A backtracking matcher (a regular expression, git's
 * own before its fix) can take time exponential in the number of stars.
 *
 * Semantics are git's (wildmatch.c), byte for byte: patterns and texts are "byte strings" (each
 * character a byte, bytesOf), `?` and a class match one byte, case folding is ASCII only, and
 * git's quirks are kept: under case folding an escaped letter and a class's own letters are
 * compared as written; an unterminated class, an unknown `[:name:]` or a trailing lone backslash
 * match nothing.
 */

/** What a text byte must be at a place of the pattern. */
const enum Kind {
  /** One byte equal to the token's value (the text byte ASCII-lowered first under case folding). */
  Byte,
  /** One byte the token's class table holds. */
  Class,
  /** Any byte, but `/` when matching a path. */
  AnyButSlash,
  /** Any run of bytes without `/`: a `*` when matching a path. Zero-width. */
  Star,
  /** Any run of bytes: a `**` in its own folder, or any star when not matching a path. Zero-width. */
  AnyRun,
  /** Nothing: what git never matches (an unterminated class, an unknown class name, a trailing `\`). */
  Never,
  /** No byte: the way into a `**` and its slash, which also jumps past both (no folder). Zero-width. */
  Fork,
}

const SLASH = 0x2f;
const BACKSLASH = 0x5c;

/** A `[:name:]` in a class, as git's ASCII ctype answers it for a (folded) byte. */
const NAMED_CLASSES: Record<string, (b: number, fold: boolean) => boolean> = {
  alnum: (b) => isAlpha(b) || isDigit(b),
  alpha: isAlpha,
  blank: (b) => b === 0x20 || b === 0x09,
  cntrl: (b) => b < 0x20 || b === 0x7f,
  digit: isDigit,
  graph: (b) => b > 0x20 && b < 0x7f,
  lower: (b) => isLower(b),
  print: (b) => b >= 0x20 && b < 0x7f,
  punct: (b) => b > 0x20 && b < 0x7f && !isAlpha(b) && !isDigit(b),
  space: (b) => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d,
  upper: (b, fold) => isUpper(b) || (fold && isLower(b)),
  xdigit: (b) => isDigit(b) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66),
};

function isDigit(b: number): boolean {
  return b >= 0x30 && b <= 0x39;
}
function isUpper(b: number): boolean {
  return b >= 0x41 && b <= 0x5a;
}
function isLower(b: number): boolean {
  return b >= 0x61 && b <= 0x7a;
}
function isAlpha(b: number): boolean {
  return isUpper(b) || isLower(b);
}
/** ASCII lower case, as git's tolower: every other byte as it is. */
export function lowerByte(b: number): number {
  return isUpper(b) ? b | 0x20 : b;
}

/** How a pattern is matched: against a whole path (`*` stops at `/`), and regardless of ASCII case. */
export interface WildmatchFlags {
  pathname: boolean;
  caseFold: boolean;
}

/** Counts the steps a match takes (tests measure work this way, not by the clock). */
export interface StepCounter {
  steps: number;
}

/** A text as the matcher reads it: a string whose characters are its UTF-8 bytes (ASCII stays as it is). */
export function bytesOf(text: string): string {
  // eslint-disable-next-line no-control-regex -- ASCII is its own UTF-8
  return /^[\x00-\x7f]*$/.test(text) ? text : Buffer.from(text, 'utf8').toString('latin1');
}

/** One pattern, compiled: its places, what each takes, and the least a text must hold to match. */
export class Wildmatch {
  private readonly kinds: Kind[] = [];
  /** Per place: the byte (Byte), or the index of the class table (Class). */
  private readonly values: number[] = [];
  /** Per place: where a Fork also jumps to, past its `**` and slash (-1: nowhere). */
  private readonly skips: number[] = [];
  private readonly tables: Uint8Array[] = [];
  private readonly fold: boolean;
  private readonly pathname: boolean;
  /** The fewest bytes a matching text has. */
  private minBytes = 0;
  /** The bytes every matching text ends with (folded under case folding), from the pattern's literal tail. */
  private tail: number[] = [];
  /** The bytes every matching text starts with, from the pattern's literal head. */
  private head: number[] = [];
  private current = new Uint8Array(0);
  private next = new Uint8Array(0);

  constructor(pattern: string, flags: WildmatchFlags) {
    this.fold = flags.caseFold;
    this.pathname = flags.pathname;
    new PatternReader(pattern, this).read();
    this.prepare();
  }

  /** Appends a place (PatternReader's output). */
  push(kind: Kind, value = 0, skip = -1): void {
    this.kinds.push(kind);
    this.values.push(value);
    this.skips.push(skip);
  }

  /** Appends a class's table (256 entries, by the text's byte before folding) and returns its index. */
  pushTable(table: Uint8Array): number {
    this.tables.push(table);
    return this.tables.length - 1;
  }

  /** Whether the last places are a `**` and its slash (a Fork, the run, the slash). */
  endsWithFolders(): boolean {
    const n = this.kinds.length;
    return n >= 3 && this.kinds[n - 3] === Kind.Fork && this.skips[n - 3] === n;
  }

  get places(): number {
    return this.kinds.length;
  }

  get isPathname(): boolean {
    return this.pathname;
  }

  get caseFold(): boolean {
    return this.fold;
  }

  /** Whether `text` (bytesOf) matches the whole pattern; `counter` counts the steps. */
  matches(text: string, counter?: StepCounter): boolean {
    if (text.length < this.minBytes || !this.edgesMatch(text)) return false;
    const end = this.kinds.length;
    // Both sets are empty between calls: each is cleared over the places it holds before it is reused.
    let current = this.current;
    let next = this.next;
    current[0] = 1;
    let low = 0;
    let high = this.close(current, 0, 0);
    for (let at = 0; at < text.length; at++) {
      if (counter) counter.steps += high - low + 1;
      const byte = text.charCodeAt(at);
      let nextLow = end + 1;
      let nextHigh = -1;
      for (let place = low; place <= high && place < end; place++) {
        if (current[place] === 0) continue;
        const to = this.advance(place, byte);
        if (to < 0) continue;
        next[to] = 1;
        if (to < nextLow) nextLow = to;
        if (to > nextHigh) nextHigh = to;
      }
      current.fill(0, low, high + 1);
      [current, next] = [next, current];
      if (nextHigh < 0) return false;
      low = nextLow;
      high = this.close(current, nextLow, nextHigh);
    }
    const matched = current[end] === 1;
    current.fill(0, low, high + 1);
    return matched;
  }

  /** Where `place` goes on `byte`: the place itself (a run), the next one, or -1. */
  private advance(place: number, byte: number): number {
    switch (this.kinds[place]) {
      case Kind.Byte:
        return (this.fold ? lowerByte(byte) : byte) === this.values[place] ? place + 1 : -1;
      case Kind.Class:
        return this.tables[this.values[place]][byte] === 1 ? place + 1 : -1;
      case Kind.AnyButSlash:
        return byte === SLASH && this.pathname ? -1 : place + 1;
      case Kind.Star:
        return byte === SLASH ? -1 : place;
      case Kind.AnyRun:
        return place;
      default:
        return -1;
    }
  }

  /**
   * Adds what the places from `low` to `high` reach without a byte (past a run, over a `**` and its slash);
   * returns the highest place then set. Every such move goes forward: one pass in order is enough.
   */
  private close(set: Uint8Array, low: number, high: number): number {
    const end = this.kinds.length;
    for (let place = low; place <= high && place < end; place++) {
      if (set[place] === 0) continue;
      const kind = this.kinds[place];
      if (kind === Kind.Star || kind === Kind.AnyRun || kind === Kind.Fork) {
        set[place + 1] = 1;
        if (place + 1 > high) high = place + 1;
      }
      const skip = this.skips[place];
      if (skip >= 0) {
        set[skip] = 1;
        if (skip > high) high = skip;
      }
    }
    return high;
  }

  /** The literal head and tail every match has: most texts fail here, before the automaton runs. */
  private edgesMatch(text: string): boolean {
    const { head, tail, fold } = this;
    for (let i = 0; i < head.length; i++) {
      const byte = text.charCodeAt(i);
      if ((fold ? lowerByte(byte) : byte) !== head[i]) return false;
    }
    for (let i = 0; i < tail.length; i++) {
      const byte = text.charCodeAt(text.length - tail.length + i);
      if ((fold ? lowerByte(byte) : byte) !== tail[i]) return false;
    }
    return true;
  }

  /** The least a match takes, the literal head and tail, and the sets the automaton uses. */
  private prepare(): void {
    const end = this.kinds.length;
    const least = new Array<number>(end + 1).fill(0);
    for (let place = end - 1; place >= 0; place--) {
      const kind = this.kinds[place];
      const zeroWidth = kind === Kind.Star || kind === Kind.AnyRun || kind === Kind.Fork;
      least[place] = zeroWidth ? least[place + 1] : 1 + least[place + 1];
      if (this.skips[place] >= 0) least[place] = Math.min(least[place], least[this.skips[place]]);
    }
    this.minBytes = least[0];
    let headEnd = 0;
    while (headEnd < end && this.kinds[headEnd] === Kind.Byte) headEnd++;
    this.head = this.values.slice(0, headEnd);
    // The tail: the bytes after the last place that is not one, and after the slash of the last `**/` (jumped over).
    const lastJump = Math.max(-1, ...this.skips.filter((skip) => skip >= 0).slice(-1));
    let tailStart = end;
    while (tailStart > Math.max(headEnd, lastJump) && this.kinds[tailStart - 1] === Kind.Byte) tailStart--;
    this.tail = this.values.slice(tailStart, end);
    this.current = new Uint8Array(end + 2);
    this.next = new Uint8Array(end + 2);
  }
}

/** Reads a pattern into a Wildmatch's places, as git's dowild reads it while matching. */
class PatternReader {
  private at = 0;

  constructor(
    private readonly pattern: string,
    private readonly out: Wildmatch,
  ) {}

  read(): void {
    const { pattern, out } = this;
    while (this.at < pattern.length) {
      const c = pattern.charCodeAt(this.at);
      if (c === BACKSLASH) this.escaped();
      else if (c === 0x3f /* ? */) {
        out.push(Kind.AnyButSlash);
        this.at++;
      } else if (c === 0x2a /* * */) this.stars();
      else if (c === 0x5b /* [ */) this.bracket();
      else {
        out.push(Kind.Byte, out.caseFold ? lowerByte(c) : c);
        this.at++;
      }
    }
  }

  /** `\x`: x as written (not folded, as in git); a trailing lone `\` matches nothing. */
  private escaped(): void {
    if (this.at + 1 >= this.pattern.length) return this.never();
    this.out.push(Kind.Byte, this.pattern.charCodeAt(this.at + 1));
    this.at += 2;
  }

  /**
   * A run of stars. When matching a path, `**` alone between slashes (or at an end) crosses
   * folders, and with its slash may also match no folder at all; any other run is one `*`.
   */
  private stars(): void {
    const { pattern, out } = this;
    const start = this.at;
    let end = start + 1;
    while (end < pattern.length && pattern.charCodeAt(end) === 0x2a) end++;
    this.at = end;
    if (!out.isPathname) return out.push(Kind.AnyRun);
    if (end - start === 1) return out.push(Kind.Star);
    const ownFolder =
      (start === 0 || pattern.charCodeAt(start - 1) === SLASH) &&
      (end === pattern.length ||
        pattern.charCodeAt(end) === SLASH ||
        (pattern.charCodeAt(end) === BACKSLASH && pattern.charCodeAt(end + 1) === SLASH));
    if (!ownFolder) return out.push(Kind.Star);
    if (pattern.charCodeAt(end) !== SLASH) return out.push(Kind.AnyRun);
    // `**/`: any run then a slash, or a jump past both (no folder). Two in a row match what one does: kept once, so
    // that a pattern of thousands of them costs what one costs.
    this.at = end + 1;
    if (out.endsWithFolders()) return;
    out.push(Kind.Fork, 0, out.places + 3);
    out.push(Kind.AnyRun);
    out.push(Kind.Byte, SLASH);
  }

  /** A bracket expression, read as git reads it (ClassReader); one that never closes matches nothing. */
  private bracket(): void {
    const read = new ClassReader(this.pattern, this.at + 1, this.out.caseFold, this.out.isPathname).read();
    if (read === null) return this.never();
    this.out.push(Kind.Class, this.out.pushTable(read.table));
    this.at = read.end;
  }

  private never(): void {
    this.out.push(Kind.Never);
    this.at = this.pattern.length;
  }
}

/** One member of a class: a byte as written, a range, or a `[:name:]`. */
type Member = { byte: number } | { low: number; high: number } | { named: (b: number, fold: boolean) => boolean };

/** Reads `[...]` from just after its `[`, as git does, into a table of the text bytes it matches. */
class ClassReader {
  private at: number;
  private readonly members: Member[] = [];

  constructor(
    private readonly pattern: string,
    start: number,
    private readonly fold: boolean,
    private readonly pathname: boolean,
  ) {
    this.at = start;
  }

  /** The table and where the class ends (past its `]`); null for a class git never matches. */
  read(): { table: Uint8Array; end: number } | null {
    let c = this.charAt(this.at);
    if (c === 0x5e /* ^ */) c = 0x21;
    const negated = c === 0x21; /* ! */
    if (negated) c = this.charAt(++this.at);
    let previous = 0;
    do {
      if (c === 0) return null;
      c = this.member(c, previous);
      if (c < 0) return null;
      previous = c;
      c = this.charAt(++this.at);
    } while (c !== 0x5d /* ] */);
    return { table: this.table(negated), end: this.at + 1 };
  }

  /**
   * The member starting at `c` (the current character); returns what counts as the previous
   * character for a following `-` (0 after a range or a name), or -1 for a class git never matches.
   */
  private member(c: number, previous: number): number {
    if (c === BACKSLASH) {
      c = this.charAt(++this.at);
      if (c === 0) return -1;
      this.members.push({ byte: c });
      return c;
    }
    const after = this.charAt(this.at + 1);
    if (c === 0x2d /* - */ && previous !== 0 && after !== 0 && after !== 0x5d) {
      let high = this.charAt(++this.at);
      if (high === BACKSLASH) {
        high = this.charAt(++this.at);
        if (high === 0) return -1;
      }
      this.members.push({ low: previous, high });
      return 0;
    }
    if (c === 0x5b /* [ */ && after === 0x3a /* : */) return this.named();
    this.members.push({ byte: c });
    return c;
  }

  /** `[:name:]`; a `[:` without its `:]` is a `[` as written. */
  private named(): number {
    const nameStart = this.at + 2;
    let close = nameStart;
    while (close < this.pattern.length && this.pattern.charCodeAt(close) !== 0x5d) close++;
    if (close >= this.pattern.length) return -1;
    if (close - nameStart - 1 < 0 || this.pattern.charCodeAt(close - 1) !== 0x3a) {
      this.members.push({ byte: 0x5b });
      return 0x5b;
    }
    const named = Object.prototype.hasOwnProperty.call(NAMED_CLASSES, this.pattern.slice(nameStart, close - 1))
      ? NAMED_CLASSES[this.pattern.slice(nameStart, close - 1)]
      : undefined;
    if (named === undefined) return -1;
    this.members.push({ named });
    this.at = close;
    return 0;
  }

  private charAt(at: number): number {
    return at < this.pattern.length ? this.pattern.charCodeAt(at) : 0;
  }

  /** For each text byte: does the class match it (after git's folding of the text byte alone)? */
  private table(negated: boolean): Uint8Array {
    const table = new Uint8Array(256);
    for (let byte = 1; byte < 256; byte++) {
      const t = this.fold ? lowerByte(byte) : byte;
      const matched = this.members.some((m) => this.holds(m, t));
      table[byte] = matched !== negated && !(this.pathname && t === SLASH) ? 1 : 0;
    }
    return table;
  }

  private holds(member: Member, t: number): boolean {
    if ('byte' in member) return t === member.byte;
    if ('named' in member) return member.named(t, this.fold);
    if (t >= member.low && t <= member.high) return true;
    // Under folding, a lower-case byte also matches a range by its upper case (git's toupper).
    return this.fold && isLower(t) && (t & ~0x20) >= member.low && (t & ~0x20) <= member.high;
  }
}
