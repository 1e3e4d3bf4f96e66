/**
 * Reporting: accumulate FileResults into a summary, render it for people
 * (plain lines, colours when the terminal has them) or as JSON, and render
 * diffs for --print. The diff library is loaded only when a diff is printed.
 */
import * as os from 'os';
import * as path from 'path';
import pc from 'picocolors';
import {
  countByFamily,
  countByKind,
  counted,
  describeCountsByKind,
  excludedLines,
  ignoredWords,
  kindOf,
  legacyApiRow,
  printable,
  ROUTED_APP_APIS,
  routedBecause,
  skippedFolderLine,
  toPosixPath,
  undecodablePathBytes,
  type ExcludedReport,
  type SkippedFolderCalls,
  type LegacyApiKind,
  type RoutingDecision,
} from '../rewrite/light';
import {
  andJoined,
  FOR_A_PERSON,
  HANDLED,
  leftAsChosenLines,
  LOOKED_AT,
  namingLegacyApi,
  places,
  placesByReason,
  skipWords,
} from '../report/words';
import type { FileResult, SkipReason, FailurePlace, JsonPath, TallyView } from '../report/file-result';
import type { LeftPlace } from '../report/next-steps';

/**
 * The signals that stop a run between two files: Ctrl-C, a kill, a terminal closed or a
 * connection dropped under it (SIGHUP), Ctrl-\\ (SIGQUIT). Each exits 128 + its number.
 */
export const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const;
export type StopSignalName = (typeof STOP_SIGNALS)[number];

export function exitCodeOf(signal: StopSignalName): number {
  return 128 + os.constants.signals[signal];
}

export interface ReviewPlace {
  path: string;
  line: number;
  column: number;
  reason: string;
}

/** `file` as the JSON report names it (relative, as relativePath gives it). */
function jsonPath(rel: string): JsonPath {
  const pathBytes = undecodablePathBytes(rel);
  return pathBytes === undefined ? { path: rel } : { path: rel, pathBytes };
}

export interface Summary {
  /** Files looked at. */
  scanned: number;
  /** Files handed to the parser (their text names a legacy API). */
  parsed: number;
  /**
   * Files whose text names a legacy API: those parsed, and those left as they are for their form (minified, too large)
   * that call one.
   */
  namingLegacyApi: number;
  changed: number;
  unchanged: number;
  failed: number;
  skipped: {
    ignored: number;
    ignoredDirectories: number;
    ignoredFiles: number;
    jsSdk: number;
    tooLarge: number;
    minified: number;
    link: number;
    brokenLink: number;
    notScript: number;
    notRegular: number;
  };
  /** Rewritten calls by API and form, e.g. { "startRecord": 3, "stopRecord": 2, "stopRecord (reference)": 1 }. */
  calls: Record<string, number>;
  callsTotal: number;
  /**
   * The same calls by kind of API, e.g. { "record": 5, "voice": 3 } (every rewritten kind of the
   * table, zeros included; "recorderManager", the app's own getRecorderManager, only when routed).
   */
  callsByKind: Record<string, number>;
  /** Rewritten calls by how the API was reached (wx, Taro, named import, destructuring…). */
  callsVia: Record<string, number>;
  /**
   * Calls of the families --families did not choose, left as they are, by family (only those with calls), e.g. {
   * "voice": 3 }.
   */
  leftAsChosen: Record<string, number>;
  manualReview: number;
  /**
   * What the run could not check of the files it rewrote (or would), in words, said once: extended attributes and
   * ACLs where no program lists them (getfattr not installed); null when it checked everything, or rewrote nothing.
   */
  notChecked: string | null;
  /**
   * What --exclude left out (null without it): the outermost folders, the files of the kinds the run reads, those whose
   * text names a legacy API (each named: never dropped in silence), what could not be read there; paths relative.
   */
  excluded: {
    folders: string[];
    files: number;
    namingLegacyApi: string[];
    notRead: { path: string; reason: string }[];
  } | null;
  /**
   * The build-output folders the walk passed over (`dist`, `build`…, not ignored by git) whose scripts name a legacy
   * API: each with how many do; paths relative. Nothing there is migrated.
   */
  skippedFolders: { path: string; namingLegacyApi: number }[];
}

