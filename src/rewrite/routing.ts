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
import { loadEngine } from './lazy';
import { mightContainLegacyCallOfKind, mightContainLegacyRecordCall } from './prefilter';

export interface SourceText {
  file: string;
  text: string;
}

/**
 * Does one of these files hold a legacy background-audio call the rewrite takes? Then the
 * app's own `getBackgroundAudioManager()` is routed too (option `routeBackgroundAudioManager`,
 * docs/contract.md, Decision B4), by the same rule as the recorder.
 */
export function hasLegacyBackgroundAudioCallIn(sources: Iterable<SourceText>): boolean {
  for (const { file, text } of sources) {
    if (mightContainLegacyCallOfKind(text, 'backgroundAudio') && loadEngine().hasLegacyCallOfKind(text, file, 'backgroundAudio')) return true;
  }
  return false;
}

/** Does one of these files hold a legacy record call the rewrite takes? */
export function hasLegacyRecordCallIn(sources: Iterable<SourceText>): boolean {
  for (const { file, text } of sources) {
    if (mightContainLegacyRecordCall(text) && loadEngine().hasLegacyRecordCall(text, file)) return true;
  }
  return false;
}
