/**
 * `taro-plugin-record-compat audit [paths] [--project tsconfig.json] [--verify] [--baseline <ref>] [--json] [--strict]`
 * (parsed with the migrate command by src/cli/options.ts). Exit codes: 0 clean, 1
 * references that need a person remain (any reference, warning or rewrite-only place with
 * --strict) or --verify found new type errors, 2 bad usage.
 */
import pc from 'picocolors';
import { parseCommandLine, UsageError, type AuditCliOptions } from '../cli/options';
import { packageVersion } from '../package-info';
import { runAudit } from './index';
import { formatJson, formatText } from './format';
import { AuditUsageError } from './types';

export interface AuditCommandIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  cwd?: string;
}

/** Runs the audit the command line asked for; prints through `io`, returns the exit code. */
export async function runAuditCommand(options: AuditCliOptions, io: Required<Pick<AuditCommandIo, 'stdout' | 'stderr'>>): Promise<number> {
  let result;
  try {
    result = await runAudit({ paths: options.paths, project: options.project, cwd: options.cwd, verify: options.verify, baseline: options.baseline });
  } catch (error) {
    if (error instanceof AuditUsageError) {
      io.stderr(`error: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  io.stdout(options.json ? formatJson(result) : formatText(result, options.color));
  // --strict also fails on what the audit could not judge: places only the rewrite sees, an incomplete run.
  const remaining = options.strict ? result.findings.length + result.rewriteOnly.length + result.warnings.length : result.needsPerson;
  // A check that could not run (type packages the audit's TypeScript cannot parse) is no pass.
  const broken = result.verify ? result.verify.introduced.length + (result.verify.unchecked ? 1 : 0) : 0;
  return remaining > 0 || broken > 0 ? 1 : 0;
}

/** The audit from its own arguments (what follows `audit`), as the bin runs it. */
export async function auditCommand(argv: string[], io: AuditCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => process.stderr.write(text));
  let parsed;
  try {
    parsed = parseCommandLine(['audit', ...argv], io.cwd ?? process.cwd(), packageVersion());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr(`error: ${error.message}\n(run with --help for usage)\n`);
    return 2;
  }
  if (parsed.kind === 'exit') {
    stdout(parsed.stdout);
    stderr(parsed.stderr);
    return parsed.code;
  }
  if (parsed.kind !== 'audit') throw new Error('internal error: the audit command line parsed as another command');
  // Colours only on a terminal of our own, and never when asked not to.
  const color = parsed.options.color && !io.stdout && pc.isColorSupported && process.stdout.isTTY === true;
  return runAuditCommand({ ...parsed.options, color }, { stdout, stderr });
}
