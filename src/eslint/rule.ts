/**
 * The rule `record-compat/no-deprecated-api`: every place the codemod would rewrite or
 * list in a file, as an ESLint problem. A thin door: the file's text goes to the engine
 * (rewriteFile, with the options the codemod would use for that file: project.ts), and
 * its report comes back as messages. Rewritten places carry the codemod's edits as their
 * fix, so `eslint --fix` writes the codemod's bytes; places left for a person carry none.
 *
 * One fix for the whole file: the edits of one place depend on the others (one import of
 * the runtime per file, its local names chosen once, an emptied destructuring removed), so
 * every rewritten place's fix is the file's whole migration, given as the one range that
 * changes. ESLint applies it once and lints again: the migrated file reports nothing.
 */
import * as path from 'path';
import {
  checkOptions,
  checkParserChoice,
  packageImportRefusal,
  fileCopiesWarning,
  isRoutedAppApi,
  legacyApiRow,
  loadEngine,
  handedTextRefusalOf,
  importsRuntime,
  mightContainLegacyCall,
  offsetsOf,
  printable,
  rewriteOptionsFor,
  routingWords,
  routedOnlyPreamble,
  RUNTIME_PACKAGE,
  TARO_MODULE,
  unlistedRuntimeFor,
  unlistedRuntimeWords,
  type ManualReviewSite,
  type OptionsOf,
  type LegacyApiRow,
  type RewriteOptions,
  type RewrittenSite,
  type RoutedAppApi,
  type RouteOption,
} from '../rewrite/light';
import { handedTextOf, withoutMark, type HandedText } from './handed-text';
import { dependencyReader, routesAppApiOfKind, taroProjects, type RoutingKind } from './project';
import { suppressionsOf } from './suppressed';
import { ruleMeta, type Fix, type Fixer, type Node, type RuleContext, type SourceCode } from './types';

export const RULE_NAME = 'no-deprecated-api';

type Settings = OptionsOf<'eslint'>;

/** What the rule found in one file, before it is said to ESLint. */
type Problem =
  | { kind: 'rewritten'; site: RewrittenSite }
  | { kind: 'manual'; site: ManualReviewSite }
  | { kind: 'failed'; line: number; column: number; reason: string };

/** A routed app API left as it is because part of its project could not be read (project.ts, RoutingAnswer). */
interface Unsure {
  api: RoutedAppApi;
  reason: string;
}

/**
 * The rewrite options of this file: the same as the codemod's (src/rewrite/project/project-options.ts),
 * and the app APIs whose routing could not be decided.
 */
function optionsFor(
  context: RuleContext,
  text: string,
  settings: Settings,
): { options: RewriteOptions; unsure: Unsure[] } {
  const physical = physicalFilenameOf(context);
  const unsure: Unsure[] = [];
  // The decision changes only a file that names the app's own manager: the others are not asked for it. The canvas's
  // calls are not routed here (no setting of the rule routes them): the rule writes no template, so it moves no canvas.
  const routes = (api: RoutedAppApi) => {
    const option = legacyApiRow(api)!.routeOption! as Extract<RouteOption, keyof Settings>;
    if (settings[option] !== undefined) return settings[option];
    if (!text.includes(api)) return false;
    const answer = routesAppApiOfKind(
      legacyApiRow(api)!.routedWith as RoutingKind,
      text,
      filenameOf(context),
      physical,
    );
    if (!answer.routes && answer.unsure) unsure.push({ api, reason: answer.unsure });
    return answer.routes;
  };
  const routing = {
    routeRecorderManager: routes('getRecorderManager'),
    routeBackgroundAudioManager: routes('getBackgroundAudioManager'),
  };
  const options = rewriteOptionsFor(
    physical,
    text,
    { ...routing, parser: settings.parser, importSource: settings.importSource, families: settings.families },
    taroProjects(),
  );
  // An explicit taroWrapper wins over the version read from the project.
  return {
    options: settings.taroWrapper !== undefined ? { ...options, taroWrapper: settings.taroWrapper } : options,
    unsure,
  };
}

/**
 * Said at each use the rewrite would route (found by asking it with the route on): each stays as
 * it is, which may be wrong. A file that only names the API (a comment, a string) is not asked.
 */