export interface JsonFileEntry extends JsonPath {
  status: FileResult['status'];
  importSource: string | null;
  rewritten: { line: number; column: number; api: string; via: string; form: string }[];
  manual: { line: number; column: number; reason: string }[];
  skipped: { reason: SkipReason; detail: string } | null;
  error: { line: number | null; column: number | null; reason: string } | null;
  /** The template files changed with it (a `.wxml` whose `<canvas>` moved to Canvas 2D); only when there are some. */
  templates?: JsonPath[];
}

export interface JsonReport {
  version: 1;
  dry: boolean;
  /** Whether the app's own getRecorderManager was routed (the run found a legacy record call). */
  routeRecorderManager: boolean;
  /** Whether the app's own getBackgroundAudioManager was routed (the run found a legacy background-audio call). */
  routeBackgroundAudioManager: boolean;
  /** Whether the calls that read a canvas by its id were routed (the run moves a canvas to Canvas 2D). */
  routeCanvasPixels: boolean;
  /**
   * `mode`: the --runtime asked for (`auto`, the default, chose per file: each file's `importSource`
   * says which). `file` and `written`: the first of `copies` (every local copy the run planned, one
   * per mini-program root, or the path asked for: each of its files, with the families it holds).
   */
  runtime: {
    mode: 'auto' | 'package' | 'local';
    file: string | null;
    written: boolean;
    copies: { file: string; written: boolean; families: string[] }[];
  };
  /** `installed`: the install's files with uncommitted changes, which passed the check (git.ts, INSTALL_FILES). */
  git: { state: 'clean' | 'dirty' | 'none' | 'error'; forced: boolean; installed: string[] };
  /**
   * Set when a signal (STOP_SIGNALS) stopped the run between two files: every file is its original or its complete new
   * text.
   */
  interrupted: { signal: StopSignalName; notProcessed: number; listing?: true } | null;
  summary: Summary;
  /** Every file that was changed, skipped for a reason, failed, or holds places for review. */
  files: JsonFileEntry[];
  manualReview: ReviewPlace[];
  failures: FailurePlace[];
  /**
   * What the run warned of on stderr (a folder git ignores, a killed run's temporary file, git failing under --force…).
   */
  warnings: string[];
  /** What to do next, a sentence each, as the text output says them after the summary (next-steps.ts). */
  nextSteps: string[];
  exitCode: number;
}

/** A path as the output shows it: relative to the working folder, with forward slashes. */
export function relativePath(cwd: string, file: string): string {
  return toPosixPath(path.relative(cwd, file)) || '.';
}

export class Tally implements TallyView {
  /** Of the files changed, the templates written with their scripts (said in the summary's files line). */
  templatesChanged = 0;
  readonly summary: Summary = {
    scanned: 0,
    parsed: 0,
    namingLegacyApi: 0,
    changed: 0,
    unchanged: 0,
    failed: 0,
    skipped: {
      ignored: 0,
      ignoredDirectories: 0,
      ignoredFiles: 0,
      jsSdk: 0,
      tooLarge: 0,
      minified: 0,
      link: 0,
      brokenLink: 0,
      notScript: 0,
      notRegular: 0,
    },
    calls: {},
    callsTotal: 0,
    callsByKind: Object.fromEntries(countByKind([])),
    callsVia: {},
    leftAsChosen: {},
    manualReview: 0,
    notChecked: null,
    excluded: null,
    skippedFolders: [],
  };
  /** Only the interesting results are kept: memory stays flat on big trees. */
  readonly notable: FileResult[] = [];

  constructor(private readonly cwd: string) {}

  rel(file: string): string {
    return relativePath(this.cwd, file);
  }

