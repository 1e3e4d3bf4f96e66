/**
 * A run as Markdown, to paste into a pull request: the counts by family and door, the files
 * changed, each place left for a person with its reason and what to do, what could not be
 * migrated or judged, the audit's --verify verdict, the run's warnings and the next steps.
 * Every word a report holds (paths, reasons) is escaped: it reads as written, never as markup.
 */
import { counted, PACKAGE_NAME, printable } from '../rewrite/light';
import { FOR_A_PERSON, HANDLED, places as placesWord } from '../report/words';
import type { FamilyCount, FormatPlace, FormatReport, Verdict } from './model';

/** The verdicts listed under "what could not be migrated or judged", in the text's words. */
const OTHER_VERDICTS: Partial<Record<Verdict, string>> = {
  failed: 'not migrated',
  refused: 'refused by the rewrite',
  typeError: 'new type error',
  rewriteOnly: 'only the rewrite sees this',
  skipped: 'left alone',
};

export function renderMarkdown(report: FormatReport): string {
  const sections = [
    heading(report),
    familyTable(report),
    changedFiles(report),
    personTable(report),
    otherTable(report),
    verifySection(report),
    noticesSection(report),
    nextSection(report),
  ];
  return `${sections.filter((section) => section !== '').join('\n\n')}\n`;
}

function heading(report: FormatReport): string {
  const what = report.door === 'audit' ? 'audit' : report.dry ? 'codemod (dry run: nothing was written)' : 'codemod';
  return `## ${PACKAGE_NAME} ${what}\n\nExit code ${report.exitCode}.`;
}

function familyTable(report: FormatReport): string {
  const total: FamilyCount = {
    family: null,
    handled: report.families.reduce((n, row) => n + row.handled, 0),
    person: report.families.reduce((n, row) => n + row.person, 0),
  };
  const row = (name: string, count: FamilyCount) => `| ${name} | ${report.door} | ${count.handled} | ${count.person} |`;
  return [
    `| Family | Door | ${capital(HANDLED)} | ${capital(FOR_A_PERSON)} |`,
    '| --- | --- | ---: | ---: |',
    ...report.families.map((count) => row(count.family ?? '(no one family)', count)),
    row('**Total**', total),
  ].join('\n');
}

function changedFiles(report: FormatReport): string {
  if (report.changedFiles.length === 0) return '';
  const title =
    report.door === 'audit'
      ? 'Files changed since the baseline'
      : report.dry
        ? 'Files that would change'
        : 'Files changed';
  return [
    `### ${title} (${report.changedFiles.length})`,
    '',
    ...report.changedFiles.map((file) => `- ${code(file)}`),
  ].join('\n');
}

function personTable(report: FormatReport): string {
  const person = report.places.filter((place) => place.verdict === 'person');
  if (person.length === 0) return '';
  return [
    `### ${capital(FOR_A_PERSON)} (${placesWord(person.length)})`,
    '',
    '| Place | Family | Reason | What to do |',
    '| --- | --- | --- | --- |',
    ...person.map(
      (place) =>
        `| ${cell(code(where(place)))} | ${place.family ?? ''} | ${cell(text(place.reason))} | ${place.todo ? cell(link(place.todo.what, place.todo.page)) : ''} |`,
    ),
  ].join('\n');
}

function otherTable(report: FormatReport): string {
  const others = report.places.filter((place) => OTHER_VERDICTS[place.verdict] !== undefined);
  if (others.length === 0) return '';
  return [
    `### Not migrated, or not judged (${counted(others.length, 'place')})`,
    '',
    '| Place | What | Reason |',
    '| --- | --- | --- |',
    ...others.map(
      (place) => `| ${cell(code(where(place)))} | ${OTHER_VERDICTS[place.verdict]} | ${cell(text(place.reason))} |`,
    ),
  ].join('\n');
}

function verifySection(report: FormatReport): string {
  if (!report.verify) return '';
  return `### Verify\n\n**${report.verify.passed ? 'Passed' : 'Failed'}**: ${text(report.verify.verdict)}`;
}

function noticesSection(report: FormatReport): string {
  if (report.notices.length === 0) return '';
  return ['### Notices', '', ...report.notices.map((notice) => `- ${notice.level}: ${text(notice.message)}`)].join(
    '\n',
  );
}

function nextSection(report: FormatReport): string {
  if (report.nextSteps.length === 0) return '';
  return ['### Next', '', ...report.nextSteps.map((step) => `- ${text(step)}`)].join('\n');
}

/** `file:line:col` as the text names a place (a whole file by its path alone). */
function where(place: FormatPlace): string {
  if (place.line === null) return place.file;
  return place.column === null ? `${place.file}:${place.line}` : `${place.file}:${place.line}:${place.column}`;
}

function capital(words: string): string {
  return words[0].toUpperCase() + words.slice(1);
}

/** Words as they read: Markdown's punctuation escaped, line breaks as spaces (a cell or item is one line). */
function text(words: string): string {
  return words.replace(/\r?\n/g, ' ').replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`);
}

/** A path in a code span, fenced by more backticks than it holds in a row; printable(), as the text shows it. */
function code(words: string): string {
  const shown = printable(words);
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** A link whose target may hold spaces: in angle brackets. */
function link(words: string, target: string): string {
  return `[${text(words)}](<${target.replace(/[<>]/g, encodeURIComponent)}>)`;
}

/** A table cell's text: its own `|` escaped, which a code span does not do. */
function cell(markdown: string): string {
  return markdown.replace(/(?<!\\)\|/g, '\\|');
}
