/**
 * The paths an audit is given: checked to exist, the user's exclusions below them, and their
 * files counted as the codemod counts them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Exclusions, isDeclarationFile, OptionsError, undecodableNamesAt } from '../rewrite/light';
import { AuditUsageError } from './types';
import { mentionsLegacyApi } from './read';

/** The exclusions of `patterns` below `cwd`; a bad pattern is a usage error (the command line checks them first). */
export function exclusionsOf(patterns: readonly string[] | undefined, cwd: string): Exclusions | null {
  try {
    return Exclusions.of(patterns, cwd);
  } catch (error) {
    if (error instanceof OptionsError) throw new AuditUsageError(error.detail);
    throw error;
  }
}

/**
 * Every path given exists; a name that is not UTF-8 reaches argv decoded lossily, and the walk names it for what it is.
 */
export function checkPathsExist(cwd: string, paths: string[]): void {
  for (const entry of paths) {
    if (!fs.existsSync(path.resolve(cwd, entry)) && undecodableNamesAt(path.resolve(cwd, entry)).length === 0)
      throw new AuditUsageError(`${entry}: no such file or directory`);
  }
}

/**
 * The files the audit reports on (`reported`: under the paths, not excluded) it read, declaration files aside, and those of them
 * that name a legacy API: counted as the codemod counts the same paths' files (looked at, parsed),
 * so that the two summaries agree. `texts` are the scripts read; `others` the files read otherwise
 * (components, refused, unreadable) or only walked (a script the config leaves out that names no API),
 * `othersNaming` says which of those name one.
 */
export function filesOfThePaths(
  reported: (file: string) => boolean,
  texts: ReadonlyMap<string, string>,
  others: string[],
  othersNaming: (file: string) => boolean,
): { filesLookedAt: number; filesNamingLegacyApi: number } {
  const counted = (file: string) => reported(file) && !isDeclarationFile(file);
  let filesLookedAt = 0;
  let filesNamingLegacyApi = 0;
  for (const [file, text] of texts) {
    if (!counted(file)) continue;
    filesLookedAt++;
    if (mentionsLegacyApi(text)) filesNamingLegacyApi++;
  }
  for (const file of new Set(others)) {
    if (!counted(file) || texts.has(file)) continue;
    filesLookedAt++;
    if (othersNaming(file)) filesNamingLegacyApi++;
  }
  return { filesLookedAt, filesNamingLegacyApi };
}
