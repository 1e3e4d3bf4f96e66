/**
 * The package's command: parses the command line once (options.ts), then runs the
 * migration (run.ts) while the renderer (render.ts) prints as it goes and at the end, or
 * the audit (loaded only then: ts-morph is heavy). Returns the exit code.
 */
import pc from 'picocolors';
import type * as AuditCommandModule from '../audit/command';
import { packageVersion } from '../package-info';
import { parseCommandLine, UsageError, type CommandLine, type ProgramDoor } from './options';
import { Renderer, type Io } from './render';
import { runMigration } from './run';

export type { Io } from './render';
export type { ProgramDoor } from './options';

export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }, door: ProgramDoor = {}): Promise<number> {
  const renderer = new Renderer(io);
  let commandLine: CommandLine;
  try {
    commandLine = parseCommandLine(argv, io.cwd, packageVersion(), door);
  } catch (err) {
    if (err instanceof UsageError) return renderer.finish({ kind: 'usage', message: err.message });
    throw err;
  }
  switch (commandLine.kind) {
    case 'exit':
      return renderer.finish(commandLine);
    case 'audit': {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded only for the audit
      const { runAuditCommand } = require('../audit/command') as typeof AuditCommandModule;
      const color = commandLine.options.color && pc.isColorSupported && io.stdout.isTTY === true;
      return runAuditCommand({ ...commandLine.options, color }, { stdout: (text) => io.stdout.write(text), stderr: (text) => io.stderr.write(text) });
    }
    case 'migrate':
      try {
        return renderer.finish(await runMigration(commandLine.options, renderer));
      } catch (err) {
        renderer.stopProgress();
        throw err;
      }
  }
}
