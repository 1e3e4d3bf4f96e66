/**
 * The CI formats (`--format sarif|github|markdown`) of the codemod and the audit, each against
 * the JSON and the text of the same tree: the same places, with the same reasons. SARIF is
 * checked against the SARIF 2.1.0 JSON schema (ajv), the workflow commands are parsed back, and
 * the Markdown is read with markdown-it (its tables, its links).
 */
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import MarkdownIt from 'markdown-it';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit/index';
import type { AuditResult } from '../../src/audit/types';
import { auditReport } from '../../src/cli/audit';
import { parseCommandLine } from '../../src/cli/options';
import { workflowCommand } from '../../src/report-formats/github';
import { MIGRATION_FAMILIES } from '../../src/rewrite/light';
import { FIXTURES, fixtureInputFiles, fixtureTemplateFiles } from '../helpers/fixtures';
import { parseWorkflowCommand, sarifValidator } from '../helpers/report-readers';
import { gitIn } from '../helpers/temp-project';
import {
  cleanupProjects,
  commitAll,
  mainInProcess,
  makeProject,
  BIN,
  ROOT,
  runCliListingLoaded,
  type Tree,
} from './helpers';

afterAll(cleanupProjects);

/** One place as every format must name it: level, file, 1-based line and column (null: the whole file), reason. */
interface Place {
  level: 'error' | 'warning' | 'note';
  file: string;
  line: number | null;
  column: number | null;
  reason: string;
}

const byPlace = (a: Place, b: Place) =>
  JSON.stringify([a.file, a.line, a.column, a.reason]) < JSON.stringify([b.file, b.line, b.column, b.reason]) ? -1 : 1;
const sorted = (places: Place[]) => [...places].sort(byPlace);

// ---- the corpus: the fixtures' inputs a person must finish, some the rewrite takes, and names to escape ----

/** Every `manual-*` fixture (places for a person), a few the rewrite takes whole, with the templates beside them. */
function corpusTree(): Tree {
  const inputs = fixtureInputFiles().filter(
    (file) =>
      file.startsWith('manual-') ||
      ['wx-global.input.js', 'voice-wx-page.input.js', 'system-info-several-apis.input.js'].includes(file),
  );
  const tree: Tree = { 'package.json': '{}\n' };
  for (const file of [...inputs, ...inputs.flatMap(fixtureTemplateFiles)])
    tree[`pages/${file}`] = fs.readFileSync(path.join(FIXTURES, file), 'utf8');
  // A name with the characters the workflow commands and URIs escape; a file that fails (it does not parse).
  tree['pages/odd, name: 100% sure.js'] = fs.readFileSync(
    path.join(FIXTURES, 'manual-dynamic-access.input.js'),
    'utf8',
  );
  tree['pages/broken.js'] = 'wx.startRecord(\n';
  return tree;
}

let corpus: string;
beforeAll(() => {
  corpus = makeProject(corpusTree());
});

// ---- readers of each format ----

const validSarif = sarifValidator();

function sarifPlaces(text: string, cwd: string): { places: Place[]; log: any } {
  const log = JSON.parse(text);
  expect(validSarif(log), JSON.stringify(validSarif.errors, null, 2)).toBe(true);
  const run = log.runs[0];
  expect(run.originalUriBaseIds['%SRCROOT%'].uri).toBe(`file://${fs.realpathSync(cwd)}/`.replace(/ /g, '%20'));
  const places = run.results.map((r: any): Place => {
    const location = r.locations[0];
    const whole = location.properties?.wholeFile === true;
    expect(location.physicalLocation.artifactLocation.uriBaseId).toBe('%SRCROOT%');
    // Every result names its rule, which the driver lists at its index.
    expect(run.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
    return {
      level: r.level,
      file: decodeURIComponent(location.physicalLocation.artifactLocation.uri),
      line: whole ? null : location.physicalLocation.region.startLine,
      column: whole ? null : (location.physicalLocation.region.startColumn ?? null),
      reason: r.message.text,
    };
  });
  return { places, log };
}

/** The workflow commands read back as the runner reads them: each property and the message unescaped. */
function githubCommands(text: string) {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => {
      const command = parseWorkflowCommand(line);
      expect(command, line).not.toBeNull();
      return command!;
    });
}

