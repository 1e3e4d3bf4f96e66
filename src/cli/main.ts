/**
 * The package's command: parses the command line once (options.ts), then runs the
 * migration (run.ts) while the renderer (render.ts) prints as it goes and at the end, or
 * the audit (loaded only then: ts-morph is heavy). Returns the exit code.
 */
import pc from 'picocolors';
import type * as AuditCommandModule from './audit';
import { packageVersion } from '../package-info';
import { errorJson, sayInternalError } from './error-json';
import { parseCommandLine, UsageError, type CommandLine, type ProgramDoor } from './options';
import { createStatusLine } from './progress';
import { Renderer, type Io } from './render';
import { runMigration } from './run';

export type { Io } from './render';
export type { ProgramDoor } from './options';

export async function main(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr },
  door: ProgramDoor = {},
): Promise<number> {
  const renderer = new Renderer(io);
  let commandLine: CommandLine;
  try {
    commandLine = parseCommandLine(argv, io.cwd, packageVersion(), door);
  } catch (err) {
    if (err instanceof UsageError)
      return renderer.finish({ kind: 'usage', message: err.message, json: err.json, helpHelps: err.helpHelps });
    throw err;
  }
  if (commandLine.kind !== 'exit') io.commandParsed?.(commandLine.kind);
  switch (commandLine.kind) {
    case 'exit':
      return renderer.finish(commandLine);
    case 'audit': {
      // The audit is silent for seconds (loading TypeScript, then building its program): a terminal is told each phase.
      const status = createStatusLine(commandLine.options.format !== 'text' ? undefined : io.stderr);
      status.show('audit: loading TypeScript');
      const { runAuditCommand } = await loadAuditCommand();
      const color = commandLine.options.color && pc.isColorSupported && io.stdout.isTTY === true;
      return runAuditCommand(
        { ...commandLine.options, color },
        { stdout: (text) => io.stdout.write(text), stderr: (text) => io.stderr.write(text), status },
      );
    }
    case 'migrate':
      try {
        return renderer.finish(await runMigration(commandLine.options, renderer));
      } catch (err) {
        renderer.stopProgress();
        return sayInternalError(err, commandLine.options.json, {
          stdout: (text) => io.stdout.write(text),
          stderr: (text) => io.stderr.write(text),
        });
      }
  }
}

export interface AuditCommandIo {
  stdout?: (text: string) => void;
  stderr?: (text: string) => void;
  cwd?: string;
}

/** The audit from its own arguments (what follows `audit`), printing through `io`: for tests and callers in process. */
export async function auditCommand(argv: string[], io: AuditCommandIo = {}): Promise<number> {
  const stdout = io.stdout ?? ((text: string) => process.stdout.write(text));
  const stderr = io.stderr ?? ((text: string) => process.stderr.write(text));
  let parsed;
  try {
    parsed = parseCommandLine(['audit', ...argv], io.cwd, packageVersion());
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr(`error: ${error.message}\n${error.helpHelps ? '(run with --help for usage)\n' : ''}`);
    if (error.json) stdout(errorJson(error.message, 2));
    return 2;
  }
  if (parsed.kind === 'exit') {
    stdout(parsed.stdout);
    stderr(parsed.stderr);
    return parsed.code;
  }
  if (parsed.kind !== 'audit') throw new Error('internal error: the audit command line parsed as another command');
  // Colours only on a terminal of our own, and never when asked not to; so for the status line.
  const color = parsed.options.color && !io.stdout && pc.isColorSupported && process.stdout.isTTY === true;
  const status = createStatusLine(parsed.options.format !== 'text' || io.stderr ? undefined : process.stderr);
  return (await loadAuditCommand()).runAuditCommand({ ...parsed.options, color }, { stdout, stderr, status });
}

/** The audit (ts-morph) is loaded only when it runs. */
function loadAuditCommand(): Promise<typeof AuditCommandModule> {
  return import('./audit');
}
