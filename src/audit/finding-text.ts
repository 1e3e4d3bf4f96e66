/**
 * How a finding is written: its expression on one line, the API a line names, the kind of a
 * rewritten site's form.
 */
import { ts } from 'ts-morph';
import { LEGACY_APIS, type LegacyApi } from '../rewrite/light';
import type { FindingKind } from './types';
import type { RawFinding } from './scan';

/** How the type checker would have named a rewritten site's form (the engine's `via`). */
export const KIND_OF_VIA: Record<string, FindingKind> = { 'named import': 'import', destructuring: 'destructure' };

/** A finding's text on one line, at most 100 characters. */
export function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 100 ? `${line.slice(0, 99)}…` : line;
}

/**
 * The deprecated API named first on a line from a column on (`Taro.createAudioContext('a')` → createAudioContext), if
 * one is.
 */
export function apiNamedFrom(line: string, column: number): LegacyApi | null {
  let first: { api: LegacyApi; at: number } | null = null;
  for (const api of LEGACY_APIS) {
    const at = line.slice(column).search(new RegExp(`\\b${api}\\b`));
    if (at >= 0 && (!first || at < first.at)) first = { api, at };
  }
  return first?.api ?? null;
}

export function shownText(f: RawFinding): string {
  const node = f.shown;
  let text: string;
  if (f.form === 'call' && ts.isCallExpression(node)) {
    // `wx.startRecord({ success(res) { … } })` reads better as `wx.startRecord(…)`.
    text = `${node.expression.getText(f.sourceFile)}${node.questionDotToken ? '?.' : ''}(${node.arguments.length > 0 ? '…' : ''})`;
  } else {
    text = node.getText(f.sourceFile);
  }
  return oneLine(text);
}
