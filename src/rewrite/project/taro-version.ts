/**
 * Which Taro a project is on, for the one thing that depends on it: Taro < 3.3.1 wrapped
 * startRecord, playVoice, playBackgroundAudio, seekBackgroundAudio and
 * getBackgroundAudioPlayerState in a Promise that callbacks did not turn off
 * (docs/contract.md#taro-wrapper, Decision R9). The doors turn the answer into the option
 * `taroWrapper`: the build plugin for the app it builds, the CLI and the jscodeshift
 * transform for each file, from the nearest package.json that names @tarojs/taro and the
 * @tarojs/taro installed where Node would find it from there.
 *
 * What is read, upwards from the file's folder, the nearest first: the installed package's
 * `version` (what the app really runs), else the version the project's lockfile locks
 * (taro-lockfile.ts: beside the package.json, or at its workspace's root up to the git root),
 * else the dependency's range in the package.json, read as a whole (taroWrapsVerdict): every
 * version before 3.3.1 wraps, every version from it does not, a caret, tilde or x-range on both
 * sides is taken at its newest (what an install would bring). When none says (no Taro found,
 * `latest`, `*`, `>=2`, a tag, a path, a git URL), the answer is "cannot tell", and the doors
 * keep WeChat's rule: Taro 3.3.1 and later behave that way, and it is what the runtime does
 * everywhere else. The doors that rewrite a project's files say so (project-options.ts,
 * taroVersionWarnings), and so they do of a range taken at its newest and a lockfile not read.
 */
import * as path from 'node:path';
import { TARO_MODULE } from '../rules/legacy-apis';
import { findGitRoot } from '../tree/git-root';
import { globMatcher } from '../tree/globs';
import { fieldsOf, isUnparsable, PackageJsonReader, type PackageJson, type PackageJsonAt } from './package-json';
import { findUp, toPosixPath } from '../tree/paths';
import { readSideText } from '../tree/side-file';
import { LOCKFILE_NAMES, lockedTaroVersion } from './taro-lockfile';

/** A version as semver orders it: three numbers, then its prerelease identifiers (none: a release). */
interface Version {
  numbers: [number, number, number];
  pre: string[];
}

/** -1, 0 or 1 in semver order: the numbers, then a prerelease before its release (`3.3.1-beta.0` < `3.3.1`). */
function compareVersions(a: Version, b: Version): number {
  for (let i = 0; i < 3; i++) if (a.numbers[i] !== b.numbers[i]) return Math.sign(a.numbers[i] - b.numbers[i]);
  if (a.pre.length === 0 || b.pre.length === 0) return Math.sign(b.pre.length - a.pre.length);
  for (let i = 0; i < Math.max(a.pre.length, b.pre.length); i++) {
    if (i >= a.pre.length || i >= b.pre.length) return Math.sign(a.pre.length - b.pre.length);
    const [x, y] = [a.pre[i], b.pre[i]];
    if (x === y) continue;
    const [nx, ny] = [/^\d+$/.test(x), /^\d+$/.test(y)];
    if (nx && ny) return Math.sign(Number(x) - Number(y));
    return nx ? -1 : ny ? 1 : x < y ? -1 : 1;
  }
  return 0;
}

const PASSED_THROUGH_FROM: Version = { numbers: [3, 3, 1], pre: [] };

/** A concrete version (`2.2.22`, `v3.3.0`, `=3.0.0-beta.1`, build metadata ignored), or undefined. */
function concreteVersion(text: string): Version | undefined {
  const m = /^\s*=?\s*v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]*)?\s*$/.exec(text);
  return m ? { numbers: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] } : undefined;
}

/** Release versions as number triples; Infinity: no upper bound. */
type Triple = [number, number, number];
const compareTriples = (a: Triple, b: Triple) => compareVersions({ numbers: a, pre: [] }, { numbers: b, pre: [] });
const NO_BOUND: Triple = [Infinity, 0, 0];

/** The versions one comparator set of a range allows: from `low` (included) to `high` (excluded). */
interface Interval {
  low: Triple;
  high: Triple;
  /** Set when the set is one caret, tilde or x-range (`^3.0.0`, `~3.3.0`, `3.x`): read at its newest version. */
  single?: boolean;
}

/**
 * One comparator (`^3.0.0`, `>=1.3.0`, `<3.3.1`, `3.x`) as the release versions it allows; undefined if it is not one.
 */
