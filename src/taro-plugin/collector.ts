/**
 * Gathers the per-file RewriteReports produced during a build and turns them
 * into the one-line summary. Keyed by file so that a watch-mode rebuild which
 * re-transforms a file replaces that file's earlier report. One file can be
 * several modules in one build (a .vue component's script and template both
 * go through babel-loader under the component's name): their reports add up.
 * The same text of the same file is one module, however often it is compiled:
 * Taro 3.5's page loader on webpack4 runs Babel over each page's source twice
 * in one build (as the page entry, whose output it discards, and as the
 * component the entry imports), and the summary must count those calls once.
 */
import * as path from 'node:path';
import type { CopiedReport } from './options';
import { COMPILE_WAY, packageOutsideInclude, taroCodeUse } from './dependencies';
import { PLUGIN_NAME } from './options';
import { andJoined, leftAsChosenLines } from '../report/words';
import {
  countByFamily,
  countByKind,
  counted,
  describeCountsByKind,
  kindOf,
  legacyApiRow,
  ROUTED_APP_APIS,
  routingWords,
  toPosixPath,
  type LegacyApiKind,
  type LegacyApiName,
  type LeftAsChosenSite,
  type MigrationFamily,
  type RewriteReport,
  type RewrittenSite,
  type RoutedAppApi,
  type RoutingCauses,
} from '../rewrite/light';

export interface ManualPlace {
  file: string;
  line: number;
  column: number;
  reason: string;
  /** Set for a use of a deprecated API the rewrite does not take. */
  api?: LegacyApiName;
  /** Set for a file Taro's copy option copies (never compiled): the pattern's `from` (copied.ts). */
  copiedFrom?: string;
  /** Set for a legacy canvas the build leaves because it does not write its template (ManualReviewSite.awaitsTemplate). */
  awaitsTemplate?: true;
}

export interface BuildSummary {
  rewrittenCalls: number;
  /** The same calls by kind of API (record, voice), in the table's order. */
  callsByKind: Map<LegacyApiKind, number>;
  rewrittenFiles: number;
  manual: ManualPlace[];
  /**
   * What the build routed, a kind at a time (an app's own manager; the three canvas pixel calls together), with the file
   * whose call made it (which may be code no page imports).
   */
  routedBy: { apis: RoutedAppApi[]; file: string; migrated: boolean }[];
  /**
   * The packages outside `include` that call a legacy API, with their calls (each `file:line`): the
   * build leaves them as they are, and says so once per package with `include` as the way out
   * (dependencies.ts). No place for a person: a build that is `strict` does not fail for them. Absent: none.
   */
  packages?: { name: string; calls: number; places: string[] }[];
  /**
   * The uses of a legacy API in Taro's own packages that the build ships (dependencies.ts), each
   * with its API and `file:line`: Taro's code, said in one line, never a place for a person. Absent: none.
   */
  taroCode?: { api: string; pkg: string; place: string }[];
  /** Calls of the families the `families` option did not choose, left as they are, by family. Absent: none. */
  leftAsChosen?: Map<MigrationFamily, number>;
}

/** What a build said of a file: one `record`, as webpack's persistent cache keeps it with a module (webpack.ts). */
export interface Said {
  file: string;
  report: RewriteReport;
  /** The text it was said of (record's `input`); absent where none was given. */
  input?: string;
}

/** The key of a report recorded without its text, when it comes back from webpack's cache. */
const WITHOUT_TEXT = '\0';

export class ReportCollector {
  /** Per file: the build that last reported it, and its reports by the text Babel read. */
  private readonly reports = new Map<string, { build: number; byInput: Map<string | symbol, RewriteReport> }>();
  private build = 0;
  /** The copied files with places (recordCopied), by file: their pattern's `from`. */
  private copied = new Map<string, string>();
  /** The files the build's rewrite read in this build (markRead), with or without a call. */
  private readonly read = new Set<string>();
  /** The files whose modules this build left out of its output (leaveOut): what was said of them does not count. */
  private readonly leftOut = new Set<string>();

  constructor(private readonly appPath: string) {}

  /** A (re)build starts: a file transformed from now on replaces what it reported before. */
  beginBuild(): void {
    this.build += 1;
    this.read.clear();
    this.leftOut.clear();
  }

