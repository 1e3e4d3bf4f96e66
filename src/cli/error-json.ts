/**
 * What both commands say when they stop on an error before any report: a usage error (exit 2)
 * or an internal error (exit 1). The sentence goes to stderr; under --json, stdout gets the same
 * message as JSON, so a CI step that parses stdout has something to parse.
 */
import { packageVersion } from '../package-info';
import { MESSAGE_PREFIX, printable, reportJson } from '../rewrite/light';

export function errorJson(message: string, exitCode: number): string {
  return `${reportJson({ error: message, exitCode })}\n`;
}

/**
 * Says an internal error (a bug) as both commands do, on stderr and, under --json, on stdout; returns its exit code.
 */
export function sayInternalError(
  error: unknown,
  json: boolean,
  io: { stdout: (text: string) => void; stderr: (text: string) => void },
): number {
  io.stderr(internalErrorText(error));
  if (json) io.stdout(errorJson(internalErrorMessage(error), 1));
  return 1;
}

/** The message of an error no check foresaw, on one line: what --json carries. */
function internalErrorMessage(error: unknown): string {
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `internal error: ${first}`;
}

/**
 * What stderr gets for an internal error, whichever command hit it: the one line, then the
 * trace that a bug report needs (the only place a stack is ever printed).
 */
export function internalErrorText(error: unknown): string {
  const stack = error instanceof Error && error.stack ? error.stack : String(error);
  // Line by line: printable() would escape the trace's own line breaks.
  const trace = stack.split('\n').map(printable).join('\n');
  return `error: ${printable(internalErrorMessage(error))}\n${MESSAGE_PREFIX} ${packageVersion()} has a bug: please report it with this trace:\n${trace}\n`;
}
