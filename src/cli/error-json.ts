/**
 * What both commands print on stdout under --json when they stop on an error before any
 * report: a usage error (exit 2) or an internal error (exit 1). The sentence itself goes to
 * stderr as without --json; this gives a CI step that parses stdout something to parse.
 */
import { reportJson } from '../rewrite/light';

export function errorJson(message: string, exitCode: number): string {
  return `${reportJson({ error: message, exitCode })}\n`;
}
