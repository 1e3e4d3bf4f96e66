/**
 * The one project-level decision of the rewrite: route the app's own
 * `getRecorderManager()` through the runtime (option `routeRecorderManager`) only when the
 * project still has a legacy record call (docs/contract.md, Decision R12). Then the runtime owns the platform manager's
 * listeners and shares them between the app and the legacy calls; a project without one
 * gets nothing from us, not even its own RecorderManager code rewritten. The CLI and the
 * build plugin both ask this, over their own files, before they rewrite any file.
 *
 * A file counts when the rewrite would rewrite a record call in it (project.ts), not when
 * its text merely names `startRecord`; the text test comes first, so the engine loads only
 * for the few files that name a record API.
 */
import * as fs from 'fs';
import { loadEngine } from './lazy';
import type { LegacyApiKind } from './legacy-apis';
import { mightContainLegacyCallOfKind } from './prefilter';
import { walk, type WalkOptions } from './walk';

export interface SourceText {
  file: string;
  text: string;
}

/**
 * Does one of these files hold a legacy call of this kind that the rewrite takes? A record
 * call routes the app's own `getRecorderManager()` (Decision R12), a background-audio call its
 * own `getBackgroundAudioManager()` (Decision B4).
 */
export function hasLegacyCallOfKindIn(sources: Iterable<SourceText>, kind: LegacyApiKind): boolean {
  for (const { file, text } of sources) {
    if (mightContainLegacyCallOfKind(text, kind) && legacyCallOfKindIn(text, file, kind)) return true;
  }
  return false;
}

/** Does one of these files hold a legacy record call the rewrite takes? */
export function hasLegacyRecordCallIn(sources: Iterable<SourceText>): boolean {
  return hasLegacyCallOfKindIn(sources, 'record');
}

/** Does one of these files hold a legacy background-audio call the rewrite takes? */
export function hasLegacyBackgroundAudioCallIn(sources: Iterable<SourceText>): boolean {
  return hasLegacyCallOfKindIn(sources, 'backgroundAudio');
}

/** A file the engine cannot read says no here: it fails on its own when it is rewritten. */
function legacyCallOfKindIn(text: string, file: string, kind: LegacyApiKind): boolean {
  try {
    return loadEngine().hasLegacyCallOfKind(text, file, kind);
  } catch {
    return false;
  }
}

/**
 * The same decision over a folder: does a file under `roots` (walked as `walk` does, with
 * these options) hold a legacy call of this kind? The build plugin asks it of the source root
 * before the first file is compiled; the ESLint rule of the project a linted file belongs
 * to. Files are read one at a time as the decision asks for them.
 */
export function treeHasLegacyCallOfKind(roots: string[], kind: LegacyApiKind, options: WalkOptions = {}): boolean {
  return hasLegacyCallOfKindIn(readable(walk(roots, new Set(), options).files), kind);
}

/** The same, for a record call. */
export function treeHasLegacyRecordCall(roots: string[], options: WalkOptions = {}): boolean {
  return treeHasLegacyCallOfKind(roots, 'record', options);
}

/** The files' texts, read as they are asked for (an unreadable file holds no call anyone could compile). */
function* readable(files: readonly string[]): Generator<SourceText> {
  for (const file of files) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    yield { file, text };
  }
}
