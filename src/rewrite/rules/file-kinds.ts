/**
 * Which files the project handles, and how each is parsed: one module for every door
 * (the CLI's walk, the build plugin's hooks, the audit's walk and the engine itself), so
 * the codemod, the build and the audit agree on which files are in scope.
 * Dependency-free: the CLI decides with it before loading Babel.
 */

/** The parser a script is read with: `.ts` without JSX (so `<T>x` casts work), everything else with it. */
export type ParserName = 'ts' | 'tsx';

/** Script files the project handles (TypeScript and JavaScript, module and CommonJS variants). */
export const SCRIPT_EXTENSIONS: readonly string[] = ['.js', '.jsx', '.ts', '.tsx', '.mjs', '.cjs', '.mts', '.cts'];
export const VUE_EXTENSION = '.vue';

const DECLARATION_FILE = /\.d\.[cm]?ts$/i;
const TS_FILE = /\.[cm]?ts$/i;
const SCRIPT_FILE = new RegExp(`(?:${SCRIPT_EXTENSIONS.map((e) => e.replace('.', '\\.')).join('|')})$`, 'i');

/**
 * Single-file components of the other mini-program frameworks, by extension: wepy's `.wpy` and
 * Mpx's `.mpx` (a `<template>`, a `<script>`, a `<style>`, as a `.vue` file). No door rewrites
 * them (their compilers and the way they resolve the runtime's module are untested here); the
 * codemod and the audit read them for the legacy calls a person must migrate (package-calls.ts).
 */
const OTHER_COMPONENTS: ReadonlyMap<string, string> = new Map([
  ['.wpy', 'wepy'],
  ['.mpx', 'Mpx'],
]);

/** The framework whose single-file component this is (OTHER_COMPONENTS), or undefined. */
export function otherComponentFramework(name: string): string | undefined {
  const ext = /\.[^./\\]+$/.exec(name)?.[0].toLowerCase();
  return ext === undefined ? undefined : OTHER_COMPONENTS.get(ext);
}

/** A script file of one of the handled extensions (declaration files included: the audit reads them). */
export function isScriptFile(filePath: string): boolean {
  return SCRIPT_FILE.test(filePath);
}

export function isVueFile(filePath: string): boolean {
  return filePath.toLowerCase().endsWith(VUE_EXTENSION);
}

/** `.d.ts`, `.d.mts`, `.d.cts`: types only, no code to rewrite. */
export function isDeclarationFile(filePath: string): boolean {
  return DECLARATION_FILE.test(filePath);
}

/** Files the rewrite may change: scripts other than declaration files, and Vue components. */
export function isRewritableFile(filePath: string): boolean {
  return isVueFile(filePath) || (isScriptFile(filePath) && !isDeclarationFile(filePath));
}

/** Files the audit reads: scripts, declaration files included (they type the project), and Vue components. */
export function isAuditedFile(filePath: string): boolean {
  return isVueFile(filePath) || isScriptFile(filePath);
}

/**
 * Why a door does not take a file of this kind (isRewritableFile, isAuditedFile), or null when
 * it does. In words for a file named on a command line, which is otherwise always taken; the
 * walk asks the predicates alone, for every file of a tree.
 */
export function kindRefusal(filePath: string, door: 'rewrite' | 'audit' = 'rewrite'): string | null {
  if (door === 'audit' ? isAuditedFile(filePath) : isRewritableFile(filePath)) return null;
  const reads = door === 'audit' ? 'reads' : 'rewrites';
  const declaration = DECLARATION_FILE.exec(filePath);
  if (declaration !== null)
    return `not a script this tool ${reads} (${declaration[0]} declarations hold types, not calls: they are not migrated)`;
  const ext = /\.[^./\\]+$/.exec(filePath)?.[0];
  const what = ext ? `${ext} files are` : 'a file without an extension is';
  return `not a script this tool ${reads} (${what} not ${door === 'audit' ? 'audited' : 'migrated'}; it takes ${SCRIPT_EXTENSIONS.join(', ')} and .vue files)`;
}

/** The parser for a script, or null for a file that holds no script to rewrite (`.d.ts`, `.vue`, `.json`…). */
export function parserForFile(filePath: string): ParserName | null {
  if (!isScriptFile(filePath) || isDeclarationFile(filePath)) return null;
  return TS_FILE.test(filePath) ? 'ts' : 'tsx';
}

