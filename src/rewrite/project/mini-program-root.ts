/**
 * Native mini-programs that WeChat's devtools load as they are, with no build step: the folder
 * of an `app.json` that a `project.config.json` beside it or above names as its
 * `miniprogramRoot` (default: the project config's own folder), and the folder of a WeChat
 * plugin's `plugin.json` that it names as its `pluginRoot`. There a `require()` of a
 * package resolves only in a `miniprogram_npm`, which WeChat's npm build fills from the
 * `dependencies` of the package.json files it reads (AsIsMiniProgram's npmBuilds). A project
 * whose sources a bundler builds has its `project.config.json` name the output folder instead,
 * so its source folder is not loaded as it is.
 *
 * Loads no parser (part of the light entry): reads two small JSON files per folder, once.
 */
import * as fs from 'fs';
import * as path from 'path';
import { APP_JSON, PLUGIN_JSON } from '../rules/file-kinds';
import { parseJsonText } from '../rules/json-text';
import { folderHolding, toPosixPath } from '../tree/paths';
import { fileKindWords, readSideText } from '../tree/side-file';

export const PROJECT_CONFIG = 'project.config.json';

/** A mini-program root loaded as it is, and the project config that says so. */
export interface AsIsMiniProgram {
  root: string;
  projectConfig: string;
  /** The config's key naming the root: a mini-program's, or a WeChat plugin's (a plugin project holds both). */
  key: 'miniprogramRoot' | 'pluginRoot';
  /**
   * Where WeChat's npm build ("Tools → Build npm") reads and writes, when the config says
   * (`setting.packNpmManually` with its `setting.packNpmRelationList`); undefined: its default,
   * each package.json inside the root, its miniprogram_npm beside it.
   */
  npmBuilds?: NpmBuild[];
}

/**
 * One package.json WeChat's npm build reads, and the folder whose miniprogram_npm it fills from that package.json's
 * `dependencies`.
 */
export interface NpmBuild {
  packageJson: string;
  into: string;
}

/**
 * A project config that could not be read or parsed: whether WeChat loads the folders below it
 * as they are is not known. `why`: the system's code, the kind of file it is instead of a
 * regular one, or where its JSON breaks (json-text.ts).
 */
export interface UnreadProjectConfig {
  projectConfig: string;
  why: string;
}

/**
 * What the nearest project config says of a root: it loads it as it is, it does not (null), or it could not be read.
 */
type ProjectLoading = AsIsMiniProgram | UnreadProjectConfig | null;

function isUnread(loading: ProjectLoading | undefined): loading is UnreadProjectConfig {
  return loading != null && 'why' in loading;
}

/**
 * The nearest folder at or above a folder that holds `marker` as a regular file (or, with `holds`, as it says), each
 * folder looked at once however many files below it ask: a run's candidates share their ancestors.
 */
class NearestHolder {
  private readonly nearest = new Map<string, string | null>();

  constructor(
    private readonly marker: string,
    private readonly holds: (file: string) => boolean = isRegularFile,
  ) {}

  at(dir: string): string | undefined {
    const asked: string[] = [];
    let found: string | null | undefined;
    for (let d = path.resolve(dir); found === undefined; d = path.dirname(d)) {
      found = this.nearest.get(d);
      if (found !== undefined) break;
      asked.push(d);
      if (this.holds(path.join(d, this.marker))) found = d;
      else if (path.dirname(d) === d) found = null;
    }
    for (const d of asked) this.nearest.set(d, found);
    return found ?? undefined;
  }
}

/**
 * The root of the native mini-program holding `dir`: the nearest folder at or above it with an
 * `app.json` (a regular file). Not bounded by the repository: a git submodule inside a
 * mini-program is loaded with it, and its require cannot leave that root either.
 * MiniProgramRoots keeps its answers for a run's files.
 */
export function appRootAt(dir: string): string | undefined {
  return new NearestHolder(APP_JSON).at(dir);
}

function isRegularFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Whether something is at `file` that is not a regular file (a folder, a FIFO, a link leading nowhere). */
function isThereButNotRegular(file: string): boolean {
  return fs.lstatSync(file, { throwIfNoEntry: false }) !== undefined && !isRegularFile(file);
}

/**
 * What app.json says of the folders a require may not leave: its independent subpackages' roots; or why it could not be
 * read.
 */
export type AppJson = { subpackageRoots: string[] } | { unreadable: string };

/**
 * The mini-program roots of a run's files (the nearest app.json, else a WeChat plugin's root),
 * and which of them WeChat loads as they are; each folder looked at once.
 */
export class MiniProgramRoots {
  private readonly appJsonFolders = new NearestHolder(APP_JSON);
  private readonly strayAppJsonFolders = new NearestHolder(APP_JSON, isThereButNotRegular);
  private readonly pluginJsonFolders = new NearestHolder(PLUGIN_JSON);
  private readonly byAppRoot = new Map<string, ProjectLoading>();
  private readonly appJsons = new Map<string, AppJson>();
  /**
   * Each folder holding a plugin.json asked about: the plugin it is, null when no project config names it, or the
   * config that could not be read.
   */
  private readonly pluginFolders = new Map<string, ProjectLoading>();

