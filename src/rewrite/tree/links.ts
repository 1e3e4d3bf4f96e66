/**
 * Where the symbolic links a walk met lead: outside what it walks, nowhere, or to what cannot be
 * looked up; the walk never follows them.
 */
import * as fs from 'fs';
import * as path from 'path';
import { isAtOrUnder } from './paths';
import type { WalkResult } from './walk-result';

/**
 * Where the links met lead: outside every root (a folder or a listed kind of file: linksOutside),
 * nowhere (brokenLinks), or to what cannot be looked up (problems); a link to what is walked
 * anyway, or to a kind of file not listed, is passed over.
 */
export function sortLinks(
  links: string[],
  roots: string[],
  include: (name: string) => boolean,
  result: WalkResult,
): void {
  if (links.length === 0) return;
  const realRoots = roots.flatMap((root) => {
    try {
      return [fs.realpathSync(root)];
    } catch {
      return [];
    }
  });
  const walked = (target: string) => realRoots.some((root) => isAtOrUnder(target, root));
  for (const link of links) {
    let target: string;
    let stat: fs.Stats;
    try {
      target = fs.realpathSync(link);
      stat = fs.statSync(target);
    } catch (error) {
      const broken = brokenLinkReason(link, error as NodeJS.ErrnoException);
      (broken.nowhere ? result.brokenLinks : result.problems).push({ path: link, reason: broken.reason });
      continue;
    }
    const source =
      stat.isDirectory() || (stat.isFile() && (include(path.basename(link)) || include(path.basename(target))));
    if (source && !walked(target)) result.linksOutside.push({ path: link, target });
  }
}

/**
 * Why a link leads to no file, from the error of following it: `nowhere` where there is nothing
 * behind it (its target is not there, or it leads back through a loop of links), else its target
 * could not be looked up (a folder on the way that cannot be read), and what is there was not seen.
 */
function brokenLinkReason(link: string, error: NodeJS.ErrnoException): { nowhere: boolean; reason: string } {
  let written = '';
  try {
    written = ` to ${fs.readlinkSync(link)}`;
  } catch {
    // gone since the folder was read: said without its target
  }
  if (error.code === 'ENOENT' || error.code === 'ENOTDIR') {
    return {
      nowhere: true,
      reason: `a symbolic link${written}, which is not there (a dangling link): nothing to migrate through it`,
    };
  }
  if (error.code === 'ELOOP') {
    return {
      nowhere: true,
      reason: `a symbolic link${written} that never reaches a file (a loop of links, ELOOP): nothing to migrate through it`,
    };
  }
  return {
    nowhere: false,
    reason: `a symbolic link${written} whose target could not be looked up (${error.code ?? error.message}): not followed, and what it points to was not looked at`,
  };
}
