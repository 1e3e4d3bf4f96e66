/**
 * The rewrite on source text, as the codemod needs it: parse with jscodeshift's
 * parser chosen from the file's extension, run the one rewrite, print with recast
 * so that untouched code stays byte-identical, and keep the file's BOM, line
 * endings, quote and semicolon style.
 */
import * as babel from '@babel/core';
import type { NodePath } from '@babel/traverse';
import type * as t from '@babel/types';
import jscodeshift from 'jscodeshift';
import * as recast from 'recast';
import { keepFileStyle, detectStyle, hasMixedLineEndings, restoreLineEndings } from './keep-style';
import { mightContainLegacyCall, parserForFile, type ParserName } from './prefilter';
import { rewriteProgram } from './rewrite-program';
import { validateRewriteOptions } from './options';
import { emptyReport, type RewriteOptions, type RewriteReport } from './types';

export { mightContainLegacyCall, parserForFile, type ParserName };

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
  }
}

export interface RewriteSourceResult {
  /** The new text, or null when nothing changed (report.skipped says when the file was left alone on purpose). */
  output: string | null;
  report: RewriteReport;
}

const BOM = '\uFEFF';

/** Babel's File gives the program path a hub, which @babel/helper-module-imports needs. Untyped in @types/babel__core. */
const BabelFile = (babel as unknown as { File: new (options: object, input: { code: string; ast: t.File }) => { path: NodePath<t.Program> } }).File;

function asParseError(error: unknown, filePath: string): RewriteParseError {
  const { loc, message } = error as { loc?: { line: number; column: number }; message: string };
  return new RewriteParseError(filePath, loc?.line ?? 0, loc?.column ?? 0, message.replace(/\s*\(\d+:\d+\)$/, ''));
}

/** recast's tree (it remembers the original text of every node), with jscodeshift's parser options. */
function parseForPrinting(parser: ParserName, text: string, filePath: string): t.File {
  try {
    return jscodeshift.withParser(parser)(text).get().node as t.File;
  } catch (error) {
    throw asParseError(error, filePath);
  }
}

/** jscodeshift's own parser (same Babel options as `withParser`), without recast's copy of the tree. */
function parsePlain(parser: ParserName, text: string, filePath: string): t.File {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const factory = require(`jscodeshift/parser/${parser}`) as () => { parse(code: string): t.File };
  try {
    return factory().parse(text);
  } catch (error) {
    throw asParseError(error, filePath);
  }
}

/** recast reprints directives as `'use strict';` (and doubles an existing `;`): give them back their own text. */
function restoreDirectives(output: string, original: string, ast: t.File): string {
  for (const directive of ast.program.directives) {
    const { start, end } = directive as { start?: number | null; end?: number | null };
    if (start == null || end == null) continue;
    const raw = original.slice(start, end);
    const core = raw.replace(/;$/, '');
    const at = output.indexOf(core);
    if (at < 0) continue;
    let after = at + core.length;
    while (output[after] === ';') after++;
    output = output.slice(0, at) + raw + output.slice(after);
  }
  return output;
}

/**
 * What the rewrite would do to a file, without printing anything: the same report as
 * rewriteSource gives, at a fraction of the cost (for the audit and other read-only users).
 */
export function analyzeSource(source: string, filePath: string, options: RewriteOptions = {}): RewriteReport {
  validateRewriteOptions(options);
  const parser = parserForFile(filePath);
  if (!parser) return emptyReport();
  const text = source.startsWith(BOM) ? source.slice(1) : source;
  if (!mightContainLegacyCall(text)) return emptyReport();
  const ast = parsePlain(parser, text, filePath);
  const file = new BabelFile({ filename: filePath }, { code: text, ast });
  // The tree is thrown away: no need to re-crawl its scope after rewriting.
  return rewriteProgram(file.path, options, { filename: filePath, sourceText: text, updateScope: false });
}

/** `#!/usr/bin/env node` and its line break: only valid as a file's first line. */
const INTERPRETER_LINE = /^#![^\r\n]*(?:\r?\n|$)/;

/** Moves a report's places down by `lines` (the text was rewritten without its first lines). */
function shiftReport(report: RewriteReport, lines: number): RewriteReport {
  const shift = <T extends { line: number }>(site: T): T => ({ ...site, line: site.line + lines });
  return { ...report, rewritten: report.rewritten.map(shift), manual: report.manual.map(shift) };
}

/** Rewrites one file's text. Throws RewriteParseError when the text does not parse. */
export function rewriteSource(source: string, filePath: string, options: RewriteOptions = {}): RewriteSourceResult {
  validateRewriteOptions(options);
  const parser = parserForFile(filePath);
  if (!parser) return { output: null, report: emptyReport() };

  const hasBom = source.startsWith(BOM);
  const withInterpreter = hasBom ? source.slice(1) : source;
  // recast prints new statements onto an interpreter line (where they are a comment): rewrite
  // the code below it, and put the line back untouched.
  const interpreter = INTERPRETER_LINE.exec(withInterpreter)?.[0] ?? '';
  if (interpreter) {
    let inner: RewriteSourceResult;
    try {
      inner = rewriteSource(withInterpreter.slice(interpreter.length), filePath, options);
    } catch (error) {
      if (error instanceof RewriteParseError) throw new RewriteParseError(filePath, error.line ? error.line + 1 : 0, error.column, error.reason);
      throw error;
    }
    const output = inner.output === null ? null : (hasBom ? BOM : '') + interpreter + inner.output;
    return { output, report: shiftReport(inner.report, 1) };
  }
  const text = withInterpreter;
  // Mixed CRLF and LF: rewrite with LF everywhere, then give each line its own ending back.
  if (hasMixedLineEndings(text)) {
    const inner = rewriteSource(text.replace(/\r\n/g, '\n'), filePath, options);
    return { output: inner.output === null ? null : (hasBom ? BOM : '') + restoreLineEndings(text, inner.output), report: inner.report };
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const ast = parseForPrinting(parser, text, filePath);
  const file = new BabelFile({ filename: filePath }, { code: text, ast });
  const report = rewriteProgram(file.path, options, { filename: filePath, sourceText: text, updateScope: false });
  if (report.rewritten.length === 0) return { output: null, report };

  const style = detectStyle(text);
  const printed = recast.print(ast, { quote: style.quote, lineTerminator: eol }).code;
  const output = keepFileStyle(restoreDirectives(printed, text, ast), text, style, eol);

  // Never hand back text that would not parse again.
  try {
    parsePlain(parser, output, filePath);
  } catch (error) {
    throw new Error(`internal error: the rewrite of ${filePath} does not re-parse (${(error as Error).message}); the file was left unchanged`);
  }
  return { output: hasBom ? BOM + output : output, report };
}