function comparatorInterval(text: string): Interval | undefined {
  const m =
    /^(\^|~>?|>=|<=|>|<|=)?v?(\d+|x|X|\*)(?:\.(\d+|x|X|\*))?(?:\.(\d+|x|X|\*))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]*)?$/.exec(
      text,
    );
  if (!m) return text === '*' || text === '' ? { low: [0, 0, 0], high: NO_BOUND } : undefined;
  const op = m[1] ?? '';
  const parts = [m[2], m[3], m[4]].map((p) => (p === undefined || /^[xX*]$/.test(p) ? undefined : Number(p)));
  // How many leading parts are given (`3.x` gives 1): the rest are wildcards.
  const given = parts.findIndex((p) => p === undefined) === -1 ? 3 : parts.findIndex((p) => p === undefined);
  const [a, b, c] = [parts[0] ?? 0, given > 1 ? parts[1]! : 0, given > 2 ? parts[2]! : 0];
  const base: Triple = [a, b, c];
  // The first version past everything the given parts name (`3.3` → 3.4.0, `3` → 4.0.0, `3.3.1` → 3.3.2).
  const past: Triple =
    given === 0 ? NO_BOUND : given === 1 ? [a + 1, 0, 0] : given === 2 ? [a, b + 1, 0] : [a, b, c + 1];
  switch (op) {
    case '^': {
      const high: Triple =
        given === 0
          ? NO_BOUND
          : a > 0 || given === 1
            ? [a + 1, 0, 0]
            : b > 0 || given === 2
              ? [0, b + 1, 0]
              : [0, 0, c + 1];
      return { low: base, high, single: true };
    }
    case '~':
    case '~>':
      return { low: base, high: given >= 2 ? [a, b + 1, 0] : past, single: true };
    case '>=':
      return { low: base, high: NO_BOUND };
    case '>':
      return { low: past, high: NO_BOUND };
    case '<':
      return { low: [0, 0, 0], high: given === 0 ? [0, 0, 0] : base };
    case '<=':
      return { low: [0, 0, 0], high: past };
    default:
      return { low: base, high: past, single: given < 3 };
  }
}

/** A range's comparator sets (`a || b`), each the interval it allows; undefined when a part is not a range. */
function rangeIntervals(range: string): Interval[] | undefined {
  const sets: Interval[] = [];
  for (const part of range.split('||')) {
    const text = part.trim().replace(/(\^|~>?|>=|<=|>|<|=)\s+/g, '$1');
    const hyphen = /^(\S+)\s+-\s+(\S+)$/.exec(text);
    const comparators = hyphen ? [`>=${hyphen[1]}`, `<=${hyphen[2]}`] : text === '' ? [''] : text.split(/\s+/);
    const intervals = comparators.map(comparatorInterval);
    if (intervals.some((i) => i === undefined)) return undefined;
    const set = intervals.reduce((x, y) => ({
      low: compareTriples(x!.low, y!.low) >= 0 ? x!.low : y!.low,
      high: compareTriples(x!.high, y!.high) <= 0 ? x!.high : y!.high,
    }))!;
    if (compareTriples(set.low, set.high) < 0)
      sets.push({ ...set, single: comparators.length === 1 && intervals[0]!.single });
  }
  return sets.length > 0 ? sets : undefined;
}

/**
 * What the spec of a dependency on @tarojs/taro says after an npm alias (`npm:@tarojs/taro@1.3.45`); undefined for
 * another package.
 */
function aliasedSpec(spec: string): string | undefined {
  const alias = /^\s*npm:(@?[^@\s]+)(?:@(.*))?$/.exec(spec);
  if (!alias) return spec;
  return alias[1] === TARO_MODULE ? (alias[2] ?? '*') : undefined;
}

/** What a version or range says about Taro's wrapper: `mixed` when the range allows versions on both sides of 3.3.1. */
export interface TaroWrapsVerdict {
  wraps: boolean | undefined;
  /** The range allows versions before 3.3.1 and from it: the answer is its newest version's. */
  mixed?: true;
}

/**
 * Does this version, or the range, wrap the calls? A concrete version in semver order
 * (`3.3.1-beta.0` is before 3.3.1: it wraps); a range whose every version is before 3.3.1
 * wraps (`^2.2.0`, `>=1.3.0 <3.3.1`, `1.x || 2.x`), one whose every version is 3.3.1 or later
 * does not (`>=3.3.1`, `^3.6.0`); one that allows both is taken at its newest version when it
 * is a caret, tilde or x-range (`^3.0.0`, `~3.3.0`: 3.3.1 or later, no wrapper) and cannot be
 * told otherwise (`>=2`, `*`, `^2 || ^3`). An npm alias of @tarojs/taro is read through.
 * Anything else (`latest`, a tag, a path, a git URL, another package) is undefined.
 */