  /** The app.json of the mini-program rooted at `root`, read once; a plugin has none, and no subpackages. */
  appJsonOf(root: string): AppJson {
    if (this.pluginAt(root)) return { subpackageRoots: [] };
    let read = this.appJsons.get(root);
    if (read === undefined) this.appJsons.set(root, (read = readAppJson(path.join(root, APP_JSON))));
    return read;
  }

  /**
   * Whether a native mini-program or WeChat plugin may hold any of a walk's files: no, where no folder it listed holds
   * an app.json or plugin.json (`listed`, WalkResult.appMarkersListed) and none is at or above the `roots` it was given.
   */
  mayHold(roots: readonly string[], listed: boolean): boolean {
    if (listed) return true;
    // A root that is a file is asked as a folder first: nothing is there, and the search goes on up from its folder.
    return roots.some(
      (root) => this.appJsonFolders.at(root) !== undefined || this.pluginJsonFolders.at(root) !== undefined,
    );
  }

  /**
   * An `app.json` at or above `file` that is not a regular file (a folder, a FIFO, a link leading nowhere), nearer than
   * the root of any mini-program holding the file: whether the file is in a mini-program is not known.
   */
  strayAppJsonOf(file: string): string | undefined {
    const dir = path.dirname(path.resolve(file));
    const stray = this.strayAppJsonFolders.at(dir);
    if (stray === undefined) return undefined;
    const app = this.appJsonFolders.at(dir);
    return app === undefined || app.length < stray.length ? path.join(stray, APP_JSON) : undefined;
  }

  /**
   * Why `file` is left as it is below an app.json that is not a regular file (strayAppJsonOf): whether it is in a
   * native mini-program, which decides where it may import the runtime from, is not known. Null otherwise.
   */
  strayAppJsonRefusal(file: string): string | null {
    const stray = this.strayAppJsonOf(file);
    if (stray === undefined) return null;
    const shown = toPosixPath(path.relative(path.dirname(path.resolve(file)), stray));
    const stat = fs.lstatSync(stray, { throwIfNoEntry: false });
    const what =
      stat === undefined ? 'gone' : stat.isSymbolicLink() ? 'a symbolic link to no regular file' : fileKindWords(stat);
    return (
      `${shown} is ${what}, not a mini-program's app.json, so whether this file is in a native mini-program (which decides where it may import the runtime from) is not known; ` +
      `left as it is: rename or remove ${shown}, or make it the mini-program's app.json, and run again`
    );
  }

  /** The root of the native mini-program or WeChat plugin `file` is in, if it is in one. */
  appRootOf(file: string): string | undefined {
    const dir = path.dirname(path.resolve(file));
    return this.appJsonFolders.at(dir) ?? this.pluginHolding(dir)?.root;
  }

  /**
   * The WeChat plugin holding `dir`: the nearest folder at or above it with a `plugin.json` that
   * the nearest project.config.json above names as its `pluginRoot`. A plugin's require cannot
   * leave that root either. Only a named root counts: other tools' plugins (Grafana's, say) keep
   * a `plugin.json` too.
   */
  private pluginHolding(dir: string): AsIsMiniProgram | undefined {
    const plugin = this.pluginLoading(dir);
    return plugin && !isUnread(plugin) ? plugin : undefined;
  }

  /**
   * What the project config says of the nearest folder at or above `dir` holding a plugin.json; undefined: there is
   * none.
   */
  private pluginLoading(dir: string): ProjectLoading | undefined {
    const folder = this.pluginJsonFolders.at(dir);
    if (folder === undefined) return undefined;
    let plugin = this.pluginFolders.get(folder);
    if (plugin === undefined) this.pluginFolders.set(folder, (plugin = projectLoading(folder, 'pluginRoot')));
    return plugin;
  }

  /** The WeChat plugin rooted at `root` (the folder of its plugin.json), if one of the run's files is in it. */
  pluginAt(root: string): AsIsMiniProgram | undefined {
    const plugin = this.pluginFolders.get(root);
    return plugin && !isUnread(plugin) ? plugin : undefined;
  }

  /**
   * The mini-program loaded as it is that `file` belongs to, if it belongs to one; or the
   * project config that would say so and could not be read. The latter governs the files of
   * the mini-program it sits above (the nearest app.json's), and those under a plugin.json,
   * which it alone could name a WeChat plugin's root.
   */
  loadedAsIs(file: string): AsIsMiniProgram | UnreadProjectConfig | undefined {
    const root = this.appRootOf(file);
    if (root === undefined) return this.unreadPluginConfigOf(file);
    let found = this.byAppRoot.get(root);
    if (found === undefined)
      this.byAppRoot.set(root, (found = this.pluginAt(root) ?? projectLoading(root, 'miniprogramRoot')));
    return found ?? undefined;
  }

  /**
   * The project config that could not say whether the folder of `file`'s plugin.json is a WeChat plugin's root, if
   * there is one.
   */
  unreadPluginConfigOf(file: string): UnreadProjectConfig | undefined {
    if (this.appRootOf(file) !== undefined) return undefined;
    const plugin = this.pluginLoading(path.dirname(path.resolve(file)));
    return isUnread(plugin) ? plugin : undefined;
  }
}

