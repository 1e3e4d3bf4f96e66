import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/cli/migrate';
import { Tally } from '../../src/cli/report';
import { keepUndecodable, printable, printableWhereSeparatorIs } from '../../src/rewrite/light';
import { gitIn } from '../helpers/temp-project';
import { assertBuilt, auditInProcess, cleanupProjects, commitAll, gitStatus, makeProject, PLAIN, read, runCli, runJson, snapshot, TARO_SOURCE, WX_PAGE, type Tree } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

// Mentions the API (so the pre-filter lets it through) but only reaches it by a computed name.
const DYNAMIC = `const name = pick('startRecord')\nexport function go(o) {\n  return wx[name](o)\n}\n`;
const JSSDK = `wx.config({ appId: 'x', jsApiList: ['startRecord', 'stopRecord'] })\nexport function start() {\n  wx.startRecord()\n}\n`;

function mixedProject(): string {
  return makeProject({
    'src/pages/index.js': WX_PAGE,
    'src/record.ts': TARO_SOURCE,
    'src/dyn.js': DYNAMIC,
    'src/h5/voice.js': JSSDK,
    'src/bad.js': 'wx.startRecord(\n',
    'src/add.js': PLAIN,
    'node_modules/x/index.js': WX_PAGE,
  });
}

describe('--json', () => {
  it('has the documented shape, and its numbers add up', () => {
    const dir = mixedProject();
    const { code, report } = runJson(dir, ['--dry']);
    expect(code).toBe(1);
    expect(Object.keys(report).sort()).toEqual(['dry', 'exitCode', 'failures', 'files', 'git', 'interrupted', 'manualReview', 'routeBackgroundAudioManager', 'routeRecorderManager', 'runtime', 'summary', 'version', 'warnings'].sort());
    expect(report).toMatchObject({ version: 1, dry: true, exitCode: 1, runtime: { mode: 'package', file: null, written: false }, git: { state: 'clean', forced: false } });
    // The project names no Taro at all (no package.json): its Taro.* calls keep WeChat's rule, and the run says so.
    expect(report.warnings).toEqual([expect.stringMatching(/^no @tarojs\/taro is installed, locked or named in a package\.json above src, so Taro\.\* calls .* keep WeChat's rule/)]);

    const s = report.summary;
    expect(s).toMatchObject({ scanned: 6, parsed: 5, changed: 2, unchanged: 2, failed: 1, manualReview: 1 });
    expect(s.skipped).toEqual({ ignored: 1, ignoredDirectories: 1, ignoredFiles: 0, jsSdk: 1, tooLarge: 0, minified: 0, link: 0, brokenLink: 0, notScript: 0, notRegular: 0 });
    expect(s.scanned).toBe(s.changed + s.unchanged + s.failed + s.skipped.jsSdk + s.skipped.tooLarge + s.skipped.minified);
    expect(s.calls).toEqual({ startRecord: 2, stopRecord: 2 });
    expect(s.callsTotal).toBe(4);
    expect(s.callsVia).toEqual({ wx: 2, Taro: 2 });

    const byPath = Object.fromEntries(report.files.map((f: any) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['src/bad.js', 'src/dyn.js', 'src/h5/voice.js', 'src/pages/index.js', 'src/record.ts']);
    expect(byPath['src/pages/index.js']).toMatchObject({ status: 'changed', importSource: 'taro-plugin-record-compat/runtime/native', skipped: null, error: null });
    expect(byPath['src/pages/index.js'].rewritten).toEqual([
      { line: 4, column: 4, api: 'startRecord', via: 'wx', form: 'call' },
      { line: 11, column: 4, api: 'stopRecord', via: 'wx', form: 'call' },
    ]);
    expect(byPath['src/h5/voice.js']).toMatchObject({ status: 'skipped', skipped: { reason: 'jsSdk' } });
    expect(byPath['src/bad.js']).toMatchObject({ status: 'failed', error: { line: expect.any(Number) } });
    expect(byPath['src/dyn.js'].status).toBe('unchanged');
    expect(report.manualReview).toEqual([{ path: 'src/dyn.js', line: 3, column: expect.any(Number), reason: expect.stringMatching(/\S/) }]);
    expect(report.failures).toEqual([{ path: 'src/bad.js', line: expect.any(Number), column: expect.any(Number), reason: expect.stringMatching(/parse/) }]);
  });

  it('is the same whatever order the files settled in (the planning threads finish in any order)', () => {
    const site = (api: string, via: string) => ({ line: 1, column: 0, api, via, form: 'call' }) as FileResult['rewritten'][number];
    const results: FileResult[] = [
      { file: '/p/a.js', status: 'changed', parsed: true, rewritten: [site('stopRecord', 'wx')], manual: [] },
      { file: '/p/b.js', status: 'changed', parsed: true, rewritten: [site('startRecord', 'Taro'), site('playVoice', 'Taro'), site('startRecord', 'Taro')], manual: [] },
    ];
    const json = (order: FileResult[]) => {
      const tally = new Tally('/p');
      for (const r of order) tally.add(r);
      return JSON.stringify(tally.toJson({ dry: true, runtime: { mode: 'package', file: null, written: false, copies: [] }, git: { state: 'none', forced: false }, exitCode: 0, routeRecorderManager: false, routeBackgroundAudioManager: false, interrupted: null, warnings: [] }));
    };
    expect(json([...results].reverse())).toBe(json(results));
    // Most first, then by name.
    expect(Object.keys(JSON.parse(json(results)).summary.calls)).toEqual(['startRecord', 'playVoice', 'stopRecord']);
    expect(Object.keys(JSON.parse(json(results)).summary.callsVia)).toEqual(['Taro', 'wx']);
  });

  it('prints nothing but the JSON on stdout', () => {
    const dir = mixedProject();
    const r = runCli(dir, ['--dry', '--json', '--print']);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    // --print's diff goes to stderr when stdout carries JSON.
    expect(r.stderr).toContain('+++ b/src/pages/index.js');
  });
});

describe('--parser', () => {
  it('babel writes the same bytes as the default parser', () => {
    const a = mixedProject();
    const b = mixedProject();
    const byDefault = runCli(a, []);
    const r = runCli(b, ['--parser', 'babel']);
    expect(r.code, r.stderr).toBe(byDefault.code);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(read(b, 'src/pages/index.js')).not.toBe(WX_PAGE);
  });

  it('names what it allows when its value is bad, as --jobs (gone with the worker pool) is named unknown', () => {
    const bad = runCli(mixedProject(), ['--parser', 'swc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--parser.*'swc' is invalid. Allowed choices are auto, babel, oxc/);
    const jobs = runCli(mixedProject(), ['--jobs', '3']);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toContain("unknown option '--jobs'");
  });
});

describe('human output', () => {
  it('ends with a summary: counts, skip reasons, calls by kind, places to review, failures', () => {
    const dir = mixedProject();
    const r = runCli(dir, ['--dry']);
    expect(r.stdout).toMatch(/files: 6 scanned, 5 parsed, 2 would change, 2 unchanged, 1 failed/);
    expect(r.stdout).toMatch(/ignored 1 .*JS-SDK 1, too large 0, minified 0/);
    expect(r.stdout).toMatch(/calls rewritten: 4 legacy record calls \(startRecord 2, stopRecord 2; 2 through Taro, 2 through wx\)/);
    expect(r.stdout).toMatch(/manual review: 1\n\s+src\/dyn\.js:3\s+\S/);
    expect(r.stdout).toMatch(/failed \(left untouched\): 1\n\s+src\/bad\.js:\d+:\d+\s+does not parse/);
    expect(r.stdout).toMatch(/skipped\s+src\/h5\/voice\.js\s+web JS-SDK/);
  });

  it('--print shows a unified diff of each change', () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    const r = runCli(dir, ['--dry', '--print']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a/pages/index.js');
    expect(r.stdout).toContain('+++ b/pages/index.js');
    expect(r.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@/m);
    expect(r.stdout).toMatch(/^-\s+wx\.startRecord\(\{$/m);
    expect(r.stdout).toMatch(/^\+.*taro-plugin-record-compat\/runtime\/native/m);
    expect(r.stdout).not.toContain('utils/add.js');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('colours the diff when colours are forced', () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    const r = runCli(dir, ['--dry', '--print'], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(r.stdout).toMatch(/\x1b\[31m-\s+wx\.startRecord/);
    expect(r.stdout).toMatch(/\x1b\[32m\+/);
  });

  it('--no-color wins over FORCE_COLOR', () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    const r = runCli(dir, ['--dry', '--print', '--no-color'], { NO_COLOR: '', FORCE_COLOR: '1' });
    expect(r.stdout).toContain('-    wx.startRecord({');
    expect(r.stdout).not.toMatch(/\x1b\[/);
  });

  it('prints plain progress lines, not a bar, for a long run outside a terminal', () => {
    const files: Tree = {};
    for (let i = 0; i < 1100; i++) files[`src/m${i}.js`] = `export const v${i} = ${i}\n`;
    files['src/pages/index.js'] = WX_PAGE;
    const dir = makeProject(files);
    const r = runCli(dir, ['--dry']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain('… 1000/1101 files');
    expect(r.stderr).not.toMatch(/\r|\x1b/);
    expect(r.stdout).toMatch(/1101 scanned, 1 parsed, 1 would change/);
  });
});

describe('names holding control characters', () => {
  // A crafted folder name that would print a fake log line, a terminal escape, a bell in a file that fails.
  const FAKE = 'x\nfailed  y.js (1 rewritten → z)';
  const files: Tree = { [`${FAKE}/a.js`]: WX_PAGE, 'b\u001b[31m.js': WX_PAGE, 'bad\u0007.js': 'wx.startRecord(\n' };

  it('print escaped on their one line of the log, the diff and the summary; --json keeps them exact', () => {
    const dir = makeProject(files);
    const r = runCli(dir, ['--dry', '--print']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('would change  x\\nfailed  y.js (1 rewritten → z)/a.js (2 rewritten → taro-plugin-record-compat/runtime/native)');
    expect(r.stdout).toContain('would change  b\\x1b[31m.js (2 rewritten');
    expect(r.stdout).toContain('failed  bad\\x07.js:2:1  ');
    expect(r.stdout).toContain('    bad\\x07.js:2:1  ');
    expect(r.stdout).toMatch(/^\+\+\+ .*b\\+x1b\[31m\.js/m);
    expect(r.stdout).not.toMatch(/^failed {2}y\.js/m);
    expect(r.stdout).not.toMatch(/[\u0007\u001b]/);
    const { report } = runJson(dir, ['--dry']);
    expect(report.files.map((f: { path: string }) => f.path).sort()).toEqual([`${FAKE}/a.js`, 'b\u001b[31m.js', 'bad\u0007.js'].sort());
  });

  it("print escaped in the audit's human output; its --json keeps them exact", async () => {
    const dir = makeProject(files);
    const r = await auditInProcess(dir, ['.']);
    expect(r.stdout).toContain('x\\nfailed  y.js (1 rewritten → z)/a.js:4:5  wx.startRecord(…)  handled by the rewrite');
    expect(r.stdout).toContain('b\\x1b[31m.js:4:5  ');
    expect(r.stdout).not.toMatch(/^failed {2}y\.js/m);
    expect(r.stdout).not.toMatch(/[\u0007\u001b]/);
    const json = JSON.parse((await auditInProcess(dir, ['.', '--json'])).stdout);
    expect(json.findings.map((f: { file: string }) => f.file)).toContain(`${FAKE}/a.js`);
  });

  it('printable() escapes controls, DEL, line separators and bidirectional overrides visibly, and nothing else', () => {
    expect(printable('src/页面/a b.js')).toBe('src/页面/a b.js');
    expect(printable('a\nb\rc\td\u0000e\u007ff\u009bg')).toBe('a\\nb\\rc\\td\\x00e\\x7ff\\x9bg');
    expect(printable('x\u2028y\u202ez.js')).toBe('x\\u2028y\\u202ez.js');
  });

  it('printable() writes a backslash as \\\\, so that a name holding a backslash and an n never reads as one holding a line break', () => {
    expect(printable('a\\nb.js')).toBe('a\\\\nb.js');
    expect(printable('a\nb.js')).toBe('a\\nb.js');
    expect(printable('a\\x1b.js')).not.toBe(printable('a\x1b.js'));
    // The bytes of a name that is not UTF-8 read as \xNN; a name that spells them out reads otherwise.
    expect(printable(keepUndecodable(Buffer.from([0x70, 0xd6, 0xd0, 0x2e, 0x6a, 0x73])))).toBe('p\\xd6\\xd0.js');
    expect(printable('p\\xd6\\xd0.js')).toBe('p\\\\xd6\\\\xd0.js');
  });

  it("printable() leaves Windows' separators alone (a name there holds no backslash), and still escapes controls", () => {
    expect(printableWhereSeparatorIs('\\', 'C:\\app\\node_modules\\x.js')).toBe('C:\\app\\node_modules\\x.js');
    expect(printableWhereSeparatorIs('\\', 'C:\\app\\a\u202eb.js')).toBe('C:\\app\\a\\u202eb.js');
    expect(printableWhereSeparatorIs('/', 'src/pages/a b.js')).toBe('src/pages/a b.js');
  });

  it('a file named with a backslash and an n, and one whose name holds a line break, print apart in the log and the summary; --json keeps both exact', () => {
    const dir = makeProject({ 'lit\\nname.js': WX_PAGE, 'real\nname.js': WX_PAGE, 'bad\\n.js': 'wx.startRecord(\n' });
    const r = runCli(dir, ['--dry']);
    expect(r.stdout).toContain('would change  lit\\\\nname.js (2 rewritten');
    expect(r.stdout).toContain('would change  real\\nname.js (2 rewritten');
    expect(r.stdout).toContain('    bad\\\\n.js:2:1  ');
    const { report } = runJson(dir, ['--dry']);
    expect(report.files.map((f: { path: string }) => f.path).sort()).toEqual(['bad\\n.js', 'lit\\nname.js', 'real\nname.js']);
  });

  it('in a dirty tree, are listed escaped in the refusal', () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    fs.writeFileSync(path.join(dir, 'new\nfailed  y.js'), '');
    const r = runCli(dir, ['.']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  ?? new\\nfailed  y.js\n');
  });

  it('in a dirty tree, are escaped once on stderr (the refusal, the --force warning) and exact in --json', () => {
    // A repository whose folder name holds a backslash: escaped twice, it would read as two.
    const parent = makeProject({}, { git: false });
    const dir = path.join(parent, 'my\\repo');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'index.js'), WX_PAGE);
    gitIn(dir, 'init', '-q');
    gitIn(dir, 'config', 'user.email', 'test@example.com');
    gitIn(dir, 'config', 'user.name', 'Test');
    commitAll(dir);
    fs.writeFileSync(path.join(dir, 'new\\x1b.js'), '');
    const shownRoot = dir.replace(/\\/g, '\\\\');
    const refused = runCli(dir, ['.']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`the git working tree at ${shownRoot} has uncommitted changes:\n  ?? new\\\\x1b.js\n`);
    const refusedJson = runJson(dir, ['.']);
    expect(refusedJson.report.refused.message).toContain(`the git working tree at ${dir} has uncommitted changes:\n  ?? new\\x1b.js\n`);
    const forced = runJson(dir, ['.', '--force']);
    expect(forced.stderr).toContain(`warning: the git working tree at ${shownRoot} has uncommitted changes; writing anyway (--force)\n`);
    expect(forced.report.warnings).toContain(`the git working tree at ${dir} has uncommitted changes; writing anyway (--force)`);
  });
});

describe('a second run', () => {
  it('changes nothing', () => {
    const dir = makeProject({
      'src/pages/index.js': WX_PAGE,
      'src/record.ts': TARO_SOURCE,
      'src/Comp.vue': `<template><view /></template>\n<script>\nexport default { methods: { go() { wx.startRecord({}) } } }\n</script>\n`,
    });
    const first = runJson(dir, []);
    expect(first.report.summary.changed).toBe(3);
    commitAll(dir);
    const second = runJson(dir, []);
    expect(second.code).toBe(0);
    expect(second.report.summary.changed).toBe(0);
    expect(second.report.summary.callsTotal).toBe(0);
    expect(gitStatus(dir)).toBe('');
  });
});
