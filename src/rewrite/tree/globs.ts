/**
 * The globs of Taro's `copy` option (a pattern's `from`, its `ignore`), matched by the patterns
 * gate's automaton (wildmatch.ts), in time linear in the path, as picomatch (what Taro's copy
 * matches with) reads the syntax they share: `*` within a folder, `**` as a whole folder (any
 * depth), `?`, a bracket class of letters, digits and ranges (`[a-z0-9]`, `[^x]`), `\`
 * before a character, and `{a,b}` alternatives (expanded, nested too). A glob using more (an
 * extglob `@(a|b)`, a group, a `{1..9}` range, a leading `!`, a class with `]` or `[:name:]` in it, a `**` beside a brace, three stars, or
 * `[!x]`, which picomatch reads as `!` or `x`, not as git's "not x")
 * is not matched at all: globMatcher says so, and the caller says what it copies is not known.
 */
import { bytesOf, Wildmatch } from './wildmatch';

/** The most alternatives a glob's braces may expand to: past it, the glob is not matched. */
export const MAX_ALTERNATIVES = 256;

/** Matches an absolute or relative path, with `/` between names. */
export type GlobMatch = (path: string) => boolean;

/**
 * The matcher of `glob` (`/` between names), or null for syntax it does not match (see above).
 * `onName`: a glob without `/` is matched against a path's last name (picomatch's `basename`).
 */
export function globMatcher(glob: string, { onName = false }: { onName?: boolean } = {}): GlobMatch | null {
  // picomatch turns braces into a group, not copies: a `**` beside one then crosses folders, as it does nowhere else.
  if (/\*\*[{}]|[{}]\*\*|\*\*\*/.test(glob)) return null;
  const alternatives = expandBraces(glob);
  if (alternatives === null || !alternatives.every(isPlainGlob)) return null;
  const withFolders = matchesFolderItself(glob) ? alternatives.flatMap((one) => [one, one.slice(0, -3)]) : alternatives;
  const matchers = withFolders.map((one) => ({
    byName: onName && !one.includes('/'),
    matcher: new Wildmatch(bytesOf(one), { pathname: true, caseFold: false }),
  }));
  return (path) => {
    const bytes = bytesOf(path);
    const name = bytes.slice(bytes.lastIndexOf('/') + 1);
    return matchers.some(({ byName, matcher }) => matcher.matches(byName ? name : bytes));
  };
}

/**
 * Whether picomatch's `a/**` matches the folder `a` itself too (git's wildmatch matches only what
 * is inside it): it does unless the name before `/**` ends in a `*` not escaped (`a*` and `*` do not).
 * Asked of the glob before its braces expand: `{a,*}/**` matches both folders, as picomatch's group does.
 */
function matchesFolderItself(glob: string): boolean {
  // A star after an even number of backslashes (none, or escaped backslashes) is a wildcard.
  return /.\/\*\*$/.test(glob) && !/(?:^|[^\\])(?:\\\\)*\*\/\*\*$/.test(glob);
}

/** Whether a glob (braces expanded) uses only what both matchers read alike. */
function isPlainGlob(glob: string): boolean {
  if (glob.startsWith('!')) return false;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') {
      if (i + 1 >= glob.length) return false;
      i++;
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close === -1 || !/^\^?(?:[A-Za-z0-9_.]|[A-Za-z0-9]-[A-Za-z0-9])+$/.test(glob.slice(i + 1, close)))
        return false;
      i = close;
    } else if ('()|{}'.includes(c)) return false;
    // An extglob's `+(`, `@(`, `!(` fall to the `(` above; so does a group.
  }
  return true;
}

/**
 * The globs `glob` stands for once each `{a,b}` is expanded (a `\` escapes a brace or a comma);
 * null for a brace with no comma at its level (a `{1..9}` range, a lone `{`) or more than
 * MAX_ALTERNATIVES of them.
 */
function expandBraces(glob: string): string[] | null {
  const open = firstBrace(glob);
  if (open === -1) return [glob];
  const parts = braceParts(glob, open);
  if (parts === null) return null;
  const out: string[] = [];
  for (const part of parts.inside) {
    const expanded = expandBraces(glob.slice(0, open) + part + glob.slice(parts.close + 1));
    if (expanded === null) return null;
    out.push(...expanded);
    if (out.length > MAX_ALTERNATIVES) return null;
  }
  return out;
}

/** Where the first `{` not escaped nor in a class is, or -1. */
function firstBrace(glob: string): number {
  for (let i = 0; i < glob.length; i++) {
    if (glob[i] === '\\') i++;
    else if (glob[i] === '[') {
      const close = glob.indexOf(']', i + 1);
      if (close !== -1) i = close;
    } else if (glob[i] === '{') return i;
  }
  return -1;
}

/** The alternatives of the brace at `open` and where it closes; null when it never closes or has no comma. */
function braceParts(glob: string, open: number): { inside: string[]; close: number } | null {
  const inside: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < glob.length; i++) {
    const c = glob[i];
    if (c === '\\') i++;
    else if (c === '{') depth++;
    else if (c === '}' && depth > 0) depth--;
    else if (c === ',' && depth === 0) {
      inside.push(glob.slice(start, i));
      start = i + 1;
    } else if (c === '}') {
      if (inside.length === 0) return null;
      inside.push(glob.slice(start, i));
      return { inside, close: i };
    }
  }
  return null;
}
