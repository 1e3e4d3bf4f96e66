/**
 * Taro 2's H5 build, which this plugin leaves as Taro makes it and says so at its end. Taro 2's
 * CLI compiles copies of the source root (`.temp/`), in which it has already turned each Taro
 * call into an import from `@tarojs/taro-h5`, whose recorder and voice functions are stubs,
 * before webpack (and this plugin's loader) sees them; and the runtime's H5 entry is written on
 * Taro 3's H5 API (named exports of `@tarojs/taro`: the players, the page stack), which Taro 2's
 * H5 does not have. So nothing is rewritten there, and the build's last line names every call
 * left under the source root, as places for a person.
 */
import * as path from 'node:path';
import {
  legacyCallsIn,
  mightContainLegacyCall,
  readSideText,
  TaroVersionReader,
  toPosixPath,
  walk,
  type RewriteOptions,
} from '../rewrite/light';
import type { ManualPlace } from './collector';

/** The way out, in the line and in each place's reason. */
const WAY_OUT = 'build H5 with Taro 3 or later, where this plugin rewrites them';

/** The major version of the Taro the app at `appPath` runs (installed, locked or asked for), or undefined. */
function taroMajor(appPath: string): number | undefined {
  const version = new TaroVersionReader().forFolder(appPath).version;
  const major = version === undefined ? NaN : Number.parseInt(version.replace(/^[^\d]*/, ''), 10);
  return Number.isNaN(major) ? undefined : major;
}

/** Whether this build is Taro 2's H5 build (TARO_ENV `h5` on Taro 2), which the plugin leaves as it is. */
export function isTaro2H5Build(appPath: string, platform: string | undefined): boolean {
  return platform === 'h5' && taroMajor(appPath) === 2;
}

/** Each call the rewrite would take under `sourceDir`, as a place for a person (paths from `appPath`). */
export function callsLeftIn(sourceDir: string, appPath: string, options: RewriteOptions): ManualPlace[] {
  const places: ManualPlace[] = [];
  // What the build compiles, ignored by git or not, as the routing's pre-scan reads it (route.ts).
  for (const file of walk([sourceDir], new Set(), { gitignore: false }).files) {
    let text: string;
    try {
      text = readSideText(file);
    } catch {
      continue; // the build cannot compile it either
    }
    if (!mightContainLegacyCall(text)) continue;
    const report = legacyCallsIn(file, text, options, (api, unreadable) => {
      const read =
        unreadable === undefined ? '' : ` (its text shows the call; the rewrite cannot read it: ${unreadable})`;
      return `${api} reaches Taro 2 H5's own function, which this build does not rewrite${read}: ${WAY_OUT}`;
    });
    const relative = toPosixPath(path.relative(appPath, file));
    for (const site of report?.manual ?? [])
      places.push({ file: relative, line: site.line, column: site.column, reason: site.reason });
  }
  return places;
}

/** The line printed at the end of Taro 2's H5 build: never "nothing left", each call left by file:line and API. */
export function formatTaro2H5Notice(places: readonly ManualPlace[]): string {
  const head =
    "[record-compat] Taro 2's H5 build: nothing rewritten (Taro compiles copies of the source in which its calls already import @tarojs/taro-h5, and this package's H5 runtime needs Taro 3's H5 API)";
  if (places.length === 0) return `${head}; no legacy call under the source root`;
  // Each reason starts with its API's name (callsLeftIn).
  const named = places.map((place) => `${place.file}:${place.line} (${place.reason.split(' ', 1)[0]})`).join(', ');
  return `${head}; ${places.length} call${places.length === 1 ? '' : 's'} left as Taro 2 H5 has them: ${named}; ${WAY_OUT}`;
}
