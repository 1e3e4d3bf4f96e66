/**
 * The build's one decision about the app's own managers (`getRecorderManager()`,
 * `getBackgroundAudioManager()`): route each through the runtime only when the project still
 * has a legacy call of its family (docs/contract.md, Decisions R12 and B4; src/rewrite/project/routing.ts
 * decides). Likewise the calls that read a canvas by its id (`canvasToTempFilePath`, …), only when
 * the build moves a canvas to Canvas 2D: one whose `<Canvas>` is in the same JSX component (Decision C4).
 * Taken once per build, before any file is transformed, for every route (babel-loader, the source
 * loader, vite): a file cannot know on its own whether another page calls startRecord.
 *
 * A cheap pre-scan of the project's source root: every script and component is read
 * and text-filtered (the files that name a legacy API are few), and only those
 * are handed to the engine, which confirms a real legacy call. Decided at start-up: in
 * watch mode, a first legacy call added later is routed on the next start.
 */
import { treeRouting, type ProjectRouting } from '../rewrite/light';
import { BUILD_TEMPLATE_WRITES } from './rewrite-result';

/** The routing decision over the source under `sourceDir`, with the file that turned each option on. */
export function sourceRouting(sourceDir: string): ProjectRouting {
  // Every file the build could compile: .gitignore says what git tracks, not what webpack or vite import.
  return treeRouting([sourceDir], { gitignore: false }, BUILD_TEMPLATE_WRITES);
}

/** The decision for one plugin instance, taken on first use (the first build's config hook). */
export function routingDecision(sourceDir: string): () => ProjectRouting {
  let decided: ProjectRouting | undefined;
  return () => (decided ??= sourceRouting(sourceDir));
}