  /**
   * The bundler left the module of `file` out of this build's output (its tree-shaking): its
   * calls, rewritten or not, do not count in this build's summary. Kept for the next build, which
   * may ship the module without building it again.
   */
  leaveOut(file: string): void {
    this.leftOut.add(file);
  }

  /** The build's rewrite (its Babel pass, Taro 2's source loader) read `file` in this build. */
  markRead(file: string): void {
    this.read.add(file);
  }

  /** Whether the build's rewrite read `file` in this build: a module it never read goes out as written (webpack.ts). */
  wasRead(file: string): boolean {
    return this.read.has(file);
  }

  /**
   * One transform of `filename`. `input` is the text the rewrite read: reports
   * of different texts of one file in one build add up, a text seen again
   * replaces its earlier report (left out, every call is a different text).
   */
  record(filename: string, report: RewriteReport | undefined, input?: string): void {
    const earlier = this.reports.get(filename);
    const hasSites =
      report !== undefined &&
      (report.rewritten.length > 0 || report.manual.length > 0 || (report.leftAsChosen?.length ?? 0) > 0);
    // Nothing to add and nothing to take back: most files of a build.
    if (!hasSites && earlier === undefined) return;
    const byInput = earlier?.build === this.build ? earlier.byInput : new Map<string | symbol, RewriteReport>();
    // The text itself is the key (the map keeps the texts of the files with sites): cheaper than hashing it.
    const key = input ?? Symbol(filename);
    if (hasSites) byInput.set(key, report);
    else byInput.delete(key);
    if (byInput.size === 0) this.reports.delete(filename);
    else this.reports.set(filename, { build: this.build, byInput });
  }

  /** What this build has said of `file` so far (record): what a module of it must carry to be restored. */
  saidOf(file: string): Said[] {
    const entry = this.reports.get(file);
    if (!entry || entry.build !== this.build) return [];
    return [...entry.byInput].map(([key, report]) =>
      typeof key === 'string' ? { file, report, input: key } : { file, report },
    );
  }

  /** The files other than `file` that this build's rewrite of it read (RewriteReport.templateFiles). */
  templateFilesOf(file: string): string[] {
    return [...new Set(this.saidOf(file).flatMap(({ report }) => report.templateFiles ?? []))];
  }

  /** What an earlier build said of a file, said again by a module that is not built this time (webpack.ts). */
  restore(said: Said): void {
    this.record(said.file, said.report, said.input ?? WITHOUT_TEXT);
  }

  /**
   * What the copy option copies, read again at each build start (copied.ts): a copied file
   * is no module, so one that no longer has a call is forgotten here, not by a rebuild.
   */
  recordCopied(reports: ReadonlyMap<string, CopiedReport>): void {
    for (const file of this.copied.keys()) if (!reports.has(file)) this.forget(file);
    this.copied = new Map([...reports].map(([file, { from }]) => [file, from]));
    for (const [file, { report }] of reports) this.record(file, report);
  }

  /** A file that is no longer transformed (deleted, or no longer mentions the API). */
  forget(filename: string): void {
    this.reports.delete(filename);
  }

