/**
 * "Does the rewrite handle it?" is answered by the rewrite engine itself, run on the
 * file's text: one definition of a legacy call (CONTRIBUTING.md), never a second matcher here.
 */
import { ts } from 'ts-morph';
import {
  analyzeSource,
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
    private readonly blockOf: (file: string) => Pick<VirtualBlock, 'templateNames' | 'beside'> | undefined = () => undefined,
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
        const options = { ...rewriteOptionsFor(file, text, { routeRecorderManager: false }, this.projects), ...block?.beside };
        result = { report: analyzeSource(text, file, options, false, block?.templateNames) };
        // The codemod refuses a package import in code Taro copies without bundling (project-options.ts);
        // under its default, a file WeChat loads as it is takes a copy of the runtime instead, which it writes.
        if (result.report.rewritten.length > 0) {
          const copied = runtimeRouteOf(file, this.projects) === 'local' ? null : packageImportRefusal(file, options.importSource!, this.projects, result.report.taroWrapped === true);
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
export function classify(findings: RawFinding[], files: Iterable<string>, textOf: (file: string) => string, rewrite: RewriteReportCache, counted: (finding: RawFinding) => boolean = () => true): ClassifyResult {
  const skipped = new Map<string, string>();
  const unmatched = new Map<string, RewrittenSite[]>();
  const refusedSites = new Map<string, { sites: RewrittenSite[]; reason: string }>();
  const manualLeft = new Map<string, ManualReviewSite[]>();
  const status = new Map<RawFinding, { status: 'handled' | 'manual'; reason: string }>();
  const byFile = new Map<string, RawFinding[]>();
  for (const finding of findings) {
    const list = byFile.get(finding.file);
    if (list) list.push(finding);
    else byFile.set(finding.file, [finding]);
  }

  const reports = new Map<string, RewriteOutcome>();
  for (const file of new Set([...files, ...byFile.keys()])) {
    const outcome = rewrite.outcome(file, textOf(file));
    reports.set(file, outcome);
    if ('report' in outcome && outcome.report.skipped) skipped.set(file, outcome.report.skipped);
  }

  // 1. The engine names the very position: rewritten, or seen and left for a person.
  for (const [file, outcome] of reports) {
    const list = byFile.get(file) ?? [];
    if ('parseError' in outcome) {
      const reason = `the rewrite cannot process this file (${outcome.parseError})`;
      for (const f of list) status.set(f, { status: 'manual', reason });
      if (list.length === 0) manualLeft.set(file, [{ line: 1, column: 0, reason }]);
      continue;
    }
    const { report, refused } = outcome;
    const used = new Set<RewrittenSite>();
    const usedManual = new Set<ManualReviewSite>();
    for (const f of list) {
      const sf = f.sourceFile;
      const start = lineColumn(sf, f.reference.getStart(sf));
      const begin = f.reference.getStart(sf);
      const end = f.shown.getEnd();
      const offsetOf = (s: { line: number; column: number }): number => {
        // The engine's text and the checker's are the same file; a line out of range means no match, not a crash.
        if (s.line < 1 || s.line > sf.getLineStarts().length) return -1;
        return sf.getPositionOfLineAndCharacter(s.line - 1, Math.min(s.column, sf.getLineEndOfPosition(sf.getLineStarts()[s.line - 1]) - sf.getLineStarts()[s.line - 1]));
      };
      const site =
        report.rewritten.find((s) => s.line === start.line && s.column === start.column) ??
        // A site placed elsewhere inside the reference or its call (e.g. at the member name), same API.
        report.rewritten.find((s) => s.line > 0 && !used.has(s) && s.api === f.api && offsetOf(s) >= begin && offsetOf(s) < end);
      if (site) used.add(site);
      if (site) {
        const handled = `rewritten into the runtime's ${site.becomes ?? site.api} (${site.via}, ${site.form})`;
        status.set(f, refused ? { status: 'manual', reason: refused } : { status: 'handled', reason: handled });
        continue;
      }
      // A place the rewrite leaves for a person anyway keeps that reason in a refused file too:
      // the refusal's way out would not migrate it, and it is named once, not again under manualLeft.
      const manual = report.manual.find((m) => m.line > 0 && offsetOf(m) >= begin && offsetOf(m) < end);
      if (manual) {
        usedManual.add(manual);
        status.set(f, { status: 'manual', reason: manual.reason });
        continue;
      }
      if (refused) status.set(f, { status: 'manual', reason: refused });
    }
    const manualRest = report.manual.filter((m) => !usedManual.has(m));
    if (manualRest.length > 0) manualLeft.set(file, manualRest);
    const rest = report.rewritten.filter((s) => !used.has(s));
    if (rest.length > 0 && refused) refusedSites.set(file, { sites: rest, reason: refused });
    else if (rest.length > 0) unmatched.set(file, rest);
  }

  // 2. Declarations the engine rewrites through their uses (`const { startRecord } = Taro`, named imports).
  for (const f of findings) {
    if (status.has(f) || (f.kind !== 'destructure' && f.kind !== 'import')) continue;
    const outcome = reports.get(f.file)!;
    const uses = findings.filter((u) => u.kind === 'alias' && u.holder === f.reference && u.file === f.file);
    const handledUses = uses.filter((u) => status.get(u)?.status === 'handled');
    if (uses.length > 0 && handledUses.length === uses.length) {
      status.set(f, { status: 'handled', reason: `the rewrite replaces its ${uses.length === 1 ? 'use' : `${uses.length} uses`} and removes it` });
    } else if (
      uses.length === 0 &&
      'report' in outcome &&
      outcome.report.manual.length === 0 &&
      outcome.report.rewritten.some((s) => s.via === VIA_OF_KIND[f.kind])
    ) {
      status.set(f, { status: 'handled', reason: 'unused; the rewrite removes it' });
    } else if (handledUses.length > 0) {
      status.set(f, { status: 'manual', reason: `${f.detail}; the rewrite replaces ${handledUses.length} of its ${uses.length} uses, the others need a person` });
    } else {
      status.set(f, { status: 'manual', reason: `${f.detail}; the rewrite does not take this form` });
    }
  }

  // 3. The rest: member/dynamic/type forms the engine did not take, and uses of values stored elsewhere.
  for (const f of findings) {
    if (status.has(f)) continue;
    if (f.kind !== 'alias' || !f.origin) {
      status.set(f, { status: 'manual', reason: f.kind === 'type' ? f.detail : `${f.detail}; the rewrite does not take this form` });
      continue;
    }
    const origin = status.get(f.origin);
    if (origin?.status === 'handled') {
      status.set(f, { status: 'handled', reason: `${f.detail}, which the rewrite turns into the runtime's ${f.api}` });
    } else if (f.origin.kind === 'type') {
      status.set(f, { status: 'manual', reason: f.detail });
    } else {
      status.set(f, { status: 'manual', reason: `${f.detail}; the rewrite cannot follow a value across ${f.origin.file === f.file ? 'variables' : 'modules'}` });
    }
  }

  const classified: Classified[] = [];
  const droppedBySkip = new Map<string, number>();
  for (const f of findings) {
    if (!counted(f)) continue;
    const origin = f.origin ?? f;
    const skippedFile = skipped.has(f.file) ? f.file : skipped.has(origin.file) ? origin.file : undefined;
    if (skippedFile) {
      droppedBySkip.set(skippedFile, (droppedBySkip.get(skippedFile) ?? 0) + 1);
      continue;
    }
    classified.push({ finding: f, ...status.get(f)! });
  }
  return { classified, skipped, droppedBySkip, unmatched, refusedSites, manualLeft };
}