  ignored(dirs: number, files: number): void {
    this.summary.skipped.ignoredDirectories += dirs;
    this.summary.skipped.ignoredFiles += files;
    this.summary.skipped.ignored += dirs + files;
  }

  /** What could not be checked of the files rewritten, and why (attributes.ts, attributesUnchecked); null: nothing. */
  notChecked(unchecked: { what: string; why: string; remedy: string | null } | null): void {
    this.summary.notChecked =
      unchecked &&
      `${unchecked.what}, which a rewritten file does not keep (${unchecked.why}${unchecked.remedy ? `; ${unchecked.remedy}` : ''})`;
  }

  /** The skipped build-output folders that hold legacy calls, with paths as the report shows them. */
  skippedFolders(found: SkippedFolderCalls[]): void {
    this.summary.skippedFolders = found.map(({ folder, files }) => ({
      path: this.rel(folder),
      namingLegacyApi: files.length,
    }));
  }

  /** What --exclude left out, with paths as the report shows them. */
  excluded(report: ExcludedReport): void {
    this.summary.excluded = {
      folders: report.folders.map((folder) => this.rel(folder)),
      files: report.files,
      namingLegacyApi: report.namingLegacyApi.map((file) => this.rel(file)),
      notRead: report.notRead.map(({ path: file, reason }) => ({ path: this.rel(file), reason })),
    };
  }

  add(r: FileResult): void {
    const s = this.summary;
    s.scanned++;
    if (r.parsed) s.parsed++;
    if (r.parsed || r.manual.length > 0) s.namingLegacyApi++;
    // A template written with its script is a file changed too.
    if (r.status === 'changed') {
      s.changed += 1 + (r.templates?.length ?? 0);
      this.templatesChanged += r.templates?.length ?? 0;
    } else if (r.status === 'unchanged') s.unchanged++;
    else if (r.status === 'failed') s.failed++;
    else if (r.skip) s.skipped[r.skip.reason]++;
    if (r.status === 'changed') {
      for (const site of r.rewritten) {
        const kind = site.form === 'reference' ? `${site.api} (reference)` : site.api;
        s.calls[kind] = (s.calls[kind] ?? 0) + 1;
        s.callsVia[site.via] = (s.callsVia[site.via] ?? 0) + 1;
        s.callsTotal++;
        s.callsByKind[kindOf(site.api)] = (s.callsByKind[kindOf(site.api)] ?? 0) + 1;
      }
    }
    if (r.leftAsChosen?.length)
      for (const [family, n] of countByFamily(r.leftAsChosen))
        s.leftAsChosen[family] = (s.leftAsChosen[family] ?? 0) + n;
    // A failed file's places for a person need one whatever the failure's way out: listed too, as the audit and the
    // ESLint rule name them.
    s.manualReview += r.manual.length;
    if (r.status !== 'unchanged' || r.manual.length > 0) this.notable.push(r);
  }

  /**
   * Notable results in path order, whatever order the run settled them in (pre-filtered files first, candidates after).
   */
  sorted(): FileResult[] {
    return [...this.notable].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  }

  /**
   * The places left for a person, with the API each names where the rewrite knows it: what the next steps point to the
   * docs for.
   */
  leftPlaces(): LeftPlace[] {
    return this.sorted().flatMap((r) => r.manual.map((m) => ({ api: m.api, reason: m.reason })));
  }

  reviewPlaces(): ReviewPlace[] {
    return this.sorted().flatMap((r) =>
      r.manual.map((m) => ({ path: this.rel(r.file), line: m.line, column: m.column, reason: m.reason })),
    );
  }

  failures(): FailurePlace[] {
    return this.sorted()
      .filter((r) => r.status === 'failed')
      .map((r) => ({
        ...jsonPath(this.rel(r.file)),
        line: r.error?.line ?? null,
        column: r.error?.column ?? null,
        reason: r.error?.message ?? 'unknown error',
      }));
  }

