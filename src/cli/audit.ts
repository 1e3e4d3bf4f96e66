/**
 * `taro-plugin-record-compat audit [paths] [--project tsconfig.json] [--verify] [--baseline <ref>] [--json] [--strict]`
 * (parsed with the migrate command by src/cli/options.ts). Exit codes: 0 clean, 1
 * references that need a person remain (any reference, warning or rewrite-only place with
 * --strict), a file could not be audited, or --verify found new type errors, 2 bad usage.
 */
import pc from 'picocolors';
import { formatJson, formatText, phaseWords } from '../audit/format';
import { AuditUsageError, type AuditCliOptions, type AuditResult } from '../audit/types';
import { printable } from '../rewrite/light';
import { isCiFormat, loadReportFormats } from '../report-formats/lazy';
import { errorJson, sayInternalError } from './error-json';
import { auditNextSteps } from '../report/next-steps';
import type { StatusLine } from './progress';
import { exitCodeOf as exitCodeOfSignal, renderNextSteps } from './report';
import { runAuditStoppable } from './audit-thread';

/**
 * Runs the audit the command line asked for; prints through `io`, returns the exit code. `status`,
 * a terminal's status line (main.ts makes it: none under --json or off a terminal), shows each phase
 * and is cleared before anything is printed.
 */
export async function runAuditCommand(
  options: AuditCliOptions,
  io: { stdout: (text: string) => void; stderr: (text: string) => void; status?: StatusLine },
): Promise<number> {
  const status = io.status;
  let end;
  try {
    end = await runAuditStoppable({
      paths: options.paths,
      project: options.project,
      cwd: options.cwd,
      verify: options.verify,
      baseline: options.baseline,
      families: options.families,
      taroCopies: options.taroCopies,
      exclude: options.exclude,
      onPhase: status && ((phase) => status.show(`audit: ${phaseWords(phase)}`)),
    });
  } catch (error) {
    status?.stop();
    // A usage error or an internal error still gets an answer (JSON too).
    if (!(error instanceof AuditUsageError)) return sayInternalError(error, options.json, io);
    io.stderr(`error: ${printable(error.message)}\n`);
    if (options.json) io.stdout(errorJson(error.message, 2));
    return 2;
  }
  status?.stop();
  if (end.kind === 'stopped') {
    // As the codemod says it, in one line; under --json, the same line as its error object.
    const message = `interrupted by ${end.signal} while ${end.phase ? phaseWords(end.phase) : 'starting'}: stopped before the report, nothing written (run again to finish)`;
    io.stderr(`${message}\n`);
    if (options.json) io.stdout(errorJson(message, exitCodeOfSignal(end.signal)));
    return exitCodeOfSignal(end.signal);
  }
  const { result } = end;
  const report = auditReport(result, options);
  io.stdout(report.text);
  return report.exitCode;
}

/**
 * An audit's result as the command line asked for it: its report, in the format asked for (the text, our JSON, or a
 * CI format: report-formats/), and its exit code, which no format changes.
 */
export function auditReport(result: AuditResult, options: AuditCliOptions): { text: string; exitCode: number } {
  const nextSteps = nextStepsOf(result, options);
  const exitCode = exitCodeOf(result, options);
  return { text: reportText(result, options, nextSteps, exitCode), exitCode };
}

function reportText(result: AuditResult, options: AuditCliOptions, nextSteps: string[], exitCode: number): string {
  if (options.format === 'json') return formatJson(result, { nextSteps });
  if (isCiFormat(options.format)) {
    const { renderCiFormat, auditFormatReport } = loadReportFormats();
    return renderCiFormat(options.format, auditFormatReport({ result, cwd: options.cwd, nextSteps, exitCode }));
  }
  return formatText(result, options.color) + renderNextSteps(nextSteps, options.color ? pc.bold : String);
}

/** 0 clean, 1 when something is left (see the file's comment); the same whatever the format. */
function exitCodeOf(result: AuditResult, options: AuditCliOptions): number {
  // --strict also fails on what the audit could not judge: places only the rewrite sees, an incomplete run, legacy calls
  // in a build-output folder the codemod passes over. A file the
  // rewrite refuses counts as the codemod counts it: always when the codemod fails it, and everything under --strict.
  const refused = options.strict ? result.refusedFiles.length : result.refusedFiles.filter((r) => r.fails).length;
  // A file whose analysis failed is never a pass: its references are missing.
  const remaining =
    (options.strict
      ? result.findings.length + result.rewriteOnly.length + result.warnings.length + result.skippedFolders.length
      : result.needsPerson) +
    refused +
    result.failedFiles.length;
  // A check that could not run (type packages the audit's TypeScript cannot parse) is no pass.
  const broken = result.verify ? result.verify.introduced.length + (result.verify.unchecked ? 1 : 0) : 0;
  return remaining > 0 || broken > 0 ? 1 : 0;
}

/** What to do after this audit (next-steps.ts), from its findings and whether --verify ran. */
function nextStepsOf(result: AuditResult, options: AuditCliOptions): string[] {
  const left = result.findings.filter((f) => f.status === 'manual');
  return auditNextSteps({
    invocation: options.invocation,
    cwd: options.cwd,
    handled: result.findings.length - left.length,
    left,
    unread: result.refusedFiles.length + result.failedFiles.length,
    verifyCannotRun: result.verifyCannotRun,
    verify: result.verify && {
      ran: true,
      migrated: result.verify.migratedFiles.length,
      introduced: result.verify.introduced.length,
      unchecked: result.verify.unchecked !== undefined,
    },
  });
}
