/**
 * The per-file pipeline: scan (read + pre-filter), analyse (engine, in
 * memory), commit (write). Every failure is caught and turned into a result,
 * so one bad file never stops the run, and a file is written only after its
 * new text has been checked to parse.
 */
import type { ManualReviewSite, RewriteOptions, RewriteReport, RewrittenSite } from '../rewrite/types';
import { mightContainLegacyCall, parserForFile } from '../rewrite/prefilter';
import { assertParses, engine } from './engine';
import { isLossyUtf8, looksMinified, matchFileConventions, readSource, writeSource } from './fileio';
import type { RuntimeChooser } from './runtime-target';
import { blockFileName, scriptBlocks, scriptCompileError, SfcParseError, spliceBlocks, blockRewriteOptions, placeInComponent } from '../rewrite/vue-blocks';

export type SkipReason = 'tooLarge' | 'minified' | 'jsSdk';

export interface FileError {
  line?: number;
  column?: number;
  message: string;
}

export interface FileResult {
  file: string;
  status: 'changed' | 'unchanged' | 'failed' | 'skipped';
  /** Handed to the parser (passed the text pre-filter). */
  parsed: boolean;
  skip?: { reason: SkipReason; detail: string };
  importSource?: string;
  rewritten: RewrittenSite[];
  manual: ManualReviewSite[];
  error?: FileError;
}

export interface AnalyseContext {
  chooser: RuntimeChooser;
  /** Keep the old text of changed files (for --print). */
  keepBefore: boolean;
}

export interface CommitContext {
  dry: boolean;
  /** Called once before the first source is written (writes the local runtime copy). Throws RunAborted to stop. */
  beforeFirstWrite?: () => void;
}

/** Thrown inside scanFile / analyseText for a failure that has a place and a reason. */
class FileFailure extends Error {
  constructor(
    message: string,
    readonly line?: number,
    readonly column?: number,
  ) {
    super(message);
  }
}

function result(file: string, status: FileResult['status'], extra: Partial<FileResult> = {}): FileResult {
  return { file, status, parsed: false, rewritten: [], manual: [], ...extra };
}

interface Rewritten {
  output: string | null;
  report: RewriteReport;
}

/** Runs the engine, turning its parse error into a FileFailure with a clean reason. */
function rewrite(text: string, engineFile: string, options: RewriteOptions): Rewritten {
  const e = engine();
  try {
    return e.rewriteSource(text, engineFile, options);
  } catch (err) {
    if (err instanceof e.RewriteParseError) {
      throw new FileFailure(`does not parse: ${err.reason}`, err.line || undefined, err.column);
    }
    const { message, loc } = err as { message?: string; loc?: { line: number; column: number } };
    throw new FileFailure(`the rewrite threw: ${message ?? String(err)}`, loc?.line, loc?.column);
  }
}

function checkParses(code: string, parser: 'ts' | 'tsx', lineOffset = 0): void {
  try {
    assertParses(code, parser);
  } catch (err) {
    const { message, loc } = err as { message: string; loc?: { line: number; column: number } };
    throw new FileFailure(
      `the rewritten text would not parse (${message}); nothing written`,
      loc ? loc.line + lineOffset : undefined,
      loc?.column,
    );
  }
}

function scriptFile(file: string, text: string, ctx: AnalyseContext, res: FileResult): string | null {
  const parser = parserForFile(file);
  if (!parser) return null;
  const importSource = ctx.chooser.importSourceFor(file, text);
  res.importSource = importSource;
  res.parsed = true;
  const { output, report } = rewrite(text, file, { importSource });
  res.rewritten = report.rewritten;
  res.manual = report.manual;
  if (report.skipped) {
    res.skip = { reason: 'jsSdk', detail: report.skipped };
    return null;
  }
  if (output === null || output === text) return null;
  const final = matchFileConventions(text, output);
  // The engine re-parsed its own output; check again only if line endings were adjusted here.
  if (final !== output) checkParses(final, parser);
  return final;
}

