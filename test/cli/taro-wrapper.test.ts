/**
 * Taro's wrapper through the CLI: in a project on Taro < 3.3.1 (read from the nearest
 * installed @tarojs/taro, else package.json) `Taro.*` calls of the APIs Taro wrapped become
 * the runtime's `…Wrapped` functions; `wx.*` calls and projects on a later Taro do not
 * (docs/contract.md, Decision R9).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockfileText } from '../helpers/lockfiles';
import { assertBuilt, cleanupProjects, makeProject, read, runCli, runJson } from './helpers';

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
  ])('@tarojs/taro %s in package.json: wrapped %s', (version, wrapped) => {
    const dir = makeProject({ 'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': version } }), 'src/pages/record.js': PAGE });
    const run = runCli(dir, []);
    expect(run.code).toBe(0);
    const page = read(dir, 'src/pages/record.js');
    if (wrapped) expect(page).toContain('startRecordWrapped({ success:');
    else expect(page).toMatch(/\bstartRecord\(\{ success:/);
    // never wrapped: stopRecord, and a call on the platform global
    expect(page).toMatch(/\bstopRecord\(\)/);
    expect(page).toMatch(/\bplayVoice\(\{ filePath/);
    expect(page).not.toContain('playVoiceWrapped');
  });

  it('the installed @tarojs/taro decides over the range', () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^3.0.0' } }),
      'node_modules/@tarojs/taro/package.json': JSON.stringify({ name: '@tarojs/taro', version: '3.2.5' }),
      'src/pages/record.js': PAGE,
    });
    expect(runCli(dir, []).code).toBe(0);
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
      'node_modules/@tarojs/taro': { version: '3.0.18', resolved: 'https://registry.npmjs.org/@tarojs/taro/-/taro-3.0.18.tgz' },
    },
  });

  it('a range that allows 3.3.1 with a package-lock.json that locks 3.0.18: the .then keeps working (the Wrapped export), without a warning', () => {
    const pkg = { name: 'repro-3', version: '1.0.0', dependencies: { '@tarojs/taro': '^3.0.0', 'taro-plugin-record-compat': '*' } };
    const dir = makeProject({ 'package.json': JSON.stringify(pkg), 'package-lock.json': repro3Lock, 'src/a.js': REPRO });
    const run = runCli(dir, ['.', '--dry', '--print']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("+import { startRecordWrapped } from 'taro-plugin-record-compat/runtime'");
    expect(run.stdout).toContain('+  return startRecordWrapped({ fail: (e) => console.warn(e) }).then(res => onFile(res.tempFilePath))');
    expect(run.stderr).not.toContain('warning');
  });

  it('a monorepo whose pnpm-lock.yaml at the root locks 3.0.18 for the app', () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ name: 'root', private: true }),
      'pnpm-workspace.yaml': "packages:\n  - 'packages/*'\n",
      'pnpm-lock.yaml': lockfileText('pnpm 8', '3.0.18', '^3.0.0', 'packages/app'),
      'packages/app/package.json': JSON.stringify({ name: 'app', dependencies: { '@tarojs/taro': '^3.0.0' } }),
      'packages/app/src/a.js': REPRO,
    });
    expect(runCli(dir, []).code).toBe(0);
    expect(read(dir, 'packages/app/src/a.js')).toContain('startRecordWrapped({ fail:');
  });

  it('a lockfile it cannot read is a warning naming it and why; the range decides, with a warning that says so', () => {
    const dir = makeProject({ 'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^3.0.0' } }), 'yarn.lock': 'not a lockfile\n', 'src/a.js': REPRO });
    const run = runCli(dir, ['.', '--dry']);
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('warning: yarn.lock: could not read the version of @tarojs/taro it locks (neither a yarn 1 lockfile');
    expect(run.stderr).toContain('warning: package.json: @tarojs/taro "^3.0.0" allows versions before 3.3.1 and from it, and no installed @tarojs/taro or lockfile says which the project runs');
  });

  it('says when the version cannot be told, once per project, and only where a Taro.* call depends on it', () => {
    const dir = makeProject({
      'latest/package.json': JSON.stringify({ dependencies: { '@tarojs/taro': 'latest', 'taro-plugin-record-compat': '*' } }),
      'latest/src/a.js': REPRO,
      'latest/src/b.js': REPRO,
      'wx-only/package.json': JSON.stringify({ dependencies: { '@tarojs/taro': 'latest', 'taro-plugin-record-compat': '*' } }),
      'wx-only/src/a.js': 'wx.startRecord({ success () {} })\n',
    });
    const run = runJson(dir, ['.', '--dry']);
    expect(run.code).toBe(0);
    expect(run.report.warnings).toEqual([expect.stringMatching(/^latest\/package\.json: @tarojs\/taro "latest" does not tell which Taro the project runs, and no installed @tarojs\/taro or lockfile says, so Taro\.\* calls/)]);
  });
});
