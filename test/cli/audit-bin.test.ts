/** The audit behind the package's bin: `taro-plugin-record-compat audit …` (built). */
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, cleanupProjects, mainInProcess, makeProject, ROOT, WX_PAGE } from './helpers';

afterAll(cleanupProjects);

// Without colours, as the text is read: CI machines set FORCE_COLOR or CI, which turn them on.
const run = (args: string[], env: Record<string, string> = {}) =>
  spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '', ...env },
  });
// The command line as the bin reads it, in this process (the bin itself is spawned where it answers
// before auditing): an audit spawned costs seconds of a busy machine's CPU, TypeScript and its typings loaded again.
const inProcess = (args: string[], cwd = ROOT) => mainInProcess(cwd, args);

describe('bin: audit subcommand', () => {
  it('audits the bundled legacy example: every reference of every family found, on both routes, all handled by the rewrite as the codemod says', async () => {
    // From the example's folder: from the repository's root the audit would load the repository's own
    // tsconfig, which leaves examples/ out, and type-load all of src/ and test/ for nothing.
    const result = await inProcess(['audit', '.', '--json'], path.join(ROOT, 'examples/legacy'));
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.config).toBeNull();
    const findings = report.findings as Array<{ file: string; status: string; api: string }>;
    const count = (part: string, apis: RegExp) =>
      findings.filter((f) => f.file.startsWith(`${part}/`) && apis.test(f.api)).length;
    // The Taro app: 6 of the record API, 4 of the voice API (its notes play back: play, pause, stop), 4 of the
    // background audio (its lesson page).
    expect([
      count('taro', /Record$/),
      count('taro', /Voice$/),
      count('taro', /BackgroundAudio/),
      count('taro', /^createAudioContext$/),
    ]).toEqual([6, 4, 4, 0]);
    // The native mini-program: 3 of the record API, 4 of the voice API, the createAudioContext of its hidden <audio>,
    // and 2 getSystemInfoSync (the voice page's status bar and window, utils/device.js's platform).
    expect([
      count('miniprogram', /Record$/),
      count('miniprogram', /Voice$/),
      count('miniprogram', /BackgroundAudio/),
      count('miniprogram', /^createAudioContext$/),
      count('miniprogram', /^getSystemInfo/),
    ]).toEqual([3, 4, 0, 1, 2]);
    expect(count('taro', /^getSystemInfo/)).toBe(0);
    expect(findings).toHaveLength(24);
    // The Taro app imports the runtime package, the mini-program WeChat loads as it is a local copy: the codemod's
    // default handles both.
    expect(findings.every((f) => f.status === 'handled')).toBe(true);
  });

  it('exits 2 naming a bad argument, and the migrate command still answers without "audit"', () => {
    const bad = run(['audit', '--no-such-flag']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('--no-such-flag');
    const migrate = run(['--help']);
    expect(migrate.status).toBe(0);
    expect(migrate.stdout).toContain('audit [paths]');
  });

  it('prints a usage error as JSON on stdout under --json, whatever option or value on the line is wrong', () => {
    const cases: { args: string[]; env?: Record<string, string>; error: string }[] = [
      { args: ['audit', '--json', '--bogus'], error: "unknown option '--bogus'" },
      { args: ['audit', '--json', 'no-such-folder'], error: 'no-such-folder: no such file or directory' },
      { args: ['audit', '--baseline', 'HEAD', '--json'], error: 'option --baseline is only meaningful with --verify' },
      {
        args: ['audit', '--json', 'examples/legacy'],
        env: { RECORD_COMPAT_GIT_TIMEOUT_MS: 'abc' },
        error: 'RECORD_COMPAT_GIT_TIMEOUT_MS=abc',
      },
    ];
    for (const c of cases) {
      const result = run(c.args, c.env);
      expect(result.status, c.args.join(' ')).toBe(2);
      expect(JSON.parse(result.stdout)).toEqual({ error: expect.stringContaining(c.error), exitCode: 2 });
      expect(result.stderr).toContain(`error: ${JSON.parse(result.stdout).error}`);
    }
  });

  it('reads --json before the subcommand as after it: the report, and a usage error, both as JSON', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE }, { git: false });
    const before = await inProcess(['--json', 'audit'], dir);
    const after = await inProcess(['audit', '--json'], dir);
    expect(before.code).toBe(0);
    const strip = (text: string) => ({ ...JSON.parse(text), stats: null });
    expect(strip(before.stdout)).toEqual(strip(after.stdout));
    const bogus = await inProcess(['--json', 'audit', '--bogus']);
    expect(bogus.code).toBe(2);
    expect(JSON.parse(bogus.stdout)).toEqual({ error: "unknown option '--bogus'", exitCode: 2 });
  });

  it('takes the options it shares with the migrate command: --no-color, --version', async () => {
    const plain = await inProcess(['audit', '--no-color'], makeProject({ 'pages/index.js': WX_PAGE }, { git: false }));
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.stdout).toMatch(/\n {2}handled by the rewrite: \d+ places\n/);
    expect(plain.stdout).not.toContain('\u001b[');
    const version = run(['audit', '--version']);
    const migrateVersion = run(['--version']);
    expect(version.status).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    expect(version.stdout).toBe(migrateVersion.stdout);
  });

  it('names each file given whose kind it does not read, with the reason, in the text and in --json; such a file fails nothing', async () => {
    const dir = makeProject(
      { 'x.wxs': 'wx.startRecord()\n', 'x.json': '{}\n', 'pages/index.js': 'wx.startRecord({})\n' },
      { git: false },
    );
    const reasons = [
      [
        'x.json',
        'not a script this tool reads (.json files are not audited; it takes .js, .jsx, .ts, .tsx, .mjs, .cjs, .mts, .cts and .vue files)',
      ],
      [
        'x.wxs',
        'not a script this tool reads (.wxs files are not audited; it takes .js, .jsx, .ts, .tsx, .mjs, .cjs, .mts, .cts and .vue files)',
      ],
    ];
    const json = await inProcess(['audit', 'x.json', 'x.wxs', 'pages/index.js', '--json'], dir);
    expect(json.code, json.stderr).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.skippedFiles).toEqual(reasons.map(([file, reason]) => ({ file, reason, references: 0 })));
    expect(report.findings.map((f: { file: string }) => f.file)).toEqual(['pages/index.js']);
    const text = await inProcess(['audit', 'x.json', 'x.wxs', '--no-color'], dir);
    expect(text.code, text.stderr).toBe(0);
    for (const [file, reason] of reasons)
      expect(text.stdout).toContain(`${file}  left alone by the rewrite: ${reason}\n`);
  });
  it('a tsconfig TypeScript cannot read (a syntax error, an extends that is not there) is one sentence: where (line and column where TypeScript has them), what, and the ways out; exit 2', async () => {
    const cases: { tsconfig: string; where: string; what: string }[] = [
      {
        tsconfig: '{"compilerOptions":{"allowJs":true,,}}',
        where: 'tsconfig.json:1:36',
        what: 'Property assignment expected',
      },
      { tsconfig: '{"extends":"./base/tsconfig.json"}', where: 'tsconfig.json', what: "Cannot read file '" },
      {
        tsconfig: '{"extends":"@tsconfig/not-installed/tsconfig.json"}',
        where: 'tsconfig.json',
        what: "File '@tsconfig/not-installed/tsconfig.json' not found",
      },
    ];
    for (const c of cases) {
      const dir = makeProject({ 'tsconfig.json': c.tsconfig, 'pages/index.js': WX_PAGE });
      const result = await inProcess(['audit', '--json'], dir);
      expect(result.code, c.tsconfig).toBe(2);
      const { error } = JSON.parse(result.stdout);
      expect(error, c.tsconfig).toMatch(
        new RegExp(
          `^${dir}/${c.where.replace(/[.]/g, '\\.')}: ${c.what.replace(/[.'/@]/g, '\\$&')}.*: fix the config, or name another with --project$`,
        ),
      );
      expect(result.stderr).toBe(`error: ${error}\n`);
    }
  });
});
