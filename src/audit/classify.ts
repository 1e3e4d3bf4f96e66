/**
 * "Does the rewrite handle it?" is answered by the rewrite engine itself, run on the
 * file's text: one definition of a legacy call (CONTRIBUTING.md), never a second matcher here.
 */
import { ts } from 'ts-morph';
import {
  analyzeSource,
  importsRuntime,
  legacyApiRow,
  memberNameOf,
  migrationOf,
  packageImportRefusal,
  RewriteParseError,
  rewriteOptionsFor,
  runtimeRouteOf,
  TaroProjectLookup,
  type EvaluatedCopies,
  type ManualReviewSite,
  type RewriteReport,
  type RewrittenSite,
} from '../rewrite';
import type { RawFinding } from './scan';
import type { VirtualBlock } from './vue';

/**
 * The engine's report; the file does not parse; or the codemod leaves it for a person as a
 * whole (`refused`: why), its report kept to name every call the rewrite would have taken.
 */
export type RewriteOutcome = { report: RewriteReport; refused?: string } | { parseError: string };

export interface Classified {
  finding: RawFinding;
  status: 'handled' | 'manual';
  reason: string;
}

export interface ClassifyResult {
  classified: Classified[];
  /** Files the engine leaves alone on purpose, with its reason; their findings are dropped. */
  skipped: Map<string, string>;
  /** How many findings each skipped file's verdict dropped (in it, or reached from it). */
  droppedBySkip: Map<string, number>;
  /** Rewritten sites no finding accounts for, per file. */
  unmatched: Map<string, RewrittenSite[]>;
  /** Sites no finding accounts for in files the codemod refuses as a whole, per file: for a person, with the reason. */
  refusedSites: Map<string, { sites: RewrittenSite[]; reason: string }>;
  /**
   * Places the rewrite leaves for a person that no finding accounts for (the type checker did not
   * see them: Taro's typings missing, a template's controls, a computed key), per file; and the
   * files the rewrite cannot parse where no finding carries that. The codemod lists them: so does the audit.
   */
  manualLeft: Map<string, ManualReviewSite[]>;
}

function lineColumn(sf: ts.SourceFile, position: number): { line: number; column: number } {
  const { line, character } = sf.getLineAndCharacterOfPosition(position);
  return { line: line + 1, column: character };
}

/** Asks the rewrite for each file's report (analyzeSource, which changes nothing) once, and caches the outcome. */
export class RewriteReportCache {
  private readonly cache = new Map<string, RewriteOutcome>();
  /** The projects the files belong to: which runtime entry the codemod would import, what Taro copies. */
  private readonly projects: TaroProjectLookup;

  /**
   * Taro configs whose copy patterns are not all known (unknownCopiesOf), by config, with why:
   * a file the rewrite takes in such a project may be one Taro copies without bundling.
   */
  readonly unknownCopies = new Map<string, string>();

  constructor(
    taroCopies?: EvaluatedCopies,
    /**
     * For a component's script block (a virtual file, vue.ts): beside a `<script setup>`, the names
     * its template reads, which the rewrite keeps; and the other script block, whose bindings the two share.
     */
    private readonly blockOf: (file: string) => Pick<VirtualBlock, 'templateNames' | 'beside'> | undefined = () =>
      undefined,
  ) {
    this.projects = new TaroProjectLookup(taroCopies);
  }

  outcome(file: string, text: string): RewriteOutcome {
    let result = this.cache.get(file);
    if (!result) {
      try {
        // The engine's report without printing: the same verdicts as rewriteSource, without
        // applying it, under the codemod's options for the file (Taro's wrapper kept by version).
        const block = this.blockOf(file);
        const options = {
          ...rewriteOptionsFor(file, text, { routeRecorderManager: false }, this.projects),
          ...block?.beside,
        };
        // The codemod's verdicts: a canvas moves with its template, which the codemod writes.
        result = { report: analyzeSource(text, file, options, false, block?.templateNames, true) };
        // The codemod refuses a package import in code Taro copies without bundling (project-options.ts);
        // under its default, a file WeChat loads as it is takes a copy of the runtime instead, which it writes.
        if (importsRuntime(result.report.rewritten)) {
          const copied =
            runtimeRouteOf(file, this.projects) === 'local'
              ? null
              : packageImportRefusal(
                  file,
                  result.report.importedFrom ?? options.importSource!,
                  this.projects,
                  result.report.taroWrapped === true,
                );
          const unknown = copied ? undefined : this.projects.unknownCopiesOf(file);
          if (copied) result.refused = copied;
          else if (unknown) this.unknownCopies.set(unknown.config, unknown.why);
        }
      } catch (error) {
        if (!(error instanceof RewriteParseError) && !(error instanceof Error)) throw error;
        // A file the engine cannot parse is one a person must migrate.
        result = { parseError: (error as Error).message };
      }
      this.cache.set(file, result);
    }
    return result;
  }
}