function githubPlaces(text: string): { places: Place[]; notices: { command: string; message: string }[] } {
  const commands = githubCommands(text);
  const level = (command: string) => (command === 'notice' ? 'note' : command) as Place['level'];
  return {
    places: commands
      .filter((c) => c.properties.file !== undefined)
      .map((c) => ({
        level: level(c.command),
        file: c.properties.file,
        line: c.properties.line === undefined ? null : Number(c.properties.line),
        column: c.properties.col === undefined ? null : Number(c.properties.col),
        // A place for a person says what to do on a line of its own, after its reason.
        reason: c.message.split('\nWhat to do: ')[0],
      })),
    notices: commands.filter((c) => c.properties.file === undefined),
  };
}

const markdown = new MarkdownIt();

interface Cell {
  text: string;
  links: string[];
}

/** Each table of the Markdown as rows of cells, each cell its text and its links; and the HTML, rendered. */
function markdownTables(text: string): { tables: Cell[][][]; html: string } {
  const tables: Cell[][][] = [];
  let row: Cell[] | null = null;
  for (const token of markdown.parse(text, {})) {
    if (token.type === 'table_open') tables.push([]);
    else if (token.type === 'tr_open') row = [];
    else if (token.type === 'tr_close' && row) {
      tables[tables.length - 1].push(row);
      row = null;
    } else if (token.type === 'inline' && row) {
      const children = token.children ?? [];
      row.push({
        text: children.map((child) => child.content).join(''),
        links: children.filter((child) => child.type === 'link_open').map((child) => String(child.attrGet('href'))),
      });
    }
  }
  return { tables, html: markdown.render(text) };
}

/**
 * The anchors of a Markdown file: those GitHub gives its headings (lower case, punctuation dropped, spaces as dashes)
 * and its own `<a id>`s.
 */
