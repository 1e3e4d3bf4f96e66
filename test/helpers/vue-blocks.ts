/**
 * A file's scripts as a door that sees one script at a time (the Babel plugin under vite or
 * vue-loader) gets them: a script file whole, a .vue component as its script blocks, each
 * with the file name that picks its parser, the options the door adds for it and the way
 * back from a place in the block to a place in the component. The one copy in the tests of
 * scriptBlocks → blockFileName → blockRewriteOptions → placeInComponent.
 */
import { DEFAULT_IMPORT_SOURCE } from '../../src/rewrite/rules/legacy-apis';
import type { RewriteOptions } from '../../src/rewrite/rules/types';
import { blockFileName, blockRewriteOptions, placeInComponent, scriptBlocks } from '../../src/rewrite/file/vue-blocks';

/** The runtime the vite door imports in a component's blocks. */
export const BLOCK_IMPORT_SOURCE = DEFAULT_IMPORT_SOURCE;

export interface ScriptPart {
  /** The script's text: the whole file, or a block's content. */
  code: string;
  /** The name to parse it as: the file's own, or `Comp.vue.ts` for a `<script lang="ts">` block. */
  name: string;
  /** Options a door adds for this part (a block: ES module, the sibling block's names taken); none for a whole file. */
  options: RewriteOptions;
  /** A place in this part (1-based line, 0-based column) as a place in the file. */
  place<T extends { line: number; column: number }>(site: T): T;
}

export const isVue = (filePath: string): boolean => filePath.endsWith('.vue');

/** The scripts of `source`: itself for a script file, the script blocks of a .vue component (in source order). */
export function scriptParts(
  source: string,
  filePath: string,
  importSource: string = BLOCK_IMPORT_SOURCE,
): ScriptPart[] {
  if (!isVue(filePath)) return [{ code: source, name: filePath, options: {}, place: (site) => site }];
  const blocks = scriptBlocks(source, filePath);
  return blocks.map((block) => {
    const name = blockFileName(filePath, block.lang);
    if (name === null) throw new Error(`${filePath}: <script lang="${block.lang}"> is not a language the tests parse`);
    return {
      code: block.content,
      name,
      options: blockRewriteOptions(blocks, block, importSource),
      place: (site) => placeInComponent(block, site),
    };
  });
}