const VIA_OF_KIND: Record<string, string> = { destructure: 'destructuring', import: 'named import' };

/**
 * `counted`: false for a finding that only serves to follow an alias (a file another referenced
 * project's program scanned too): classified, so that the uses it reaches are, but not returned.
 */
export function classify(
  findings: RawFinding[],
  files: Iterable<string>,
  textOf: (file: string) => string,
  rewrite: RewriteReportCache,
  counted: (finding: RawFinding) => boolean = () => true,
): ClassifyResult {
  const state: Classification = {
    skipped: new Map(),
    unmatched: new Map(),
    refusedSites: new Map(),
    manualLeft: new Map(),
    status: new Map(),
  };
  const byFile = findingsByFile(findings);
  const reports = new Map<string, RewriteOutcome>();
  for (const file of new Set([...files, ...byFile.keys()])) {
    const outcome = rewrite.outcome(file, textOf(file));
    reports.set(file, outcome);
    if ('report' in outcome && outcome.report.skipped) state.skipped.set(file, outcome.report.skipped);
  }
  // 1. The engine names the very position: rewritten, or seen and left for a person.
  for (const [file, outcome] of reports) matchEngineSites(state, file, outcome, byFile.get(file) ?? []);
  // 2. Declarations the engine rewrites through their uses (`const { startRecord } = Taro`, named imports).
  const usesOf = aliasUsesByHolder(findings);
  for (const f of findings)
    if (!state.status.has(f) && (f.kind === 'destructure' || f.kind === 'import'))
      state.status.set(f, declarationStatus(state, f, usesOf(f), reports.get(f.file)!));
  // 3. The rest: member/dynamic/type forms the engine did not take, and uses of values stored elsewhere.
  for (const f of findings) if (!state.status.has(f)) state.status.set(f, restStatus(state, f));
  const { classified, droppedBySkip } = countedFindings(state, findings, counted);
  const { skipped, unmatched, refusedSites, manualLeft } = state;
  return { classified, skipped, droppedBySkip, unmatched, refusedSites, manualLeft };
}

/** What classify builds, shared by its steps. */
interface Classification extends Pick<ClassifyResult, 'skipped' | 'unmatched' | 'refusedSites' | 'manualLeft'> {
  /** Each finding's verdict, once a step gives it. */
  status: Map<RawFinding, Verdict>;
}

type Verdict = Pick<Classified, 'status' | 'reason'>;

function findingsByFile(findings: RawFinding[]): Map<string, RawFinding[]> {
  const byFile = new Map<string, RawFinding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }
  return byFile;
}

/**
 * Step 1 for one file: each finding the engine's report places (a site it rewrites, or one it
 * leaves for a person) takes that verdict; the report's sites no finding accounts for are kept
 * (unmatched, refusedSites, manualLeft). A file the engine cannot parse is one a person must migrate.
 */
function matchEngineSites(state: Classification, file: string, outcome: RewriteOutcome, list: RawFinding[]): void {
  if ('parseError' in outcome) {
    const reason = `the rewrite cannot process this file (${outcome.parseError})`;
    for (const f of list) state.status.set(f, { status: 'manual', reason });
    if (list.length === 0) state.manualLeft.set(file, [{ line: 1, column: 0, reason }]);
    return;
  }
  const { report, refused } = outcome;
  const sites = list.length > 0 ? new SiteIndex(list[0].sourceFile, report) : undefined;
  for (const f of list) {
    const verdict = engineVerdict(f, sites!, refused);
    if (verdict) state.status.set(f, verdict);
  }
  const manualRest = report.manual.filter((m) => !sites?.usedManual.has(m));
  if (manualRest.length > 0) state.manualLeft.set(file, manualRest);
  const rest = report.rewritten.filter((s) => !sites?.used.has(s));
  if (rest.length > 0 && refused) state.refusedSites.set(file, { sites: rest, reason: refused });
  else if (rest.length > 0) state.unmatched.set(file, rest);
}

/**
 * One report's sites, indexed once for all the findings of its file: by their place, and by their offset in the text
 * (sorted), so that each finding finds its site in time that does not grow with the file's calls. Those matched are
 * entered in `used` / `usedManual`.
 */
