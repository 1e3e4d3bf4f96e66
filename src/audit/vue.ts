/**
 * .vue single-file components: each <script> block becomes a virtual TypeScript/JavaScript
 * file beside the component (so its relative imports resolve), and positions found in it
 * are mapped back to the .vue file. Block extraction and the language of a block are the
 * engine's (src/rewrite/file/vue-blocks.ts), so the codemod and the audit read the same blocks
 * the same way.
 */
import * as path from 'path';
import {
  blockExtension,
  blockRewriteOptions,
  componentTemplate,
  DEFAULT_IMPORT_SOURCE,
  placeInComponent,
  scriptBlocks,
  type ManualReviewSite,
  type RewriteOptions,
  type TemplateNames,
} from '../rewrite';

export interface VirtualBlock {
  /** The .vue file. */
  file: string;
  content: string;
  /** 1-based line of the .vue file where the block's content starts, and the 0-based column there. */
  startLine: number;
  startColumn: number;
  /**
   * In a component with a `<script setup>`: the names its template reads, which the rewrite keeps. In any component, on
   * its first block: the template's own calls of the API, in the component's lines (src/rewrite/file/file.ts,
   * componentTemplate).
   */
  templateNames?: TemplateNames;
  templateSites?: ManualReviewSite[];
  /**
   * The component's other script block, as the rewrite of this one is handed it (blockRewriteOptions): the bindings the
   * two share.
   */
  beside?: Pick<RewriteOptions, 'componentScript' | 'setupScript'>;
}

/** `ts` for `lang="ts"` and `lang="typescript"`, as the rewrite parses it; `js` for what it does not parse. */
function extensionOf(lang: string): string {
  return blockExtension(lang) ?? 'js';
}

/** Virtual files for the script blocks of one component. Throws when the component does not parse. */
export function virtualScripts(file: string, text: string): Map<string, VirtualBlock> {
  const out = new Map<string, VirtualBlock>();
  const blocks = scriptBlocks(text, file);
  const template = componentTemplate(text, file, {}, blocks);
  blocks.forEach((block, index) => {
    const virtualPath = `${path.posix.join(path.posix.dirname(file), path.posix.basename(file))}.script${index}.${extensionOf(block.lang)}`;
    const { componentScript, setupScript } = blockRewriteOptions(blocks, block, DEFAULT_IMPORT_SOURCE);
    const beside = componentScript ? { componentScript } : setupScript ? { setupScript } : undefined;
    out.set(virtualPath, {
      file,
      content: block.content,
      startLine: block.startLine,
      startColumn: block.startColumn,
      templateNames: template.names,
      ...(index === 0 ? { templateSites: template.sites } : {}),
      ...(beside ? { beside } : {}),
    });
  });
  return out;
}

/** A position in a virtual file (0-based line and column) as a position in its .vue file (1-based both). */
export function placeInVue(block: VirtualBlock, line: number, column: number): { line: number; column: number } {
  const place = placeInComponent(block, { line: line + 1, column });
  return { line: place.line, column: place.column + 1 };
}
