/**
 * The rewrite of one script's text, as the codemod needs it: parse (parser from the
 * extension), match with the one matcher, make its edits in the text, and check that the
 * result parses again. Everything the edits do not touch keeps its bytes: BOM, interpreter
 * line, comments, quotes, semicolons, line endings.
 */
import type MagicString from 'magic-string';
import { applyEditsToText } from './apply-text';
import { applyTemplateInsertions, type TemplateWrite } from './template-insertions';
import { matchLegacyCalls } from './match';
import { changesFile, type LegacyMatch, type MatchContext, type OtherBlock } from './match-types';
import { checkOptions, OptionsError } from '../rules/options-schema';
import { assertReparses, parseForRewrite, type ParsedScript } from './parse';
import { positionsOf } from '../rules/text-positions';
import { parserForFile, type ParserName } from '../rules/file-kinds';
import type { TemplateNames } from './template';
import { mightContainLegacyCall } from '../rules/prefilter';
import { CANVAS_TYPE_EXPORT } from '../rules/legacy-apis';
import { emptyReport, type RewriteOptions, type RewriteReport, type TemplateWrites } from '../rules/types';

export class RewriteParseError extends Error {
  constructor(
    readonly filePath: string,
    readonly line: number,
    readonly column: number,
    /** The parser's message alone, without the file and position. */
    readonly reason: string,
  ) {
    super(`${filePath}:${line}:${column + 1}: ${reason}`);
    this.name = 'RewriteParseError';
    // A verdict on the file, printed without frames (RewriteRefusedError in file.ts says why).
    this.stack = `${this.name}: ${this.message}`;
  }
}

export interface RewriteSourceResult {
  /** The new text, or null when nothing changed (report.skipped says when the file was left alone on purpose). */
  output: string | null;
  report: RewriteReport;
  /** The edits, for a source map of the change (positions in the text without its BOM). */
  edits?: MagicString | null;
  /** Template files beside the script that change with it (a page's `.wxml`): only a door that writes them asks. */
  templates?: TemplateWrite[];
}

const BOM = '\uFEFF';

/** What a door asks the engine to check before it hands a text back. */
export interface RewriteChecks {
  /**
   * Re-parse the rewritten text (default: yes, for the codemod, which writes files). The build
   * hooks say no: the build's compiler parses the text right after them and names a syntax
   * error itself, so a second parse there only costs time.
   */
  reparse?: boolean;
  /**
   * The door has refused the text already if it nests too deeply (classifyFile: the codemod, on
   * each file it reads), so the parse does not estimate its depth again.
   */
  depthChecked?: boolean;
  /**
   * Which templates the door writes (rules/types.ts, TemplateWrites): with `true` it writes the template files the
   * result hands back (`templates`) and lets a template in the file itself change (the codemod); with `'jsx'` only
   * Taro's JSX in the script's text (the build). A canvas moves to Canvas 2D only with its template (canvas-calls.ts);
   * the other doors leave it for a person.
   */
  writesTemplates?: TemplateWrites;
}

function parse(
  parser: ParserName,
  text: string,
  filePath: string,
  options: RewriteOptions,
  depthChecked = false,
): ParsedScript {
  try {
    return parseForRewrite(text, parser, options.parser, depthChecked);
  } catch (error) {
    if (error instanceof OptionsError) throw error;
    const { loc, message } = error as { loc?: { line: number; column: number }; message: string };
    throw new RewriteParseError(
      filePath,
      loc?.line ?? 0,
      loc?.column ?? 0,
      message.replace(/\s*\(\d+:\d+\)$/, '') + flowWayOut(text) + conflictWayOut(text),
    );
  }
}

/** A line git writes where a merge or rebase stopped on a conflict: `<<<<<<< HEAD`, `>>>>>>> branch`. */
const CONFLICT_MARKER = /^(?:<{7}|>{7})(?: |$)/m;

/** A file with a conflict's markers left in it fails to parse somewhere near them: say what it is. */
function conflictWayOut(text: string): string {
  const marker = CONFLICT_MARKER.exec(text);
  if (!marker) return '';
  return ` (a merge conflict's markers are left in the file, line ${positionsOf(text)(marker.index).line}: resolve the conflict first)`;
}

/** The comments and blank space a file opens with, where Flow looks for its `@flow` pragma. */
const LEADING_COMMENTS = /^(?:\s+|\/\/[^\n]*|\/\*[\s\S]*?\*\/)*/;

/**
 * A Flow-typed file's annotations are not TypeScript's, so its parse error alone ("Unexpected
 * token") hides why: say it, and the door that reads Flow (Babel, behind preset-flow).
 */
function flowWayOut(text: string): string {
  if (!/@flow\b/.test(LEADING_COMMENTS.exec(text)![0])) return '';
  return ' (a Flow file: this door reads .js as TypeScript with JSX; the Babel plugin in a Babel config with @babel/preset-flow migrates it, see docs/other-toolchains.md)';
}