function reportUnsure(
  reports: FileReports,
  context: RuleContext,
  handed: HandedText,
  options: RewriteOptions,
  { api, reason }: Unsure,
): void {
  const option = legacyApiRow(api)!.routeOption!;
  let sites: RewrittenSite[];
  try {
    // Asked after lintFile's handedTextRefusalOf, which has estimated the nesting.
    sites = loadEngine()
      .rewriteFile(handed.file, filenameOf(context), { ...options, [option]: true }, { depthChecked: true })
      .report.rewritten.filter((site) => site.api === api);
  } catch {
    return; // the file's own failure is reported by the lint that follows
  }
  const { calls } = routingWords(api);
  for (const site of sites) {
    reports.report(
      { line: site.line, column: site.column },
      `undecided\0${api}\0${reason}`,
      { messageId: 'undecided', data: { api, calls, reason, option } },
      { messageId: 'undecidedRepeated', data: { api } },
    );
  }
}

function filenameOf(context: RuleContext): string {
  return context.filename ?? context.getFilename?.() ?? '<input>';
}

/** The file on disk (a block of a processed file, such as a `.vue` script, names its file here). */
function physicalFilenameOf(context: RuleContext): string {
  return context.physicalFilename ?? context.getPhysicalFilename?.() ?? filenameOf(context);
}

function sourceCodeOf(context: RuleContext): SourceCode {
  return context.sourceCode ?? context.getSourceCode!();
}

/** The engine's verdict on a file that did not go through (it would be a failed file in the codemod's report). */
function failure(error: unknown): Problem {
  const engine = loadEngine();
  const { line, column } = error as { line?: number; column?: number };
  const place = { line: line && line > 0 ? line : 1, column: column ?? 0 };
  if (error instanceof engine.RewriteParseError)
    return { kind: 'failed', ...place, reason: `does not parse: ${error.reason}` };
  if (error instanceof engine.SfcParseError)
    return { kind: 'failed', ...place, reason: `not a valid single-file component: ${error.message}` };
  return { kind: 'failed', ...place, reason: (error as Error).message ?? String(error) };
}

/** The codemod's new text as one replacement: the changed range between the common start and end. */
function wholeFix(before: string, after: string): Fix {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < shorter - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  return { range: [start, before.length - end], text: after.slice(start, after.length - end) };
}