  /** `causes`: the build's routing (route.ts), said for each routed kind whose uses were rewritten. */
  summary(causes: RoutingCauses = {}): BuildSummary {
    let rewrittenCalls = 0;
    let rewrittenFiles = 0;
    const sites: RewrittenSite[] = [];
    const manual: ManualPlace[] = [];
    const packages = new Map<string, string[]>();
    const taroCode: NonNullable<BuildSummary['taroCode']> = [];
    const leftAsChosen: LeftAsChosenSite[] = [];
    const files = [...this.reports.keys()].filter((file) => !this.leftOut.has(file)).sort();
    for (const file of files) {
      const reports = [...this.reports.get(file)!.byInput.values()];
      const calls = reports.reduce((n, report) => n + report.rewritten.length, 0);
      if (calls > 0) {
        rewrittenFiles += 1;
        rewrittenCalls += calls;
        for (const report of reports) sites.push(...report.rewritten);
      }
      for (const report of reports) leftAsChosen.push(...(report.leftAsChosen ?? []));
      for (const site of reports.flatMap((report) => report.manual)) {
        const place = `${this.relative(file)}:${site.line}`;
        const pkg = packageOutsideInclude(file, site);
        if (pkg !== undefined) {
          packages.set(pkg, [...(packages.get(pkg) ?? []), place]);
          continue;
        }
        const taro = taroCodeUse(site);
        if (taro !== undefined) {
          taroCode.push({ ...taro, place });
          continue;
        }
        const copiedFrom = this.copied.get(file);
        manual.push({
          file: this.relative(file),
          line: site.line,
          column: site.column,
          reason: site.reason,
          ...(site.api ? { api: site.api } : {}),
          ...(copiedFrom ? { copiedFrom } : {}),
          ...(site.awaitsTemplate ? { awaitsTemplate: true as const } : {}),
        });
      }
    }
    const callsByKind = countByKind(sites);
    const routedBy = [...new Set(ROUTED_APP_APIS.map(kindOf))].flatMap((kind) => {
      const apis = ROUTED_APP_APIS.filter((api) => kindOf(api) === kind);
      const cause = causes[legacyApiRow(apis[0]!)!.routeOption!];
      return cause && (callsByKind.get(kind) ?? 0) > 0
        ? [{ apis, file: this.relative(cause.file), migrated: cause.migrated }]
        : [];
    });
    return {
      rewrittenCalls,
      callsByKind,
      rewrittenFiles,
      manual,
      routedBy,
      ...(packages.size > 0
        ? {
            packages: [...packages]
              .sort(([a], [b]) => (a < b ? -1 : 1))
              .map(([name, places]) => ({ name, calls: places.length, places })),
          }
        : {}),
      ...(taroCode.length > 0 ? { taroCode } : {}),
      ...(leftAsChosen.length > 0 ? { leftAsChosen: countByFamily(leftAsChosen) } : {}),
    };
  }