/**
 * The other script block of a Vue component, when the options hand it over (vue-blocks.ts,
 * blockRewriteOptions), parsed as this block is. One that does not parse fails this block too:
 * what this block's names are cannot be told without it (nor does Vue compile the component).
 */
export function otherBlocksOf(
  parser: ParserName,
  filePath: string,
  options: RewriteOptions,
): Pick<MatchContext, 'componentScript' | 'setupScript'> {
  const parseOther = (text: string, which: string): OtherBlock => {
    try {
      const { program, childKeys } = parseForRewrite(text, parser, options.parser);
      return { program, childKeys };
    } catch (error) {
      if (error instanceof OptionsError) throw error;
      const { loc, message } = error as { loc?: { line: number }; message: string };
      throw new RewriteParseError(
        filePath,
        1,
        0,
        `the component's ${which}, whose names this block shares, does not parse (its line ${loc?.line ?? 1}: ${message.replace(/\s*\(\d+:\d+\)$/, '')})`,
      );
    }
  };
  return {
    ...(options.componentScript ? { componentScript: parseOther(options.componentScript, '<script>') } : {}),
    ...(options.setupScript ? { setupScript: parseOther(options.setupScript, '<script setup>') } : {}),
  };
}

/** A script read, parsed and matched: the one step the report-only and the rewriting entries share. */
interface MatchedScript {
  parser: ParserName;
  /** The text without its BOM: the positions of the edits are counted in it. */
  text: string;
  hasBom: boolean;
  script: ParsedScript;
  match: LegacyMatch;
}

/** Parses and matches a script; null when its extension is not a script's or its text names no API. */
function matchScript(
  source: string,
  filePath: string,
  options: RewriteOptions,
  componentText?: string,
  depthChecked = false,
  templateNames?: TemplateNames,
  writesTemplates: TemplateWrites = false,
): MatchedScript | null {
  checkOptions(options, 'engine');
  const parser = parserForFile(filePath);
  if (!parser) return null;
  // The BOM is not part of the code.
  const hasBom = source.startsWith(BOM);
  const text = hasBom ? source.slice(1) : source;
  if (!mightContainLegacyCall(text, options)) return null;
  const script = parse(parser, text, filePath, options, depthChecked);
  const blocksBeside = otherBlocksOf(parser, filePath, options);
  const match = matchLegacyCalls(script.program, options, {
    filename: filePath,
    sourceText: text,
    position: script.position,
    componentText,
    templateNames,
    childKeys: script.childKeys,
    writesTemplates,
    ...blocksBeside,
  });
  return { parser, text, hasBom, script, match };
}

/**
 * What the rewrite would do to a file, without changing anything: the same report as
 * rewriteSource gives (for the audit and other read-only users).
 */
export function analyzeSource(
  source: string,
  filePath: string,
  options: RewriteOptions = {},
  depthChecked = false,
  templateNames?: TemplateNames,
  /** Report as the codemod decides, which writes the templates it changes (RewriteChecks.writesTemplates): the audit. */
  writesTemplates = false,
): RewriteReport {
  return (
    matchScript(source, filePath, options, undefined, depthChecked, templateNames, writesTemplates)?.match.report ??
    emptyReport()
  );
}

/** Rewrites one script's text. Throws RewriteParseError when the text does not parse. */
export function rewriteSource(
  source: string,
  filePath: string,
  options: RewriteOptions = {},
  /**
   * Also apply the edits to a text this script is part of, at its offset (a .vue component's block, whose template is
   * read from `text`).
   */
  alsoInto?: { edits: MagicString; offset: number; text: string; templateNames?: TemplateNames },
  checks: RewriteChecks = {},
): RewriteSourceResult {
  const matched = matchScript(
    source,
    filePath,
    options,
    alsoInto?.text,
    checks.depthChecked,
    alsoInto?.templateNames,
    checks.writesTemplates,
  );
  if (!matched) return { output: null, report: emptyReport() };
  const { parser, text, hasBom, script, match } = matched;
  if (!changesFile(match.edits)) return { output: null, report: match.report };

  const edited = applyEditsToText(text, script, match.edits, alsoInto);
  const canvasType = match.edits.localNames.get(CANVAS_TYPE_EXPORT);
  const templates = applyTemplateInsertions(match.edits.templateInsertions, edited, alsoInto?.edits, canvasType);
  const output = edited.toString();
  // Never hand back text that would not parse again (with the parser that read it).
  if (checks.reparse !== false) {
    try {
      assertReparses(output, parser, script.parser);
    } catch (error) {
      throw new Error(
        `internal error: the rewrite of ${filePath} does not re-parse (${(error as Error).message}); the file was left unchanged`,
      );
    }
  }
  return {
    output: hasBom ? BOM + output : output,
    report: match.report,
    edits: edited,
    ...(templates.length > 0 ? { templates } : {}),
  };
}
