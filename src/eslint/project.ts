/**
 * What the ESLint rule needs to know about the project a linted file belongs to, to hand
 * the engine the options the codemod would (src/rewrite/project/project-options.ts): which runtime
 * entry (the nearest package.json, read through the engine's lookup) and whether the app's
 * own getRecorderManager() is routed (src/rewrite/project/routing.ts, over the project's files).
 *
 * An editor lints one file at a time and cannot see the whole project; the routing
 * decision is needed only for a file that names getRecorderManager without a legacy record
 * call of its own (a file with one is routed, as the codemod routes its whole run). For
 * those, the file's routing scope (as the codemod's: the native mini-program it is in, else
 * its Taro project, project-options.ts routingScopeOf; else the folder of its nearest
 * package.json) is walked as the codemod walks it (.gitignore honoured, node_modules and build output skipped) and the
 * answer kept for SCAN_TTL_MS (30 s), so that an editor's linter, which lives for hours, sees a
 * legacy call added or removed elsewhere within half a minute, and `eslint .` scans each project
 * about once. The option `routeRecorderManager` decides instead, with no scan.
 */
import * as path from 'path';
import {
  hasLegacyCallOfKindIn,
  PackageJsonReader,
  printable,
  TaroProjectLookup,
  treeHasLegacyCallOfKind,
  type LegacyApiKind,
} from '../rewrite/light';

/** How long one scan of a project's files answers for it. */
export const SCAN_TTL_MS = 30_000;

let taroLookup = new TaroProjectLookup();
const scans = new Map<string, { at: number; answer: RoutingAnswer }>();

/** The engine's lookup of the nearest package.json's Taro dependency, shared by every file of the process. */
export function taroProjects(): TaroProjectLookup {
  return taroLookup;
}

/**
 * The project whose files decide the routing of `file`: its routing scope (the mini-program or
 * Taro project it is in), else the folder of the nearest package.json above it, else its own folder.
 */
export function projectRootOf(file: string): string {
  const dir = path.dirname(path.resolve(file));
  // The package.json reader of the Taro lookup: one read of each package.json for every question.
  return taroLookup.routingScopeOf(file) ?? taroLookup.packages.nearestDir(dir) ?? dir;
}

/**
 * Whether a file's app API is routed. `unsure`, when it is not: what of the project could not
 * be read, so that a legacy call there may have been missed (said to the user, never assumed
 * away in silence).
 */
export interface RoutingAnswer {
  routes: boolean;
  unsure: string | null;
}

/** Does the project hold a legacy call of this kind? Scanned once per SCAN_TTL_MS per project and kind. */
export function projectHasLegacyCallOfKind(root: string, kind: RoutingKind, now = Date.now()): RoutingAnswer {
  const key = `${kind}\0${root}`;
  const cached = scans.get(key);
  if (cached && now - cached.at < SCAN_TTL_MS) return cached.answer;
  const { found, unread } = treeHasLegacyCallOfKind([root], kind);
  const first = unread[0];
  // The path as a person reads it (a name that is not UTF-8 is kept as its bytes: printable shows them).
  const unsure = first
    ? `${printable(path.relative(root, first.path) || '.')}: ${first.reason}${unread.length > 1 ? ` (and ${unread.length - 1} more)` : ''}`
    : null;
  const answer = { routes: found, unsure };
  scans.set(key, { at: now, answer });
  return answer;
}

/**
 * The kinds whose legacy calls route an app API of the family: record (getRecorderManager), background audio
 * (getBackgroundAudioManager).
 */
export type RoutingKind = Extract<LegacyApiKind, 'record' | 'backgroundAudio'>;

/**
 * The routing decision for one linted file: the file's own text first (in an editor it is
 * newer than the disk), then its project's files.
 */
export function routesAppApiOfKind(
  kind: RoutingKind,
  text: string,
  filename: string,
  physicalFile: string,
): RoutingAnswer {
  // Asked as every door asks a file (routing.ts): a call already migrated counts too.
  if (hasLegacyCallOfKindIn([{ file: filename, text }], kind)) return { routes: true, unsure: null };
  return projectHasLegacyCallOfKind(projectRootOf(physicalFile), kind);
}

let dependencies = { reader: new PackageJsonReader(), at: Date.now() };

/**
 * The package.json reader that says whether a project lists the runtime package among its
 * dependencies: read afresh every SCAN_TTL_MS, so that an editor's linter stops saying it within
 * half a minute of the package being added.
 */
export function dependencyReader(now = Date.now()): PackageJsonReader {
  if (now - dependencies.at >= SCAN_TTL_MS) dependencies = { reader: new PackageJsonReader(), at: now };
  return dependencies.reader;
}

/** Forget every scan and lookup (tests). */
export function forgetProjects(): void {
  scans.clear();
  taroLookup = new TaroProjectLookup();
  dependencies = { reader: new PackageJsonReader(), at: Date.now() };
}
