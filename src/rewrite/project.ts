/**
 * Would the rewrite turn a legacy record call of this file into a runtime call? The engine's
 * half of the routing decision (routing.ts): web JS-SDK code, a method of the same name on
 * another object, a local `wx` do not count.
 */
import { kindOf, LEGACY_RECORD_KIND } from './legacy-apis';
import { isVueFile, parserForFile } from './file-kinds';
import { mightContainLegacyRecordCall } from './prefilter';
import { analyzeSource } from './source';
import { blockFileName, scriptBlocks } from './vue-blocks';
import type { RewriteReport } from './types';

function rewritesRecordCall(report: RewriteReport): boolean {
  return !report.skipped && report.rewritten.some((site) => kindOf(site.api) === LEGACY_RECORD_KIND);
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
  if (!mightContainLegacyRecordCall(text)) return false;
  try {
    return scriptsOf(text, filePath).some((script) => mightContainLegacyRecordCall(script.code) && rewritesRecordCall(analyzeSource(script.code, script.name)));
  } catch {
    return false;
  }
}