/** How the place names the API: its text in the file (`Taro.startRecord`, `wx['playVoice']`), else from the report. */
function nameAt(text: string, offset: number, site: RewrittenSite): string {
  const window = text.slice(offset, offset + 80);
  const local = /^[\w$]+/.exec(window)?.[0] ?? site.api;
  if (site.via === 'named import' || site.via === 'destructuring') {
    const how = site.via === 'named import' ? `imported from '${TARO_MODULE}'` : 'destructured';
    return local === site.api ? `${site.api} (${how})` : `${local} (${site.api}, ${how})`;
  }
  // A member of another object is written by its own name there (`ctx.setFillStyle`, a Component's `attached`).
  const api = legacyApiRow(site.api)?.owner ? site.api.slice(site.api.lastIndexOf('.') + 1) : site.api;
  const at = window.indexOf(api);
  if (at >= 0 && /^[\w$.?\s'"[\]]*$/.test(window.slice(0, at))) {
    const end = at + api.length + (/^['"]\]/.test(window.slice(at + api.length)) ? 2 : 0);
    return window.slice(0, end).replace(/\s+/g, '');
  }
  return `${site.via}.${site.api}`;
}

/**
 * What a rewritten place gets: the file's fix; none, as a place the fix would also rewrite is
 * kept by an eslint-disable comment (its line); none, as the file cannot import the package.
 */
type Fixing = { fix: Fix } | { keptAt: number } | { refused: string } | null;

/**
 * The file's reports, each at its place, where a reason said at an earlier place is not said
 * again: a file WeChat loads as it is, or where Taro is passed on at four places, gives each
 * place its problem and the long reason once, at the first place an eslint-disable comment
 * does not switch off; the others name that line (the rule's docs page explains each reason).
 */
class FileReports {
  private readonly firstLines = new Map<string, number>();
  private suppressed?: (place: { line: number; column: number }) => boolean;

  constructor(
    private readonly context: RuleContext,
    private readonly sourceCode: SourceCode,
  ) {}

  /** Reports `messageId` at `loc`, or `repeated` with the line where the same reason was said, when it was. */
  report(
    loc: { line: number; column: number },
    reason: string,
    said: { messageId: string; data: Record<string, string> },
    repeated: { messageId: string; data: Record<string, string> },
  ): void {
    const first = this.firstLines.get(reason);
    if (first !== undefined && first !== loc.line)
      return this.context.report({
        loc,
        messageId: repeated.messageId,
        data: { ...repeated.data, line: String(first) },
      });
    this.suppressed ??= suppressionsOf(this.sourceCode.getAllComments(), this.context.id);
    if (first === undefined && !this.suppressed(loc)) this.firstLines.set(reason, loc.line);
    this.context.report({ loc, ...said });
  }
}

/**
 * What a place of the file is, in a few words: the expression that starts there (`Taro`, `wx.playVoice`, `require(…)`).
 */
function subjectAt(text: string, offset: number): string {
  const window = text.slice(offset, offset + 80);
  const chain = /^[\w$]+(?:\s*\??\.\s*[\w$]+)*/.exec(window)?.[0];
  if (!chain) return window.split(/\r?\n/)[0].trim().slice(0, 40) || 'this place';
  return window.slice(chain.length).trimStart().startsWith('(') ? `${chain}(…)` : chain;
}

function report(
  reports: FileReports,
  context: RuleContext,
  handed: HandedText,
  problem: Problem,
  importSource: string,
  fixing: Fixing,
): void {
  const loc =
    problem.kind === 'failed'
      ? { line: problem.line, column: problem.column }
      : { line: problem.site.line, column: problem.site.column };
  if (problem.kind === 'failed') return context.report({ loc, messageId: 'failed', data: { reason: problem.reason } });
  if (problem.kind === 'manual') {
    const { reason } = problem.site;
    const subject = subjectAt(handed.text, offsetsOf(handed.text)(loc));
    return reports.report(
      loc,
      `manual\0${reason}`,
      { messageId: 'manual', data: { reason } },
      { messageId: 'manualRepeated', data: { subject } },
    );
  }
  const { site } = problem;
  const row = legacyApiRow(site.api)!;
  const name = nameAt(handed.text, offsetsOf(handed.text)(loc), site);
  const data = {
    name,
    since: row.deprecatedSince ?? '',
    runtimeExport: site.becomes ?? row.runtimeExport ?? site.api,
    replacement: row.replacement,
    source: importSource,
    ...(isRoutedAppApi(site.api) ? routingWords(site.api) : {}),
  };
  if (fixing && 'refused' in fixing) {
    const reason = fixing.refused;
    // The app's own manager is not deprecated: why this use is reported at all (the project's legacy calls) comes
    // first.
    if (row.onlyWithLegacyCalls) {
      const preamble = routedOnlyPreamble([site.api]) ?? '';
      return reports.report(
        loc,
        `refused\0${preamble}${reason}`,
        { messageId: 'routedNotImportable', data: { preamble, reason } },
        { messageId: 'routedNotImportableRepeated', data: { name } },
      );
    }
    return reports.report(
      loc,
      `refused\0${reason}`,
      { messageId: 'notImportable', data: { ...data, reason } },
      { messageId: 'notImportableRepeated', data },
    );
  }
  if (fixing && 'keptAt' in fixing && !row.onlyWithLegacyCalls) {
    const kept = String(fixing.keptAt);
    return reports.report(
      loc,
      `kept\0${kept}`,
      { messageId: 'fixWithheld', data: { ...data, kept } },
      { messageId: 'fixWithheldRepeated', data },
    );
  }
  const fix = fixing && 'fix' in fixing ? fixing.fix : null;
  context.report({
    loc,
    messageId: messageOf(row),
    data: { ...data, renamedTo: row.renamedTo ?? '', movedUnder: row.movedUnder ?? '' },
    fix: fix ? (fixer: Fixer) => fixer.replaceTextRange(fix.range, fix.text) : null,
  });
}

/**
 * What a rewritten place is told, by how its row migrates: the app's own manager routed, an API the runtime replaces
 * (on a platform API, or plain code where none replaces it), a rename, a lifecycle moved under `lifetimes`, a setter
 * of a legacy canvas context written as its property.
 */
function messageOf(row: LegacyApiRow): string {
  if (row.onlyWithLegacyCalls) return 'routed';
  if (row.renamedTo) return 'renamed';
  if (row.movedUnder) return 'moved';
  if (row.writes) return 'written';
  return row.replacement ? 'deprecated' : 'deprecatedPlain';
}

/** Problems in the order of the file, so that a reason is said in full at its first place. */
function byPlace(a: Problem, b: Problem): number {
  const [la, ca] = a.kind === 'failed' ? [a.line, a.column] : [a.site.line, a.site.column];
  const [lb, cb] = b.kind === 'failed' ? [b.line, b.column] : [b.site.line, b.site.column];
  return la - lb || ca - cb;
}

/**
 * The module a top-level statement imports or requires (`import … from 'x'`, `const … = require('x')`, `var a =
 * require('x').a`), if it is a string.
 */
function moduleOf(statement: Node): string | undefined {
  const literal = (node: Node | null | undefined) =>
    node?.type === 'Literal' && typeof node.value === 'string' ? node.value : undefined;
  if (statement.type === 'ImportDeclaration') return literal(statement.source);
  const required = (init: Node | null | undefined): string | undefined => {
    if (init?.type === 'MemberExpression') return required(init.object);
    return init?.type === 'CallExpression' && init.callee?.type === 'Identifier' && init.callee.name === 'require'
      ? literal(init.arguments?.[0])
      : undefined;
  };
  if (statement.type === 'VariableDeclaration')
    return statement.declarations?.map((d) => required(d.init)).find((m) => m !== undefined);
  return undefined;
}

/** The line of the file's first top-level import of the runtime package, if it has one. */
function runtimeImportOf(sourceCode: SourceCode, text: string): { source: string; line: number } | undefined {
  if (!text.includes(RUNTIME_PACKAGE)) return undefined;
  for (const statement of sourceCode.ast.body ?? []) {
    const source = moduleOf(statement);
    if (source !== undefined && (source === RUNTIME_PACKAGE || source.startsWith(`${RUNTIME_PACKAGE}/`)))
      return { source, line: statement.loc?.start.line ?? 1 };
  }
  return undefined;
}

/**
 * Says, once for the file, that its project does not list the runtime package it imports (or its
 * fix would import, `importers` says which) among the dependencies its app ships
 * (runtime-dependency.ts), at `line`; true when it said so.
 */
function reportUnlistedRuntime(context: RuleContext, importSource: string, line: number, importers: string): boolean {
  const unlisted = unlistedRuntimeFor(physicalFilenameOf(context), importSource, dependencyReader());
  if (!unlisted) return false;
  const cwd = context.cwd ?? context.getCwd?.() ?? process.cwd();
  const shown = printable(path.relative(cwd, unlisted.packageJson).split(path.sep).join('/'));
  context.report({
    loc: { line, column: 0 },
    messageId: 'runtimeUnlisted',
    data: { words: unlistedRuntimeWords(unlisted, shown, importers, cwd) },
  });
  return true;
}

/** Lints one file: the engine's report as problems, its new text as the fix. */
function lintFile(context: RuleContext, settings: Settings): void {
  const sourceCode = sourceCodeOf(context);
  // The engine reads the file as the codemod does; the fix's range counts in the text ESLint edits, without the one
  // mark.
  const handed = handedTextOf(sourceCode);
  const { text } = handed;
  // A file that imports the runtime package (migrated, by this rule's fix or otherwise) needs it among the app's
  // dependencies: said at its import.
  const runtimeImport = runtimeImportOf(sourceCode, text);
  if (runtimeImport) reportUnlistedRuntime(context, runtimeImport.source, runtimeImport.line, 'this file imports');
  if (
    !mightContainLegacyCall(text, {
      routeRecorderManager: settings.routeRecorderManager ?? true,
      routeBackgroundAudioManager: settings.routeBackgroundAudioManager ?? true,
    })
  )
    return;
  // The files the codemod refuses get no fix either (a GBK file, which ESLint decoded as UTF-8, would lose its bytes; a
  // bundle, a minified or huge file, is not migrated): said once, at the first line.
  const refused = handedTextRefusalOf(text, physicalFilenameOf(context));
  if (refused)
    return context.report({ loc: { line: 1, column: 0 }, messageId: 'failed', data: { reason: refused.message } });
  const { options, unsure } = optionsFor(context, text, settings);
  const reports = new FileReports(context, sourceCode);
  for (const place of unsure) reportUnsure(reports, context, handed, options, place);
  if (!mightContainLegacyCall(text, options)) return;
  const engine = loadEngine();
  let result;
  try {
    // handedTextRefusalOf above has estimated the nesting already.
    result = engine.rewriteFile(handed.file, filenameOf(context), options, { depthChecked: true });
  } catch (error) {
    return report(reports, context, handed, failure(error), options.importSource!, null);
  }
  // A web JS-SDK file is left alone by the codemod, and has nothing to say here.
  if (result.report.skipped) return;
  // A file that loads another of the runtime's entries takes the new names from it (the fix joins that load).
  const importSource = result.report.importedFrom ?? options.importSource!;
  const problems: Problem[] = [
    ...result.report.rewritten.map((site) => ({ kind: 'rewritten' as const, site })),
    ...result.report.manual.map((site) => ({ kind: 'manual' as const, site })),
  ].sort(byPlace);
  // Code Taro copies without bundling, or WeChat loads as it is, cannot import the package, and a rewrite that depends
  // on a package.json or project.config.json that cannot be read is not offered: each place reported, none fixed.
  const imports = importsRuntime(result.report.rewritten);
  const unloadable =
    result.output === null || !imports
      ? null
      : packageImportRefusal(
          physicalFilenameOf(context),
          importSource,
          taroProjects(),
          result.report.taroWrapped === true && settings.taroWrapper === undefined,
        );
  if (unloadable) {
    for (const problem of problems) report(reports, context, handed, problem, importSource, { refused: unloadable });
    return;
  }
  // What Taro copies is not known in full: the fix is offered, with the check the codemod asks for.
  const warning =
    result.output === null
      ? undefined
      : fileCopiesWarning(
          physicalFilenameOf(context),
          taroProjects(),
          context.cwd ?? context.getCwd?.() ?? process.cwd(),
        );
  if (warning) context.report({ loc: { line: 1, column: 0 }, messageId: 'copiesUnknown', data: { warning } });
  const fixing =
    result.output === null
      ? null
      : fixingOf(context, sourceCode, result.report.rewritten, wholeFix(text, withoutMark(handed, result.output)));
  // Said once for the file, before its fix imports the package: what `eslint --fix` shows is what the fixed file says
  // at its import.
  // A fix that joins the file's own load of another entry (importedFrom) imports nothing new.
  if (fixing && 'fix' in fixing && !runtimeImport && imports && !result.report.importedFrom)
    reportUnlistedRuntime(context, importSource, 1, "this file's fix would import");
  for (const problem of problems) report(reports, context, handed, problem, importSource, fixing);
}

/** The file's fix, unless an eslint-disable comment keeps one of the places it would rewrite. */
function fixingOf(context: RuleContext, sourceCode: SourceCode, rewritten: readonly RewrittenSite[], fix: Fix): Fixing {
  const suppressed = suppressionsOf(sourceCode.getAllComments(), context.id);
  const kept = rewritten.find((site) => suppressed(site));
  return kept ? { keptAt: kept.line } : { fix };
}

export const noDeprecatedApi = {
  meta: ruleMeta(),
  create(context: RuleContext) {
    // ESLint has checked the options' names against meta.schema; their values are checked here, named as every door
    // names them (jsonSchemaOf).
    const settings = checkOptions(context.options[0] ?? {}, 'eslint');
    checkParserChoice(settings.parser);
    return {
      Program() {
        lintFile(context, settings);
      },
    };
  },
};
