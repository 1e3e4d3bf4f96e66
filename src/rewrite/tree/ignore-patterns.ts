/**
 * The one gate of patterns matched against paths: the lines of an ignore file (a .gitignore,
 * `info/exclude`, core.excludesFile) and the user's `--exclude` patterns, read and matched as git
 * reads and matches them (dir.c: add_patterns_from_buffer, parse_path_pattern, match_basename,
 * match_pathname), with git's wildmatch matched in time linear in the path (wildmatch.ts).
 *
 * Read as git reads a line: a UTF-8 byte-order mark first is passed over; a line starting with
 * `#` is a comment; a CR before the line's end, the spaces at its end that no backslash escapes
 * and everything from a NUL byte on are not part of it; `!` first negates it; a `/` last makes it
 * match folders only. A pattern without any other `/` matches a name at any depth (the path's
 * last name); one with a `/` matches the path from the rules' folder (a `/` first only anchors).
 * The last pattern that matches decides. Git has no limit on a line's length: a long one is a
 * pattern like any other, which no path may be long enough to match.
 */
import { bytesOf, lowerByte, Wildmatch, type StepCounter } from './wildmatch';

/** What a list of patterns says of a path: a pattern ignores it, a `!` pattern keeps it, or none matches. */
export const IGNORED = 1;
export const KEPT = -1;
export const UNDECIDED = 0;
export type Verdict = typeof IGNORED | typeof KEPT | typeof UNDECIDED;

const BACKSLASH = 0x5c;
/** The bytes that make a pattern more than its literal text (git's is_glob_special). */
const WILDCARD = /[*?[\\]/;

/** One pattern, as git's parse_path_pattern reads it. */
interface Rule {
  negative: boolean;
  /** Written with a `/` last: matches folders only. */
  foldersOnly: boolean;
  /** No `/` (but a last one): matched against the path's last name, at any depth. */
  byName: boolean;
  /** The pattern's bytes (bytesOf): without its `!`, its last `/` and, matched against the path, its first `/`. */
  body: string;
  /** The body holds no wildcard: compared as it is. */
  literal: boolean;
  /** `*literal` matched against a name: the name ends with the literal (the body without its `*`). */
  endsWith: string | null;
  /** The compiled pattern, made the first time a path needs it. */
  matcher: Wildmatch | null;
}

export class IgnorePatterns {
  private constructor(
    private readonly rules: Rule[],
    private readonly fold: boolean,
  ) {}

  /** The patterns of an ignore file's bytes; null when it holds none (blank lines and comments only). */
  static ofFile(bytes: Uint8Array, ignoreCase: boolean): IgnorePatterns | null {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const rules: Rule[] = [];
    const start = text.startsWith('\xef\xbb\xbf') ? 3 : 0;
    for (let lineStart = start; lineStart <= text.length;) {
      let lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd === -1) lineEnd = text.length;
      const rule = ruleOfLine(text.slice(lineStart, lineEnd));
      if (rule) rules.push(rule);
      lineStart = lineEnd + 1;
    }
    // A line of spaces, a lone `!` or `/` is a pattern git keeps, but one that matches no name.
    return rules.some((rule) => rule.body !== '') ? new IgnorePatterns(rules, ignoreCase) : null;
  }

  /** Patterns given one by one (`--exclude`): each one line, as a .gitignore holding it would read it. */
  static ofPatterns(patterns: readonly string[], ignoreCase: boolean): IgnorePatterns {
    const rules: Rule[] = [];
    for (const pattern of patterns) {
      const rule = ruleOfLine(bytesOf(pattern));
      if (rule) rules.push(rule);
    }
    return new IgnorePatterns(rules, ignoreCase);
  }

  /**
   * What the patterns say of `path` (with `/` between names, relative to the rules' folder, not
   * empty; `isDir`: a folder), as git's last_matching_pattern_from_list: the last pattern that
   * matches decides. Its parents are not looked at: the caller asks of each folder on the way.
   */
  verdict(path: string, isDir: boolean, counter?: StepCounter): Verdict {
    const bytes = bytesOf(path);
    const name = bytes.slice(bytes.lastIndexOf('/') + 1);
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const rule = this.rules[i];
      if (rule.foldersOnly && !isDir) continue;
      if (rule.byName ? this.nameMatches(rule, name, counter) : this.pathMatches(rule, bytes, counter))
        return rule.negative ? KEPT : IGNORED;
    }
    return UNDECIDED;
  }

  /** git's match_basename. */
  private nameMatches(rule: Rule, name: string, counter?: StepCounter): boolean {
    const { body } = rule;
    if (rule.literal) return sameBytes(name, body, this.fold);
    if (rule.endsWith !== null) return endsWithBytes(name, rule.endsWith, this.fold);
    rule.matcher ??= new Wildmatch(body, { pathname: false, caseFold: this.fold });
    return rule.matcher.matches(name, counter);
  }

  /** git's match_pathname (its literal prefix taken first, as wildmatch's own literal head is). */
  private pathMatches(rule: Rule, path: string, counter?: StepCounter): boolean {
    const { body } = rule;
    if (rule.literal) return sameBytes(path, body, this.fold);
    rule.matcher ??= new Wildmatch(body, { pathname: true, caseFold: this.fold });
    return rule.matcher.matches(path, counter);
  }
}

