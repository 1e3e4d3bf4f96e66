/**
 * Taro's wrapper through the CLI: in a project on Taro < 3.3.1 (read from the nearest
 * installed @tarojs/taro, else package.json) `Taro.*` calls of the APIs Taro wrapped become
 * the runtime's `…Wrapped` functions; `wx.*` calls and projects on a later Taro do not
 * (docs/contract.md, Decision R9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit';
import { lockfileText } from '../helpers/lockfiles';
import {
  assertBuilt,
  cleanupProjects,
  makeProject,
  migrateInProcess,
  read,
  runJsonInProcess,
  mainInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const PAGE = `import Taro from '@tarojs/taro'

export function record(page) {
  Taro.startRecord({ success: (res) => page.setState({ file: res.tempFilePath }) }).then(() => page.upload())
  Taro.stopRecord()
  wx.playVoice({ filePath: page.state.file })
}
`;

describe("the CLI and the project's Taro", () => {
  it.each([
    ['2.2.22', true],
    ['^3.0.0', false],
    ['3.6.0', false],
    ['>=1.3.0 <3.3.1', true],
    ['npm:@tarojs/taro@1.3.45', true],
    ['3.3.1-beta.0', true],
  ])('@tarojs/taro %s in package.json: wrapped %s', async (version, wrapped) => {
    const dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': version } }),
      'src/pages/record.js': PAGE,
    });
    const run = await mainInProcess(dir, []);
    expect(run.code).toBe(0);
    const page = read(dir, 'src/pages/record.js');
    if (wrapped) expect(page).toContain('startRecordWrapped({ success:');
    else expect(page).toMatch(/\bstartRecord\(\{ success:/);
    // never wrapped: stopRecord, and a call on the platform global
    expect(page).toMatch(/\bstopRecord\(\)/);
    expect(page).toMatch(/\bplayVoice\(\{ filePath/);
    expect(page).not.toContain('playVoiceWrapped');
  });

  it('the installed @tarojs/taro decides over the range', async () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^3.0.0' } }),
      'node_modules/@tarojs/taro/package.json': JSON.stringify({ name: '@tarojs/taro', version: '3.2.5' }),
      'src/pages/record.js': PAGE,
    });
    expect((await mainInProcess(dir, [])).code).toBe(0);
    expect(read(dir, 'src/pages/record.js')).toContain('startRecordWrapped(');
  });
});

describe("the CLI and the project's lockfile", () => {
  const REPRO = `import Taro from '@tarojs/taro'
export function rec (onFile) {
  return Taro.startRecord({ fail: (e) => console.warn(e) }).then(res => onFile(res.tempFilePath))
}
`;
  const repro3Lock = JSON.stringify({
    name: 'repro-3',
    version: '1.0.0',
    lockfileVersion: 3,
    requires: true,
    packages: {
      '': { name: 'repro-3', version: '1.0.0', dependencies: { '@tarojs/taro': '^3.0.0' } },
      'node_modules/@tarojs/taro': {
        version: '3.0.18',
        resolved: 'https://registry.npmjs.org/@tarojs/taro/-/taro-3.0.18.tgz',
      },
    },
  });

  it('a range that allows 3.3.1 with a package-lock.json that locks 3.0.18: the .then keeps working (the Wrapped export), without a warning', async () => {
    const pkg = {
      name: 'repro-3',
      version: '1.0.0',
      dependencies: { '@tarojs/taro': '^3.0.0', 'record-compat-runtime': '*' },
    };
    const dir = makeProject({
      'package.json': JSON.stringify(pkg),
      'package-lock.json': repro3Lock,
      'src/a.js': REPRO,
    });
    const run = await mainInProcess(dir, ['.', '--dry', '--print']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("+import { startRecordWrapped } from 'record-compat-runtime'");
    expect(run.stdout).toContain(
      '+  return startRecordWrapped({ fail: (e) => console.warn(e) }).then(res => onFile(res.tempFilePath))',
    );
    expect(run.stderr).not.toContain('warning');
  });

  it('a monorepo whose pnpm-lock.yaml at the root locks 3.0.18 for the app', async () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      'pnpm-lock.yaml': lockfileText('pnpm 8', '3.0.18', '^3.0.0', 'packages/app'),
      'packages/app/package.json': JSON.stringify({ name: 'app', dependencies: { '@tarojs/taro': '^3.0.0' } }),
      'packages/app/src/a.js': REPRO,
    });
    expect((await mainInProcess(dir, [])).code).toBe(0);
    expect(read(dir, 'packages/app/src/a.js')).toContain('startRecordWrapped({ fail:');
  });

  it('a lockfile it cannot read is a warning naming it and why; the range decides, with a warning that says so', async () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^3.0.0' } }),
      'yarn.lock': 'not a lockfile\n',
      'src/a.js': REPRO,
    });
    const run = await mainInProcess(dir, ['.', '--dry']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      'warning: yarn.lock: could not read the version of @tarojs/taro it locks (neither a yarn 1 lockfile',
    );
    expect(run.stderr).toContain(
      'warning: package.json: @tarojs/taro "^3.0.0" allows versions before 3.3.1 and from it, and no installed @tarojs/taro or lockfile says which the project runs',
    );
  });

  it('says when the version cannot be told, once per project, and only where a Taro.* call depends on it', async () => {
    const dir = makeProject({
      'latest/package.json': JSON.stringify({
        dependencies: { '@tarojs/taro': 'latest', 'record-compat-runtime': '*' },
      }),
      'latest/src/a.js': REPRO,
      'latest/src/b.js': REPRO,
      'wx-only/package.json': JSON.stringify({
        dependencies: { '@tarojs/taro': 'latest', 'record-compat-runtime': '*' },
      }),
      'wx-only/src/a.js': 'wx.startRecord({ success () {} })\n',
    });
    const run = await runJsonInProcess(dir, ['.', '--dry']);
    expect(run.code).toBe(0);
    expect(run.report.warnings).toEqual([
      expect.stringMatching(
        /^latest\/package\.json: @tarojs\/taro "latest" does not tell which Taro the project runs, and no installed @tarojs\/taro or lockfile says, so Taro\.\* calls/,
      ),
    ]);
  });
});

describe('a package.json the CLI cannot parse', () => {
  /** A Taro 2 project's package.json left with a trailing comma. */
  const BROKEN =
    '{\n  "name": "taro2-app",\n  "dependencies": {\n    "@tarojs/taro": "2.2.22",\n    "taro-plugin-record-compat": "*",\n  }\n}\n';
  const FAULT = "not valid JSON at line 5, column 37: a trailing comma before '}', which JSON does not allow";

  async function run(
    dir: string,
  ): Promise<{ code: number; failed: [string, number | undefined, string][]; warnings: string[] }> {
    const warnings: string[] = [];
    const r = await migrateInProcess(['.'], dir, { warning: (message) => warnings.push(message) });
    if (r.kind !== 'done') throw new Error(`expected a finished run, got ${JSON.stringify(r)}`);
    const failed = r.tally.notable.filter((f) => f.status === 'failed');
    return {
      code: r.exitCode,
      failed: failed.map((f) => [r.tally.rel(f.file), f.error?.line, f.error!.message]),
      warnings,
    };
  }

  it('is named, with its line, for a Taro.* call whose rewrite follows the project\'s Taro: no guess at the wrapper, no "no @tarojs/taro is installed"', async () => {
    const dir = makeProject({ 'package.json': BROKEN, 'src/pages/record.js': PAGE });
    const { code, failed, warnings } = await run(dir);
    expect(code).toBe(1);
    expect(failed).toEqual([
      [
        'src/pages/record.js',
        4,
        `which Taro the project runs is not known: ../../package.json cannot be parsed (${FAULT}), and this file's Taro.* calls of startRecord, playVoice, playBackgroundAudio, seekBackgroundAudio or getBackgroundAudioPlayerState ` +
          'are rewritten by it (before Taro 3.3.1 they returned a Promise even with callbacks); left as it is: fix ../../package.json and run again',
      ],
    ]);
    expect(warnings.join('\n')).not.toContain('no @tarojs/taro is installed');
    expect(read(dir, 'src/pages/record.js')).toBe(PAGE);
  });

  it('is named for a file whose runtime entry it decides (a wx.* call in the Taro project), in the codemod and the audit alike', async () => {
    const WX = 'export const hold = () => wx.startRecord({})\n';
    const dir = makeProject({ 'package.json': BROKEN, 'src/utils/rec.js': WX });
    const reason =
      `../../package.json cannot be parsed (${FAULT}), and an import of record-compat-runtime/native depends on it: it is the package.json that installs record-compat-runtime here, ` +
      "and it says whether this is a Taro project's file (which runtime entry it imports, whether Taro builds it); left as it is: fix ../../package.json and run again";
    const { code, failed } = await run(dir);
    expect([code, failed]).toEqual([1, [['src/utils/rec.js', 1, reason]]]);
    expect(read(dir, 'src/utils/rec.js')).toBe(WX);
    const audit = await runAudit({ cwd: dir });
    expect(audit.findings).toMatchObject([{ file: 'src/utils/rec.js', line: 1, status: 'manual', reason }]);
  });
});