/**
 * The extension a `<script lang="…">` block is parsed as: `ts` for `ts` and `typescript`,
 * `js` for `js`, `javascript` and `babel`; null for languages the engine does not parse
 * (coffee and friends).
 */
export function blockExtension(lang: string): 'js' | 'jsx' | 'ts' | 'tsx' | null {
  if (lang === 'ts' || lang === 'tsx' || lang === 'jsx' || lang === 'js') return lang;
  if (lang === 'javascript' || lang === 'babel') return 'js';
  if (lang === 'typescript') return 'ts';
  return null;
}

/**
 * The folder WeChat's "build npm" writes a mini-program's packages into from node_modules: what
 * the mini-program loads. Skipped as a dependency folder (never rewritten: the next build would
 * write it again), but the walk lists its scripts apart when asked (WalkOptions.builtPackages),
 * so that their legacy calls are named for a person (package-calls.ts).
 */
export const BUILT_PACKAGES_FOLDER = 'miniprogram_npm';

/** The files whose folder is a native mini-program's root (`app.json`) or a WeChat plugin's (`plugin.json`). */
export const APP_JSON = 'app.json';
export const PLUGIN_JSON = 'plugin.json';

/** Whether `file` lies under a BUILT_PACKAGES_FOLDER (a root named there: its files are the built packages too). */
export function isInBuiltPackages(file: string): boolean {
  return file.split(/[\\/]/).includes(BUILT_PACKAGES_FOLDER);
}

/**
 * A folder not entered under BUILT_PACKAGES_FOLDER: hidden ones and installed packages; a package's own `dist` or
 * `build` is what the mini-program loads.
 */
export function isSkippedInBuiltPackages(name: string): boolean {
  return name === 'node_modules' || name.startsWith('.');
}

/**
 * Folders by their name build output: skipped by the walks, but not in silence where git does not
 * ignore them (a library's `dist` copied into `components/` by hand, a committed build): the doors
 * name each that holds legacy calls, in one line (skipped-folders.ts). Never skipped where it holds
 * a page its mini-program's app.json lists (`pages/build/build`): that is source (appJsonPageFolders).
 */
export const OUTPUT_FOLDERS: ReadonlySet<string> = new Set([
  'dist',
  'build',
  'unpackage', // uni-app output
  'coverage',
]);

/**
 * Folders that hold dependencies, build output or tool caches, never the user's source:
 * pruned by every walk (the CLI's and the audit's) whatever .gitignore says. Hidden
 * folders (`.git`, `.cache`…) are skipped by the walks as a rule as well.
 */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set(['node_modules', BUILT_PACKAGES_FOLDER, ...OUTPUT_FOLDERS]);

/** A folder no walk enters (unless a page of app.json is in it): a skipped folder or a hidden one. */
export function isSkippedFolder(name: string): boolean {
  return SKIPPED_FOLDERS.has(name) || name.startsWith('.');
}

/**
 * The folders of the pages an app.json (parsed) lists, relative to its folder with `/`: `pages/build` for
 * `pages/build/build`, and each subpackage's pages under its `root`. A walk enters them whatever their names.
 */
export function appJsonPageFolders(json: unknown): string[] {
  if (typeof json !== 'object' || json === null) return [];
  const app = json as Record<string, unknown>;
  const folders: string[] = [];
  const addPages = (pages: unknown, root: string) => {
    if (!Array.isArray(pages)) return;
    for (const page of pages as unknown[]) {
      if (typeof page !== 'string') continue;
      const full = `${root}/${page}`.split(/[\\/]+/).filter((part) => part !== '' && part !== '.');
      if (full.length > 1 && !full.includes('..')) folders.push(full.slice(0, -1).join('/'));
    }
  };
  addPages(app.pages, '');
  for (const key of ['subpackages', 'subPackages']) {
    const list = app[key];
    if (!Array.isArray(list)) continue;
    for (const entry of list as unknown[]) {
      const { root, pages } = (entry ?? {}) as { root?: unknown; pages?: unknown };
      if (typeof root === 'string') addPages(pages, root);
    }
  }
  return [...new Set(folders)];
}

/**
 * The suffix of the temporary file a verified write puts beside its original
 * (`.<name>.<pid>.<n>.record-compat-tmp`, src/files/io.ts). One found by a walk was left by a
 * run that was killed before it could remove it: the original next to it is intact.
 */
export const WRITE_TEMP_SUFFIX = '.record-compat-tmp';

export function isUnfinishedWrite(name: string): boolean {
  return name.endsWith(WRITE_TEMP_SUFFIX);
}