function anchorsOf(file: string): string[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const headings = lines
    .filter((line) => /^#+ /.test(line))
    .map((line) =>
      line
        .replace(/^#+ /, '')
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  return [...headings, ...lines.flatMap((line) => [...line.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]))];
}

/** Each link of a "what to do" cell leads to a page of the docs that exists, at a heading it has. */
function expectLinksLead(links: string[], cwd: string): void {
  expect(links.length).toBeGreaterThan(0);
  for (const link of links) {
    const [page, anchor] = decodeURI(link).split('#');
    const file = path.resolve(cwd, page);
    expect(fs.existsSync(file), file).toBe(true);
    expect(file.startsWith(path.join(ROOT, 'docs'))).toBe(true);
    if (anchor !== undefined) expect(anchorsOf(file)).toContain(anchor);
  }
}

/** The table whose header row starts with `first`. */
function tableHeaded(tables: Cell[][][], first: string) {
  const table = tables.find((t) => t[0][0].text === first);
  expect(table, `a table headed ${first}`).toBeDefined();
  return table!.slice(1);
}

/** What a codemod's run says of itself in the CI formats, from its JSON: its warnings, then what was not checked. */
const runNotices = (json: any): string[] => [
  ...json.warnings,
  ...(json.summary.notChecked ? [`not checked: ${json.summary.notChecked}`] : []),
];

/** `file:line:col` as the text and the Markdown name a place. */
const where = (p: Place) =>
  p.line === null ? p.file : `${p.file}:${p.line}${p.column === null ? '' : `:${p.column}`}`;

// ---- the codemod ----

describe('the codemod in each format, on the corpus fixtures', () => {
  let json: any;
  let expected: { person: Place[]; failed: Place[]; skipped: string[] };
  let text: string;
  beforeAll(async () => {
    const r = await mainInProcess(corpus, ['--dry', '--json']);
    json = JSON.parse(r.stdout);
    text = (await mainInProcess(corpus, ['--dry'])).stdout;
    const column = (c: number | null) => (c === null ? null : c + 1);
    expected = {
      person: json.manualReview.map((m: any) => ({
        level: 'warning',
        file: m.path,
        line: m.line,
        column: column(m.column),
        reason: m.reason,
      })),
      failed: json.failures.map((f: any) => ({
        level: 'error',
        file: f.path,
        line: f.line,
        column: column(f.column),
        reason: f.reason,
      })),
      skipped: json.files.filter((f: any) => f.status === 'skipped').map((f: any) => f.path),
    };
    // The corpus has each kind of place: a person's, a file that fails, a name to escape.
    expect(expected.person.length).toBeGreaterThan(20);
    expect(expected.failed.map((f) => f.file)).toEqual(['pages/broken.js']);
    expect(expected.person.some((p) => p.file === 'pages/odd, name: 100% sure.js')).toBe(true);
    // The text names each of them, under its reason.
    for (const p of [...expected.person, ...expected.failed]) {
      expect(text).toContain(where(p));
      expect(text).toContain(p.reason);
    }
  });

  it('--format json is --json', async () => {
    const r = await mainInProcess(corpus, ['--dry', '--format', 'json']);
    expect(JSON.parse(r.stdout)).toEqual(json);
  });

  it('sarif: valid SARIF 2.1.0, one rule per family of the API table, each place a result', async () => {
    const r = await mainInProcess(corpus, ['--dry', '--format', 'sarif']);
    expect(r.code).toBe(json.exitCode);
    const { places, log } = sarifPlaces(r.stdout, corpus);
    expect(sorted(places.filter((p) => p.level !== 'note'))).toEqual(sorted([...expected.person, ...expected.failed]));
    expect(places.filter((p) => p.level === 'note').map((p) => p.file)).toEqual(expected.skipped);
    const ruleIds = log.runs[0].tool.driver.rules.map((rule: any) => rule.id);
    expect(ruleIds.filter((id: string) => id.startsWith('legacy-api/'))).toEqual(
      MIGRATION_FAMILIES.map((family) => `legacy-api/${family}`),
    );
    // Each rule says what replaces its family and what the rewrite does with it.
    const rule = (family: string) =>
      log.runs[0].tool.driver.rules.find((r: any) => r.id === `legacy-api/${family}`).fullDescription.text;
    expect(rule('record')).toMatch(/replaced by getRecorderManager\. The rewrite migrates most uses to the runtime/);
    expect(rule('base64')).toMatch(/no replacement is named\. The rewrite migrates most uses to the runtime/);
    expect(rule('component-lifetimes')).toMatch(/The rewrite migrates most uses where they are written/);
    expect(rule('analytics')).toMatch(/replaced by reportEvent\. The rewrite leaves every use to a person/);
    expect(log.runs[0].invocations[0]).toMatchObject({ exitCode: json.exitCode, executionSuccessful: true });
    // Each run warning is a notification of the invocation, and what the summary says was not checked.
    expect(log.runs[0].invocations[0].toolExecutionNotifications.map((n: any) => n.message.text)).toEqual(
      runNotices(json),
    );
  });

  it('github: workflow commands that read back as the JSON report', async () => {
    const r = await mainInProcess(corpus, ['--dry', '--format', 'github']);
    expect(r.code).toBe(json.exitCode);
    const { places, notices } = githubPlaces(r.stdout);
    expect(sorted(places.filter((p) => p.level !== 'note'))).toEqual(sorted([...expected.person, ...expected.failed]));
    expect(notices.map((n) => n.message)).toEqual(runNotices(json));
    // The name with `,`, `:` and `%` is escaped on the line: no property ends early.
    expect(r.stdout).toContain('file=pages/odd%2C name%3A 100%25 sure.js,line=');
  });

  it('markdown: the counts by family, the files that would change, each place for a person and what to do', async () => {
    const r = await mainInProcess(corpus, ['--dry', '--format', 'markdown']);
    expect(r.code).toBe(json.exitCode);
    const { tables, html } = markdownTables(r.stdout);
    expect(html).toContain('<table>');
    const counts = tableHeaded(tables, 'Family');
    const total = counts[counts.length - 1];
    expect(total.map((c) => c.text)).toEqual([
      'Total',
      'codemod',
      String(json.summary.callsTotal),
      String(json.summary.manualReview),
    ]);
    for (const row of counts.slice(0, -1)) expect([...MIGRATION_FAMILIES, '(no one family)']).toContain(row[0].text);
    const person = tableHeaded(tables, 'Place');
    expect(person.map((row) => [row[0].text, row[2].text]).sort()).toEqual(
      expected.person.map((p) => [where(p), p.reason]).sort(),
    );
    expectLinksLead(
      person.flatMap((row) => row[3].links),
      corpus,
    );
    const notMigrated = tables.find((t) => t[0][1].text === 'What')!.slice(1);
    expect(notMigrated.filter((row) => row[1].text === 'not migrated').map((row) => row[0].text)).toEqual(
      expected.failed.map(where),
    );
    const changed = json.files.filter((f: any) => f.status === 'changed').map((f: any) => `<code>${f.path}</code>`);
    for (const file of changed) expect(html).toContain(`<li>${file}</li>`);
    // The next steps are the JSON's: commands as a person types them, without the format asked for.
    const next = markdown.parse(r.stdout.slice(r.stdout.indexOf('### Next')), {});
    expect(
      next.filter((token) => token.type === 'inline').map((token) => token.content.replace(/\\(.)/g, '$1')),
    ).toEqual(['Next', ...json.nextSteps]);
  });
});

// ---- the audit ----

/** The audit's places as its JSON names them, and at the level the formats give them. */
function auditPlaces(result: AuditResult): Place[] {
  return [
    ...result.findings.map((f) => ({
      level: f.status === 'manual' ? ('warning' as const) : ('note' as const),
      file: f.file,
      line: f.line,
      column: f.column,
      reason: f.certainty === 'possible' ? `${f.reason} (possible)` : f.reason,
    })),
    ...result.refusedFiles.map((f) => ({
      level: f.fails ? ('error' as const) : ('warning' as const),
      file: f.file,
      line: null,
      column: null,
      reason: `refused by the rewrite: ${f.message}; not audited`,
    })),
    ...result.failedFiles.map((f) => ({
      level: 'error' as const,
      file: f.file,
      line: null,
      column: null,
      reason: f.reason,
    })),
  ];
}

/** One audit's result written in `format`, as the command writes it for that command line. */
function written(result: AuditResult, cwd: string, args: string[]) {
  const parsed = parseCommandLine(['audit', ...args], cwd, '0.0.0');
  if (parsed.kind !== 'audit') throw new Error('not an audit');
  return auditReport(result, { ...parsed.options, color: false });
}

describe('the audit in each format, one run on the corpus fixtures', () => {
  let result: AuditResult;
  let expected: Place[];
  beforeAll(async () => {
    result = await runAudit({ cwd: corpus, paths: [] });
    expected = auditPlaces(result);
    expect(expected.filter((p) => p.level === 'warning').length).toBeGreaterThan(20);
    expect(expected.filter((p) => p.level === 'note').length).toBeGreaterThan(0);
  });

  it('writes the same places with the same reasons as its JSON and its text, and exits as the text does', () => {
    const text = written(result, corpus, []);
    const json = JSON.parse(written(result, corpus, ['--json']).text);
    for (const p of expected) {
      expect(text.text).toContain(where(p));
      expect(text.text).toContain(p.reason.replace(/ \(possible\)$/, ''));
    }
    const sarif = written(result, corpus, ['--format', 'sarif']);
    const github = written(result, corpus, ['--format', 'github']);
    const md = written(result, corpus, ['--format', 'markdown']);
    for (const r of [sarif, github, md]) expect(r.exitCode).toBe(text.exitCode);
    const { places: fromSarif } = sarifPlaces(sarif.text, corpus);
    const { places: fromGithub } = githubPlaces(github.text);
    const known = (p: Place) => expected.some((e) => e.file === p.file && e.line === p.line);
    expect(sorted(fromSarif.filter(known))).toEqual(sorted(expected));
    expect(sorted(fromGithub.filter(known))).toEqual(sorted(expected));
    // What else they name is what the JSON lists besides the findings (files left alone on purpose, and the like).
    const others = fromSarif.filter((p) => !known(p)).map((p) => p.file);
    expect(others.sort()).toEqual(json.skippedFiles.map((s: any) => s.file).sort());
    const { tables } = markdownTables(md.text);
    const person = tableHeaded(tables, 'Place');
    expect(person.map((row) => [row[0].text, row[2].text]).sort()).toEqual(
      expected
        .filter((p) => p.level === 'warning')
        .map((p) => [where(p), p.reason])
        .sort(),
    );
    expectLinksLead(
      person.flatMap((row) => row[3].links),
      corpus,
    );
    const counts = tableHeaded(tables, 'Family');
    expect(counts[counts.length - 1].map((c) => c.text)).toEqual([
      'Total',
      'audit',
      String(json.findings.length - json.needsPerson),
      String(json.needsPerson),
    ]);
  });

  it('--strict changes the exit code alike in every format', () => {
    for (const format of ['text', 'json', 'sarif', 'github', 'markdown'])
      expect(written(result, corpus, ['--strict', '--format', format]).exitCode).toBe(1);
  });
});

// ---- a real git repository: the codemod writes, then the audit verifies ----

describe('on a git repository: the codemod migrates, the audit --verify judges it', () => {
  let dir: string;
  beforeAll(() => {
    dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^4', 'record-compat-runtime': '^0.1.0' } }),
      'src/record.js': "import Taro from '@tarojs/taro'\nexport const go = () => Taro.startRecord()\n",
      'src/voice.js': "import Taro from '@tarojs/taro'\nexport const play = (f) => Taro.playVoice({ filePath: f })\n",
      'src/dyn.js': "const k = pick('stopVoice')\nexport const x = () => wx[k]()\n",
    });
  });

  it('markdown names the files the codemod changed, as git does; the verdict of --verify is the same in each format', async () => {
    const r = await mainInProcess(dir, ['--format', 'markdown']);
    expect(r.code).toBe(0);
    const changed = gitIn(dir, 'diff', '--name-only').trim().split('\n').sort();
    expect(changed).toEqual(['src/record.js', 'src/voice.js']);
    const { tables, html } = markdownTables(r.stdout);
    for (const file of changed) expect(html).toContain(`<li><code>${file}</code></li>`);
    const counts = tableHeaded(tables, 'Family');
    expect(counts.map((row) => [row[0].text, row[2].text, row[3].text])).toEqual([
      ['record', '1', '0'],
      ['voice', '1', '0'],
      // A computed key may be an API of any family: the place names none.
      ['(no one family)', '0', '1'],
      ['Total', '2', '1'],
    ]);

    // The runtime package is listed but not installed: --verify finds the imports the rewrite added unresolved.
    const result = await runAudit({ cwd: dir, paths: [], verify: true });
    const text = written(result, dir, ['--verify']);
    expect(text.exitCode).toBe(1);
    expect(text.text).toContain('verify: 2 files changed since HEAD; 2 new diagnostics');
    const md = written(result, dir, ['--verify', '--format', 'markdown']);
    expect(md.exitCode).toBe(1);
    const rendered = markdownTables(md.text);
    expect(rendered.html).toContain(
      '<p><strong>Failed</strong>: verify: 2 files changed since HEAD; 2 new diagnostics</p>',
    );
    const newErrors = result.verify!.introduced.map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(
      tableHeaded(rendered.tables, 'Place')
        .concat(rendered.tables.find((t) => t[0][1].text === 'What')!.slice(1))
        .filter((row) => row[1].text === 'new type error')
        .map((row) => row[0].text),
    ).toEqual(newErrors);
    const sarif = written(result, dir, ['--verify', '--format', 'sarif']);
    expect(sarif.exitCode).toBe(1);
    const { places } = sarifPlaces(sarif.text, dir);
    expect(places.filter((p) => p.level === 'error').map(where)).toEqual(newErrors);
    expect(places.filter((p) => p.level === 'warning').map(where)).toEqual(
      result.findings.filter((f) => f.status === 'manual').map((f) => `${f.file}:${f.line}:${f.column}`),
    );
    const github = githubPlaces(written(result, dir, ['--verify', '--format', 'github']).text);
    expect(github.places.filter((p) => p.level === 'error').map(where)).toEqual(newErrors);
    commitAll(dir);
  });
});

