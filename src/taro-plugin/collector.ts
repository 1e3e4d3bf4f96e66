/**
 * Gathers the per-file RewriteReports produced during a build and turns them
 * into the one-line summary. Keyed by file so that a watch-mode rebuild which
 * re-transforms a file replaces that file's earlier report. One file can be
 * several modules in one build (a .vue component's script and template both
 * go through babel-loader under the component's name): their reports add up.
 */
import * as path from 'node:path';
import { countByKind, describeCountsByKind, legacyApiRow, type LegacyApiKind } from '../rewrite/legacy-apis';
import type { LegacyApiName, RewriteReport, RewrittenSite } from '../rewrite/types';

export interface ManualPlace {
  file: string;
  line: number;
  column: number;
  reason: string;
  /** Set for a use of a deprecated API the rewrite does not take. */
  api?: LegacyApiName;
}

export interface BuildSummary {
  rewrittenCalls: number;
  /** The same calls by kind of API (record, voice), in the table's order. */
  callsByKind: Map<LegacyApiKind, number>;
  rewrittenFiles: number;
  manual: ManualPlace[];
}

export class ReportCollector {
  private readonly reports = new Map<string, { build: number; report: RewriteReport }>();
  private build = 0;

  constructor(private readonly appPath: string) {}

  /** A (re)build starts: a file transformed from now on replaces what it reported before. */
  beginBuild(): void {
    this.build += 1;
  }

  record(filename: string, report: RewriteReport | undefined): void {
    const earlier = this.reports.get(filename);
    const sameBuild = earlier !== undefined && earlier.build === this.build;
    const rewritten = [...(sameBuild ? earlier.report.rewritten : []), ...(report?.rewritten ?? [])];
    const manual = [...(sameBuild ? earlier.report.manual : []), ...(report?.manual ?? [])];
    if (rewritten.length === 0 && manual.length === 0) {
      this.reports.delete(filename);
      return;
    }
    this.reports.set(filename, { build: this.build, report: { rewritten, manual } });
  }

  /** A file that is no longer transformed (deleted, or no longer mentions the API). */
  forget(filename: string): void {
    this.reports.delete(filename);
  }

  summary(): BuildSummary {
    let rewrittenCalls = 0;
    let rewrittenFiles = 0;
    const sites: RewrittenSite[] = [];
    const manual: ManualPlace[] = [];
    const files = [...this.reports.keys()].sort();
    for (const file of files) {
      const { report } = this.reports.get(file)!;
      if (report.rewritten.length > 0) {
        rewrittenFiles += 1;
        rewrittenCalls += report.rewritten.length;
        sites.push(...report.rewritten);
      }
      for (const site of report.manual) {
        manual.push({ file: this.relative(file), line: site.line, column: site.column, reason: site.reason, ...(site.api ? { api: site.api } : {}) });
      }
    }
    return { rewrittenCalls, callsByKind: countByKind(sites), rewrittenFiles, manual };
  }

  private relative(file: string): string {
    const rel = path.relative(this.appPath, file);
    return (rel.startsWith('..') ? file : rel).split(path.sep).join('/');
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The line printed at the end of a build. */
export function formatSummary(s: BuildSummary): string {
  const head = `[record-compat] rewrote ${describeCountsByKind(s.callsByKind)} in ${plural(s.rewrittenFiles, 'file')}`;
  if (s.manual.length === 0) return `${head}; nothing left for manual review`;
  // A deprecated API that is not rewritten is named with what replaces it.
  const places = s.manual.map((m) => `${m.file}:${m.line}${m.api ? ` (${m.api} → ${legacyApiRow(m.api)?.replacement})` : ''}`).join(', ');
  return `${head}; ${plural(s.manual.length, 'place')} left for manual review: ${places}`;
}

/** The error a strict build fails with. */
export function formatStrictError(s: BuildSummary): string {
  const lines = s.manual.map((m) => `  ${m.file}:${m.line}:${m.column + 1} ${m.reason}`);
  return [
    `[record-compat] strict: ${plural(s.manual.length, s.manual.some((m) => m.api) ? 'deprecated API use' : 'legacy record call')} could not be rewritten safely and must be changed by hand:`,
    ...lines,
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