export function taroWrapsVerdict(versionOrRange: string): TaroWrapsVerdict {
  const spec = aliasedSpec(versionOrRange);
  if (spec === undefined) return { wraps: undefined };
  const version = concreteVersion(spec);
  if (version) return { wraps: compareVersions(version, PASSED_THROUGH_FROM) < 0 };
  const sets = rangeIntervals(spec.trim());
  if (!sets) return { wraps: undefined };
  const from = PASSED_THROUGH_FROM.numbers;
  if (sets.every((s) => compareTriples(s.high, from) <= 0)) return { wraps: true };
  if (sets.every((s) => compareTriples(s.low, from) >= 0)) return { wraps: false };
  // Both sides: a caret, tilde or x-range is taken at the newest version it allows, which is past 3.3.1.
  return sets.length === 1 && sets[0].single && sets[0].high !== NO_BOUND
    ? { wraps: false, mixed: true }
    : { wraps: undefined, mixed: true };
}

/** Does this version, or the range, wrap the calls (taroWrapsVerdict)? undefined: cannot tell. */
export function taroWraps(versionOrRange: string): boolean | undefined {
  return taroWrapsVerdict(versionOrRange).wraps;
}

/** The range a package.json gives @tarojs/taro, in any of its dependency lists. */
function taroRange(pkg: PackageJson | undefined): string | undefined {
  if (!pkg) return undefined;
  for (const key of ['dependencies', 'devDependencies', 'peerDependencies']) {
    const deps = pkg[key] as Record<string, unknown> | undefined;
    const range = deps && typeof deps === 'object' ? deps[TARO_MODULE] : undefined;
    if (typeof range === 'string') return range;
  }
  return undefined;
}

export interface TaroVersion {
  /** The installed or locked version, or the dependency's range; undefined when no Taro was found. */
  version?: string;
  /**
   * Where it was read: the installed package's package.json, the lockfile, or the project's
   * package.json; with `unparsable`, the package.json that would have told and cannot be parsed.
   */
  from?: string;
  /**
   * `unparsable`: a package.json on the way (the project's, or the installed package's) cannot be parsed; `why` says
   * where it breaks.
   */
  source: 'installed' | 'lockfile' | 'package.json' | 'unparsable' | 'none';
  why?: string;
  /** Did that Taro wrap the calls? undefined: cannot tell (the doors then keep WeChat's rule). */
  wraps: boolean | undefined;
  /** Set when the range decided and allows versions before 3.3.1 and from it (taroWrapsVerdict). */
  mixed?: true;
  /** The lockfiles that could not be read on the way (the range decided instead), with why. */
  unreadable?: { file: string; why: string }[];
}

/** Lockfiles are read up to this size (a large monorepo's package-lock.json runs to tens of MB). */
const MAX_LOCKFILE_BYTES = 256 * 1024 * 1024;

/** Reads the Taro of the projects files belong to; each folder is read once. */
export class TaroVersionReader {
  private readonly byFolder = new Map<string, TaroVersion>();
  /**
   * What each folder on the way up says for itself (null: nothing, look further up): every file below it asks the same.
   */
  private readonly atFolder = new Map<string, TaroVersion | null>();

  /** `packages`: the package.json reader to share (TaroProjectLookup's), else one of its own. */
  constructor(private readonly packages = new PackageJsonReader()) {}

  /** The Taro of the project a file belongs to. */
  forFile(file: string): TaroVersion {
    return this.forFolder(path.dirname(path.resolve(file)));
  }

  /** The Taro of the project a folder is in (the build plugin asks with the app's folder). */
  forFolder(folder: string): TaroVersion {
    const start = path.resolve(folder);
    let answer = this.byFolder.get(start);
    if (answer) return answer;
    answer = this.find(start);
    this.byFolder.set(start, answer);
    return answer;
  }

  // Upwards from the folder: at each level the installed package first, then the
  // package.json's range; the nearest answer wins, so a project that is not installed is
  // not read as the Taro of a folder around it. A range is then checked against the
  // project's lockfile (lockedVersion), which names the version it runs.
  private find(start: string): TaroVersion {
    const found = this.packages.findUp(start, (dir, pkg): TaroVersion | undefined => {
      let answer = this.atFolder.get(dir);
      if (answer === undefined) this.atFolder.set(dir, (answer = this.answerAt(dir, pkg) ?? null));
      return answer ?? undefined;
    });
    return found ?? { source: 'none', wraps: undefined };
  }

