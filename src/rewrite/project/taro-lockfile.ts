/**
 * The @tarojs/taro version a lockfile locks for one package of its project, for the one
 * decision that depends on it (taro-version.ts, docs/legacy-apis.md#taro-wrapper). Read with
 * no library: each format is read only as far as that one version needs.
 *
 * - package-lock.json and npm-shrinkwrap.json: v2/v3 `packages["<member>/node_modules/@tarojs/taro"]`
 *   then `packages["node_modules/@tarojs/taro"]`; v1 `dependencies["@tarojs/taro"].version`.
 * - yarn.lock, yarn 1 (`"@tarojs/taro@^3.0.0":` then `version "3.0.18"`) and yarn 2+
 *   (YAML, `"@tarojs/taro@npm:^3.0.0":` then `version: 3.0.18`): the entry whose descriptor is
 *   the package.json's range, else the only @tarojs/taro entry.
 * - pnpm-lock.yaml, lockfile formats 5.x (pnpm 5–7), 6.0 (pnpm 8) and 9.0 (pnpm 9, 10): the
 *   importer's (`importers["<member>"]`, or the top level of a single project's lockfile)
 *   dependency on @tarojs/taro, its peer suffix (`_react@17.0.2`, `(react@18.2.0)`) dropped.
 *
 * No parser, no library: part of the light entry. A lockfile is read only for a project whose
 * @tarojs/taro is not installed (taro-version.ts), once per reader.
 */
import { parseJsonText } from '../rules/json-text';
import { TARO_MODULE } from '../rules/legacy-apis';

/** The lockfiles read, in the order they are tried in one folder (npm reads a shrinkwrap before package-lock.json). */
export const LOCKFILE_NAMES = ['npm-shrinkwrap.json', 'package-lock.json', 'pnpm-lock.yaml', 'yarn.lock'] as const;

/**
 * What a lockfile says: the version, or why it could not be read; undefined when it does not
 * speak of the package (another project's lockfile, @tarojs/taro not in it).
 */
export type LockfileAnswer = { version: string } | { error: string } | undefined;

/**
 * The version of @tarojs/taro that `name` (one of LOCKFILE_NAMES) locks for the package at
 * `member` (its folder from the lockfile's, with `/`; '' for the lockfile's own package), whose
 * package.json asks for `range`.
 */
export function lockedTaroVersion(name: string, text: string, member: string, range: string): LockfileAnswer {
  if (name.endsWith('.json')) return npmLocked(text, member);
  if (name === 'pnpm-lock.yaml') return pnpmLocked(text, member);
  return yarnLocked(text, range);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value);
const versionOf = (entry: unknown) =>
  isObject(entry) && typeof entry.version === 'string' ? entry.version : undefined;

function npmLocked(text: string, member: string): LockfileAnswer {
  let lock: unknown;
  try {
    lock = parseJsonText(text);
  } catch (error) {
    return { error: (error as Error).message };
  }
  if (!isObject(lock)) return { error: 'not a JSON object' };
  if (isObject(lock.packages)) {
    // A lockfile above the package speaks of it only if the package is one of its workspaces.
    if (member !== '' && !(member in lock.packages)) return undefined;
    const module = `node_modules/${TARO_MODULE}`;
    for (const key of member === '' ? [module] : [`${member}/${module}`, module]) {
      const version = versionOf(lock.packages[key]);
      if (version !== undefined) return { version };
    }
    return undefined;
  }
  // Lockfile v1 (npm 5, 6) has no workspaces: it speaks only of its own package.
  if (member !== '' || !isObject(lock.dependencies)) return undefined;
  const version = versionOf(lock.dependencies[TARO_MODULE]);
  return version === undefined ? undefined : { version };
}

/** A key or value without its YAML quotes ('…' with '' for a quote, "…" with \ escapes). */
function unquote(text: string): string {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith("'") && t.endsWith("'")) return t.slice(1, -1).replace(/''/g, "'");
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    try {
      return JSON.parse(t) as string;
    } catch {
      return t.slice(1, -1);
    }
  }
  return t;
}

