/**
 * The routing decision over a folder (src/rewrite/routing.ts decides, this gathers the
 * texts): does any file under it hold a legacy record call the rewrite takes? The build
 * plugin asks it of the source root before the first file is compiled; the ESLint rule of
 * the project a linted file belongs to. Files are read one at a time as the decision asks
 * for them, and the engine loads only for the few whose text names a record API.
 */
import * as fs from 'fs';
import { hasLegacyRecordCallIn, type SourceText } from '../rewrite/light';
import { walk, type WalkOptions } from './walk';

function readText(file: string): string | null {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/** The files' texts, read as they are asked for (an unreadable file holds no call anyone could compile). */
function* readable(files: readonly string[]): Generator<SourceText> {
  for (const file of files) {
    const text = readText(file);
    if (text !== null) yield { file, text };
  }
}

/** Does a file under `roots` (walked as `walk` does, with these options) hold a legacy record call? */
export function treeHasLegacyRecordCall(roots: string[], options: WalkOptions = {}): boolean {
  return hasLegacyRecordCallIn(readable(walk(roots, new Set(), options).files));
}