function vueFile(file: string, text: string, ctx: AnalyseContext, res: FileResult): string | null {
  let blocks;
  try {
    blocks = scriptBlocks(text, file);
  } catch (err) {
    const e = err as SfcParseError;
    throw new FileFailure(`not a valid single-file component: ${e.message}`, e.line, e.column);
  }
  const mightChange = blocks.filter((b) => mightContainLegacyCall(b.content));
  if (mightChange.length === 0) return null;
  const importSource = ctx.chooser.importSourceFor(file, text);
  res.importSource = importSource;
  res.parsed = true;
  const replacements: { start: number; end: number; content: string }[] = [];
  let skipped: string | undefined;
  for (const block of mightChange) {
    const name = blockFileName(file, block.lang);
    const parser = name === null ? null : parserForFile(name);
    if (name === null || !parser) {
      res.manual.push({ line: block.startLine, column: 0, reason: `<script lang="${block.lang}"> mentions startRecord/stopRecord but cannot be parsed here; migrate it by hand` });
      continue;
    }
    // Report places in the .vue file, not in the block.
    const toFile = <T extends { line: number; column: number }>(site: T): T => placeInComponent(block, site);
    let out: Rewritten;
    try {
      out = rewrite(block.content, name, blockRewriteOptions(blocks, block, importSource));
    } catch (err) {
      if (err instanceof FileFailure && err.line !== undefined) {
        throw new FileFailure(err.message, err.line + block.startLine - 1, err.column);
      }
      throw err;
    }
    res.rewritten.push(...out.report.rewritten.map(toFile));
    res.manual.push(...out.report.manual.map(toFile));
    if (out.report.skipped) skipped ??= out.report.skipped;
    if (out.output !== null && out.output !== block.content) {
      checkParses(out.output, parser, block.startLine - 1);
      replacements.push({ start: block.start, end: block.end, content: out.output });
    }
  }
  if (replacements.length === 0) {
    if (skipped) res.skip = { reason: 'jsSdk', detail: skipped };
    return null;
  }
  const final = matchFileConventions(text, spliceBlocks(text, replacements));
  // The component must still split into the same script blocks, holding the new code.
  const again = scriptBlocks(final, file);
  if (again.length !== blocks.length) throw new FileFailure('the rewritten component no longer splits into the same script blocks; nothing written');
  // And Vue must still compile its scripts, if it did before (mpvue's Vue 2 code may not).
  const parses = (code: string, lang: string) => assertParses(code, lang === 'ts' ? 'ts' : lang === 'tsx' ? 'tsx' : 'js');
  const after = scriptCompileError(final, file, parses);
  if (after !== null && scriptCompileError(text, file, parses) === null) {
    const firstSite = res.rewritten.reduce<number | undefined>((min, site) => (min === undefined || site.line < min ? site.line : min), undefined);
    throw new FileFailure(`the rewritten component would not compile (${after.split('\n')[0]}); nothing written`, firstSite);
  }
  return final;
}

/** What analysing one file produced: the result, and the new text when it changes. */
export interface Analysis {
  result: FileResult;
  /** The new text, set when result.status is 'changed'. */
  final?: string;
  /** The old text, kept only when asked for (diffs). */
  before?: string;
}

/** After the cheap scan: either settled, or a candidate whose text must go through the engine. */
export type Scan = { kind: 'settled'; analysis: Analysis } | { kind: 'candidate'; file: string; text: string };

/**
 * Step 1, cheap, on every file: read once, skip by size, run the text
 * pre-filter. Only files that can hold a legacy call become candidates.
 */
export function scanFile(file: string): Scan {
  const res = result(file, 'unchanged');
  try {
    const read = readSource(file);
    if (read.kind === 'tooLarge') {
      return settled(result(file, 'skipped', { skip: { reason: 'tooLarge', detail: `${(read.size / 1024 / 1024).toFixed(1)} MB` } }));
    }
    const text = read.bytes.toString('utf8');
    if (!mightContainLegacyCall(text)) return settled(res);
    if (looksMinified(text)) return settled(result(file, 'skipped', { skip: { reason: 'minified', detail: 'long lines' } }));
    if (isLossyUtf8(text, read.bytes)) {
      throw new FileFailure('not valid UTF-8 (GBK or another encoding?): convert it to UTF-8 first');
    }
    return { kind: 'candidate', file, text };
  } catch (err) {
    return settled(failed(res, err));
  }
}

function settled(r: FileResult): Scan {
  return { kind: 'settled', analysis: { result: r } };
}

/**
 * Step 2, on candidates only: parse, rewrite and re-check in memory; writes
 * nothing. Runs inline or in a worker thread (plain data in, plain data out).
 */
export function analyseText(file: string, text: string, ctx: AnalyseContext): Analysis {
  const res = result(file, 'unchanged');
  try {
    const final = file.endsWith('.vue') ? vueFile(file, text, ctx, res) : scriptFile(file, text, ctx, res);
    if (res.skip) {
      res.status = 'skipped';
      return { result: res };
    }
    if (final === null) return { result: res };
    res.status = 'changed';
    return { result: res, final, before: ctx.keepBefore ? text : undefined };
  } catch (err) {
    return { result: failed(res, err) };
  }
}

function failed(res: FileResult, err: unknown): FileResult {
  if (err instanceof FileFailure) {
    return { ...res, status: 'failed', skip: undefined, error: { line: err.line, column: err.column, message: err.message } };
  }
  const { message, code } = err as NodeJS.ErrnoException;
  return { ...res, status: 'failed', skip: undefined, error: { message: code ? `${code}: ${message}` : String(message ?? err) } };
}

/** Raised by beforeFirstWrite when nothing may be written at all (the runtime copy could not be written). */
export class RunAborted extends Error {}

/**
 * Writes an analysed change (main thread only). A write error turns the
 * result into a failure; the atomic write leaves the old file in place.
 */
export function commitChange(analysis: Analysis, ctx: CommitContext): FileResult {
  const res = analysis.result;
  if (res.status !== 'changed' || analysis.final === undefined || ctx.dry) return res;
  if (ctx.beforeFirstWrite) {
    const first = ctx.beforeFirstWrite;
    ctx.beforeFirstWrite = undefined;
    first(); // throws RunAborted
  }
  try {
    writeSource(res.file, analysis.final);
    return res;
  } catch (err) {
    return failed(res, new FileFailure(`could not write: ${(err as Error).message}`));
  }
}
