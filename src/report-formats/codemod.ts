/**
 * The codemod's run as the CI formats read it (model.ts), from the tally its text summary and its
 * JSON report are written from: the same places, reasons and counts.
 */
import { familyOf, type MigrationFamily } from '../rewrite/light';
import { familyOfPlace, whatToDo } from '../report/next-steps';
import { skipWords } from '../report/words';
import type { TallyView } from '../report/file-result';
import { countsByFamily, type FormatPlace, type FormatReport, type Notice } from './model';

export interface CodemodRun {
  tally: TallyView;
  cwd: string;
  dry: boolean;
  /** What the run warned of on stderr. */
  warnings: readonly string[];
  /** The runtime copies the run wrote, relative to cwd. */
  copiesWritten: readonly string[];
  /** Why the run was refused before writing anything (its whole message). */
  refused?: string;
  /** The words of the text's line for a run stopped by a signal. */
  interrupted?: string;
  nextSteps: string[];
  exitCode: number;
}

export function codemodFormatReport(run: CodemodRun): FormatReport {
  const { tally } = run;
  const results = tally.sorted();
  const handled: MigrationFamily[] = results
    .filter((r) => r.status === 'changed')
    .flatMap((r) => r.rewritten.map((site) => familyOf(site.api)));
  const places = [...personPlaces(run), ...failedPlaces(tally), ...skippedPlaces(tally)];
  return {
    door: 'codemod',
    cwd: run.cwd,
    dry: run.dry,
    places,
    notices: noticesOf(run),
    families: countsByFamily(
      handled,
      places.filter((p) => p.verdict === 'person').map((p) => p.family),
    ),
    changedFiles: [
      ...results.filter((r) => r.status === 'changed').map((r) => tally.rel(r.file)),
      ...run.copiesWritten,
    ],
    nextSteps: run.nextSteps,
    exitCode: run.exitCode,
  };
}

/** A column as the text shows it: Babel counts from 0, a person from 1. */
function oneBased(line: number | null | undefined, column: number | null | undefined) {
  // The text names a whole file where the line is unknown (report.ts, place()).
  if (line == null || line === 0) return { line: null, column: null };
  return { line, column: column == null ? null : column + 1 };
}

function personPlaces(run: CodemodRun): FormatPlace[] {
  return run.tally.sorted().flatMap((r) =>
    r.manual.map((m) => ({
      verdict: 'person' as const,
      level: 'warning' as const,
      file: run.tally.rel(r.file),
      ...oneBased(m.line, m.column),
      family: familyOfPlace(m),
      reason: m.reason,
      todo: whatToDo(m, run.cwd),
    })),
  );
}

function failedPlaces(tally: TallyView): FormatPlace[] {
  return tally.failures().map((f) => ({
    verdict: 'failed' as const,
    level: 'error' as const,
    file: f.path,
    ...oneBased(f.line, f.column),
    family: null,
    reason: f.reason,
  }));
}

/** Every file skipped for its form or kind: the text gives each a line, with why. */
function skippedPlaces(tally: TallyView): FormatPlace[] {
  return tally.sorted().flatMap((r) =>
    r.status === 'skipped'
      ? [
          {
            verdict: 'skipped' as const,
            level: 'note' as const,
            file: tally.rel(r.file),
            line: null,
            column: null,
            family: null,
            reason: skipWords(r.skip),
          },
        ]
      : [],
  );
}

function noticesOf(run: CodemodRun): Notice[] {
  const notChecked = run.tally.summary.notChecked;
  return [
    ...(run.refused !== undefined ? [{ level: 'error' as const, message: run.refused }] : []),
    ...(run.interrupted !== undefined ? [{ level: 'error' as const, message: run.interrupted }] : []),
    ...run.warnings.map((message) => ({ level: 'warning' as const, message })),
    ...(notChecked ? [{ level: 'note' as const, message: `not checked: ${notChecked}` }] : []),
  ];
}
