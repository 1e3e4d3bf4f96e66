/**
 * The one project-level decision of the rewrite: does the project still have a legacy
 * record call? Only then is the app's own `getRecorderManager()` routed through the
 * runtime (option `routeRecorderManager`, docs/contract.md, Decision R12): the runtime then owns the
 * platform manager's listeners and shares them between the app and the legacy calls.
 * A project without one gets nothing from us, not even its own RecorderManager code
 * rewritten. The CLI (src/cli) and the build plugin (src/taro-plugin) ask this, each
 * over its own list of files, before they rewrite any file.
 *
 * The answer is the engine's: a file counts when the rewrite would rewrite a record call
 * in it (web JS-SDK code, a method of the same name on another object, a local `wx` do
 * not count), not when its text merely names `startRecord`.
 */
import { kindOf, LEGACY_RECORD_KIND } from './legacy-apis';
import { mightContainLegacyRecordCall, parserForFile } from './prefilter';
import { analyzeSource } from './source';
import { blockFileName, scriptBlocks } from './vue-blocks';
import type { RewriteReport } from './types';

const isVue = (filePath: string): boolean => /\.vue$/i.test(filePath);

function rewritesRecordCall(report: RewriteReport): boolean {
  return !report.skipped && report.rewritten.some((site) => kindOf(site.api) === LEGACY_RECORD_KIND);
}

/** The scripts of a file the rewrite reads: the file itself, or a component's script blocks. */
function scriptsOf(text: string, filePath: string): { code: string; name: string }[] {
  if (!isVue(filePath)) return parserForFile(filePath) ? [{ code: text, name: filePath }] : [];
  return scriptBlocks(text, filePath).flatMap((block) => {
    const name = blockFileName(filePath, block.lang);
    return name !== null && parserForFile(name) ? [{ code: block.content, name }] : [];
  });
}

/**
 * Would the rewrite turn a legacy record call of this file into a runtime call? A file
 * that does not parse (or a component that does not split) says no: the rewrite would
 * not change it either.
 */
export function hasLegacyRecordCall(text: string, filePath: string): boolean {
  if (!mightContainLegacyRecordCall(text)) return false;
  try {
    return scriptsOf(text, filePath).some((script) => mightContainLegacyRecordCall(script.code) && rewritesRecordCall(analyzeSource(script.code, script.name)));
  } catch {
    return false;
  }
}

