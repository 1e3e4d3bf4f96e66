/**
 * A run as GitHub Actions workflow commands: one `::warning`, `::error` or `::notice` line per
 * place (file from the repository's top, line, column, a title naming the verdict and family)
 * and per notice of the run. Every string reaches a line through workflowCommand, the one
 * function that escapes for the runner.
 */
import * as path from 'path';
import { findGitRoot, holdsUnprintable, nameBytes, printable, toPosixPath } from '../rewrite/light';
import { FOR_A_PERSON, HANDLED } from '../report/words';
import type { FormatPlace, FormatReport, Level, Verdict } from './model';

const COMMANDS: Record<Level, Annotation['command']> = { error: 'error', warning: 'warning', note: 'notice' };

/** What a verdict is called in an annotation's title, in the text's words. */
const VERDICT_WORDS: Record<Verdict, string> = {
  person: FOR_A_PERSON,
  handled: HANDLED,
  rewriteOnly: 'only the rewrite sees this',
  failed: 'not migrated',
  refused: 'refused by the rewrite',
  skipped: 'left alone',
  typeError: 'new type error',
};

export function renderGithub(report: FormatReport): string {
  const root = findGitRoot(report.cwd) ?? report.cwd;
  const lines = [
    ...report.places.map((place) => placeCommand(place, report, root)),
    ...report.notices.map((notice) =>
      workflowCommand({
        command: COMMANDS[notice.level],
        title: `record-compat ${report.door}`,
        lines: [notice.message],
      }),
    ),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

function placeCommand(place: FormatPlace, report: FormatReport, root: string): string {
  const family = place.family === null ? '' : ` (${place.family})`;
  return workflowCommand({
    command: COMMANDS[place.level],
    file: toPosixPath(path.relative(root, path.resolve(report.cwd, place.file))),
    line: place.line,
    column: place.column,
    title: `record-compat ${report.door}: ${VERDICT_WORDS[place.verdict]}${family}`,
    lines: place.todo ? [place.reason, `What to do: ${place.todo.what}: ${place.todo.page}`] : [place.reason],
  });
}

/** One annotation, its strings as the run has them (exact): workflowCommand escapes them. */
export interface Annotation {
  command: 'error' | 'warning' | 'notice';
  /** The file's path from the repository's top, with forward slashes. */
  file?: string;
  line?: number | null;
  column?: number | null;
  title: string;
  /** The message, a line each. */
  lines: readonly string[];
}

/**
 * `::command file=…,line=…,col=…,title=…::message` on one line, the one way a string reaches the
 * `github` format. The title and each line of the message are shown as the text shows them
 * (printable: a control character, a line break or a byte of a name that is not UTF-8 is
 * written visibly, never raw), then `%` is escaped, and in a property `:` and `,` too, as the
 * runner unescapes them; the message's own lines are joined by `%0A`. The file is written as the
 * runner will read it (fileOnGitHub), and where that is not its name, the message says so first.
 */
export function workflowCommand(annotation: Annotation): string {
  const { file, said } = annotation.file === undefined ? {} : fileOnGitHub(annotation.file);
  const properties: [string, string][] = [
    ...(file === undefined ? [] : [['file', file] as [string, string]]),
    ...(annotation.line == null ? [] : [['line', String(annotation.line)] as [string, string]]),
    ...(annotation.column == null ? [] : [['col', String(annotation.column)] as [string, string]]),
    ['title', printable(annotation.title)],
  ];
  const message = [...(said === undefined ? [] : [said]), ...annotation.lines]
    .map((line) => escapeData(printable(line)))
    .join('%0A');
  const props = properties.map(([key, value]) => `${key}=${escapeProperty(value)}`).join(',');
  return `::${annotation.command} ${props}::${message}`;
}

/**
 * A file's path as the annotation's `file` names it, and what the message must say of it. The
 * runner reads a step's output as UTF-8 and puts U+FFFD for each byte that is not: a name that
 * is not UTF-8 is named so (what GitHub can match, if anything), and the message gives its
 * bytes. A name holding a control character or a line break is not written in `file` at all
 * (it would reach the log raw): the message names it, escaped.
 */
function fileOnGitHub(name: string): { file?: string; said?: string } {
  const read = new TextDecoder().decode(nameBytes(name));
  if (holdsUnprintable(read))
    return {
      said: `${name}: its name holds a control character or a line break, which an annotation's file cannot carry`,
    };
  if (read !== name) return { file: read, said: `${name}: its name is not UTF-8; GitHub reads it as ${read}` };
  return { file: name };
}

/** A message's text: `%`, CR and LF escaped, so that the command stays on its line. */
function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property's value: also `:` and `,`, which end it. */
function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
