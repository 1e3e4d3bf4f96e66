/**
 * A run as Markdown, to paste into a pull request: the counts by family and door, the files
 * changed, each place left for a person with its reason and what to do, what could not be
 * migrated or judged, the audit's --verify verdict, the run's warnings and the next steps.
 * Every word a report holds (paths, reasons, notices, next steps) passes markdownInline: it reads
 * as written, never as markup.
 */
import { counted, nameBytes, PACKAGE_NAME, printable } from '../rewrite/light';
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
    ...report.changedFiles.map((file) => `- ${markdownInline(file, 'code')}`),
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
        `| ${markdownInline(where(place), 'code')} | ${place.family ?? ''} | ${markdownInline(place.reason)} | ${place.todo ? link(place.todo.what, place.todo.page) : ''} |`,
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
      (place) =>
        `| ${markdownInline(where(place), 'code')} | ${OTHER_VERDICTS[place.verdict]} | ${markdownInline(place.reason)} |`,
    ),
  ].join('\n');
}

function verifySection(report: FormatReport): string {
  if (!report.verify) return '';
  return `### Verify\n\n**${report.verify.passed ? 'Passed' : 'Failed'}**: ${markdownInline(report.verify.verdict)}`;
}

function noticesSection(report: FormatReport): string {
  if (report.notices.length === 0) return '';
  return [
    '### Notices',
    '',
    ...report.notices.map((notice) => `- ${notice.level}: ${markdownInline(notice.message)}`),
  ].join('\n');
}

function nextSection(report: FormatReport): string {
  if (report.nextSteps.length === 0) return '';
  return ['### Next', '', ...report.nextSteps.map((step) => `- ${markdownInline(step)}`)].join('\n');
}

/** `file:line:col` as the text names a place (a whole file by its path alone). */
function where(place: FormatPlace): string {
  if (place.line === null) return place.file;
  return place.column === null ? `${place.file}:${place.line}` : `${place.file}:${place.line}:${place.column}`;
}

function capital(words: string): string {
  return words[0].toUpperCase() + words.slice(1);
}

/** A link whose words and target pass markdownInline. */
function link(words: string, target: string): string {
  return `[${markdownInline(words)}](${markdownInline(target, 'target')})`;
}

/**
 * How a text is written: `words`, as text; `code`, as a code span (a path); `target`, as a link's destination.
 */
export type InlineStyle = 'words' | 'code' | 'target';

/**
 * The one way a string reaches the Markdown. It is first shown as the text shows it (printable:
 * no line break, no control character, a byte of a name that is not UTF-8 as `\xNN`), so that it
 * stays on its line; then written to read as written wherever it stands, in a table cell as in a
 * list item. `words`: each character Markdown may read as markup backslash-escaped (and a `+`,
 * `-`, `=` or number that would start a block), a space at either end as a character reference,
 * which a cell or a paragraph would trim. `code`: in a code span fenced by more backticks than it
 * holds in a row, padded where a span would trim it; as `words` where it holds a `|` (a span can
 * escape one only in a table) or nothing but spaces. `target`: a link's destination in angle
 * brackets, each byte but a few percent-encoded.
 */
export function markdownInline(text: string, style: InlineStyle = 'words'): string {
  if (style === 'target') return `<${percentEncoded(text)}>`;
  const shown = printable(text);
  // An empty span, or one of spaces alone, is read another way by each renderer: as words.
  return style === 'code' && !shown.includes('|') && shown.trim() !== '' ? codeSpan(shown) : escapedWords(shown);
}

/**
 * The ASCII punctuation Markdown (CommonMark, GitHub's tables, strikethrough and math) may read as markup, and the
 * `@` and `#` of GitHub's mentions and references, which would notify a person or link an issue.
 */
const MARKUP = /[\\`*_[\]<>|~&!$@#]/g;
/** What starts a block at the start of a list item's text: a list, a rule, an underline. */
const BLOCK_START = /^(?:[+\-=]|\d+(?=[.)]))/;

function escapedWords(shown: string): string {
  return shown
    .replace(MARKUP, (c) => `\\${c}`)
    .replace(BLOCK_START, (start) => (/^\d/.test(start) ? start.replace(/(\d)$/, '$1\\') : `\\${start}`))
    .replace(/^\s|\s$/g, (c) => `&#${c.charCodeAt(0)};`);
}

function codeSpan(shown: string): string {
  const longest = Math.max(0, ...(shown.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  // A span drops one space at each end when it has one at both: a padded one keeps them, and parts a backtick at
  // either end from the fence.
  const spaced = shown.startsWith(' ') && shown.endsWith(' ');
  const pad = spaced || shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}

/** The bytes a link's destination keeps as they are; the rest (a space, `<`, `>`, `|`, `\\`, `&`, `%`) is `%XX`. */
const TARGET_KEPT = /^[A-Za-z0-9\-_.~/:#!*'();@=+$,?]$/;

function percentEncoded(text: string): string {
  let encoded = '';
  for (const byte of nameBytes(text)) {
    const c = String.fromCharCode(byte);
    encoded += byte < 0x80 && TARGET_KEPT.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}
