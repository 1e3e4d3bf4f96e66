/**
 * The audit's result as the CI formats read it (model.ts): the places its text lists, in the
 * text's words (audit/format.ts), with their verdict and family.
 */
import { familyOf } from '../rewrite/light';
import { newFileWords, rewriteOnlyWords, skippedWords, verifyWords } from '../audit/format';
import type { AuditFinding, AuditResult } from '../audit/types';
import { familyOfPlace, whatToDo } from '../report/next-steps';
import { countsByFamily, type FormatPlace, type FormatReport, type Notice } from './model';

export interface AuditRun {
  result: AuditResult;
  cwd: string;
  nextSteps: string[];
  exitCode: number;
}

export function auditFormatReport({ result, cwd, nextSteps, exitCode }: AuditRun): FormatReport {
  const findings = result.findings.map((f) => findingPlace(f, cwd));
  const [changed, verify] = result.verify ? verifyWords(result.verify) : [];
  return {
    door: 'audit',
    cwd,
    dry: false,
    places: [...findings, ...otherPlaces(result)],
    notices: noticesOf(result),
    families: countsByFamily(
      findings.filter((p) => p.verdict === 'handled').map((p) => p.family),
      findings.filter((p) => p.verdict === 'person').map((p) => p.family),
    ),
    changedFiles: result.verify?.migratedFiles ?? [],
    verify: verify && { verdict: `${changed}${verify.words}`, passed: verify.passed },
    nextSteps,
    exitCode,
  };
}

function findingPlace(f: AuditFinding, cwd: string): FormatPlace {
  const person = f.status === 'manual';
  return {
    verdict: person ? 'person' : 'handled',
    level: person ? 'warning' : 'note',
    file: f.file,
    line: f.line,
    column: f.column,
    family: familyOfPlace(f),
    reason: f.certainty === 'possible' ? `${f.reason} (possible)` : f.reason,
    ...(person ? { todo: whatToDo(f, cwd) } : {}),
  };
}

/** The places the text lists after the findings, in its words: what the audit could not judge, or --verify found. */
function otherPlaces(result: AuditResult): FormatPlace[] {
  const whole = { line: null, column: null, family: null };
  return [
    ...result.rewriteOnly.map((s) => ({
      verdict: 'rewriteOnly' as const,
      level: 'note' as const,
      file: s.file,
      line: s.line,
      column: s.column,
      family: familyOf(s.api),
      reason: rewriteOnlyWords(s).join(''),
    })),
    ...result.refusedFiles.map((r) => ({
      verdict: 'refused' as const,
      level: r.fails ? ('error' as const) : ('warning' as const),
      file: r.file,
      ...whole,
      reason: `refused by the rewrite: ${r.message}; not audited`,
    })),
    ...result.failedFiles.map((f) => ({
      verdict: 'failed' as const,
      level: 'error' as const,
      file: f.file,
      ...whole,
      reason: f.reason,
    })),
    ...result.skippedFiles.map((s) => ({
      verdict: 'skipped' as const,
      level: 'note' as const,
      file: s.file,
      ...whole,
      reason: skippedWords(s).join(''),
    })),
    ...(result.verify?.introduced ?? []).map((d) => ({
      verdict: 'typeError' as const,
      level: 'error' as const,
      file: d.file,
      line: d.line,
      column: d.column,
      family: null,
      reason: `TS${d.code} ${d.message} (not in ${result.verify!.baseline})`,
    })),
    ...(result.verify?.newFiles ?? []).map((file) => ({
      verdict: 'skipped' as const,
      level: 'note' as const,
      file,
      ...whole,
      reason: newFileWords(result.verify!.baseline),
    })),
  ];
}

function noticesOf(result: AuditResult): Notice[] {
  const unchecked = result.verify?.unchecked;
  return [
    ...result.warnings.map((message) => ({ level: 'warning' as const, message })),
    ...(unchecked ? [{ level: 'error' as const, message: unchecked }] : []),
  ];
}
