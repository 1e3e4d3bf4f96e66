/**
 * One file through the rewrite, whatever its kind: a script (rewriteSource) or a Vue
 * single-file component, whose <script> blocks are rewritten in place while the
 * template, styles and custom blocks keep every byte. Positions in the report are
 * positions in the file. Every door that has a file's text calls this: the CLI, the
 * jscodeshift transform, the vite door and the fixture harness (the webpack doors run the
 * same matcher on Babel's tree, or rewriteSource on a script's text for Taro 2).
 */
import MagicString from 'magic-string';
import { isVueFile, parserForFile } from '../rules/file-kinds';
import { mightContainLegacyCall } from '../rules/prefilter';
import { assertParses } from './parse-check';
import { rewriteSource, RewriteParseError, type RewriteChecks } from './source';
import type { TemplateWrite } from './template-insertions';
import {
  blockFileName,
  blockRewriteOptions,
  placeInComponent,
  scriptBlocks,
  scriptCompileError,
  SfcParseError,
  unparsedBlockReason,
  type ScriptBlock,
} from './vue-blocks';
import { importSourceOf } from '../rules/options-schema';
import { stackExhaustedRefusal } from '../rules/refusal';
import { vueTemplateNames, type TemplateMember, type TemplateNames } from './template';
import { templateApiUses } from './match';
import { parseForRewrite } from './parse';
import { emptyReport, type ManualReviewSite, type RewriteOptions, type RewriteReport } from '../rules/types';

export interface RewriteFileResult {
  /** The new text, or null when nothing changed. */
  output: string | null;
  report: RewriteReport;
  /** The edits, for a source map of the change (positions in the text without a BOM). */
  edits?: MagicString | null;
  /** Whether any of the file's code was handed to the parser (it passed the text pre-filter). */
  parsed: boolean;
  /** Template files beside it that change with it (RewriteChecks.writesTemplates): the door writes them after it. */
  templates?: TemplateWrite[];
}

/**
 * The rewrite refused to hand back a text (it would not split or compile again, or the file is one
 * the engine refuses); nothing should be written. A verdict on the file, not a fault of the tool:
 * its stack is its message alone (as OptionsError's), so a tool that prints the stack of what a
 * file threw (jscodeshift) prints no frames under it.
 */
export class RewriteRefusedError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'RewriteRefusedError';
    this.stack = `${this.name}: ${this.message}`;
  }
}

/**
 * Rewrites one file's text. Throws RewriteParseError (code that does not parse, placed in
 * the file), SfcParseError (a component that does not split into blocks) or
 * RewriteRefusedError (a component the rewrite would break).
 */
export function rewriteFile(
  text: string,
  filePath: string,
  options: RewriteOptions = {},
  checks: RewriteChecks = {},
): RewriteFileResult {
  let result: RewriteFileResult;
  try {
    result = isVueFile(filePath)
      ? rewriteComponent(text, filePath, options, checks)
      : rewriteScript(text, filePath, options, checks);
  } catch (error) {
    const refused = stackExhaustedRefusal(error);
    if (refused) throw new RewriteRefusedError(refused);
    throw error;
  }
  return result.output === text ? { ...result, output: null } : result;
}

function rewriteScript(
  text: string,
  filePath: string,
  options: RewriteOptions,
  checks: RewriteChecks,
): RewriteFileResult {
  if (!parserForFile(filePath)) return { output: null, report: emptyReport(), parsed: false };
  const { output, report, edits, templates } = rewriteSource(text, filePath, options, undefined, checks);
  return { output: output === text ? null : output, report, parsed: true, edits, ...(templates ? { templates } : {}) };
}

/** What every block of one component is rewritten against. */
interface ComponentRewrite {
  text: string;
  file: string;
  blocks: ScriptBlock[];
  templateNames?: TemplateNames;
  importSource: string;
  options: RewriteOptions;
  checks: RewriteChecks;
  /** Each block's edits also land in the component's own text, for its source map. */
  edits: MagicString;
}

/**
 * `checks` reaches the blocks' rewrite; the component's own checks (same blocks, scripts Vue still compiles) always
 * run.
 */
function rewriteComponent(
  text: string,
  file: string,
  options: RewriteOptions,
  checks: RewriteChecks,
): RewriteFileResult {
  const blocks = scriptBlocks(text, file);
  const mightChange = blocks.filter((b) => mightContainLegacyCall(b.content, options));
  const { names: templateNames, sites: templateSites } = componentTemplate(text, file, options, blocks);
  if (mightChange.length === 0)
    return { output: null, report: { ...emptyReport(), manual: templateSites }, parsed: templateSites.length > 0 };
  const component: ComponentRewrite = {
    text,
    file,
    blocks,
    templateNames,
    importSource: importSourceOf(options),
    options,
    checks,
    edits: new MagicString(text),
  };
  const report: RewriteReport = emptyReport();
  report.manual.push(...templateSites);
  let changed = false;
  const templates: TemplateWrite[] = [];
  for (const block of mightChange) {
    const name = blockFileName(file, block.lang);
    if (name === null || !parserForFile(name)) {
      report.manual.push({ line: block.startLine, column: 0, reason: unparsedBlockReason(block.lang) });
      continue;
    }
    const out = rewriteBlock(component, block, name);
    addBlockReport(report, block, out.report);
    templates.push(...(out.templates ?? []));
    if (out.output !== null && out.output !== block.content) changed = true;
  }
  if (templateSites.length > 0) report.manual.sort((a, b) => a.line - b.line || a.column - b.column);
  if (!changed) return { output: null, report, parsed: true };
  delete report.skipped; // one block was rewritten: the file as a whole was not left alone

  const output = component.edits.toString();
  checkRewrittenComponent(component, output, report);
  return { output, report, parsed: true, edits: component.edits, ...(templates.length > 0 ? { templates } : {}) };
}

