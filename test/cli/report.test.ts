import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/report/file-result';
import { auditNextSteps, migrationNextSteps, type MigrationOutcome } from '../../src/report/next-steps';
import { Tally } from '../../src/cli/report';
import { keepUndecodable, MIGRATION_FAMILIES, printable, printableWhereSeparatorIs } from '../../src/rewrite/light';
import { gitIn } from '../helpers/temp-project';
import { ts } from 'ts-morph';
import { verifyCannotRunIn } from '../../src/audit/verify-question';
import {
  assertBuilt,
  auditInProcess,
  auditJsonInProcess,
  cleanupProjects,
  commitAll,
  gitStatus,
  mainInProcess,
  makeProject,
  PLAIN,
  read,
  ROOT,
  runCli,
  snapshot,
  TARO_SOURCE,
  WX_PAGE,
  type Tree,
  runJsonInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

/**
 * A Taro 1.3 app's installed typings, as far as they matter here: they list an interface's members by bare name, `set`
 * among them, which TypeScript reads as an accessor since 4 (@tarojs/taro 1.3.46, types/api/cloud/index.d.ts).
 */
const TARO1_TYPINGS: Tree = {
  'package.json': JSON.stringify({ name: 'app', dependencies: { '@tarojs/taro': '1.3.46' } }),
  'node_modules/@tarojs/taro/package.json': JSON.stringify({
    name: '@tarojs/taro',
    version: '1.3.46',
    types: 'types/index.d.ts',
  }),
  'node_modules/@tarojs/taro/types/index.d.ts':
    'declare namespace Taro {\n  function startRecord(): void\n  interface UPDATE_COMMANDS_LITERAL {\n    set\n    remove\n  }\n}\nexport = Taro\n',
};

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
  it('has the documented shape, and its numbers add up', async () => {
    const dir = mixedProject();
    const { code, report } = await runJsonInProcess(dir, ['--dry']);
    expect(code).toBe(1);
    expect(Object.keys(report).sort()).toEqual(
      [
        'dry',
        'exitCode',
        'failures',
        'files',
        'git',
        'interrupted',
        'manualReview',
        'nextSteps',
        'routeBackgroundAudioManager',
        'routeCanvasPixels',
        'routeRecorderManager',
        'runtime',
        'summary',
        'version',
        'warnings',
      ].sort(),
    );
    expect(report).toMatchObject({
      version: 1,
      dry: true,
      exitCode: 1,
      runtime: { mode: 'auto', file: null, written: false },
      git: { state: 'clean', forced: false },
    });
    // The project names no Taro at all (no package.json): its Taro.* calls keep WeChat's rule, and the run says so;
    // and nothing installs the runtime package the files import.
    expect(report.warnings).toEqual([
      expect.stringMatching(
        /^no @tarojs\/taro is installed, locked or named in a package\.json above src, so Taro\.\* calls .* keep WeChat's rule/,
      ),
      expect.stringMatching(/^no package\.json is at or above the files that import record-compat-runtime /),
    ]);

    const s = report.summary;
    expect(s).toMatchObject({ scanned: 6, parsed: 5, changed: 2, unchanged: 2, failed: 1, manualReview: 1 });
    expect(s.skipped).toEqual({
      ignored: 1,
      ignoredDirectories: 1,
      ignoredFiles: 0,
      jsSdk: 1,
      tooLarge: 0,
      minified: 0,
      link: 0,
      brokenLink: 0,
      notScript: 0,
      notRegular: 0,
    });
    expect(s.scanned).toBe(
      s.changed + s.unchanged + s.failed + s.skipped.jsSdk + s.skipped.tooLarge + s.skipped.minified,
    );
    expect(s.calls).toEqual({ startRecord: 2, stopRecord: 2 });
    expect(s.callsTotal).toBe(4);
    expect(s.callsVia).toEqual({ wx: 2, Taro: 2 });

    const byPath = Object.fromEntries(report.files.map((f: any) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual([
      'src/bad.js',
      'src/dyn.js',
      'src/h5/voice.js',
      'src/pages/index.js',
      'src/record.ts',
    ]);
    expect(byPath['src/pages/index.js']).toMatchObject({
      status: 'changed',
      importSource: 'record-compat-runtime/native',
      skipped: null,
      error: null,
    });
    expect(byPath['src/pages/index.js'].rewritten).toEqual([
      { line: 4, column: 4, api: 'startRecord', via: 'wx', form: 'call' },
      { line: 11, column: 4, api: 'stopRecord', via: 'wx', form: 'call' },
    ]);
    expect(byPath['src/h5/voice.js']).toMatchObject({ status: 'skipped', skipped: { reason: 'jsSdk' } });
    expect(byPath['src/bad.js']).toMatchObject({ status: 'failed', error: { line: expect.any(Number) } });
    expect(byPath['src/dyn.js'].status).toBe('unchanged');
    expect(report.manualReview).toEqual([
      { path: 'src/dyn.js', line: 3, column: expect.any(Number), reason: expect.stringMatching(/\S/) },
    ]);
    expect(report.failures).toEqual([
      {
        path: 'src/bad.js',
        line: expect.any(Number),
        column: expect.any(Number),
        reason: expect.stringMatching(/parse/),
      },
    ]);
  });

  it('is the same whatever order the files settled in (the planning threads finish in any order)', () => {
    const site = (api: string, via: string) =>
      ({ line: 1, column: 0, api, via, form: 'call' }) as FileResult['rewritten'][number];
    const results: FileResult[] = [
      { file: '/p/a.js', status: 'changed', parsed: true, rewritten: [site('stopRecord', 'wx')], manual: [] },
      {
        file: '/p/b.js',
        status: 'changed',
        parsed: true,
        rewritten: [site('startRecord', 'Taro'), site('playVoice', 'Taro'), site('startRecord', 'Taro')],
        manual: [],
      },
    ];
    const json = (order: FileResult[]) => {
      const tally = new Tally('/p');
      for (const r of order) tally.add(r);
      return JSON.stringify(
        tally.toJson({
          dry: true,
          runtime: { mode: 'package', file: null, written: false, copies: [] },
          git: { state: 'none', forced: false, installed: [] },
          exitCode: 0,
          routeRecorderManager: false,
          routeBackgroundAudioManager: false,
          routeCanvasPixels: false,
          interrupted: null,
          warnings: [],
          nextSteps: [],
        }),
      );
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
  it('babel writes the same bytes as the default parser', async () => {
    const a = mixedProject();
    const b = mixedProject();
    const byDefault = await mainInProcess(a, []);
    const r = await mainInProcess(b, ['--parser', 'babel']);
    expect(r.code, r.stderr).toBe(byDefault.code);
    expect(snapshot(b)).toEqual(snapshot(a));
    expect(read(b, 'src/pages/index.js')).not.toBe(WX_PAGE);
  });

  it('names what it allows when its value is bad, as --jobs (gone with the worker pool) is named unknown', async () => {
    const bad = await mainInProcess(mixedProject(), ['--parser', 'swc']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--parser.*'swc' is invalid. Allowed choices are auto, babel, oxc/);
    const jobs = await mainInProcess(mixedProject(), ['--jobs', '3']);
    expect(jobs.code).toBe(2);
    expect(jobs.stderr).toContain("unknown option '--jobs'");
  });
});

describe('human output', () => {
  it('ends with a summary: counts, skip reasons, calls by kind, places to review, failures', async () => {
    const dir = mixedProject();
    const r = await mainInProcess(dir, ['--dry']);
    expect(r.stdout).toMatch(/files: 6 looked at, 5 name a legacy API, 2 would change, 2 unchanged, 1 failed/);
    expect(r.stdout).toMatch(/ignored 1 .*JS-SDK 1, too large 0, minified 0/);
    expect(r.stdout).toMatch(
      /handled by the rewrite: 4 places \(4 legacy record calls; startRecord 2, stopRecord 2; 2 through Taro, 2 through wx\)/,
    );
    expect(r.stdout).toMatch(/left for a person: 1 place\n {4}dynamic access on wx: \S.*\n {6}src\/dyn\.js:3:\d+\n/);
    expect(r.stdout).toMatch(/failed \(left untouched\): 1 file\n {4}does not parse.*\n {6}src\/bad\.js:\d+:\d+\n/);
    expect(r.stdout).toMatch(/skipped\s+src\/h5\/voice\.js\s+web JS-SDK/);
  });

  it('--print shows a unified diff of each change', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'utils/add.js': PLAIN });
    const r = await mainInProcess(dir, ['--dry', '--print']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--- a/pages/index.js');
    expect(r.stdout).toContain('+++ b/pages/index.js');
    expect(r.stdout).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@/m);
    expect(r.stdout).toMatch(/^-\s+wx\.startRecord\(\{$/m);
    expect(r.stdout).toMatch(/^\+.*record-compat-runtime\/native/m);
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
    expect(r.stdout).toMatch(/1101 looked at, 1 names a legacy API, 1 would change/);
  });
});

describe('names holding control characters', () => {
  // A crafted folder name that would print a fake log line, a terminal escape, a bell in a file that fails.
  const FAKE = 'x\nfailed  y.js (1 rewritten → z)';
  const files: Tree = { [`${FAKE}/a.js`]: WX_PAGE, 'b\u001b[31m.js': WX_PAGE, 'bad\u0007.js': 'wx.startRecord(\n' };

  it('print escaped on their one line of the log, the diff and the summary; --json keeps them exact', async () => {
    const dir = makeProject(files);
    const r = await mainInProcess(dir, ['--dry', '--print']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      'would change  x\\nfailed  y.js (1 rewritten → z)/a.js (2 rewritten → record-compat-runtime/native)',
    );
    expect(r.stdout).toContain('would change  b\\x1b[31m.js (2 rewritten');
    expect(r.stdout).toContain('failed  bad\\x07.js:2:1  ');
    expect(r.stdout).toContain('      bad\\x07.js:2:1\n');
    expect(r.stdout).toMatch(/^\+\+\+ .*b\\+x1b\[31m\.js/m);
    expect(r.stdout).not.toMatch(/^failed {2}y\.js/m);
    expect(r.stdout).not.toMatch(/[\u0007\u001b]/);
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.files.map((f: { path: string }) => f.path).sort()).toEqual(
      [`${FAKE}/a.js`, 'b\u001b[31m.js', 'bad\u0007.js'].sort(),
    );
  });

  it("print escaped in the audit's human output; its --json keeps them exact", async () => {
    const dir = makeProject(files);
    const r = await auditInProcess(dir, ['.']);
    expect(r.stdout).toContain('    x\\nfailed  y.js (1 rewritten → z)/a.js:4:5  wx.startRecord(…)\n');
    expect(r.stdout).toContain('b\\x1b[31m.js:4:5  ');
    expect(r.stdout).not.toMatch(/^failed {2}y\.js/m);
    expect(r.stdout).not.toMatch(/[\u0007\u001b]/);
    const json = JSON.parse((await auditInProcess(dir, ['.', '--json'])).stdout);
    expect(json.findings.map((f: { file: string }) => f.file)).toContain(`${FAKE}/a.js`);
  });

  it('printable() escapes controls, DEL, line separators and bidirectional overrides visibly, and nothing else', () => {
    expect(printable('src/页面/a b.js')).toBe('src/页面/a b.js');
    // A C1 control is a character (\u009b), never the byte of a name that is not UTF-8 (\x9b).
    expect(printable('a\nb\rc\td\u0000e\u007ff\u009bg')).toBe('a\\nb\\rc\\td\\x00e\\x7ff\\u009bg');
    expect(printable(keepUndecodable(Buffer.from([0x61, 0x9b])))).toBe('a\\x9b');
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

  it('a file named with a backslash and an n, and one whose name holds a line break, print apart in the log and the summary; --json keeps both exact', async () => {
    const dir = makeProject({ 'lit\\nname.js': WX_PAGE, 'real\nname.js': WX_PAGE, 'bad\\n.js': 'wx.startRecord(\n' });
    const r = await mainInProcess(dir, ['--dry']);
    expect(r.stdout).toContain('would change  lit\\\\nname.js (2 rewritten');
    expect(r.stdout).toContain('would change  real\\nname.js (2 rewritten');
    expect(r.stdout).toContain('      bad\\\\n.js:2:1\n');
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.files.map((f: { path: string }) => f.path).sort()).toEqual([
      'bad\\n.js',
      'lit\\nname.js',
      'real\nname.js',
    ]);
  });

  it('in a dirty tree, are listed escaped in the refusal', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    fs.writeFileSync(path.join(dir, 'new\nfailed  y.js'), '');
    const r = await mainInProcess(dir, ['.']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('  ?? new\\nfailed  y.js\n');
  });

  it('in a dirty tree, are escaped once on stderr (the refusal, the --force warning) and exact in --json', async () => {
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
    const refused = await mainInProcess(dir, ['.']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(
      `the git working tree at ${shownRoot} has uncommitted changes:\n  ?? new\\\\x1b.js\n`,
    );
    const refusedJson = await runJsonInProcess(dir, ['.']);
    expect(refusedJson.report.refused.message).toContain(
      `the git working tree at ${dir} has uncommitted changes:\n  ?? new\\x1b.js\n`,
    );
    const forced = await runJsonInProcess(dir, ['.', '--force']);
    expect(forced.stderr).toContain(
      `warning: the git working tree at ${shownRoot} has uncommitted changes; writing anyway (--force)\n`,
    );
    expect(forced.report.warnings).toContain(
      `the git working tree at ${dir} has uncommitted changes; writing anyway (--force)`,
    );
  });
});

describe('a second run', () => {
  it('changes nothing', async () => {
    const dir = makeProject({
      'src/pages/index.js': WX_PAGE,
      'src/record.ts': TARO_SOURCE,
      'src/Comp.vue': `<template><view /></template>\n<script>\nexport default { methods: { go() { wx.startRecord({}) } } }\n</script>\n`,
    });
    const first = await runJsonInProcess(dir, []);
    expect(first.report.summary.changed).toBe(3);
    commitAll(dir);
    const second = await runJsonInProcess(dir, []);
    expect(second.code).toBe(0);
    expect(second.report.summary.changed).toBe(0);
    expect(second.report.summary.callsTotal).toBe(0);
    expect(gitStatus(dir)).toBe('');
  });
});

/** Two calls of one page whose <audio> shows its controls: the same reason for both, a place for a person each. */
const SHOWN_AUDIO: Tree = {
  'package.json': JSON.stringify({ dependencies: { 'taro-plugin-record-compat': '*' } }),
  'pages/player/player.wxml': '<audio id="song" src="/a.mp3" controls></audio>\n',
  'pages/player/player.js':
    "Page({\n  onLoad() {\n    this.first = wx.createAudioContext('song')\n    this.second = wx.createAudioContext('song')\n  },\n})\n",
};
const SHOWN_REASON =
  'the <audio id="song"> at player.wxml:1 shows its own controls; migrate this createAudioContext to createInnerAudioContext by hand';
const DOCS = path.join(ROOT, 'docs');

/** The lines after `Next:` at the end of a run's output. */
function nextStepsOf(stdout: string): string[] {
  const [, after] = stdout.split('\nNext:\n');
  return (after ?? '')
    .split('\n')
    .filter(Boolean)
    .map((line) => line.replace(/^ {2}/, ''));
}

describe('the summary and the next steps', () => {
  it('say a reason repeated at several places once, with the places under it, in the codemod and the audit alike', async () => {
    const dir = makeProject(SHOWN_AUDIO);
    const codemod = await mainInProcess(dir, ['--dry']);
    expect(codemod.stdout).toContain(
      `  left for a person: 2 places\n    ${SHOWN_REASON}\n      pages/player/player.js:3:18\n      pages/player/player.js:4:19\n`,
    );
    expect(codemod.stdout.split(SHOWN_REASON)).toHaveLength(2);
    const audit = await auditInProcess(dir, ['.']);
    expect(audit.stdout).toContain(
      `left for a person: 2 places\n  ${SHOWN_REASON}\n    pages/player/player.js:3:18  wx.createAudioContext(…)\n    pages/player/player.js:4:19  wx.createAudioContext(…)\n`,
    );
    expect(audit.stdout.split(SHOWN_REASON)).toHaveLength(2);
  });

  it('use one vocabulary in both tools: files looked at, files that name a legacy API, places handled by the rewrite and left for a person; one plural', async () => {
    const dir = makeProject({ ...SHOWN_AUDIO, 'pages/rec/rec.js': WX_PAGE, 'utils/add.js': PLAIN });
    const codemod = await mainInProcess(dir, ['--dry']);
    expect(codemod.stdout).toContain(
      '  files: 3 looked at, 2 name a legacy API, 1 would change, 2 unchanged, 0 failed\n',
    );
    expect(codemod.stdout).toMatch(/\n {2}handled by the rewrite: 2 places \(2 legacy record calls; /);
    expect(codemod.stdout).toContain('review  pages/player/player.js  2 places left for a person\n');
    const audit = await auditInProcess(dir, ['.']);
    expect(audit.stdout).toContain(
      '  files: 3 looked at, 2 name a legacy API, 2 type-checked (with the files that import them); ',
    );
    expect(audit.stdout).toContain('\n  handled by the rewrite: 2 places\n  left for a person: 2 places\n');
    for (const out of [codemod.stdout, audit.stdout]) expect(out).not.toMatch(/\w\(s\)/);
  });

  it('--families: the families chosen are migrated, the calls of the others left as they are and counted in a line per family, in --json too; a bad family names the allowed ones', async () => {
    const dir = makeProject({
      'pages/rec/rec.js': WX_PAGE,
      'pages/play/play.js': "Page({ onPlay() { wx.playVoice({ filePath: 'a.silk' }) }, onEnd() { wx.stopVoice() } })\n",
    });
    const r = await mainInProcess(dir, ['--dry', '--families', 'voice']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/\n {2}handled by the rewrite: 2 places \(2 voice calls; /);
    expect(r.stdout).toContain('\n  left as chosen: 2 calls of record\n');
    expect(r.stdout).not.toContain('pages/rec/rec.js');
    const json = await mainInProcess(dir, ['--dry', '--json', '--families', 'voice']);
    expect(JSON.parse(json.stdout).summary).toMatchObject({
      callsByKind: { record: 0, voice: 2 },
      leftAsChosen: { record: 2 },
      manualReview: 0,
    });
    // Every family chosen: nothing is left, and the summary has no such line.
    const all = await mainInProcess(dir, ['--dry', '--families', 'record,voice']);
    expect(all.stdout).toMatch(/handled by the rewrite: 4 places/);
    expect(all.stdout).not.toContain('left as chosen');
    const bad = await mainInProcess(dir, ['--families', 'voice,recording']);
    expect(bad.code).toBe(2);
    const families = MIGRATION_FAMILIES.map((family) => `'${family}'`)
      .join(', ')
      .replace(/, ([^,]*)$/, ' or $1');
    expect(bad.stderr).toContain(
      `error: option '--families <list>' argument 'voice,recording' is invalid. It must be a list of families, each one of ${families}, comma-separated.`,
    );
    expect(bad.stderr).not.toMatch(/\n\s+at /);
    expect(gitStatus(dir)).toBe('');
  });

  it('audit --families: the references of the families not chosen are left as chosen, as the codemod leaves them: counted per family, in --json by place, never for a person', async () => {
    const dir = makeProject({
      'pages/rec/rec.js': WX_PAGE,
      'pages/play/play.js': "Page({ onPlay() { wx.playVoice({ filePath: 'a.silk' }) }, onEnd() { wx.stopVoice() } })\n",
      // A call a person must change, of the family not chosen: left as chosen, not for a person.
      'pages/odd/odd.js': "export { startRecord } from '@tarojs/taro'\n",
    });
    const whole = await auditInProcess(dir, []);
    expect(whole.stdout).toMatch(/\n {2}left for a person: [1-9]/);
    const r = await auditInProcess(dir, ['--families', 'voice']);
    expect(r.stdout).toMatch(/\n {2}handled by the rewrite: 2 places\b/);
    expect(r.stdout).toContain('\n  left as chosen: 3 calls of record\n');
    expect(r.stdout).toContain('\n  left for a person: 0 places');
    expect(r.stdout).not.toContain('pages/rec/rec.js');
    expect(r.code).toBe(0);
    const json = await auditJsonInProcess(dir, ['--families', 'voice']);
    expect(json.report.needsPerson).toBe(0);
    expect(json.report.findings.map((f: { api: string }) => f.api).sort()).toEqual(['playVoice', 'stopVoice']);
    expect(new Set(json.report.leftAsChosen.map((p: { file: string }) => p.file))).toEqual(
      new Set(['pages/rec/rec.js', 'pages/odd/odd.js']),
    );
    // The record family chosen: the voice calls are the ones left.
    const record = await auditJsonInProcess(dir, ['--families', 'record']);
    expect(record.report.leftAsChosen.map((p: { api: string }) => p.api).sort()).toEqual(['playVoice', 'stopVoice']);
    const bad = await auditInProcess(dir, ['--families', 'recording']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("error: option '--families <list>' argument 'recording' is invalid.");
  });

  it('count the files under the paths given, in the audit as in the codemod: not the files they import from elsewhere, which the type checker reads too', async () => {
    const dir = makeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['src'] }),
      'src/a.js': "import { record } from '../lib/record'\nrecord()\n",
      'lib/record.js': 'export function record() {\n  wx.startRecord({})\n}\n',
    });
    const codemod = await mainInProcess(dir, ['src', '--dry']);
    expect(codemod.stdout).toContain(
      '  files: 1 looked at, 0 name a legacy API, 0 would change, 1 unchanged, 0 failed\n',
    );
    const audit = await auditInProcess(dir, ['src']);
    expect(audit.stdout).toMatch(/\n {2}files: 1 looked at, 0 name a legacy API, \d+ type-checked /);
    expect(audit.stdout).not.toMatch(/scanned/);
  });

  it("count every file the codemod looks at in the audit too: a script the tsconfig leaves out that names no API (Taro's babel.config.js beside a config that includes src)", async () => {
    const dir = makeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['src'] }),
      'babel.config.js': "module.exports = { presets: [['taro', { framework: 'react' }]] }\n",
      'src/a.js': 'wx.startRecord({})\n',
      'src/b.js': 'export const n = 1\n',
    });
    const codemod = await mainInProcess(dir, ['--dry']);
    expect(codemod.stdout).toContain(
      '  files: 3 looked at, 1 names a legacy API, 1 would change, 2 unchanged, 0 failed\n',
    );
    const audit = await auditInProcess(dir, []);
    expect(audit.stdout).toMatch(/\n {2}files: 3 looked at, 1 names a legacy API, \d+ type-checked /);
  });

  it('--dry ends with the command that writes the changes, the other options kept', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    const r = await mainInProcess(dir, ['.', '--dry', '--print', '--runtime', 'local']);
    expect(r.code).toBe(0);
    expect(nextStepsOf(r.stdout)).toEqual([
      'write these changes: npx taro-plugin-record-compat . --print --runtime local',
    ]);
    // A path holding a space is quoted as a shell reads it.
    fs.mkdirSync(path.join(dir, 'my pages'));
    fs.writeFileSync(path.join(dir, 'my pages/a.js'), WX_PAGE);
    commitAll(dir);
    expect(nextStepsOf((await mainInProcess(dir, ['my pages', '--dry'])).stdout)).toEqual([
      "write these changes: npx taro-plugin-record-compat 'my pages'",
    ]);
  });

  it('a run that wrote files ends with git diff, commit, then audit --verify; git status where it wrote a runtime copy (a new file)', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    expect(nextStepsOf((await mainInProcess(dir, [])).stdout)).toEqual([
      'review the changes: git diff',
      'type-check them, then commit: npx taro-plugin-record-compat audit --verify',
    ]);
    const local = makeProject({ 'app.json': '{"pages":["pages/index"]}', 'pages/index.js': WX_PAGE });
    expect(nextStepsOf((await mainInProcess(local, ['--runtime', 'local'])).stdout)[0]).toBe(
      'review the changes: git status (the runtime copy is a new file), then git diff',
    );
    // Nothing to migrate: said, with the audit, which sees what a rewrite of one file at a time cannot.
    const plain = makeProject({ 'utils/add.js': PLAIN });
    expect(nextStepsOf((await mainInProcess(plain, [])).stdout)).toEqual([
      'nothing to migrate here; the audit also finds what a rewrite of one file at a time cannot see: npx taro-plugin-record-compat audit',
    ]);
  });

  it('recommends audit --verify after a rewrite only where it can run: a Taro 1 app, whose typings the audit cannot parse, is told what was checked and to build and try it', async () => {
    const page =
      "import Taro from '@tarojs/taro'\n\nexport function record() {\n  Taro.startRecord({ success: (res) => Taro.navigateTo({ url: res.tempFilePath }) })\n}\n";
    const dir = makeProject({ ...TARO1_TYPINGS, 'src/pages/index.js': page });
    const steps = nextStepsOf((await mainInProcess(dir, [])).stdout);
    const why = `@tarojs/taro does not parse with the audit's TypeScript ${ts.version}`;
    expect(steps).toEqual([
      'review the changes: git diff',
      `the audit's --verify cannot type-check this project (${why}); the rewrite checked only that each file it changed still parses: build and try the app with its own tools (and its tests) before you commit`,
    ]);
    // One decision: the audit, on the same project, says the same of its own programs.
    const audited = await auditJsonInProcess(dir, []);
    expect(audited.report.verifyCannotRun).toBe(why);
    expect(verifyCannotRunIn(dir)).toBe(why);
    // Taro 3's typings parse: recommended.
    const taro3 = makeProject({
      ...TARO1_TYPINGS,
      'package.json': JSON.stringify({ name: 'app', dependencies: { '@tarojs/taro': '3.6.0' } }),
      'node_modules/@tarojs/taro/types/index.d.ts':
        'declare namespace Taro { function startRecord(): void }\nexport = Taro\n',
    });
    expect(verifyCannotRunIn(taro3)).toBeUndefined();
  });

  it('points the places left for a person to the pages of the docs that explain them, which the package ships', async () => {
    const dir = makeProject(SHOWN_AUDIO);
    const r = await mainInProcess(dir, ['--dry']);
    expect(nextStepsOf(r.stdout)).toEqual([
      `2 places are left for a person: migrate them by hand as their reasons say; each API's replacement: ${DOCS}/legacy-apis.md; the runtime's functions: ${DOCS}/runtime.md`,
      `a createAudioContext left as it is: why, and its hand migration: ${DOCS}/legacy-apis.md#createaudiocontext`,
    ]);
    expect(fs.readFileSync(path.join(DOCS, 'legacy-apis.md'), 'utf8')).toContain('<a id="createaudiocontext"></a>');
    expect(fs.existsSync(path.join(DOCS, 'runtime.md'))).toBe(true);
    expect(JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).files).toContain('docs');
    // --json carries the same lines, and prints nothing else.
    const json = await mainInProcess(dir, ['--dry', '--json']);
    expect(JSON.parse(json.stdout).nextSteps).toEqual(nextStepsOf(r.stdout));
  });

  it('a refused run (a dirty tree) ends with the summary too, nothing counted, its reason and what to do', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'draft\n');
    const r = await mainInProcess(dir, ['.', '--print']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('error: the git working tree at');
    expect(r.stdout).toContain(
      '\nSummary (refused: nothing was written)\n  files: 0 looked at, 0 name a legacy API, 0 changed, 0 unchanged, 0 failed\n' +
        '  skipped: 0 (ignored 0 [0 folders, 0 files], JS-SDK 0, too large 0, minified 0, links outside 0)\n' +
        `  handled by the rewrite: 0 places\n  left for a person: 0 places\n  refused: the git working tree at ${dir} has uncommitted changes\n`,
    );
    expect(nextStepsOf(r.stdout)).toEqual([
      'commit or stash the changes named above, then run again: npx taro-plugin-record-compat . --print',
      'or see what it would change, writing nothing: npx taro-plugin-record-compat . --print --dry',
    ]);
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
    const json = JSON.parse((await mainInProcess(dir, ['.', '--json'])).stdout);
    expect(json).toMatchObject({
      refused: { reason: 'dirtyTree' },
      summary: { scanned: 0, changed: 0, manualReview: 0 },
      exitCode: 1,
    });
    expect(json.nextSteps).toHaveLength(2);
  });

  it('a run refused for its runtime copy ends with the summary and the way out too', async () => {
    const dir = makeProject({
      'app.json': '{"pages":["pages/index"]}',
      'pages/index.js': WX_PAGE,
      'utils/util.js': PLAIN,
    });
    const r = await mainInProcess(dir, ['--runtime', 'local=utils/util.js']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(
      /\n {2}refused: utils\/util\.js exists and is not a runtime copy written by this tool, so it is never replaced/,
    );
    expect(nextStepsOf(r.stdout)[0]).toBe(
      'do what the error above says, then run again: npx taro-plugin-record-compat --runtime local=utils/util.js',
    );
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
  });
});

