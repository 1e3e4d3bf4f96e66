/**
 * The attributes a template gains with the calls the rewrite moves (`type="2d" id="x"` of a
 * `<canvas>`; canvas-calls.ts decides them): in the script's own text (JSX), in its component's
 * (a `.vue` file's template), or in a page's `.wxml`, whose new text the door writes beside the
 * script (only the codemod does).
 */
import MagicString from 'magic-string';
import { isVueFile } from '../rules/file-kinds';
import { readSideText } from '../tree/side-file';
import { insertionText, type TemplateInsertion } from './canvas-calls';

/** A template file other than the script that the rewrite changes: its text as read, and as rewritten. */
export interface TemplateWrite {
  file: string;
  before: string;
  text: string;
}

/**
 * Makes the insertions: those of the script's text in `own`, those of its component's in `component`
 * (its offsets are the component's), and returns the new texts of the other files. `canvasType`: the
 * file's name for the runtime's canvasType, which a type bound to it reads.
 */
export function applyTemplateInsertions(
  insertions: readonly TemplateInsertion[],
  own: MagicString,
  component: MagicString | undefined,
  canvasType: string | undefined,
): TemplateWrite[] {
  const others = new Map<string, TemplateInsertion[]>();
  for (const insertion of insertions) {
    const text = insertionText(insertion, canvasType);
    if (insertion.file === undefined) own.appendLeft(insertion.offset, text);
    else if (component && isVueFile(insertion.file)) component.appendLeft(insertion.offset, text);
    else others.set(insertion.file, [...(others.get(insertion.file) ?? []), insertion]);
  }
  return [...others].map(([file, edits]) => {
    const before = readSideText(file);
    const text = new MagicString(before);
    for (const edit of edits) text.appendLeft(edit.offset, insertionText(edit, canvasType));
    return { file, before, text: text.toString() };
  });
}