  private relative(file: string): string {
    const rel = path.relative(this.appPath, file);
    return toPosixPath(rel.startsWith('..') ? file : rel);
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * What is printed at the end of a build: the summary line, then a line per package outside
 * `include` that calls a legacy API and a line per family left as chosen. `failed`: the build
 * failed, so the files it did not reach were not read: the line says so, and never "nothing left".
 */
export function formatSummary(s: BuildSummary, failed = false): string {
  const canvases = canvasLine(s.manual);
  return [
    summaryLine(s, failed),
    ...(canvases ? [canvases] : []),
    ...(s.packages ?? []).map(packageLine),
    ...(s.taroCode ? [taroCodeLine(s.taroCode)] : []),
    ...leftAsChosenLines(s.leftAsChosen ?? new Map()).map((line) => `[record-compat] ${line}`),
  ].join('\n');
}

/**
 * A package outside `include` that calls a legacy API: left as it is, said once with its count,
 * the place of each call, and the option that rewrites them, as the user would write it in the Taro config.
 */
function packageLine({ name, calls, places }: NonNullable<BuildSummary['packages']>[number]): string {
  const one = calls === 1;
  return `[record-compat] package ${name}: ${counted(calls, 'legacy call')} left as ${one ? 'it is' : 'they are'} (not in include): ${places.join(', ')}; to rewrite ${one ? 'it' : 'them'}: plugins: [['${PLUGIN_NAME}', { include: ['${name}'] }]]`;
}

/**
 * The uses of legacy APIs in Taro's own packages that ship (its canIUseWebp reads
 * getSystemInfoSync): one line saying what and where, and that the code is Taro's.
 */
function taroCodeLine(uses: NonNullable<BuildSummary['taroCode']>): string {
  const apis = [...new Set(uses.map((use) => use.api))].join(', ');
  const pkgs = [...new Set(uses.map((use) => use.pkg))].join(', ');
  const one = uses.length === 1;
  return `[record-compat] Taro's own code (${pkgs}) uses ${apis} ${one ? 'once' : `${uses.length} times`}: ${uses.map((use) => use.place).join(', ')}; left as Taro ships ${one ? 'it' : 'them'} (Taro's code, not the app's: nothing for the app to change)`;
}

/**
 * The legacy canvases the build leaves because it does not write their template, a `.wxml` or a `.vue` one
 * (ManualPlace.awaitsTemplate): a canvas moves to Canvas 2D only with its template, which the codemod writes. One line:
 * each canvas's createCanvasContext, how many calls of its context go with it, and the codemod.
 */
function canvasLine(manual: readonly ManualPlace[]): string | undefined {
  const waiting = manual.filter((m) => m.awaitsTemplate);
  const canvases = waiting.filter((m) => m.api === 'createCanvasContext');
  if (canvases.length === 0) return undefined;
  const one = canvases.length === 1;
  const calls = waiting.length - canvases.length;
  const their = one ? 'its' : 'their';
  return `[record-compat] ${counted(canvases.length, 'canvas', 'canvases')} ${one ? 'stays' : 'stay'} on the legacy API in this build, which writes no .wxml or .vue template: ${canvases.map((m) => `${m.file}:${m.line}`).join(', ')}${calls > 0 ? ` (with ${counted(calls, 'call')} of ${their} context${one ? '' : 's'})` : ''}; the codemod moves ${one ? 'it' : 'them'} to Canvas 2D with ${their} template${one ? '' : 's'}: npx ${PLUGIN_NAME}`;
}

/** The summary line itself. */
function summaryLine(s: BuildSummary, failed: boolean): string {
  const head = `[record-compat] rewrote ${describeCountsByKind(s.callsByKind)} in ${plural(s.rewrittenFiles, 'file')}${routedWords(s)}${failed ? ' before the build failed (the files it did not reach were not read)' : ''}`;
  if (s.manual.length === 0) return failed ? head : `${head}; nothing left for manual review`;
  // A deprecated API that is not rewritten is named with what replaces it; a legacy canvas's places, in the line below.
  const withCanvases = s.manual.filter((m) => m.awaitsTemplate).length;
  const oneCanvas = s.manual.filter((m) => m.awaitsTemplate && m.api === 'createCanvasContext').length === 1;
  const places = [
    ...s.manual
      .filter((m) => !m.awaitsTemplate)
      .map((m) => `${m.file}:${m.line}${m.api ? ` (${m.api} → ${legacyApiRow(m.api)?.replacement})` : ''}`),
    ...(withCanvases > 0 ? [`${withCanvases} with the legacy ${oneCanvas ? 'canvas' : 'canvases'} below`] : []),
  ].join(', ');
  // Places in what the copy option copies (copied.ts): never compiled, the codemod's to migrate.
  const froms = [...new Set(s.manual.map((m) => m.copiedFrom).filter((f) => f !== undefined))];
  const copies =
    froms.length > 0
      ? ` (${froms.join(', ')}: copied by Taro's copy option, not compiled; migrate with the codemod, --runtime local)`
      : '';
  // Places in the app's files Taro's script rule leaves out (dependencies.ts, uncompiledReport).
  const uncompiled = [...new Set(s.manual.filter((m) => m.reason.endsWith(COMPILE_WAY)).map((m) => m.file))];
  const compile =
    uncompiled.length > 0
      ? ` (${uncompiled.join(', ')}: not compiled by this build; see the compile option of Taro's config)`
      : '';
  return `${head}; ${plural(s.manual.length, 'place')} left for manual review: ${places}${copies}${compile}`;
}

/**
 * Which file made the build route the app's own managers or the canvas pixel calls: one call or
 * moved canvas anywhere under the source root does, even in a file no page imports, so the summary names it.
 */
function routedWords(s: BuildSummary): string {
  if (s.routedBy.length === 0) return '';
  const because = s.routedBy.map(({ apis, file, migrated }) => {
    const { calls } = routingWords(apis[0]!);
    return `${andJoined(apis)}, as ${file} ${migrated ? `imports the runtime for its ${calls}` : `has ${calls}`}`;
  });
  return ` (routed through the runtime: ${because.join('; ')})`;
}

/**
 * The error a strict build fails with; `watching`: the warning a watch build gives instead, as a
 * compilation error ends Taro's watcher (webpack's and vite's runners alike), a dev loop no place to stop.
 */
export function formatStrictError(s: BuildSummary, watching = false): string {
  const lines = s.manual.map((m) => `  ${m.file}:${m.line}:${m.column + 1} ${m.reason}`);
  return [
    `[record-compat] strict: ${plural(s.manual.length, 'place')} could not be rewritten safely and must be changed by hand:`,
    ...lines,
    ...(watching ? ['  (a warning while watching: the same build without --watch fails)'] : []),
  ].join('\n');
}

/** Collectors by id, so the Babel plugin (loaded by path inside babel-loader) finds the build's collector. */
const registry = new Map<string, ReportCollector>();
let nextId = 0;

export function registerCollector(collector: ReportCollector): string {
  nextId += 1;
  const id = `record-compat-${process.pid}-${nextId}`;
  registry.set(id, collector);
  return id;
}

export function findCollector(id: string): ReportCollector | undefined {
  return registry.get(id);
}
