/**
 * What the CI formats (SARIF, GitHub workflow commands, Markdown) write, as one shape both
 * commands fill from the report their text and JSON are written from: the places each names,
 * with their verdict, family and reason, the run's own notices, counts by family, the files
 * changed and the audit's --verify verdict. The formats decide how to say it, never what.
 */
import { MIGRATION_FAMILIES, type MigrationFamily } from '../rewrite/light';

/** The command whose run it is: the codemod (migrate) or the audit. */
export type Door = 'codemod' | 'audit';

/** How loud a place is: a person's work is a warning, a file not migrated or a new type error an error. */
export type Level = 'error' | 'warning' | 'note';

/**
 * What was said of a place: `person`, left for a person; `handled`, the rewrite takes it (the audit);
 * `rewriteOnly`, the rewrite would change it, the type checker sees no deprecated API (the audit);
 * `failed`, a file not migrated or not audited; `refused`, a file the rewrite refuses (the audit);
 * `skipped`, a file left alone on purpose; `typeError`, a diagnostic --verify found new.
 */
export type Verdict = 'person' | 'handled' | 'rewriteOnly' | 'failed' | 'refused' | 'skipped' | 'typeError';

export interface FormatPlace {
  verdict: Verdict;
  level: Level;
  /** Relative to the run's folder, with forward slashes, exact (not escaped for a terminal). */
  file: string;
  /** 1-based; null where the report has none (a whole file). */
  line: number | null;
  /** 1-based, as editors show it; null where the report has none. */
  column: number | null;
  /** The legacy API family the place is about; null where it names none, or several. */
  family: MigrationFamily | null;
  reason: string;
  /** For a place left for a person: what to do, and the page of the docs that says how. */
  todo?: { what: string; page: string };
}

/** Something the run says of itself, with no place in a file: a warning, a refusal, a check that could not run. */
export interface Notice {
  level: Level;
  message: string;
}

/** Per family, what the run counted: the places handled by the rewrite and those left for a person. */
export interface FamilyCount {
  family: MigrationFamily | null;
  handled: number;
  person: number;
}

export interface FormatReport {
  door: Door;
  /** The run's folder (absolute): what `file` is relative to. */
  cwd: string;
  /** The codemod with --dry: nothing was written. */
  dry: boolean;
  places: FormatPlace[];
  notices: Notice[];
  families: FamilyCount[];
  /** The files the codemod changed (or would, with --dry), or those --verify found changed since its baseline. */
  changedFiles: string[];
  /** The audit's --verify, when it ran: its verdict in the text's words, and whether it passed. */
  verify?: { verdict: string; passed: boolean };
  /** What to do next, as the text says it after the summary (next-steps.ts). */
  nextSteps: string[];
  exitCode: number;
}

/** The counts by family in the API table's order, a row per family with places, and one for places of none. */
export function countsByFamily(
  handled: readonly (MigrationFamily | null)[],
  person: readonly (MigrationFamily | null)[],
): FamilyCount[] {
  const rows: (MigrationFamily | null)[] = [...MIGRATION_FAMILIES, null];
  return rows
    .map((family) => ({
      family,
      handled: handled.filter((f) => f === family).length,
      person: person.filter((f) => f === family).length,
    }))
    .filter((row) => row.handled + row.person > 0);
}
