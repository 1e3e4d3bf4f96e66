/**
 * Single-file components: find the <script> and <script setup> blocks and
 * splice rewritten script text back by offset, so the template, styles and
 * custom blocks keep every byte. @vue/compiler-sfc is loaded only when a .vue
 * file actually mentions the legacy API.
 */
import type * as Sfc from '@vue/compiler-sfc';
import { blockExtension } from '../rules/file-kinds';
import { positionsOf } from '../rules/text-positions';
import type { RewriteOptions } from '../rules/types';

export interface ScriptBlock {
  /** Offsets into the .vue source of the block's content (between the tags). */
  start: number;
  end: number;
  content: string;
  lang: string;
  setup: boolean;
  /** 1-based line of the .vue file where the content starts. */
  startLine: number;
  /** 0-based column of the content's first character on that line. */
  startColumn: number;
}

export class SfcParseError extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
    // A verdict on the file, printed without frames (RewriteRefusedError in file.ts says why).
    this.stack = `${this.name}: ${this.message}`;
  }
}

let compiler: typeof Sfc | undefined;
/**
 * Vue's compiler, loaded on first use: only for .vue files and the templates createAudioContext reads (template.ts).
 */
export function sfc(): typeof Sfc {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  compiler ??= require('@vue/compiler-sfc') as typeof Sfc;
  return compiler;
}

/**
 * A component as Vue's compiler reads it, for its script blocks and its template's names alike:
 * with the same options Vue's own cache (keyed by text and options) hands the second reader the
 * first one's parse.
 */
export function parseComponent(source: string, filename: string): Sfc.SFCParseResult {
  return sfc().parse(source, { filename, sourceMap: false, ignoreEmpty: false });
}

export function scriptBlocks(source: string, filename: string): ScriptBlock[] {
  const { descriptor, errors } = parseComponent(source, filename);
  const atScript = scriptTagError(source, errors);
  if (atScript) throw atScript;
  const blocks: ScriptBlock[] = [];
  // Lines as the engine counts them in every script (parse.ts), not as Vue's parser does (LF only): a lone CR ends one
  // too.
  const position = positionsOf(source);
  for (const block of [descriptor.script, descriptor.scriptSetup]) {
    if (!block || block.src) continue; // <script src> points at a file the walk visits on its own
    const start = block.loc.start.offset;
    const end = block.loc.end.offset;
    // Never splice by offsets we cannot trust.
    if (source.slice(start, end) !== block.content) {
      throw new SfcParseError('script block offsets do not match its content', block.loc.start.line);
    }
    blocks.push({
      start,
      end,
      content: block.content,
      lang: block.lang ?? 'js',
      setup: 'setup' in block.attrs,
      startLine: position(start).line,
      startColumn: position(start).column,
    });
  }
  if (blocks.length === 0 && errors.length > 0) {
    // Template errors alone do not matter (the template is never touched); they do when no script was found.
    const first = errors[0] as { message: string; loc?: { start: { line: number; column: number } } };
    throw new SfcParseError(first.message, first.loc?.start.line, first.loc ? first.loc.start.column - 1 : undefined);
  }
  return blocks.sort((a, b) => a.start - b.start);
}

/** A parse error as Vue's compiler reports it, with its place (1-based line and column) when it has one. */
type ComponentError = { message: string; loc?: { start: { line: number; column: number; offset: number } } };

/**
 * Vue's error on a `<script>` tag itself, as the component's failure, placed at the tag: above
 * all an unclosed one (no `</script>` after it), whose code Vue's parser drops while it still
 * hands back an empty block, so the component would pass for one with nothing to migrate.
 */
function scriptTagError(source: string, errors: readonly unknown[]): SfcParseError | undefined {
  for (const error of errors as ComponentError[]) {
    const start = error.loc?.start;
    if (!start || !/^<script\b/i.test(source.slice(start.offset, start.offset + 8))) continue;
    const closed = /<\/script\s*>/i.test(source.slice(start.offset));
    const what = closed ? `a <script> Vue's compiler cannot read` : 'an unclosed <script>';
    return new SfcParseError(`${what} (Vue's compiler: ${error.message})`, start.line, start.column - 1);
  }
  return undefined;
}

/**
 * Error message of Vue's own script compilation (which merges <script> and
 * <script setup> into one module), or null when it compiles and the merged
 * module parses. Catches what a per-block parse cannot see, such as a name
 * imported in one block and declared in the other.
 */
export function scriptCompileError(
  source: string,
  filename: string,
  parses: (code: string, lang: string) => void,
): string | null {
  const compiler = sfc();
  try {
    const { descriptor, errors } = compiler.parse(source, { filename, sourceMap: false });
    if (!descriptor.script && !descriptor.scriptSetup)
      return errors.length > 0 ? String((errors[0] as Error).message ?? errors[0]) : null;
    const compiled = compiler.compileScript(descriptor, { id: 'record-compat-check', sourceMap: false });
    parses(compiled.content, compiled.lang ?? descriptor.scriptSetup?.lang ?? descriptor.script?.lang ?? 'js');
    return null;
  } catch (err) {
    return (err as Error).message;
  }
}

/** Why a block is left for a person: its language is not one the engine parses. */
export function unparsedBlockReason(lang: string): string {
  return `<script lang="${lang}"> mentions a deprecated API but cannot be parsed here; migrate it by hand`;
}

/** The fake file name the engine parses a block as: its extension picks the parser. */
export function blockFileName(vueFile: string, lang: string): string | null {
  const extension = blockExtension(lang);
  return extension === null ? null : `${vueFile}.${extension}`; // null: coffee and friends, not ours to parse
}

/**
 * Options for rewriting one block: Vue compiles script blocks as ES modules,
 * and <script> and <script setup> share one scope, so the names written in
 * the sibling block are taken; and the sibling itself is handed over, for the
 * bindings the two share (a `<script setup>` sees the plain `<script>`'s
 * top-level names: the matcher, match.ts, reads one through the other).
 */
export function blockRewriteOptions(blocks: ScriptBlock[], block: ScriptBlock, importSource: string): RewriteOptions {
  const siblings = blocks.filter((b) => b !== block);
  const options: RewriteOptions = {
    importSource,
    moduleStyle: 'import',
    reservedNames:
      siblings
        .map((b) => b.content)
        .join('\n')
        .match(/[A-Za-z_$][\w$]*/g) ?? [],
  };
  const other = siblings.find((b) => b.setup !== block.setup && b.content.trim() !== '');
  if (other) options[block.setup ? 'componentScript' : 'setupScript'] = other.content;
  return options;
}

/** A place found in a block (1-based line, 0-based column), as a place in the .vue file. */
export function placeInComponent<T extends { line: number; column: number }>(
  block: Pick<ScriptBlock, 'startLine' | 'startColumn'>,
  site: T,
): T {
  return {
    ...site,
    line: site.line + block.startLine - 1,
    column: site.line === 1 ? site.column + block.startColumn : site.column,
  };
}
