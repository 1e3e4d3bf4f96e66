/**
 * Would the rewrite turn a legacy record call of this file into a runtime call? The engine's
 * half of the routing decision (routing.ts): web JS-SDK code, a method of the same name on
 * another object, a local `wx` do not count. For the canvas, would the asking door (the codemod, the build) move one of
 * the file's canvases to Canvas 2D?
 */
import { elementDrivenBy, kindOf, LEGACY_RECORD_KIND, type LegacyApiKind } from '../rules/legacy-apis';
import { isVueFile, parserForFile } from '../rules/file-kinds';
import { mightContainLegacyCallOfKind } from '../rules/prefilter';
import { OptionsError } from '../rules/options-schema';
import { analyzeSource } from './source';
import { rewriteFile } from './file';
import { blockFileName, scriptBlocks } from './vue-blocks';
import type { RewriteReport, TemplateWrites } from '../rules/types';

/** The kind whose calls are counted only where the door moves their canvas (the calls that read it are routed). */
const CANVAS_KIND: LegacyApiKind = 'canvas';

function rewritesCallOfKind(report: RewriteReport, kind: LegacyApiKind): boolean {
  return !report.skipped && report.rewritten.some((site) => kindOf(site.api) === kind);
}

/** The scripts of a file the rewrite reads: the file itself, or a component's script blocks. */
function scriptsOf(text: string, filePath: string): { code: string; name: string }[] {
  if (!isVueFile(filePath)) return parserForFile(filePath) ? [{ code: text, name: filePath }] : [];
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
  return hasLegacyCallOfKind(text, filePath, LEGACY_RECORD_KIND);
}

/**
 * The same question for any kind (`backgroundAudio` routes the app's own getBackgroundAudioManager; `canvas`, a canvas
 * moved, the calls that read a canvas by its id).
 * `depthChecked`: the file's text passed classifyFile (a component's blocks are other texts, estimated on their own).
 * `writesTemplates`: the templates the asking door writes (the codemod every one, the build Taro's JSX), as a canvas
 * moves only with its template.
 */
export function hasLegacyCallOfKind(
  text: string,
  filePath: string,
  kind: LegacyApiKind,
  depthChecked = false,
  writesTemplates: TemplateWrites = true,
): boolean {
  if (!mightContainLegacyCallOfKind(text, kind)) return false;
  if (kind === CANVAS_KIND) return movesCanvas(text, filePath, depthChecked, writesTemplates);
  try {
    return scriptsOf(text, filePath).some(
      (script) =>
        mightContainLegacyCallOfKind(script.code, kind) &&
        rewritesCallOfKind(analyzeSource(script.code, script.name, {}, depthChecked && script.code === text), kind),
    );
  } catch (error) {
    // A wrong parser choice is the user's to hear of, not a "no" that turns routing off.
    if (error instanceof OptionsError) throw error;
    return false;
  }
}

/**
 * Would the door move a canvas of this file to Canvas 2D? Asked as the door rewrites the file: the whole file (a
 * component's blocks with its template), with the templates it writes (the codemod's read from beside the file, the
 * build's only Taro's JSX in the file). A createCanvasContext that becomes the runtime's is a move; a setter written as
 * a property on a canvas that stays legacy (Decision C5) is none.
 */
function movesCanvas(text: string, filePath: string, depthChecked: boolean, writesTemplates: TemplateWrites): boolean {
  try {
    // Only the report is read: the edits' text is not parsed again.
    const { report } = rewriteFile(text, filePath, {}, { depthChecked, writesTemplates, reparse: false });
    return !report.skipped && report.rewritten.some((site) => elementDrivenBy(site.api) === 'canvas');
  } catch (error) {
    if (error instanceof OptionsError) throw error;
    return false;
  }
}
