/**
 * The build's one decision about the app's own `getRecorderManager()`: route it through
 * the runtime only when the project still has a legacy record call (docs/contract.md, Decision R12;
 * src/rewrite/project.ts says why). Taken once per build, before any file is
 * transformed, for every route (babel-loader, the source loader, vite): a file cannot
 * know on its own whether another page calls startRecord.
 *
 * A cheap pre-scan of the project's source root: every script and component is read
 * and text-filtered (the files that name startRecord/stopRecord are few), and only those
 * are handed to the engine, which confirms a real legacy call. Decided at start-up: in
 * watch mode, a first legacy call added later is routed on the next start.
 */
import { treeHasLegacyCallOfKind } from '../rewrite/light';

/** Does the source under `sourceDir` hold a legacy record call the rewrite takes? */
export function sourceHasLegacyRecordCall(sourceDir: string): boolean {
  // Every file the build could compile: .gitignore says what git tracks, not what webpack or vite import.
  return treeHasLegacyCallOfKind([sourceDir], 'record', { gitignore: false });
}

/** Does the source under `sourceDir` hold a legacy background-audio call (then the app's own getBackgroundAudioManager is routed)? */
export function sourceHasLegacyBackgroundAudioCall(sourceDir: string): boolean {
  return treeHasLegacyCallOfKind([sourceDir], 'backgroundAudio', { gitignore: false });
}

/** The decision for one plugin instance, taken on first use (the first build's config hook). */
export function routingDecision(sourceDir: string): () => boolean {
  let decided: boolean | undefined;
  return () => (decided ??= sourceHasLegacyRecordCall(sourceDir));
}

/** The same decision for the app's own getBackgroundAudioManager (docs/contract.md, Decision B4). */
export function backgroundAudioRoutingDecision(sourceDir: string): () => boolean {
  let decided: boolean | undefined;
  return () => (decided ??= sourceHasLegacyBackgroundAudioCall(sourceDir));
}