class SiteIndex {
  readonly used = new Set<RewrittenSite>();
  readonly usedManual = new Set<ManualReviewSite>();
  /** The rewritten sites at each `line:column`, in the report's order. */
  private readonly atPlace = new Map<string, RewrittenSite[]>();
  /** The first method placed at each `line:column` of its API that follows an object a rewritten call made. */
  private readonly following = new Map<string, NonNullable<RewriteReport['followsCreator']>[number]>();
  private readonly rewritten: { offset: number; site: RewrittenSite }[];
  private readonly manual: { offset: number; order: number; site: ManualReviewSite }[];

  constructor(
    private readonly sf: ts.SourceFile,
    report: RewriteReport,
  ) {
    for (const site of report.rewritten) {
      const key = `${site.line}:${site.column}`;
      const list = this.atPlace.get(key);
      if (list) list.push(site);
      else this.atPlace.set(key, [site]);
    }
    for (const site of report.followsCreator ?? []) {
      const key = `${site.line}:${site.column}:${site.api}`;
      if (!this.following.has(key)) this.following.set(key, site);
    }
    this.rewritten = report.rewritten
      .filter((site) => site.line > 0)
      .map((site) => ({ offset: this.offsetOf(site), site }))
      .sort((a, b) => a.offset - b.offset);
    this.manual = report.manual
      .map((site, order) => ({ offset: site.line > 0 ? this.offsetOf(site) : -1, order, site }))
      .sort((a, b) => a.offset - b.offset);
  }

  /** The first site the report places exactly at `line:column` that `mine` takes. */
  at(line: number, column: number, mine: (site: RewrittenSite) => boolean): RewrittenSite | undefined {
    return this.atPlace.get(`${line}:${column}`)?.find(mine);
  }

  /** The method of `api` at `line:column` that follows an object a rewritten call made, if the report has one. */
  followingAt(line: number, column: number, api: RawFinding['api']) {
    return this.following.get(`${line}:${column}:${api}`);
  }

  /** The first rewritten site of `api` placed in [begin, end) not matched yet (by offset). */
  rewrittenWithin(begin: number, end: number, api: RawFinding['api']): RewrittenSite | undefined {
    for (let i = firstAtOrAfter(this.rewritten, begin); i < this.rewritten.length; i++) {
      const { offset, site } = this.rewritten[i];
      if (offset >= end) return undefined;
      if (!this.used.has(site) && site.api === api) return site;
    }
    return undefined;
  }

  /** The site left for a person placed in [begin, end) that `mine` takes and comes first in the report. */
  manualWithin(begin: number, end: number, mine: (site: ManualReviewSite) => boolean): ManualReviewSite | undefined {
    let first: { order: number; site: ManualReviewSite } | undefined;
    for (let i = firstAtOrAfter(this.manual, begin); i < this.manual.length && this.manual[i].offset < end; i++)
      if (mine(this.manual[i].site) && (!first || this.manual[i].order < first.order)) first = this.manual[i];
    return first?.site;
  }

  /** A site's offset in the checker's text (the engine's is the same file); -1 for a line out of range: no match. */
  private offsetOf(s: { line: number; column: number }): number {
    const starts = this.sf.getLineStarts();
    if (s.line < 1 || s.line > starts.length) return -1;
    const start = starts[s.line - 1];
    return this.sf.getPositionOfLineAndCharacter(
      s.line - 1,
      Math.min(s.column, this.sf.getLineEndOfPosition(start) - start),
    );
  }
}

/** The index of the first entry (sorted by offset) at or after `offset`. */
function firstAtOrAfter(sorted: readonly { offset: number }[], offset: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid].offset < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** The verdict of the report's site at a finding's place, if one is there; a refused file's refusal otherwise. */
function engineVerdict(f: RawFinding, sites: SiteIndex, refused: string | undefined): Verdict | undefined {
  const sf = f.sourceFile;
  const begin = f.reference.getStart(sf);
  const start = lineColumn(sf, begin);
  const end = f.shown.getEnd();
  // A method of an object another call made starts where that call does (`wx.createAudioContext('a').play()`): the
  // engine's sites of the one are never the other's.
  const owned = (api: string | null | undefined) => !!api && legacyApiRow(api)?.owner !== undefined;
  const mine = (s: { api?: string }) => (owned(f.api) ? s.api === f.api : !owned(s.api));
  const site =
    sites.at(start.line, start.column, mine) ??
    // A site placed elsewhere inside the reference or its call (e.g. at the member name), same API.
    sites.rewrittenWithin(begin, end, f.api);
  if (site) {
    sites.used.add(site);
    const handled = handledWords(site);
    // A rename or a move imports nothing: a file that cannot import the runtime takes it all the same.
    return refused && importsRuntime([site])
      ? { status: 'manual', reason: refused }
      : { status: 'handled', reason: handled };
  }
  // A method of an object a rewritten call made: the runtime's object has it.
  const following = sites.followingAt(start.line, start.column, f.api);
  if (following) {
    const { creator } = following;
    return refused
      ? { status: 'manual', reason: refused }
      : {
          status: 'handled',
          reason: `migrated with the ${creator.api}(…) at line ${creator.line}, which the rewrite takes: the runtime's object has ${memberNameOf(following.api)}`,
        };
  }
  // A place the rewrite leaves for a person anyway keeps that reason in a refused file too:
  // the refusal's way out would not migrate it, and it is named once, not again under manualLeft.
  const manual = sites.manualWithin(begin, end, mine);
  if (manual) {
    sites.usedManual.add(manual);
    return { status: 'manual', reason: manual.reason };
  }
  return refused ? { status: 'manual', reason: refused } : undefined;
}