// ---- the command line ----

describe('every format, every byte: the built CLI on a repository with a name that is not UTF-8 and reasons holding controls', () => {
  /** A run's stdout as its bytes: what a CI step reads, before anything decodes it. */
  const run = (dir: string, args: string[]) =>
    new Promise<{ code: number | null; stdout: Buffer }>((resolve, reject) => {
      const child = spawn(process.execPath, [BIN, ...args], {
        cwd: dir,
        env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const chunks: Buffer[] = [];
      child.stdout!.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks) }));
    });
  /** Valid UTF-8 or a throw. */
  const utf8 = (bytes: Buffer) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  // A carriage return that would start a heading, a colour, a line separator and a bidirectional override, each in a
  // reason (the id the rewrite quotes), and a file named with the byte 0xFF.
  const SOURCE =
    "wx.createAudioContext('x\\r# Injected heading');\nwx.createAudioContext('\\x1b[31mred \\u2028 \\u202e end');\n";
  const RAW = /[\x1b\r\u2028\u202e]/;

  it('each format is valid UTF-8 that says every string its own way: no raw control, no silent U+FFFD, the same exit code', async () => {
    const dir = makeProject({ 'pages/a.js': SOURCE });
    fs.writeFileSync(Buffer.from(`${dir}/pages/h\xff.js`, 'latin1'), 'wx.startRecord({ success() {} });\n');
    commitAll(dir);
    const formats = ['text', 'json', 'sarif', 'github', 'markdown'];
    const runs = await Promise.all(formats.map((format) => run(dir, ['--dry', '--format', format])));
    const out = Object.fromEntries(formats.map((format, i) => [format, runs[i]]));
    for (const format of formats) expect(out[format].code, format).toBe(1);
    const [text, json, sarif, github, md] = formats.map((format) => utf8(out[format].stdout));

    expect(text).not.toMatch(RAW);
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain("no template found for id 'x\\r# Injected heading'");
    expect(text).toContain('      pages/h\\xff.js\n');

    const report = JSON.parse(json);
    expect(report.failures).toEqual([
      expect.objectContaining({
        path: 'pages/h\\xff.js',
        pathBytes: Buffer.from('pages/h\xff.js', 'latin1').toString('base64'),
      }),
    ]);
    expect(report.manualReview.map((m: { reason: string }) => m.reason)).toContain(
      "no template found for id 'x\r# Injected heading'; migrate this createAudioContext to createInnerAudioContext by hand",
    );

    // upload-sarif gets a log: valid, the file at its own bytes.
    const log = JSON.parse(sarif);
    expect(validSarif(log), JSON.stringify(validSarif.errors)).toBe(true);
    const uris = log.runs[0].results.map((r: any) => r.locations[0].physicalLocation.artifactLocation.uri);
    expect(uris).toContain('pages/h%FF.js');
    expect(log.runs[0].invocations[0].exitCode).toBe(1);

    expect(github).not.toMatch(RAW);
    const commands = githubCommands(github);
    const named = commands.find((c) => c.properties.file?.startsWith('pages/h'))!;
    // The runner reads the byte as U+FFFD: the annotation names the file so, and says which name it is.
    expect(named.properties.file).toBe('pages/h\uFFFD.js');
    expect(named.message.split('\n')[0]).toBe(
      'pages/h\\xff.js: its name is not UTF-8; GitHub reads it as pages/h\uFFFD.js',
    );
    expect(commands.some((c) => c.message.includes("id 'x\\r# Injected heading'"))).toBe(true);

    expect(md).not.toMatch(RAW);
    expect(md).not.toContain('\uFFFD');
    const tokens = markdown.parse(md, {});
    const headings = tokens.filter((token, i) => tokens[i - 1]?.type === 'heading_open').map((token) => token.content);
    expect(headings).toEqual([
      'taro-plugin-record-compat codemod (dry run: nothing was written)',
      'Left for a person (2 places)',
      'Not migrated, or not judged (1 place)',
      'Next',
    ]);
    const { tables } = markdownTables(md);
    expect(tableHeaded(tables, 'Place').map((row) => row[2].text)).toContain(
      "no template found for id 'x\\r# Injected heading'; migrate this createAudioContext to createInnerAudioContext by hand",
    );
  });
});

