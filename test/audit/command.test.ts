import { afterEach, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/cli/main';
import type { AuditResult } from '../../src/audit';
import { NATIVE_JS_PROJECT, TSCONFIG } from './fixtures';
import { capture, makeProject, type TempProject } from './helpers';

const HANDLED_ONLY: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/index.ts': "import Taro from '@tarojs/taro'\n\nexport const go = () => Taro.startRecord({})\n",
};

const CLEAN: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/index.ts': "import Taro from '@tarojs/taro'\n\nexport const manager = Taro.getRecorderManager()\n",
};

let projects: TempProject[] = [];
function project(files: Record<string, string>): TempProject {
  const p = makeProject(files);
  projects.push(p);
  return p;
}
afterEach(() => {
  for (const p of projects) p.remove();
  projects = [];
});

async function run(argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const { out, err, io } = capture();
  const code = await auditCommand(argv, { ...io, cwd });
  return { code, out: out.join(''), err: err.join('') };
}

describe('auditCommand exit codes', () => {
  it('exits 2 on a usage error, said on stderr and, with --json, as JSON on stdout', async () => {
    const p = project(CLEAN);
    for (const argv of [
      ['--json', '--bogus'],
      ['--json', 'no-such-folder'],
    ]) {
      const { code, out, err } = await run(argv, p.dir);
      expect(code, argv.join(' ')).toBe(2);
      expect(JSON.parse(out)).toEqual({ error: expect.stringMatching(/--bogus|no-such-folder/), exitCode: 2 });
      expect(err).toContain(`error: ${JSON.parse(out).error}`);
    }
    expect((await run(['--bogus'], p.dir)).out).toBe('');
  });

  it('exits 1 when a reference needs a person, and --json carries every finding', async () => {
    const p = project(NATIVE_JS_PROJECT);
    const { code, out } = await run(['--json'], p.dir);
    expect(code).toBe(1);
    const result = JSON.parse(out) as AuditResult;
    expect(result.needsPerson).toBe(1);
    expect(result.findings.find((f) => f.status === 'manual')).toMatchObject({
      file: 'utils/call.js',
      line: 2,
      column: 10,
    });
  });

  it('exits 0 when the rewrite handles everything, and 1 with --strict', async () => {
    const p = project(HANDLED_ONLY);
    const plain = await run([], p.dir);
    expect(plain.code).toBe(0);
    expect(plain.out).toContain(
      "handled by the rewrite: 1 place\n  rewritten into the runtime's startRecord (Taro, call)\n    src/index.ts:3:25  Taro.startRecord(…)\n",
    );
    expect((await run(['--strict'], p.dir)).code).toBe(1);
  });

  it('exits 0 with --strict when no reference is left', async () => {
    const p = project(CLEAN);
    const { code, out } = await run(['--strict', '--json'], p.dir);
    expect(code).toBe(0);
    expect((JSON.parse(out) as AuditResult).findings).toEqual([]);
  });

  it('takes --project and paths', async () => {
    const p = project({
      ...NATIVE_JS_PROJECT,
      'config/tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true }, include: ['../pages'] }),
    });
    const { code, out } = await run(['--project', 'config/tsconfig.json', '--json'], p.dir);
    const result = JSON.parse(out) as AuditResult;
    expect(result.config).toBe('config/tsconfig.json');
    // only pages/ is in that config, and what pages/ imports: utils/recorder.js, not utils/call.js
    expect([...new Set(result.findings.map((f) => f.file))].sort()).toEqual([
      'pages/direct/direct.js',
      'pages/index/index.js',
      'pages/other/other.js',
      'utils/recorder.js',
    ]);
    expect(result.findings.length).toBe(7);
    expect(code).toBe(0);
    const scoped = JSON.parse((await run(['--project', 'config', '--json', 'pages/index'], p.dir)).out) as AuditResult;
    expect(scoped.findings.map((f) => f.expression)).toEqual(['recorder.begin(…)', 'recorder.end()']);
  });

  it.each([
    [['--bogus'], '--bogus'],
    [['--project', 'missing.json'], 'missing.json'],
    [['no/such/dir'], 'no/such/dir'],
    [['--baseline', 'HEAD'], '--baseline'],
    [['--project'], '--project'],
    [['--verify'], '--verify'],
  ])('exits 2 for %j, naming %s', async (argv, named) => {
    const p = project(CLEAN);
    const { code, err } = await run(argv, p.dir);
    expect(code).toBe(2);
    expect(err).toContain(named);
  });

  it('exits 2 naming the config and its reference when a reference is not there (not a --project never given)', async () => {
    const p = project({
      'tsconfig.json': JSON.stringify({ files: [], references: [{ path: './packages/gone' }] }),
      'src/a.ts': 'wx.startRecord({})\n',
    });
    const { code, err } = await run([], p.dir);
    expect(code).toBe(2);
    expect(err).toMatch(
      /^error: \S+\/tsconfig\.json: the reference "\.\/packages\/gone" names packages\/gone\/tsconfig\.json, which is not there: fix the config, or name another with --project\n$/,
    );
  });

  it('prints help and exits 0', async () => {
    const { code, out } = await run(['--help'], process.cwd());
    expect(code).toBe(0);
    expect(out).toContain('--verify');
  });
});

describe('--strict and an incomplete run', () => {
  it('passes without --strict but fails with it when @tarojs/taro is not installed', async () => {
    const p = makeProject(HANDLED_ONLY, { taro: false });
    projects.push(p);
    const plain = await run(['--json'], p.dir);
    const result = JSON.parse(plain.out) as AuditResult;
    expect(result.findings).toEqual([]);
    expect(result.warnings).toHaveLength(1);
    expect(plain.code).toBe(0);
    expect((await run(['--strict'], p.dir)).code).toBe(1);
  });
});