/** What the rewrite does at a site, in the audit's words: the runtime function it becomes, a rename, a move. */
function handledWords(site: RewrittenSite): string {
  const how = migrationOf(site.api);
  if (how === 'rename') return `renamed to ${site.becomes} (${site.via}, ${site.form})`;
  if (how === 'move') return `moved under ${site.becomes!.split('.')[0]} (${site.via})`;
  return `rewritten into the runtime's ${site.becomes ?? site.api} (${site.via}, ${site.form})`;
}

/** The uses of each holder in its own file (alias findings), gathered once: a declaration's uses, for step 2. */
function aliasUsesByHolder(findings: RawFinding[]): (declaration: RawFinding) => RawFinding[] {
  const byHolder = new Map<ts.Node, RawFinding[]>();
  for (const u of findings) {
    if (u.kind !== 'alias' || !u.holder) continue;
    const list = byHolder.get(u.holder);
    if (list) list.push(u);
    else byHolder.set(u.holder, [u]);
  }
  return (f) => (byHolder.get(f.reference) ?? []).filter((u) => u.file === f.file);
}

/** Step 2: a declaration is handled where the rewrite handles every use of it (`uses`), or removes it unused. */
function declarationStatus(state: Classification, f: RawFinding, uses: RawFinding[], outcome: RewriteOutcome): Verdict {
  const handledUses = uses.filter((u) => state.status.get(u)?.status === 'handled');
  if (uses.length > 0 && handledUses.length === uses.length) {
    return {
      status: 'handled',
      reason: `the rewrite replaces its ${uses.length === 1 ? 'use' : `${uses.length} uses`} and removes it`,
    };
  }
  if (
    uses.length === 0 &&
    'report' in outcome &&
    outcome.report.manual.length === 0 &&
    outcome.report.rewritten.some((s) => s.via === VIA_OF_KIND[f.kind])
  ) {
    return { status: 'handled', reason: 'unused; the rewrite removes it' };
  }
  if (handledUses.length > 0)
    return {
      status: 'manual',
      reason: `${f.detail}; the rewrite replaces ${handledUses.length} of its ${uses.length} uses, the others need a person`,
    };
  return { status: 'manual', reason: `${f.detail}; the rewrite does not take this form` };
}

/** Step 3: a use of a stored value follows its origin's verdict; any other form is for a person. */
function restStatus(state: Classification, f: RawFinding): Verdict {
  if (f.kind !== 'alias' || !f.origin)
    return {
      status: 'manual',
      reason: f.kind === 'type' ? f.detail : `${f.detail}; the rewrite does not take this form`,
    };
  const origin = state.status.get(f.origin);
  if (origin?.status === 'handled')
    return { status: 'handled', reason: `${f.detail}, which the rewrite turns into the runtime's ${f.api}` };
  if (f.origin.kind === 'type') return { status: 'manual', reason: f.detail };
  return {
    status: 'manual',
    reason: `${f.detail}; the rewrite cannot follow a value across ${f.origin.file === f.file ? 'variables' : 'modules'}`,
  };
}

/**
 * The counted findings with their verdicts; those of (or reached from) a file the engine skips are dropped, counted per
 * file.
 */
function countedFindings(
  state: Classification,
  findings: RawFinding[],
  counted: (finding: RawFinding) => boolean,
): Pick<ClassifyResult, 'classified' | 'droppedBySkip'> {
  const classified: Classified[] = [];
  const droppedBySkip = new Map<string, number>();
  for (const f of findings) {
    if (!counted(f)) continue;
    const origin = f.origin ?? f;
    const skippedFile = state.skipped.has(f.file) ? f.file : state.skipped.has(origin.file) ? origin.file : undefined;
    if (skippedFile) {
      droppedBySkip.set(skippedFile, (droppedBySkip.get(skippedFile) ?? 0) + 1);
      continue;
    }
    classified.push({ finding: f, ...state.status.get(f)! });
  }
  return { classified, droppedBySkip };
}