describe("the audit's progress", () => {
  it('is a status line on a terminal (stderr), phase by phase, cleared before the report; nothing on a pipe or under --json', async () => {
    const dir = makeProject({ 'pages/rec/rec.js': WX_PAGE, 'utils/add.js': PLAIN });
    const terminal = await mainInProcess(dir, ['audit'], { stderrIsTerminal: true });
    expect(terminal.stderr).toMatch(
      /^\r\x1b\[2Kaudit: loading TypeScript… \d+\.\ds\r\x1b\[2Kaudit: finding the project's files… /,
    );
    expect(terminal.stderr).toMatch(
      /\r\x1b\[2Kaudit: building the TypeScript program from 1 file, their imports and typings \(the long part\)… \d+\.\ds\r\x1b\[2Kaudit: looking for references in 1 file… /,
    );
    expect(terminal.stderr).toMatch(/\r\x1b\[2Kaudit: asking the rewrite about 1 file… \d+\.\ds\r\x1b\[2K$/);
    expect(terminal.stdout).not.toMatch(/[\r\x1b]/);
    const timeless = (text: string) => text.replace(/\(\d+\.\ds\)/, '(…s)');
    const piped = await mainInProcess(dir, ['audit']);
    expect(piped.stderr).toBe('');
    expect(timeless(piped.stdout)).toBe(timeless(terminal.stdout));
    const json = await mainInProcess(dir, ['audit', '--json'], { stderrIsTerminal: true });
    expect(json.stderr).toBe('');
    expect(JSON.parse(json.stdout).nextSteps).toEqual(nextStepsOf(piped.stdout));
  });
});

describe('the next steps, from what a run did', () => {
  const run = (argv: string[], more: Partial<MigrationOutcome> = {}): string[] =>
    migrationNextSteps({
      invocation: { program: 'npx taro-plugin-record-compat', argv, paths: [] },
      cwd: ROOT,
      dry: argv.includes('--dry'),
      interrupted: false,
      changed: 1,
      failed: 0,
      left: [],
      git: 'clean',
      newFiles: false,
      copyPlanned: false,
      ...more,
    });

  it('name the command without --json (the same line in the text and the JSON), and a path after -- stays a path', () => {
    expect(run(['--dry', '--json', '--', '--dry'])).toEqual([
      'write these changes: npx taro-plugin-record-compat -- --dry',
    ]);
    const audit = auditNextSteps({
      invocation: {
        program: 'taro record-compat',
        argv: ['audit', '--json', '-p', 'tsconfig.json', '--', 'src'],
        paths: ['src'],
      },
      cwd: ROOT,
      handled: 0,
      left: [],
      unread: 0,
    });
    expect(audit).toEqual([
      'nothing is left here; if the migration is not committed yet, type-check it: taro record-compat audit -p tsconfig.json --verify -- src',
      'keep the deprecated APIs from coming back, in CI: taro record-compat audit -p tsconfig.json --strict -- src',
    ]);
  });

  it('recommend --verify only where it can type-check, and never say the migration type-checks where nothing was migrated', () => {
    const outcome = {
      invocation: { program: 'npx taro-plugin-record-compat', argv: ['audit', 'src'], paths: ['src'] },
      cwd: ROOT,
      left: [],
      unread: 0,
    };
    const why = "@tarojs/taro does not parse with the audit's TypeScript 6.0.2";
    const cannot = auditNextSteps({ ...outcome, handled: 0, verifyCannotRun: why });
    expect(cannot.join('\n')).not.toMatch(/ --verify$/m);
    expect(cannot[0]).toBe(
      `no deprecated API is left here, but --verify cannot type-check this project (${why}): build and try the app with its own tools before you commit`,
    );
    expect(auditNextSteps({ ...outcome, handled: 2, verifyCannotRun: why }).join('\n')).not.toMatch(/ --verify$/m);
    // --verify ran and could not check for typings the code imports: no way to make it possible, so no run again.
    const unchecked = auditNextSteps({
      ...outcome,
      handled: 0,
      verifyCannotRun: why,
      verify: { ran: true, migrated: 1, introduced: 0, unchecked: true },
    });
    expect(unchecked[0]).toBe(
      `--verify cannot type-check this project (${why}): build and try the app with its own tools (and its tests) before you commit`,
    );
    expect(unchecked.join('\n')).not.toMatch(/ --verify$/m);
    const verified = (migrated: number) =>
      auditNextSteps({ ...outcome, handled: 0, verify: { ran: true, migrated, introduced: 0, unchecked: false } });
    expect(verified(3)[0]).toBe('the migration type-checks: commit it');
    expect(verified(0)[0]).toBe(
      'no file differs from the baseline, so nothing was type-checked: migrate first, or give the --baseline before it',
    );
  });

  it('offer --dry after a refusal only where --dry is not refused too (a dirty tree, not a runtime copy or git)', () => {
    expect(run(['src'], { refused: 'dirtyTree' })).toHaveLength(2);
    expect(run(['src', '--dry'], { refused: 'runtimeCopy' })).toEqual([
      'do what the error above says, then run again: npx taro-plugin-record-compat src --dry',
    ]);
    expect(run(['src'], { refused: 'git' })).toEqual([
      'repair what git reports above, then run again: npx taro-plugin-record-compat src',
    ]);
  });

  it('after an interrupted run, say to run again; outside git, to audit rather than git diff', () => {
    expect(run(['src'], { interrupted: true })).toEqual(['run again to finish: npx taro-plugin-record-compat src']);
    expect(run(['src'], { git: 'none' })).toEqual(['see what is left: npx taro-plugin-record-compat audit']);
  });
});
