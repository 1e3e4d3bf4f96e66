/**
 * A run as GitHub Actions workflow commands: one `::warning`, `::error` or `::notice` line per
 * place (file from the repository's top, line, column, a title naming the verdict and family)
 * and per notice of the run, escaped as the runner reads them back.
 */
import * as path from 'path';
import { findGitRoot, toPosixPath } from '../rewrite/light';
import { FOR_A_PERSON, HANDLED } from '../report/words';
import type { FormatPlace, FormatReport, Level, Verdict } from './model';

const COMMANDS: Record<Level, string> = { error: 'error', warning: 'warning', note: 'notice' };

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
      command(COMMANDS[notice.level], { title: `record-compat ${report.door}` }, notice.message),
    ),
  ];
  return lines.map((line) => `${line}\n`).join('');
}

function placeCommand(place: FormatPlace, report: FormatReport, root: string): string {
  const file = toPosixPath(path.relative(root, path.resolve(report.cwd, place.file)));
  const family = place.family === null ? '' : ` (${place.family})`;
  return command(
    COMMANDS[place.level],
    {
      file,
      ...(place.line === null ? {} : { line: String(place.line) }),
      ...(place.column === null ? {} : { col: String(place.column) }),
      title: `record-compat ${report.door}: ${VERDICT_WORDS[place.verdict]}${family}`,
    },
    place.todo ? `${place.reason}\nWhat to do: ${place.todo.what}: ${place.todo.page}` : place.reason,
  );
}

/** `::name key=value,…::message`, each part escaped as the runner expects. */
function command(name: string, properties: Record<string, string>, message: string): string {
  const props = Object.entries(properties)
    .map(([key, value]) => `${key}=${escapeProperty(value)}`)
    .join(',');
  return `::${name}${props === '' ? '' : ` ${props}`}::${escapeData(message)}`;
}

/** A message: `%`, CR and LF escaped, so that the command stays on its line. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** A property's value: also `:` and `,`, which end it. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