/**
 * The project config that loads `root` as its mini-program (or plugin: `key`), if the nearest
 * one above does. Read as strict JSON, the format WeChat's devtools document and write: one
 * that is not (a trailing comma, a comment), or is no regular file, is not guessed at, whatever
 * a laxer reader might make of it; it is returned as unread, so that the files it governs are
 * refused by name rather than routed one way or the other.
 */
function projectLoading(root: string, key: AsIsMiniProgram['key']): ProjectLoading {
  const dir = folderHolding(root, PROJECT_CONFIG);
  if (dir === undefined) return null;
  const projectConfig = path.join(dir, PROJECT_CONFIG);
  let config: Record<string, unknown> | null;
  try {
    config = parseJsonText(readSideText(projectConfig)) as Record<string, unknown> | null;
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { projectConfig, why: code ?? message };
  }
  const named = config?.[key];
  // A mini-program's root defaults to the config's folder; a plugin's is only ever named.
  const loaded =
    typeof named === 'string' && named !== '' ? path.resolve(dir, named) : key === 'miniprogramRoot' ? dir : null;
  if (loaded === null || !samePath(loaded, root)) return null;
  const npmBuilds = manualNpmBuilds(config, dir);
  return { root, projectConfig, key, ...(npmBuilds ? { npmBuilds } : {}) };
}

/**
 * The npm builds a project config sets by hand (WeChat's devtools documentation, "npm support":
 * `setting.packNpmManually: true` and `setting.packNpmRelationList`, each entry a
 * `packageJsonPath` and the `miniprogramNpmDistDir` its miniprogram_npm goes into, from the
 * config's folder); undefined where the config leaves the build to its default. An entry without
 * both paths builds nothing.
 */
function manualNpmBuilds(config: Record<string, unknown> | null, dir: string): NpmBuild[] | undefined {
  const setting = config?.setting;
  if (typeof setting !== 'object' || setting === null || (setting as Record<string, unknown>).packNpmManually !== true)
    return undefined;
  const relations = (setting as Record<string, unknown>).packNpmRelationList;
  const builds: NpmBuild[] = [];
  for (const entry of Array.isArray(relations) ? (relations as unknown[]) : []) {
    const { packageJsonPath, miniprogramNpmDistDir } = (
      typeof entry === 'object' && entry !== null ? entry : {}
    ) as Record<string, unknown>;
    if (typeof packageJsonPath === 'string' && typeof miniprogramNpmDistDir === 'string')
      builds.push({ packageJson: path.resolve(dir, packageJsonPath), into: path.resolve(dir, miniprogramNpmDistDir) });
  }
  return builds;
}

function samePath(a: string, b: string): boolean {
  const real = (p: string) => {
    try {
      return fs.realpathSync(p);
    } catch {
      return path.resolve(p);
    }
  };
  return real(a) === real(b);
}

/** What a root loaded as it is holds, by the config's key naming it: in words, and the file that marks its folder. */
const LOADED_ROOTS: Record<AsIsMiniProgram['key'], { what: 'mini-program' | 'plugin'; marker: string }> = {
  miniprogramRoot: { what: 'mini-program', marker: APP_JSON },
  pluginRoot: { what: 'plugin', marker: PLUGIN_JSON },
};

/** What WeChat loads as it is there, in words: a mini-program or a plugin. */
export function loadedWhat(app: AsIsMiniProgram): 'mini-program' | 'plugin' {
  return LOADED_ROOTS[app.key].what;
}

/** How a refusal names the config: the root it names, from the config's folder. */
export function describeLoading(app: AsIsMiniProgram): string {
  const root = toPosixPath(path.relative(path.dirname(app.projectConfig), app.root));
  return root === ''
    ? `${PROJECT_CONFIG} beside ${LOADED_ROOTS[app.key].marker}`
    : `${PROJECT_CONFIG}: ${app.key} '${root}/'`;
}

/** The roots of app.json's independent subpackages (`subpackages`, or the older spelling `subPackages`). */
function readAppJson(file: string): AppJson {
  let json: unknown;
  try {
    json = parseJsonText(readSideText(file));
  } catch (err) {
    const { code, message } = err as NodeJS.ErrnoException;
    return { unreadable: code ?? message };
  }
  const roots: string[] = [];
  if (typeof json !== 'object' || json === null) return { subpackageRoots: roots };
  const app = json as Record<string, unknown>;
  for (const key of ['subpackages', 'subPackages']) {
    const list = app[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list as unknown[]) {
      if (typeof entry !== 'object' || entry === null) continue;
      const { root, independent } = entry as { root?: unknown; independent?: unknown };
      // A root is written `sub`, `sub/` or `/sub`: always relative to the mini-program's root.
      if (independent === true && typeof root === 'string' && root.replace(/^[/\\]+/, '') !== '')
        roots.push(root.replace(/^[/\\]+/, ''));
    }
  }
  return { subpackageRoots: roots };
}
