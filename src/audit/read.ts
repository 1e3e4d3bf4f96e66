/**
 * What the audit reads of a file: its text, or the rewrite's refusal of it, and whether the text
 * names a deprecated API or uses wx / qq / Taro as a value (the pre-filter's two tests).
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  classifyFile,
  mightContainLegacyCall,
  NAMESPACE_WORD_PATTERN,
  refusedFilePlaces,
  type ManualReviewSite,
} from '../rewrite/light';
import type { RefusedFile } from './types';

/** Mentions a deprecated API by name: the rewrite's own pre-filter, over the table of legacy APIs. */
export const mentionsLegacyApi = mightContainLegacyCall;
/** `wx.request`, `Taro.getSetting`: a static member other than the deprecated ones (those are found by name). */
const STATIC_MEMBER = /^\s*(?:\?\.|\.)\s*[A-Za-z_$]/;
const IMPORT_BINDING = /(?:\bimport\s+(?:\*\s+as\s+)?|\bimport\s+type\s+)$/;

/**
 * Does the text use wx / qq / Taro other than as `wx.someMember` or the import binding?
 * That is where the namespace itself is computed on (`wx[key]`), stored (`const api = Taro`)
 * or passed on (`promisifyAll(wx)`): the only ways to reach the API without spelling its name.
 */
export function usesNamespaceAsValue(text: string): boolean {
  for (const match of text.matchAll(NAMESPACE_WORD_PATTERN)) {
    const at = match.index!;
    const after = text.slice(at + match[0].length, at + match[0].length + 40);
    if (STATIC_MEMBER.test(after)) continue;
    if (/^\s+from\b/.test(after) && IMPORT_BINDING.test(text.slice(Math.max(0, at - 30), at))) continue;
    // `import Taro, { … } from`, `import Taro = require(...)`
    if (/^\s*(?:,|=\s*require\b)/.test(after) && IMPORT_BINDING.test(text.slice(Math.max(0, at - 30), at))) continue;
    return true;
  }
  return false;
}

/** A file the rewrite refuses, and the places for a person in it, as the codemod lists them (refusedFilePlaces). */
export interface RefusedRead extends RefusedFile {
  places: ManualReviewSite[];
}

/**
 * A file's text for the audit, or the rewrite's refusal of it when it names the API or uses wx/Taro as a value
 * (classifyFile, the codemod's gate: same reasons, same words, same places for a person), or why it could not be read
 * (gone since the config listed it, no permission): said, never skipped in silence. A refused file never reaches
 * TypeScript: a 20 MB bundle or 10,000 nested brackets would exhaust its memory or its stack, and a GBK file would be
 * read as other code than it is.
 */
export function readForAudit(file: string): { text: string } | { refused: RefusedRead } | { unreadable: string } {
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(file);
  } catch (error) {
    // In the walk's words for a folder.
    const { code, message } = (error ?? {}) as NodeJS.ErrnoException;
    return { unreadable: `could not read the file: ${code ?? message ?? String(error)}` };
  }
  const text = bytes.toString('utf8');
  const refusal = classifyFile({ name: path.basename(file), bytes, text });
  // A UTF-16 file hides its names between NULs: its byte order mark alone refuses it.
  if (refusal && (refusal.reason === 'encoding' || mentionsLegacyApi(text) || usesNamespaceAsValue(text))) {
    const { reason, message, fails } = refusal;
    const places = refusedFilePlaces(file, refusal, text);
    return { refused: { file, reason, message, fails, places } };
  }
  return { text };
}