/** Where a `key: value` line's key ends (the `:` followed by a space or the line's end), outside quotes; -1 if none. */
function keyEnd(line: string): number {
  const quote = line[0] === '"' || line[0] === "'" ? line[0] : undefined;
  let i = 0;
  if (quote) {
    for (i = 1; i < line.length; i++) {
      if (line[i] === '\\' && quote === '"') i++;
      else if (line[i] === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else break;
      }
    }
  }
  for (; i < line.length; i++) if (line[i] === ':' && (i + 1 === line.length || line[i + 1] === ' ')) return i;
  return -1;
}

/** A YAML mapping as read here: nested mappings and scalars (flow collections stay text; sequences are skipped). */
interface YamlMap {
  [key: string]: YamlMap | string;
}

/**
 * The block mappings of a YAML document, as lockfiles write them (pnpm-lock.yaml, yarn 2+'s
 * yarn.lock): `key:` opens a mapping of the lines indented under it, `key: value` is a scalar.
 * Sequence items and block scalars are skipped; a later document (`---`) replaces the earlier.
 * Throws on a line it cannot read.
 */
function readYamlMappings(text: string): YamlMap[] {
  const documents: YamlMap[] = [{}];
  // The open mappings, innermost last, each with the indentation of its keys (-1: not known yet).
  let stack: { indent: number; map: YamlMap }[] = [{ indent: 0, map: documents[0] }];
  let skipDeeperThan = Infinity;
  const lines = text.split(/\r?\n/);
  for (let n = 0; n < lines.length; n++) {
    const raw = lines[n];
    const content = raw.trimStart();
    if (content === '' || content.startsWith('#')) continue;
    const indent = raw.length - content.length;
    if (indent > skipDeeperThan) continue;
    skipDeeperThan = Infinity;
    if (indent === 0 && (content === '---' || content.startsWith('--- '))) {
      documents.push({});
      stack = [{ indent: 0, map: documents[documents.length - 1] }];
      continue;
    }
    if (content === '...') continue;
    // A mapping just opened takes the indentation of its first line, if that is deeper than its parent's.
    const opened = stack[stack.length - 1];
    if (opened.indent === -1) {
      if (indent > stack[stack.length - 2].indent) opened.indent = indent;
      else stack.pop();
    }
    while (stack.length > 1 && indent < stack[stack.length - 1].indent) stack.pop();
    const top = stack[stack.length - 1];
    if (content.startsWith('- ') || content === '-') {
      skipDeeperThan = indent;
      continue;
    }
    if (indent !== top.indent) throw new Error(`line ${n + 1}: indented as no mapping around it is`);
    const end = keyEnd(content);
    if (end === -1) throw new Error(`line ${n + 1}: not a "key: value" line`);
    const key = unquote(content.slice(0, end));
    const value = content.slice(end + 1).trim();
    if (value === '') {
      const map: YamlMap = {};
      top.map[key] = map;
      stack.push({ indent: -1, map });
    } else if (/^[|>][-+0-9]*$/.test(value)) {
      top.map[key] = '';
      skipDeeperThan = indent;
    } else top.map[key] = unquote(value.replace(/\s+#.*$/, ''));
  }
  return documents;
}

/** The text of a mapping's entry, when it is a mapping. */
const mapAt = (map: YamlMap | undefined, key: string): YamlMap | undefined => {
  const value = map?.[key];
  return typeof value === 'object' ? value : undefined;
};

/**
 * The version in a pnpm dependency's `version` (`3.0.18`, `3.0.18_react@17.0.2`,
 * `3.0.18(react@18.2.0)`, an alias `/@tarojs/taro/1.3.45`, `/@tarojs/taro@1.3.45`,
 * `@tarojs/taro@1.3.45`); undefined for a link or a path.
 */
function pnpmVersion(text: string): string | undefined {
  let version = text.replace(/\(.*$/, '');
  if (version.startsWith('link:') || version.startsWith('file:')) return undefined;
  const alias = /^\/?@?[^@/]+\/[^@/]+[@/](.+)$/.exec(version);
  if (alias) version = alias[1];
  return version.replace(/_.*$/, '');
}

function pnpmLocked(text: string, member: string): LockfileAnswer {
  let documents: YamlMap[];
  try {
    documents = readYamlMappings(text);
  } catch (error) {
    return { error: (error as Error).message };
  }
  // pnpm 10 may put its own configuration's lockfile first: the project's is the one with importers or dependencies.
  const lock = [...documents]
    .reverse()
    .find(
      (d) =>
        d.importers !== undefined ||
        d.dependencies !== undefined ||
        d.devDependencies !== undefined ||
        d.specifiers !== undefined,
    );
  if (!lock)
    return documents.some((d) => d.lockfileVersion !== undefined)
      ? undefined
      : { error: 'no lockfileVersion: not a pnpm lockfile' };
  const importers = mapAt(lock, 'importers');
  // A lockfile above the package speaks of it only if the package is one of its importers.
  const importer = importers ? mapAt(importers, member === '' ? '.' : member) : member === '' ? lock : undefined;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const entry = mapAt(importer, field)?.[TARO_MODULE];
    // 5.x: `'@tarojs/taro': 3.0.18`; 6.0 and 9.0: `version: 3.0.18` under it.
    const written = typeof entry === 'string' ? entry : typeof entry?.version === 'string' ? entry.version : undefined;
    const version = written === undefined ? undefined : pnpmVersion(written);
    if (version !== undefined) return { version };
  }
  return undefined;
}

/** The @tarojs/taro entries of a yarn.lock: the ranges each was resolved for, and its version. */
function yarnEntries(text: string): { error: string } | { ranges: string[]; version: string }[] {
  if (/^__metadata:\s*$/m.test(text)) {
    // yarn 2+: YAML.
    let lock: YamlMap;
    try {
      lock = readYamlMappings(text)[0];
    } catch (error) {
      return { error: error instanceof Error ? error.message : String(error) };
    }
    const entries: { ranges: string[]; version: string }[] = [];
    for (const [key, value] of Object.entries(lock)) {
      const ranges = taroRanges(key);
      if (ranges.length > 0 && typeof value === 'object' && typeof value.version === 'string')
        entries.push({ ranges, version: value.version });
    }
    return entries;
  }
  // yarn 1: `"@tarojs/taro@^3.0.0", "@tarojs/taro@^3.0.5":` at the line's start, `  version "3.0.18"` under it.
  if (!/^# yarn lockfile v1\s*$/m.test(text))
    return { error: 'neither a yarn 1 lockfile ("# yarn lockfile v1") nor a yarn 2+ one (__metadata)' };
  const entries: { ranges: string[]; version: string }[] = [];
  let current: string[] | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!/^\s/.test(line)) {
      current = line.endsWith(':') ? taroRanges(line.slice(0, -1)) : undefined;
      continue;
    }
    const version = /^\s+version:?\s+("?)([^"\s]+)\1\s*$/.exec(line);
    if (current && current.length > 0 && version) {
      entries.push({ ranges: current, version: version[2] });
      current = undefined;
    }
  }
  return entries;
}

/** The ranges of @tarojs/taro in a yarn.lock entry's key (`"@tarojs/taro@^3.0.0", "@tarojs/taro@npm:^3.0.5"`). */
function taroRanges(key: string): string[] {
  const prefix = `${TARO_MODULE}@`;
  return key
    .split(',')
    .map((descriptor) => unquote(descriptor))
    .filter((descriptor) => descriptor.startsWith(prefix))
    .map((descriptor) => descriptor.slice(prefix.length));
}

function yarnLocked(text: string, range: string): LockfileAnswer {
  const entries = yarnEntries(text);
  if ('error' in entries) return entries;
  // yarn 2+ writes a registry range with its protocol (`npm:^3.0.0`).
  const matching = entries.filter((e) => e.ranges.some((r) => r === range || r === `npm:${range}`));
  const chosen = matching.length > 0 ? matching : entries;
  const versions = [...new Set(chosen.map((e) => e.version))];
  return versions.length === 1 ? { version: versions[0] } : undefined;
}