/** One script block through the rewrite, its edits landing in the component's text, its parse errors in the file's. */
function rewriteBlock(component: ComponentRewrite, block: ScriptBlock, name: string): ReturnType<typeof rewriteSource> {
  const { text, file, blocks, templateNames, edits } = component;
  try {
    // A block is another text than the file the door checked: its depth is estimated on its own.
    const blockOptions = blockRewriteOptions(blocks, block, component.importSource);
    // A name the runtime's import takes beside a `<script setup>` would also be the template's: one it reads (a prop,
    // say) is not taken.
    if (templateNames && 'lines' in templateNames)
      blockOptions.reservedNames = [...(blockOptions.reservedNames ?? []), ...templateNames.lines.keys()];
    return rewriteSource(
      block.content,
      name,
      { ...component.options, ...blockOptions },
      { edits, offset: block.start, text, templateNames },
      { ...component.checks, depthChecked: false },
    );
  } catch (error) {
    if (error instanceof RewriteParseError) {
      const at = placeInComponent(block, { line: error.line, column: error.column });
      throw new RewriteParseError(file, at.line, at.column, error.reason);
    }
    throw error;
  }
}

/** A block's report joins the component's, its places in the .vue file rather than in the block. */
function addBlockReport(report: RewriteReport, block: ScriptBlock, blockReport: RewriteReport): void {
  report.rewritten.push(...blockReport.rewritten.map((site) => placeInComponent(block, site)));
  report.manual.push(...blockReport.manual.map((site) => placeInComponent(block, site)));
  if (blockReport.leftAsChosen)
    (report.leftAsChosen ??= []).push(...blockReport.leftAsChosen.map((site) => placeInComponent(block, site)));
  if (blockReport.followsCreator)
    (report.followsCreator ??= []).push(
      ...blockReport.followsCreator.map((site) => ({
        ...placeInComponent(block, site),
        creator: { ...site.creator, ...placeInComponent(block, site.creator) },
      })),
    );
  if (blockReport.skipped) report.skipped ??= blockReport.skipped;
  if (blockReport.taroWrapped) report.taroWrapped = true;
  if (blockReport.importedFrom) report.importedFrom ??= blockReport.importedFrom;
  if (blockReport.templateFiles)
    report.templateFiles = [...new Set([...(report.templateFiles ?? []), ...blockReport.templateFiles])];
}

/**
 * The rewritten component must still split into the same script blocks, and Vue must still compile its scripts if it
 * did before (mpvue's Vue 2 code may not); otherwise nothing is written.
 */
function checkRewrittenComponent(component: ComponentRewrite, output: string, report: RewriteReport): void {
  const { text, file, blocks } = component;
  let again;
  try {
    again = scriptBlocks(output, file);
  } catch (error) {
    if (!(error instanceof SfcParseError)) throw error;
    again = [];
  }
  if (again.length !== blocks.length)
    throw new RewriteRefusedError(
      'the rewritten component no longer splits into the same script blocks; nothing written',
    );
  const parses = (code: string, lang: string) =>
    assertParses(code, lang === 'ts' ? 'ts' : lang === 'tsx' ? 'tsx' : 'js');
  const after = scriptCompileError(output, file, parses);
  if (after !== null && scriptCompileError(text, file, parses) === null) {
    const firstSite = report.rewritten.reduce<number | undefined>(
      (min, site) => (min === undefined || site.line < min ? site.line : min),
      undefined,
    );
    throw new RewriteRefusedError(
      `the rewritten component would not compile (${after.split('\n')[0]}); nothing written`,
      firstSite,
    );
  }
}

/**
 * What a component's template takes from its script blocks. `sites`: the template's own calls of
 * the API, for a person (templateApiUses): through the blocks' names where there is a `<script
 * setup>`, through what the script hands the instance otherwise (`data() { return { Taro } }`),
 * which the script's own rewrite cannot see. `names`, only with a `<script setup>`, whose
 * top-level names (the setup's and a plain `<script>`'s imports alike: Vue compiles them into one
 * module) are the template's too: what the template reads, which the rewrite keeps (match-review.ts,
 * keepTemplateBindings). Nothing where the component names no API. The audit, which reads the
 * blocks apart, asks it too.
 */
export function componentTemplate(
  text: string,
  file: string,
  options: RewriteOptions,
  blocks = scriptBlocks(text, file),
): { names?: TemplateNames; sites: ManualReviewSite[] } {
  if (!mightContainLegacyCall(text, options)) return { sites: [] };
  const names = vueTemplateNames(text, file);
  const sites = 'members' in names ? templateSitesOf(blocks, file, names.members, options) : [];
  return blocks.some((b) => b.setup) ? { names, sites } : { sites };
}

/**
 * The template's own uses of the API through the script blocks' names (match.ts, templateApiUses), each once; none
 * through a block that does not parse (its rewrite says so).
 */
function templateSitesOf(
  blocks: readonly ScriptBlock[],
  file: string,
  members: readonly TemplateMember[],
  options: RewriteOptions,
): ManualReviewSite[] {
  if (members.length === 0) return [];
  const sites = new Map<string, ManualReviewSite>();
  for (const block of blocks) {
    const name = blockFileName(file, block.lang);
    const parser = name === null ? null : parserForFile(name);
    if (!parser) continue;
    let script;
    try {
      script = parseForRewrite(block.content, parser, options.parser);
    } catch {
      continue;
    }
    for (const site of templateApiUses(members, script.program, script.childKeys))
      sites.set(`${site.line}:${site.column}`, site);
  }
  return [...sites.values()];
}
