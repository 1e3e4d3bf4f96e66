/**
 * What one pattern of Taro's `copy` option copies (its `from`: a file, a folder or a glob,
 * relative to the project), and the way such code is migrated. Taro copies it without
 * compiling it, so it cannot import the package's runtime: the codemod's standalone runtime
 * must go where the copy takes it along. Shared by the build plugin (which names the calls in
 * copied files) and the doors that rewrite files (which refuse to give them a package import).
 */
import * as fs from 'fs';
import * as path from 'path';
import type picomatchModule from 'picomatch';
import { PACKAGE_NAME } from '../rules/legacy-apis';
import { isAtOrUnder, toPosixPath } from '../tree/paths';
import { globMatcher } from '../tree/globs';

/** The name of the standalone runtime the codemod writes beside copied code. */
const LOCAL_RUNTIME = 'record-compat.js';

export interface CopySource {
  /** The pattern's `from`, as the config writes it. */
  from: string;
  /** The folder or file it names; for a glob, the folder the glob starts in (absolute). */
  base: string;
  glob: boolean;
  /**
   * The folder the copied files are in (absolute): `base` for a folder or a glob, else the
   * file's. `whole`: the copy takes that whole folder along (a folder pattern, not a glob).
   */
  folder: string;
  whole: boolean;
  /** A glob whose syntax the patterns gate does not match (globs.ts): which files it copies is not known. */
  unmatchable?: true;
  /** Is this file (absolute) one the pattern copies? */
  copies(file: string): boolean;
}

/** picomatch, loaded for the first pattern (a project without one never pays for it): it tells a glob's folder. */
let picomatchLoaded: typeof picomatchModule | undefined;
function picomatch(): typeof picomatchModule {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (picomatchLoaded ??= require('picomatch') as typeof picomatchModule);
}

export function copySource(root: string, from: string): CopySource {
  const scan = picomatch().scan(toPosixPath(from));
  if (!scan.isGlob) {
    const base = path.resolve(root, from);
    const isFolder = isFolderPath(base, from);
    return {
      from,
      base,
      glob: false,
      folder: isFolder ? base : path.dirname(base),
      whole: isFolder,
      copies: (file) => isAtOrUnder(path.resolve(file), base),
    };
  }
  const base = path.resolve(root, scan.base || '.');
  // Matched by the patterns gate, in time linear in the path: a config's glob cannot hold a run.
  const matches = globMatcher(toPosixPath(path.resolve(root, from)));
  return {
    from,
    base,
    glob: true,
    folder: base,
    whole: false,
    ...(matches === null ? { unmatchable: true } : {}),
    copies: (file) =>
      matches !== null && isAtOrUnder(path.resolve(file), base) && matches(toPosixPath(path.resolve(file))),
  };
}

/** A folder on disk, or written as one (`src/native/`) where nothing is there yet. */
function isFolderPath(base: string, from: string): boolean {
  try {
    return fs.statSync(base).isDirectory();
  } catch {
    return /[\\/]$/.test(from);
  }
}

/** How the codemod is run from a project, unless Taro's CLI runs it (`taro record-compat`). */
export const NPX_PROGRAM = `npx ${PACKAGE_NAME}`;

/**
 * How code the pattern copies is migrated (with `program`, the command that runs the codemod, and
 * `dry`, the --dry the user gave, kept): the codemod with a standalone runtime in the copied
 * folder (copied along), or beside a copied file or a glob's files (to be copied too). Paths as
 * the config writes them (from `root`).
 */
export function copiedWayOut(root: string, source: CopySource, program: string = NPX_PROGRAM, dry = false): string {
  const runtime = toPosixPath(path.join(path.relative(root, source.folder), LOCAL_RUNTIME));
  const command = `\`${program} --runtime local=${runtime} ${source.from}${dry ? ' --dry' : ''}\``;
  return source.whole
    ? `migrate it with ${command}`
    : `add ${runtime} to the copy patterns, then migrate it with ${command}`;
}
