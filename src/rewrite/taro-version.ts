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
 * `version` (what the app really runs), else the dependency's range in a package.json, taken at the newest version it allows
 * (what an install would bring: `^2.2.0` is 2.x, `~3.3.0` is 3.3.x, past 3.3.1). When neither
 * says (no Taro found, `latest`, `*`, a `>=` or `||` range, a tag, a path, a git URL), the
 * answer is "cannot tell", and the doors keep WeChat's rule: Taro 3.3.1 and later behave
 * that way, and it is what the runtime does everywhere else.
 */
import * as path from 'node:path';
import { TARO_MODULE } from './legacy-apis';
import { fieldsOf, PackageJsonReader, type PackageJson } from './package-json';

/** The first Taro whose calls are passed through (3.3.1). */
const PASSED_THROUGH_FROM: readonly number[] = [3, 3, 1];

export interface TaroVersion {
  /** The installed version, or the dependency's range; undefined when no Taro was found. */
  version?: string;
  /** Where it was read: the installed package's package.json, or the project's. */
  from?: string;
  source: 'installed' | 'package.json' | 'none';
  /** Did that Taro wrap the calls? undefined: cannot tell (the doors then keep WeChat's rule). */
  wraps: boolean | undefined;
}

/** -1, 0 or 1, comparing version numbers part by part (missing parts are 0). */
function compare(a: readonly number[], b: readonly number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Does this version, or the newest version this range allows, wrap the calls? A concrete
 * version (`2.2.22`, `v3.3.0`, `3.0.0-beta.1`), an `x` range (`2.x`, `3`), a caret or a tilde
 * range; anything else is undefined.
 */
export function taroWraps(versionOrRange: string): boolean | undefined {
  const m = /^\s*(\^|~|=|v)?\s*v?(\d+)(?:\.(\d+|x|\*))?(?:\.(\d+|x|\*))?(?:[-+][0-9A-Za-z.-]*)?\s*$/.exec(versionOrRange);
  if (!m) return undefined;
  const [, op, majorText, minorText, patchText] = m;
  const number = (text: string | undefined) => (text === undefined || text === 'x' || text === '*' ? Infinity : Number(text));
  const major = Number(majorText);
  let minor = number(minorText);
  let patch = number(patchText);
  // The newest version the range allows.
  if (op === '^' && major > 0) minor = patch = Infinity;
  else if (op === '^' || op === '~') patch = Infinity;
  return compare([major, minor, patch], PASSED_THROUGH_FROM) < 0;
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

/** Reads the Taro of the projects files belong to; each folder is read once. */
export class TaroVersionReader {
  private readonly byFolder = new Map<string, TaroVersion>();

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
  // not read as the Taro of a folder around it.
  private find(start: string): TaroVersion {
    const found = this.packages.findUp(start, (dir, pkg): TaroVersion | undefined => {
      const installedDir = path.join(dir, 'node_modules', ...TARO_MODULE.split('/'));
      const installed = fieldsOf(this.packages.read(installedDir))?.version;
      if (typeof installed === 'string') return { version: installed, from: path.join(installedDir, 'package.json'), source: 'installed', wraps: taroWraps(installed) };
      const range = taroRange(fieldsOf(pkg));
      if (range) return { version: range, from: path.join(dir, 'package.json'), source: 'package.json', wraps: taroWraps(range) };
      return undefined;
    });
    return found ?? { source: 'none', wraps: undefined };
  }
}
