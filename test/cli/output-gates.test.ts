/**
 * The one escaping function of each output format, over arbitrary strings and names (fast-check):
 * control characters, CR, LF, ESC, U+2028, bidirectional overrides, lone surrogates and names
 * that are not UTF-8. The text: printable; JSON and the strings of SARIF: reportJson; the paths
 * of SARIF: sarifUri; GitHub's workflow commands: workflowCommand; Markdown: markdownInline. Each
 * output is read back as its reader reads it: JSON.parse, the SARIF schema, GitHub's runner,
 * markdown-it.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { afterAll, describe, expect, it } from 'vitest';
import { renderGithub, workflowCommand, type Annotation } from '../../src/report-formats/github';
import { markdownInline, renderMarkdown } from '../../src/report-formats/markdown';
import type { FormatPlace, FormatReport, Notice } from '../../src/report-formats/model';
import { renderSarif, sarifUri } from '../../src/report-formats/sarif';
import {
  holdsUnprintable,
  jsonText,
  keepUndecodable,
  MIGRATION_FAMILIES,
  nameBytes,
  printable,
  printableWhereSeparatorIs,
  reportJson,
  toPosixPath,
} from '../../src/rewrite/light';
import { parseWorkflowCommand, sarifValidator } from '../helpers/report-readers';

// ---- arbitrary strings ----

/** What an escape must take care of, and what each format reads as markup or structure. */
const CAREFUL = [
  ...['\r', '\n', '\r\n', '\x1b', '\x1b[31m', '\t', '\0', '\x7f', '\x85', '\x9b', '\u2028', '\u2029', '\u202e'],
  ...['\u2066', '\ufeff', '\ufffd', '\u00a0', '\u3000', '\\', '\\n', '\\x1b', '%', '%0A', '%25', ':', ',', '::'],
  ...['|', '`', '``', '#', '# ', '@', '*', '_', '<', '>', '> ', '&', '&amp;', '[', ']', '(', ')', '!', '$', '~'],
  ...[' ', '  ', '-', '+', '=', '1.', '2)', '---', '```', 'http://x', 'javascript:'],
];

/** One piece of a string: a character that needs care, any UTF-16 unit (a lone surrogate too), any code point. */
const piece = fc.oneof(
  fc.constantFrom(...CAREFUL),
  fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code)),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 4 }),
);
const anyText = fc.array(piece, { maxLength: 12 }).map((pieces) => pieces.join(''));
/** A name from arbitrary bytes, kept as the walk keeps a name that is not UTF-8 (keepUndecodable). */
const byteName = fc.uint8Array({ minLength: 1, maxLength: 12 }).map((bytes) => keepUndecodable(bytes));
/** A path as a report holds one: names of either kind, joined by `/`. */
const anyPath = fc
  .array(
    fc.oneof(
      anyText.filter((name) => name !== ''),
      byteName,
    ),
    { minLength: 1, maxLength: 3 },
  )
  .map((names) => names.join('/'));
const anyString = fc.oneof(anyText, anyPath);

/** printable() read back: each escape to the character, or the byte of a name that is not UTF-8, it stands for. */
function unprintable(shown: string): string {
  const short: Record<string, string> = { '\\': '\\', n: '\n', r: '\r', t: '\t' };
  return shown.replace(/\\(?:([\\nrt])|x([0-9a-f]{2})|u([0-9a-f]{4}))/g, (_, c: string, byte: string, unit: string) => {
    if (c) return short[c];
    if (byte) return String.fromCharCode(parseInt(byte, 16) >= 0x80 ? 0xdc00 + parseInt(byte, 16) : parseInt(byte, 16));
    return String.fromCharCode(parseInt(unit, 16));
  });
}