describe('the command line of the formats', () => {
  it('refuses two formats at once, in JSON when one is JSON', async () => {
    const r = await mainInProcess(corpus, ['--json', '--format', 'sarif']);
    expect(r.code).toBe(2);
    expect(JSON.parse(r.stdout).error).toMatch(/one way only/);
    const audit = await mainInProcess(corpus, ['audit', '--format', 'github', '--format=markdown']);
    expect(audit.code).toBe(2);
    expect(audit.stderr).toContain('--format github and --format markdown');
  });

  it('reads --format before the subcommand as after it, as --json', async () => {
    const before = await mainInProcess(corpus, ['--format', 'github', 'audit', 'pages/wx-global.input.js']);
    const after = await mainInProcess(corpus, ['audit', 'pages/wx-global.input.js', '--format=github']);
    expect(before.stdout).toMatch(/^::notice file=pages\/wx-global\.input\.js,line=\d+/);
    expect(after).toEqual(before);
  });

  it('refuses a format it does not know, naming those it does', async () => {
    const r = await mainInProcess(corpus, ['--format', 'xml']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/text, json, sarif, github, markdown/);
  });

  it('names every format in --help, for both commands', async () => {
    for (const args of [['--help'], ['audit', '--help']]) {
      const r = await mainInProcess(corpus, args);
      expect(r.stdout).toMatch(/--format <name>/);
      for (const format of ['text', 'json', 'sarif', 'github', 'markdown']) expect(r.stdout).toContain(format);
    }
  });

  it('a refused run is an error notice in each format, with its exit code', async () => {
    fs.writeFileSync(path.join(corpus, 'pages', 'new.js'), 'wx.stopRecord()\n');
    try {
      const github = await mainInProcess(corpus, ['--format', 'github']);
      expect(github.code).toBe(1);
      const { notices } = githubPlaces(github.stdout);
      expect(notices[0].command).toBe('error');
      expect(notices[0].message).toMatch(/uncommitted changes/);
      const sarif = await mainInProcess(corpus, ['--format', 'sarif']);
      expect(sarif.code).toBe(1);
      const { log } = sarifPlaces(sarif.stdout, corpus);
      expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
    } finally {
      fs.rmSync(path.join(corpus, 'pages', 'new.js'));
    }
  });
});

