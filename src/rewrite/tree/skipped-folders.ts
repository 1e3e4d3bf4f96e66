/**
 * The build-output folders a walk passes over (file-kinds.ts, OUTPUT_FOLDERS) that git does not
 * ignore (WalkResult.skippedFolders): a library's `dist` copied by hand into `components/`, a
 * committed build. Nothing in them is migrated, and the audit reports nothing there; but a folder
 * whose scripts name a legacy API is said, in one line each, by both doors: never in silence.
 * Read with the pre-filter on bytes only (no parser), not into dependencies, hidden folders or links.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isRewritableFile, isSkippedFolder, isSkippedInBuiltPackages, OUTPUT_FOLDERS } from '../rules/file-kinds';
import { mightContainLegacyCallBytes } from '../rules/prefilter';
import { counted } from './paths';

/** A skipped folder and the scripts in it whose text names a legacy API (absolute). */
export interface SkippedFolderCalls {
  folder: string;
  files: string[];
}

/** The folders among `folders` whose scripts name a legacy API, each with those scripts, in the order given. */
export function legacyCallsInSkippedFolders(folders: readonly string[]): SkippedFolderCalls[] {
  const found: SkippedFolderCalls[] = [];
  for (const folder of folders) {
    const files: string[] = [];
    scriptsNamingLegacyApi(folder, files);
    if (files.length > 0) found.push({ folder, files });
  }
  return found;
}

function scriptsNamingLegacyApi(dir: string, into: string[]): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return; // a folder skipped anyway: what cannot be read there is not the run's to report
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory() && !isSkippedInBuiltPackages(entry.name)) scriptsNamingLegacyApi(full, into);
    else if (entry.isFile() && isRewritableFile(entry.name) && namesLegacyApi(full)) into.push(full);
  }
}

function namesLegacyApi(file: string): boolean {
  try {
    return mightContainLegacyCallBytes(fs.readFileSync(file));
  } catch {
    return false;
  }
}

/**
 * The summary line of a skipped folder that holds legacy calls, as both doors say it (`shown`: its path as the report
 * shows it; `verb`: what the door does, `migrated` or `audited`).
 */
export function skippedFolderLine(shown: string, files: number, verb: 'migrated' | 'audited'): string {
  const naming = `${counted(files, 'file')} in it ${files === 1 ? 'names' : 'name'} a legacy API`;
  const name = shown.slice(shown.lastIndexOf('/') + 1);
  const kind = OUTPUT_FOLDERS.has(name) ? 'build output' : name.startsWith('.') ? 'a hidden folder' : 'dependencies';
  return `skipped as ${kind}: ${shown} (${naming}): not ${verb}; if the app runs it as it is, give the folder as a path`;
}

/**
 * The outermost skipped folder (by its name: file-kinds.ts, isSkippedFolder) between the root of `roots` that holds
 * `file` and the file, or null: where a file a walk of `roots` did not list lies in one, no codemod run on those paths
 * touches it (the audit reads it through an import, or as its config lists it). Paths absolute, with `/`.
 */
export function skippedFolderOf(file: string, roots: readonly string[]): string | null {
  const root = roots
    .filter((r) => file.startsWith(r.endsWith('/') ? r : `${r}/`))
    .sort((a, b) => b.length - a.length)[0];
  if (root === undefined) return null;
  const folders = file.slice(root.length).split('/').filter(Boolean).slice(0, -1);
  let at = root.replace(/\/$/, '');
  for (const name of folders) {
    at = `${at}/${name}`;
    if (isSkippedFolder(name)) return at;
  }
  return null;
}