/** A percent-encoded URI's bytes. */
function percentDecoded(uri: string): Buffer {
  const bytes: number[] = [];
  for (let i = 0; i < uri.length; i++) {
    if (uri[i] === '%') {
      bytes.push(parseInt(uri.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(uri.charCodeAt(i));
  }
  return Buffer.from(bytes);
}

const LONE_SURROGATE = /[\ud800-\udfff]/u;

// ---- the text ----

describe('the text: printable', () => {
  it('leaves no control character, line break, bidirectional control or lone surrogate, and reads back as given', () => {
    fc.assert(
      fc.property(anyString, (text) => {
        const shown = printableWhereSeparatorIs('/', text);
        expect(holdsUnprintable(shown)).toBe(false);
        expect(unprintable(shown)).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it("shows a name that is not UTF-8 by its bytes: read back, they are the name's", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 16 }), (bytes) => {
        const shown = printableWhereSeparatorIs('/', keepUndecodable(bytes));
        expect(nameBytes(unprintable(shown))).toEqual(Buffer.from(bytes));
      }),
    );
  });
});

// ---- JSON ----

describe('JSON: reportJson', () => {
  it('is JSON of well-formed Unicode whose strings come back exact, a lone surrogate written visibly', () => {
    fc.assert(
      fc.property(fc.array(anyString, { maxLength: 6 }), (strings) => {
        const out = reportJson({ strings, nested: { first: strings[0] ?? null } });
        expect(out).not.toMatch(LONE_SURROGATE);
        expect(out).not.toMatch(/[\x00-\x09\x0b-\x1f]/);
        const parsed = JSON.parse(out);
        expect(parsed.strings).toEqual(strings.map(jsonText));
        for (const [i, text] of strings.entries()) {
          expect(parsed.strings[i]).not.toMatch(LONE_SURROGATE);
          if (!LONE_SURROGATE.test(text)) expect(parsed.strings[i]).toBe(text);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('writes every string of any report through jsonText, keys as JSON writes them, whichever path it takes', () => {
    const throughJsonText = (value: unknown) =>
      JSON.stringify(value, (_key, v: unknown) => (typeof v === 'string' ? jsonText(v) : v), 2);
    fc.assert(
      fc.property(fc.dictionary(anyString, fc.oneof(anyString, fc.array(anyString, { maxLength: 3 }))), (report) => {
        expect(reportJson(report)).toBe(throughJsonText(report));
      }),
      { numRuns: 300 },
    );
  });
});

// ---- the CI formats, on whole reports ----

const cwd = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rc-output-gates-')));
afterAll(() => fs.rmSync(cwd, { recursive: true, force: true }));

const anyPlace: fc.Arbitrary<FormatPlace> = fc.record({
  verdict: fc.constantFrom('person', 'handled', 'rewriteOnly', 'failed', 'refused', 'skipped', 'typeError' as const),
  level: fc.constantFrom('error', 'warning', 'note' as const),
  file: anyPath,
  line: fc.option(fc.integer({ min: 1, max: 10_000 })),
  column: fc.option(fc.integer({ min: 1, max: 500 })),
  family: fc.option(fc.constantFrom(...MIGRATION_FAMILIES)),
  reason: anyString,
  todo: fc.option(fc.record({ what: anyText, page: anyText.map((page) => `/docs/${page}`) }), { nil: undefined }),
});
const anyNotice: fc.Arbitrary<Notice> = fc.record({
  level: fc.constantFrom('error', 'warning', 'note' as const),
  message: anyString,
});
const anyReport: fc.Arbitrary<FormatReport> = fc.record({
  door: fc.constantFrom('codemod', 'audit' as const),
  cwd: fc.constant(cwd),
  dry: fc.boolean(),
  places: fc.array(anyPlace, { maxLength: 6 }),
  notices: fc.array(anyNotice, { maxLength: 3 }),
  families: fc.constant([]),
  changedFiles: fc.array(anyPath, { maxLength: 3 }),
  verify: fc.option(fc.record({ verdict: anyString, passed: fc.boolean() }), { nil: undefined }),
  nextSteps: fc.array(anyString, { maxLength: 3 }),
  exitCode: fc.integer({ min: 0, max: 2 }),
});

/** A place's path from the run's folder, as the formats name it (the folder is no repository: it is the root). */
const fromRoot = (file: string) => toPosixPath(path.relative(cwd, path.resolve(cwd, file)));

describe('SARIF: reportJson for its strings, sarifUri for its paths', () => {
  const validSarif = sarifValidator();

  it("sarifUri is a URI reference of the path's own bytes, also where a name is not UTF-8", () => {
    fc.assert(
      fc.property(anyPath, (file) => {
        const uri = sarifUri(file);
        expect(uri).toMatch(/^(?:[A-Za-z0-9\-_.!~*'()/]|%[0-9A-F]{2})*$/);
        expect(percentDecoded(uri)).toEqual(nameBytes(file));
      }),
      { numRuns: 500 },
    );
  });

  it('a report of any strings is valid SARIF 2.1.0, each place at its bytes, each message as the JSON has it', () => {
    fc.assert(
      fc.property(anyReport, (report) => {
        const out = renderSarif(report);
        expect(out).not.toMatch(LONE_SURROGATE);
        const log = JSON.parse(out);
        expect(validSarif(log), JSON.stringify(validSarif.errors)).toBe(true);
        const run = log.runs[0];
        expect(run.results).toHaveLength(report.places.length);
        for (const [i, place] of report.places.entries()) {
          const result = run.results[i];
          expect(percentDecoded(result.locations[0].physicalLocation.artifactLocation.uri)).toEqual(
            nameBytes(fromRoot(place.file)),
          );
          expect(result.message.text).toBe(jsonText(place.reason));
        }
        expect(
          run.invocations[0].toolExecutionNotifications.map((n: { message: { text: string } }) => n.message.text),
        ).toEqual(report.notices.map((notice) => jsonText(notice.message)));
      }),
      { numRuns: 150 },
    );
  });
});

describe('GitHub: workflowCommand', () => {
  const anyAnnotation: fc.Arbitrary<Annotation> = fc.record({
    command: fc.constantFrom('error', 'warning', 'notice' as const),
    file: fc.option(anyPath, { nil: undefined }),
    line: fc.option(fc.integer({ min: 1, max: 10_000 })),
    column: fc.option(fc.integer({ min: 1, max: 500 })),
    title: anyText,
    lines: fc.array(anyString, { minLength: 1, maxLength: 3 }),
  });

  it('is one line the runner reads back as the text shows each string; the file as the runner reads its bytes, or named in the message', () => {
    fc.assert(
      fc.property(anyAnnotation, (annotation) => {
        const line = workflowCommand(annotation);
        expect(holdsUnprintable(line)).toBe(false);
        const command = parseWorkflowCommand(line)!;
        expect(command).not.toBeNull();
        expect(command.command).toBe(annotation.command);
        expect(command.properties.title).toBe(printable(annotation.title));
        expect(command.properties.line).toBe(annotation.line == null ? undefined : String(annotation.line));
        expect(command.properties.col).toBe(annotation.column == null ? undefined : String(annotation.column));
        const message = command.message.split('\n');
        const ownLines = annotation.lines.map(printable);
        if (annotation.file === undefined) {
          expect(message).toEqual(ownLines);
          return;
        }
        // The runner decodes a step's output as UTF-8, each byte that is not as U+FFFD.
        const read = new TextDecoder().decode(nameBytes(annotation.file));
        if (read === annotation.file && !holdsUnprintable(read)) {
          expect(command.properties.file).toBe(annotation.file);
          expect(message).toEqual(ownLines);
          return;
        }
        // Never a U+FFFD in silence: the message names the file first, by its bytes.
        expect(command.properties.file).toBe(holdsUnprintable(read) ? undefined : read);
        expect(message.slice(1)).toEqual(ownLines);
        expect(message[0].startsWith(`${printable(annotation.file)}: its name `)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('a report of any strings is a command a line, each read back', () => {
    fc.assert(
      fc.property(anyReport, (report) => {
        const lines = renderGithub(report).split('\n');
        expect(lines.pop()).toBe('');
        expect(lines).toHaveLength(report.places.length + report.notices.length);
        for (const line of lines) expect(parseWorkflowCommand(line), line).not.toBeNull();
      }),
      { numRuns: 150 },
    );
  });
});

describe('Markdown: markdownInline', () => {
  // GitHub renders some HTML in a comment: read with it on, so that a tag that got through would show.
  const markdown = new MarkdownIt({ html: true });
  const inlineText = (token: ReturnType<typeof markdown.parse>[number]) => {
    const children = token.children ?? [];
    for (const child of children) expect(['text', 'code_inline']).toContain(child.type);
    return children.map((child) => child.content).join('');
  };

  it('words and paths read as the text shows them, in a table cell and in a list item, and are nothing but text', () => {
    fc.assert(
      fc.property(anyString, fc.constantFrom('words', 'code' as const), (text, style) => {
        const written = markdownInline(text, style);
        expect(written).not.toMatch(/[\r\n]/);
        const table = markdown.parse(`| A | B |\n| --- | --- |\n| ${written} | x |\n`, {});
        const cells = table.filter((token) => token.type === 'inline').slice(2);
        expect(table.filter((token) => token.type === 'table_open')).toHaveLength(1);
        expect(table.filter((token) => token.type === 'tr_open')).toHaveLength(2);
        expect(cells.map(inlineText)).toEqual([printable(text), 'x']);
        const list = markdown.parse(`- ${written}\n`, {});
        const blocks = list.filter((token) => token.type !== 'inline').map((token) => token.type);
        if (printable(text) === '') return;
        expect(blocks).toEqual([
          'bullet_list_open',
          'list_item_open',
          'paragraph_open',
          'paragraph_close',
          'list_item_close',
          'bullet_list_close',
        ]);
        expect(inlineText(list.find((token) => token.type === 'inline')!)).toBe(printable(text));
      }),
      { numRuns: 500 },
    );
  });

  it("a link's target leads to the page's own bytes", () => {
    fc.assert(
      fc.property(anyText, (page) => {
        const target = `/docs/${page}`;
        const tokens = markdown.parse(`| [w](${markdownInline(target, 'target')}) |\n| --- |\n| x |\n`, {});
        const links = tokens.flatMap((token) => token.children ?? []).filter((child) => child.type === 'link_open');
        expect(links).toHaveLength(1);
        expect(percentDecoded(String(links[0].attrGet('href')))).toEqual(nameBytes(target));
      }),
      { numRuns: 300 },
    );
  });

  it('a report of any strings has the headings, tables and rows its own words give it, and no other markup', () => {
    fc.assert(
      fc.property(anyReport, (report) => {
        const tokens = markdown.parse(renderMarkdown(report), {});
        expect(tokens.filter((token) => token.type.startsWith('html') || token.type === 'code_block')).toEqual([]);
        const headings = tokens.filter((token, i) => tokens[i - 1]?.type === 'heading_open').map((t) => t.content);
        for (const heading of headings)
          expect(heading).toMatch(
            /^(taro-plugin-record-compat (audit|codemod)|Files|Left for a person|Not migrated|Verify|Notices|Next)/,
          );
        const person = report.places.filter((place) => place.verdict === 'person').length;
        const others = report.places.length - person - report.places.filter((p) => p.verdict === 'handled').length;
        // A row per place, beside the header rows and the family table's total.
        expect(tokens.filter((token) => token.type === 'tr_open')).toHaveLength(
          2 + (person > 0 ? person + 1 : 0) + (others > 0 ? others + 1 : 0),
        );
        const items = report.changedFiles.length + report.notices.length + report.nextSteps.length;
        expect(tokens.filter((token) => token.type === 'list_item_open')).toHaveLength(items);
      }),
      { numRuns: 150 },
    );
  });
});