describe('escaping of the workflow commands', () => {
  it('escapes as the runner unescapes: `%` always, `:` and `,` in a property; a line break of a text is shown, not kept', () => {
    expect(workflowCommand({ command: 'error', file: 'a%b:c,d.js', title: 'x: y', lines: ['a%b\r\nc:d,e', 'f'] })).toBe(
      '::error file=a%25b%3Ac%2Cd.js,title=x%3A y::a%25b\\r\\nc:d,e%0Af',
    );
  });
});

describe('loaded when asked for', () => {
  /** The files of dist/src/report-formats the built bin has loaded when it exits (the bundle holds none of them). */
  function formatsLoaded(args: string[]): string[] {
    const dir = makeProject({ 'src/a.js': 'wx.startRecord({ success() {} });\n' });
    const { loaded } = runCliListingLoaded(dir, args);
    expect(loaded.some((file) => file.endsWith(path.join('dist', 'src', 'cli', 'bin.js')))).toBe(true);
    return loaded.filter((file) => file.includes(path.join('dist', 'src', 'report-formats') + path.sep));
  }

  it('a text or JSON run does not load the CI formats; a run that asks for one does', () => {
    for (const args of [
      ['.', '--dry'],
      ['.', '--dry', '--json'],
    ])
      expect(formatsLoaded(args)).toEqual([]);
    expect(formatsLoaded(['.', '--dry', '--format', 'sarif']).map((file) => path.basename(file))).toContain('sarif.js');
  });
});
