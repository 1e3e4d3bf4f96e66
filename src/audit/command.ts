/**
 * `taro-plugin-record-compat audit [paths] [--project tsconfig.json] [--verify] [--baseline <ref>] [--json] [--strict]`
 * Exit codes: 0 clean, 1 references that need a person remain (any reference, warning
 * or rewrite-only place with --strict) or --verify found new type errors, 2 bad usage.
 */
import pc from 'picocolors';
import { parseArgs } from 'util';
import { packageVersion } from '../package-info';
import { runAudit } from './index';
import { formatJson, formatText } from './format';
import { AuditUsageError } from './types';

export const AUDIT_USAGE = `Usage: taro-plugin-record-compat audit [paths...] [options]

Find every remaining reference to the deprecated APIs (startRecord/stopRecord,
playVoice/pauseVoice/stopVoice, and the older audio APIs, which are listed for a
person with their replacement) with the TypeScript type checker, and say whether
the rewrite handles it.

Options:
  --project <file>   tsconfig.json or jsconfig.json (default: found in the first path or cwd;
                     none: a plain JavaScript project)
  --verify           type-check the files changed since --baseline and report new diagnostics
  --baseline <ref>   git revision holding the text before migration (default: HEAD)
  --json             print the result as JSON
  --strict           exit 1 when any reference remains, even one the rewrite handles
                     (and on warnings, or places only the rewrite sees)
  --no-color         no colours in the output (also honoured: NO_COLOR, FORCE_COLOR)
  -V, --version      print the version
  -h, --help         show this help
`;

export interface AuditCommandIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  cwd?: string;
}

export async function auditCommand(argv: string[], io: AuditCommandIo = {}): Promise<number> {
  const out = io.stdout ?? ((text: string) => process.stdout.write(text));
  const err = io.stderr ?? ((text: string) => process.stderr.write(text));
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        project: { type: 'string', short: 'p' },
        verify: { type: 'boolean' },
        baseline: { type: 'string' },
        json: { type: 'boolean' },
        strict: { type: 'boolean' },
        // The same meaning as in the migrate command (picocolors reads it from argv as well).
        'no-color': { type: 'boolean' },
        version: { type: 'boolean', short: 'V' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    err(`audit: ${(error as Error).message}\n\n${AUDIT_USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    out(AUDIT_USAGE);
    return 0;
  }
  if (values.version) {
    out(`${packageVersion()}\n`);
    return 0;
  }
  if (values.baseline !== undefined && !values.verify) {
    err('audit: --baseline is only meaningful with --verify\n');
    return 2;
  }
  for (const [name, value] of [['project', values.project], ['baseline', values.baseline]] as const) {
    if (value !== undefined && (value === '' || value.startsWith('-'))) {
      err(`audit: option --${name} needs a value, got '${value}'\n`);
      return 2;
    }
  }

  let result;
  try {
    result = await runAudit({
      paths: positionals,
      project: values.project,
      cwd: io.cwd,
      verify: values.verify ?? false,
      baseline: values.baseline,
    });
  } catch (error) {
    if (error instanceof AuditUsageError) {
      err(`audit: ${error.message}\n`);
      return 2;
    }
    // An internal error still gets an answer (JSON too), without a stack trace.
    const message = `internal error: ${(error as Error)?.message?.split('\n')[0] ?? String(error)}`;
    err(`audit: ${message}\n`);
    if (values.json) out(`${JSON.stringify({ error: message, exitCode: 1 }, null, 2)}\n`);
    return 1;
  }

  out(values.json ? formatJson(result) : formatText(result, !io.stdout && !values['no-color'] && pc.isColorSupported && process.stdout.isTTY === true));
  // --strict also fails on what the audit could not judge: places only the rewrite sees, an incomplete run.
  // A file the rewrite refuses counts as the codemod counts it: always when the codemod fails it, and everything under --strict.
  const refused = values.strict ? result.refusedFiles.length : result.refusedFiles.filter((r) => r.fails).length;
  const remaining = (values.strict ? result.findings.length + result.rewriteOnly.length + result.warnings.length : result.needsPerson) + refused;
  const broken = result.verify ? result.verify.introduced.length : 0;
  return remaining > 0 || broken > 0 ? 1 : 0;
}