  /**
   * What the folder `dir` (its package.json `pkg`) says of the Taro its files run: installed,
   * locked, or asked for. A package.json that cannot be parsed may name @tarojs/taro or not: the
   * search stops there, unanswered, rather than take the Taro of a folder around it.
   */
  private answerAt(dir: string, pkg: PackageJsonAt): TaroVersion | undefined {
    const installed = this.installedAt(dir);
    if (installed) return installed;
    if (isUnparsable(pkg))
      return { from: path.join(dir, 'package.json'), source: 'unparsable', why: pkg.why, wraps: undefined };
    const range = taroRange(fieldsOf(pkg));
    if (range === undefined) return undefined;
    const unreadable: { file: string; why: string }[] = [];
    const locked = this.lockedVersion(dir, range, unreadable);
    if (locked) return locked;
    const verdict = taroWrapsVerdict(range);
    return {
      version: range,
      from: path.join(dir, 'package.json'),
      source: 'package.json',
      wraps: verdict.wraps,
      ...(verdict.mixed ? { mixed: true as const } : {}),
      ...(unreadable.length > 0 ? { unreadable } : {}),
    };
  }

  /** The @tarojs/taro installed in `dir`'s node_modules, if one is (unparsable: its package.json cannot be parsed). */
  private installedAt(dir: string): TaroVersion | undefined {
    const installedDir = path.join(dir, 'node_modules', ...TARO_MODULE.split('/'));
    const from = path.join(installedDir, 'package.json');
    const pkg = this.packages.read(installedDir);
    if (isUnparsable(pkg)) return { from, source: 'unparsable', why: pkg.why, wraps: undefined };
    const installed = fieldsOf(pkg)?.version;
    return typeof installed === 'string'
      ? { version: installed, from, source: 'installed', wraps: taroWraps(installed) }
      : undefined;
  }

  /**
   * The version a lockfile locks for the package in `project` (whose package.json asks for
   * `range`): its own folder's lockfile, else one above it, up to the git root, that has the
   * package among its workspaces (npm's `packages`, pnpm's `importers`, the `workspaces` of
   * yarn's package.json); a workspace root's installed @tarojs/taro goes before its lockfile.
   * Lockfiles that cannot be read are added to `unreadable`.
   */
  private lockedVersion(
    project: string,
    range: string,
    unreadable: { file: string; why: string }[],
  ): TaroVersion | undefined {
    const gitRoot = findGitRoot(project);
    return (
      findUp(project, (dir): TaroVersion | null | undefined => {
        const member = toPosixPath(path.relative(dir, project));
        for (const name of LOCKFILE_NAMES) {
          const file = path.join(dir, name);
          let text: string;
          try {
            text = readSideText(file, MAX_LOCKFILE_BYTES);
          } catch (error) {
            const { code } = error as NodeJS.ErrnoException;
            if (code !== 'ENOENT' && code !== 'ENOTDIR')
              unreadable.push({ file, why: code ?? (error as Error).message });
            continue;
          }
          // yarn.lock does not list workspaces: the package.json beside it does.
          if (member !== '' && name === 'yarn.lock' && !this.hasWorkspace(dir, member)) continue;
          const answer = lockedTaroVersion(name, text, member, range);
          if (answer === undefined) continue;
          if ('error' in answer) {
            unreadable.push({ file, why: answer.error });
            continue;
          }
          // A workspace root's hoisted install is what the package runs.
          const installed = member === '' ? undefined : this.installedAt(dir);
          if (installed) return installed;
          const wraps = taroWraps(answer.version);
          if (wraps !== undefined) return { version: answer.version, from: file, source: 'lockfile', wraps };
        }
        // Up to the git root: a lockfile outside the repository is not this project's.
        return dir === gitRoot ? null : undefined;
      }) ?? undefined
    );
  }

  /** Does the package.json in `dir` list `member` (a folder below it) among its workspaces? */
  private hasWorkspace(dir: string, member: string): boolean {
    const pkg = fieldsOf(this.packages.read(dir));
    const workspaces = Array.isArray(pkg?.workspaces)
      ? pkg.workspaces
      : (pkg?.workspaces as { packages?: unknown } | undefined)?.packages;
    if (!Array.isArray(workspaces)) return false;
    return workspaces.some((pattern) => typeof pattern === 'string' && globMatches(pattern, member));
  }
}

/**
 * A workspaces pattern (`packages/*`, `apps/**`, `./web`) against a folder, both with `/`, through
 * the patterns gate (globs.ts): a package.json's glob cannot hold a run. One it does not match
 * (an extglob, a range) lists no folder.
 */
function globMatches(pattern: string, folder: string): boolean {
  const matches = globMatcher(pattern.replace(/^\.\//, '').replace(/\/+$/, ''));
  return matches !== null && matches(folder);
}