/** The rule one line makes (bytesOf), or null for a comment or a line with nothing in it. */
function ruleOfLine(line: string): Rule | null {
  if (line === '' || line.startsWith('#')) return null;
  if (line.endsWith('\r')) line = line.slice(0, -1);
  const nul = line.indexOf('\0');
  if (nul !== -1) line = line.slice(0, nul);
  let body = withoutTrailingSpaces(line);
  const negative = body.startsWith('!');
  if (negative) body = body.slice(1);
  const foldersOnly = body.endsWith('/');
  if (foldersOnly) body = body.slice(0, -1);
  const byName = !body.includes('/');
  if (!byName && body.startsWith('/')) body = body.slice(1);
  const literal = !WILDCARD.test(body);
  const endsWith = byName && body.startsWith('*') && !WILDCARD.test(body.slice(1)) ? body.slice(1) : null;
  return { negative, foldersOnly, byName, body, literal, endsWith, matcher: null };
}

/** git's trim_trailing_spaces: the spaces at the end, unless a backslash escapes the first of them. */
function withoutTrailingSpaces(line: string): string {
  let lastSpace = -1;
  for (let i = 0; i < line.length; i++) {
    const c = line.charCodeAt(i);
    if (c === 0x20) {
      if (lastSpace === -1) lastSpace = i;
    } else if (c === BACKSLASH) {
      i++;
      if (i >= line.length) return line;
      lastSpace = -1;
    } else lastSpace = -1;
  }
  return lastSpace === -1 ? line : line.slice(0, lastSpace);
}

/** Whether `a` and `b` are the same bytes (ASCII case aside when `fold`, as git's fspathncmp). */
function sameBytes(a: string, b: string, fold: boolean): boolean {
  return a.length === b.length && (fold ? foldedFrom(a, 0, b) : a === b);
}

/** Whether `text` ends with `tail` (ASCII case aside when `fold`). */
function endsWithBytes(text: string, tail: string, fold: boolean): boolean {
  return tail.length <= text.length && (fold ? foldedFrom(text, text.length - tail.length, tail) : text.endsWith(tail));
}

/** Whether `text` from `at` holds `part`, ASCII case aside. */
function foldedFrom(text: string, at: number, part: string): boolean {
  for (let i = 0; i < part.length; i++)
    if (lowerByte(text.charCodeAt(at + i)) !== lowerByte(part.charCodeAt(i))) return false;
  return true;
}
