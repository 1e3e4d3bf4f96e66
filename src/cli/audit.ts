/**
 * `taro-plugin-record-compat audit [paths] [--project tsconfig.json] [--verify] [--baseline <ref>] [--json] [--strict]`
 * (parsed with the migrate command by src/cli/options.ts). Exit codes: 0 clean, 1
 * references that need a person remain (any reference, warning or rewrite-only place with
 * --strict), a file could not be audited, or --verify found new type errors, 2 bad usage.
 */
import { runAudit } from '../audit/index';
import { formatJson, formatText } from '../audit/format';
import { AuditUsageError, type AuditCliOptions } from '../audit/types';
import { printable } from '../rewrite/light';
import { errorJson, sayInternalError } from './error-json';

/** Runs the audit the command line asked for; prints through `io`, returns the exit code. */
export async function runAuditCommand(options: AuditCliOptions, io: { stdout: (text: string) => void; stderr: (text: string) => void }): Promise<number> {
  let result;
  try {
    result = await runAudit({ paths: options.paths, project: options.project, cwd: options.cwd, verify: options.verify, baseline: options.baseline, taroCopies: options.taroCopies });
  } catch (error) {
    // A usage error or an internal error still gets an answer (JSON too).
    if (!(error instanceof AuditUsageError)) return sayInternalError(error, options.json, io);
    io.stderr(`error: ${printable(error.message)}\n`);
    if (options.json) io.stdout(errorJson(error.message, 2));
    return 2;
  }
  io.stdout(options.json ? formatJson(result) : formatText(result, options.color));
  // --strict also fails on what the audit could not judge: places only the rewrite sees, an incomplete run.
  // A file the rewrite refuses counts as the codemod counts it: always when the codemod fails it, and everything under --strict.
  const refused = options.strict ? result.refusedFiles.length : result.refusedFiles.filter((r) => r.fails).length;
  // A file whose analysis failed is never a pass: its references are missing.
  const remaining = (options.strict ? result.findings.length + result.rewriteOnly.length + result.warnings.length : result.needsPerson) + refused + result.failedFiles.length;
  // A check that could not run (type packages the audit's TypeScript cannot parse) is no pass.
  const broken = result.verify ? result.verify.introduced.length + (result.verify.unchecked ? 1 : 0) : 0;
  return remaining > 0 || broken > 0 ? 1 : 0;
}