  toJson(
    extra: Pick<JsonReport, 'dry' | 'runtime' | 'git' | 'exitCode' | 'interrupted' | 'warnings' | 'nextSteps'> &
      RoutingDecision,
  ): JsonReport {
    return {
      version: 1,
      dry: extra.dry,
      routeRecorderManager: extra.routeRecorderManager,
      routeBackgroundAudioManager: extra.routeBackgroundAudioManager,
      routeCanvasPixels: extra.routeCanvasPixels,
      runtime: extra.runtime,
      git: extra.git,
      interrupted: extra.interrupted,
      summary: {
        ...this.summary,
        calls: Object.fromEntries(byCount(this.summary.calls)),
        callsVia: Object.fromEntries(byCount(this.summary.callsVia)),
      },
      files: this.sorted().map((r) => ({
        ...jsonPath(this.rel(r.file)),
        status: r.status,
        importSource: r.importSource ?? null,
        rewritten: r.rewritten.map(({ line, column, api, via, form }) => ({ line, column, api, via, form })),
        manual: r.manual.map(({ line, column, reason }) => ({ line, column, reason })),
        skipped: r.skip ?? null,
        error: r.error ? { line: r.error.line ?? null, column: r.error.column ?? null, reason: r.error.message } : null,
        ...(r.status === 'changed' && r.templates?.length
          ? { templates: r.templates.map((file) => jsonPath(this.rel(file))) }
          : {}),
      })),
      manualReview: this.reviewPlaces(),
      failures: this.failures(),
      warnings: extra.warnings,
      nextSteps: extra.nextSteps,
      exitCode: extra.exitCode,
    };
  }
}

function place(file: string, line: number | null | undefined, column?: number | null): string {
  if (line == null || line === 0) return file;
  return column == null ? `${file}:${line}` : `${file}:${line}:${column + 1}`;
}

/**
 * The one line a file gets in plain output, or null for a quiet unchanged file. Its path and
 * the words about it are printable(): a name holding a line break stays on its line.
 */
export function fileLine(r: FileResult, rel: (file: string) => string, dry: boolean): string | null {
  // Most files are quiet: no path to work out for them (path.relative is slow for every file of a big tree).
  if (r.status === 'unchanged' && r.manual.length === 0) return null;
  const file = printable(rel(r.file));
  switch (r.status) {
    case 'changed': {
      const n = r.rewritten.length;
      const review = r.manual.length > 0 ? pc.yellow(`, ${r.manual.length} ${FOR_A_PERSON}`) : '';
      const templates = r.templates?.length
        ? pc.dim(`, with ${r.templates.map((t) => printable(rel(t))).join(', ')}`)
        : '';
      return `${pc.green(dry ? 'would change' : 'changed')}  ${file} ${pc.dim(`(${n} rewritten${r.importSource === undefined ? '' : ` → ${printable(r.importSource)}`})`)}${templates}${review}`;
    }
    case 'failed':
      return `${pc.red('failed')}  ${place(file, r.error?.line, r.error?.column)}  ${printable(r.error?.message ?? '')}`;
    case 'skipped': {
      // A file left as it is for its form (minified, too large) that calls a legacy API: a place for a person.
      const review = r.manual.length > 0 ? pc.yellow(`, ${r.manual.length} ${FOR_A_PERSON}`) : '';
      const shownReview = r.skip?.reason === 'tooLarge' || r.skip?.reason === 'minified' ? review : '';
      return `${pc.dim('skipped')}  ${file}  ${pc.dim(skipWords(r.skip, printable))}${shownReview}`;
    }
    default:
      return r.manual.length > 0
        ? `${pc.yellow('review')}  ${file}  ${pc.dim(`${places(r.manual.length)} ${FOR_A_PERSON}`)}`
        : null;
  }
}

/** Counts by name, most first, then by name: the same order whatever order the files settled in. */
function byCount(record: Record<string, number>): [string, number][] {
  return Object.entries(record).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

function counts(record: Record<string, number>): string {
  return byCount(record)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
}

/**
 * The summary every run ends with, in the words the audit's uses too (report/words.ts): the
 * files looked at and those naming a legacy API, the places handled by the rewrite and those
 * left for a person, each reason said once with its places under it. A refused run gets it too,
 * with zero counts and `refused`, the first line of its reason.
 */
export function renderSummary(tally: Tally, opts: SummaryOptions): string {
  const s = tally.summary;
  return (
    [
      '',
      pc.bold(summaryTitle(opts)),
      filesLine(s, opts.dry, tally.templatesChanged),
      skippedLine(s),
      ...s.skippedFolders.map(({ path: folder, namingLegacyApi }) =>
        pc.yellow(`  ${skippedFolderLine(printable(folder), namingLegacyApi, 'migrated')}`),
      ),
      // Said whenever --exclude is given: a pattern that matched nothing shows as 0.
      ...(s.excluded ? excludedLines(s.excluded, printable) : []),
      handledLine(s),
      ...routedLines(s, opts),
      ...leftAsChosenLines(s.leftAsChosen).map((line) => `  ${line}`),
      ...opts.runtimeNotes.map((note) => `  runtime: ${printable(note)}`),
      ...(opts.gitNote ? [`  git: ${printable(opts.gitNote)}`] : []),
      ...(s.notChecked ? [`  not checked: ${printable(s.notChecked)}`] : []),
      ...forAPersonLines(tally),
      ...skippedFileLines(tally),
      ...failureLines(tally),
      ...(opts.refused !== undefined ? [`  ${pc.red('refused')}: ${printable(opts.refused)}`] : []),
    ].join('\n') + '\n'
  );
}

/** What a run's summary is told besides its tally. */
interface SummaryOptions {
  dry: boolean;
  runtimeNotes: readonly string[];
  gitNote?: string | null;
  routing?: RoutingDecision;
  refused?: string;
}

function summaryTitle(opts: SummaryOptions): string {
  if (opts.refused !== undefined) return 'Summary (refused: nothing was written)';
  return opts.dry ? 'Summary (dry run: nothing was written)' : 'Summary';
}

function filesLine(s: Summary, dry: boolean, templates: number): string {
  const ofThem = templates === 0 ? '' : ` (${templates === 1 ? '1 a template' : `${templates} templates`})`;
  return (
    `  files: ${s.scanned} ${LOOKED_AT}, ${namingLegacyApi(s.namingLegacyApi)}, ${pc.green(`${s.changed} ${dry ? 'would change' : 'changed'}${ofThem}`)}, ` +
    `${s.unchanged} unchanged, ${s.failed > 0 ? pc.red(`${s.failed} failed`) : '0 failed'}`
  );
}

function skippedLine(s: Summary): string {
  const k = s.skipped;
  const total = k.ignored + k.jsSdk + k.tooLarge + k.minified + k.link + k.brokenLink + k.notScript + k.notRegular;
  return (
    `  skipped: ${total} (${ignoredWords(k.ignoredDirectories, k.ignoredFiles)}, ` +
    `JS-SDK ${k.jsSdk}, too large ${k.tooLarge}, minified ${k.minified}, links outside ${k.link}` +
    // Said only when there is one: a link to nothing, a file named on the command line that is no script, a FIFO or
    // the like.
    `${k.brokenLink > 0 ? `, links leading nowhere ${k.brokenLink}` : ''}` +
    `${k.notScript > 0 ? `, not scripts ${k.notScript}` : ''}` +
    `${k.notRegular > 0 ? `, not regular files ${k.notRegular}` : ''})`
  );
}

function handledLine(s: Summary): string {
  const byKind = describeCountsByKind(new Map(Object.entries(s.callsByKind) as [LegacyApiKind, number][]));
  // "12 through Taro", not "Taro 12": a count, not a version.
  const via = byCount(s.callsVia)
    .map(([object, n]) => `${n} through ${printable(object)}`)
    .join(', ');
  return `  ${HANDLED}: ${places(s.callsTotal)}${s.callsTotal > 0 ? ` (${byKind}; ${counts(s.calls)}; ${via})` : ''}`;
}

/**
 * Said only where the app has its own manager code: routing is decided for every project with a legacy call of its
 * family.
 */
function routedLines(s: Summary, opts: SummaryOptions): string[] {
  const lines: string[] = [];
  // One line a kind: the three calls that read a canvas by its id are counted together.
  for (const kind of new Set(ROUTED_APP_APIS.map(kindOf))) {
    const apis = ROUTED_APP_APIS.filter((api) => kindOf(api) === kind);
    const routed = s.callsByKind[kind] ?? 0;
    if (!opts.routing?.[legacyApiRow(apis[0]!)!.routeOption!] || routed === 0) continue;
    const what = `${routed} use${routed === 1 ? '' : 's'} ${opts.dry ? 'would be routed' : 'routed'} through the runtime`;
    lines.push(`  app's own ${andJoined(apis)}: ${what} (${routedBecause(apis[0]!)})`);
  }
  return lines;
}

function forAPersonLines(tally: Tally): string[] {
  const review = tally.reviewPlaces();
  return [
    `  ${FOR_A_PERSON}: ${places(review.length)}`,
    ...placesByReason(review, (p) => pc.yellow(place(printable(p.path), p.line, p.column)), '    '),
  ];
}

/** The files skipped for a reason worth their names, each with its detail, under a title per reason. */
function skippedFileLines(tally: Tally): string[] {
  const sorted = tally.sorted();
  const listed = (reason: SkipReason, title: string): string[] => {
    const files = sorted.filter((r) => r.skip?.reason === reason);
    if (files.length === 0) return [];
    return [
      `  ${title}: ${files.length}`,
      ...files.map((r) => `    ${printable(tally.rel(r.file))}  ${printable(r.skip!.detail)}`),
    ];
  };
  return [
    // Listed, not only counted: what such a link points to may hold legacy calls this run did not see.
    ...listed('link', 'links not followed'),
    // Listed though nothing is lost through them: a link to nothing is most often a mistake to fix.
    ...listed('brokenLink', 'links leading nowhere'),
    // Files named one by one are always taken: one of a kind the rewrite does not take is named with the reason.
    ...listed('notScript', 'named but not migrated'),
    ...listed('notRegular', 'not regular files (never opened)'),
  ];
}

function failureLines(tally: Tally): string[] {
  const failures = tally.failures();
  if (failures.length === 0) return [];
  return [
    `  failed (left untouched): ${counted(failures.length, 'file')}`,
    ...placesByReason(failures, (f) => pc.red(place(printable(f.path), f.line, f.column)), '    '),
  ];
}

/**
 * The next steps after a summary: a heading and a line each, or nothing. `bold` is the caller's colour choice (the
 * audit's is its own).
 */
export function renderNextSteps(steps: readonly string[], bold: (text: string) => string = pc.bold): string {
  return steps.length === 0 ? '' : `\n${bold('Next:')}\n${steps.map((step) => `  ${printable(step)}\n`).join('')}`;
}

/** A coloured unified diff of one change. Line endings are shown as plain lines. */
export function renderDiff(file: string, before: string, after: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createTwoFilesPatch } = require('diff') as typeof import('diff');
  const strip = (t: string) => t.replace(/\r\n/g, '\n');
  const displayPath = printable(file);
  const patch = createTwoFilesPatch(
    `a/${displayPath}`,
    `b/${displayPath}`,
    strip(before),
    strip(after),
    undefined,
    undefined,
    { context: 3 },
  );
  return patch
    .split('\n')
    .filter((line) => !/^={10,}$/.test(line))
    .map((line) => {
      if (line.startsWith('+++') || line.startsWith('---')) return pc.bold(line);
      if (line.startsWith('@@')) return pc.cyan(line);
      if (line.startsWith('+')) return pc.green(line);
      if (line.startsWith('-')) return pc.red(line);
      return line;
    })
    .join('\n');
}
