/**
 * The system-info family in the audit: found by the symbol the typings declare (Taro's and
 * miniprogram-api-typings'), each place with the runtime function the rewrite makes of it; a read
 * of environment left for a person with the engine's reason; QQ's own getSystemInfoSync and a
 * method merely so named not reported. --verify: after the migration, the calls of the five new
 * APIs (and the whole object, the callback and Promise forms) type-check against the runtime's
 * own declarations.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { auditCommand } from '../../src/cli/main';
import type { AuditResult } from '../../src/audit';
import { rewriteSource } from '../../src/rewrite';
import { ROOT } from '../helpers/paths';
import { TSCONFIG } from './fixtures';
import { auditedOnce, capture, makeProject } from './helpers';

const LAYOUT = [
  "import Taro from '@tarojs/taro'",
  '',
  'export function layout(): { width: number; top: number; ios: boolean; rpx: number; sdk: string } {',
  '  const width: number = Taro.getSystemInfoSync().windowWidth',
  '  const { statusBarHeight, platform } = Taro.getSystemInfoSync()',
  '  const info = Taro.getSystemInfoSync()',
  '  return { width, top: statusBarHeight, ios: platform === "ios", rpx: info.windowWidth / 750, sdk: info.SDKVersion }',
  '}',
  '',
  'export function camera(): boolean {',
  '  return Taro.getSystemInfoSync().cameraAuthorized',
  '}',
  '',
  'export async function model(): Promise<string> {',
  '  const res = await Taro.getSystemInfo()',
  '  return res.model',
  '}',
  '',
  'export function language(done: (language: string) => void): void {',
  '  Taro.getSystemInfoAsync({ success: (res) => done(res.language) })',
  '}',
  '',
].join('\n');

const NATIVE = [
  'export function wecom(): boolean {',
  "  return wx.getSystemInfoSync().environment === 'wxwork'",
  '}',
  '',
  // A boolean in WeChat's typings: the migrated getSystemSetting() must type it so under strict.
  'export function settings(done: (wifi: boolean) => void): void {',
  '  const { wifiEnabled } = wx.getSystemInfoSync()',
  '  wx.getSystemInfo({ success: () => done(wifiEnabled) })',
  '}',
  '',
].join('\n');

const PROJECT: Record<string, string> = {
  'tsconfig.json': TSCONFIG,
  'src/layout.ts': LAYOUT,
  'src/native.ts': NATIVE,
  // QQ's own getSystemInfoSync is its current API; an object's method merely so named is no API
  'src/own.ts': [
    'declare const qq: any',
    'export const width = qq.getSystemInfoSync().windowWidth',
    'const device = { getSystemInfoSync: () => ({ model: "x" }) }',
    'export const model = device.getSystemInfoSync().model',
    '',
  ].join('\n'),
};

describe('the system-info family in the audit', () => {
  const audited = auditedOnce(PROJECT);

  it('finds every call by symbol and names the runtime function each becomes: the group of the fields read, the whole object, the wrapped Promise on Taro', () => {
    const found = audited.result.findings
      .filter((f) => f.file === 'src/layout.ts')
      .map((f) => [f.line, f.api, f.status, f.reason]);
    expect(found).toEqual([
      [4, 'getSystemInfoSync', 'handled', "rewritten into the runtime's getWindowInfo (Taro, call)"],
      [5, 'getSystemInfoSync', 'handled', "rewritten into the runtime's getWindowInfo (Taro, call)"],
      [6, 'getSystemInfoSync', 'handled', "rewritten into the runtime's getWindowInfo (Taro, call)"],
      // read through authorized(), a boolean again (docs/contract.md, Decision S4)
      [11, 'getSystemInfoSync', 'handled', "rewritten into the runtime's getAppAuthorizeSetting (Taro, call)"],
      [15, 'getSystemInfo', 'handled', "rewritten into the runtime's getSystemInfoWrapped (Taro, call)"],
      [20, 'getSystemInfoAsync', 'handled', "rewritten into the runtime's getSystemInfoAsync (Taro, call)"],
    ]);
  });

  it('leaves the environment read for a person with its reason, and reports nothing of QQ or of a look-alike', () => {
    const native = audited.result.findings
      .filter((f) => f.file === 'src/native.ts')
      .map((f) => [f.line, f.api, f.status, f.reason.replace(/:.*/, '')]);
    expect(native).toEqual([
      [2, 'getSystemInfoSync', 'manual', "getSystemInfoSync()'s environment is read here"],
      [6, 'getSystemInfoSync', 'handled', "rewritten into the runtime's getSystemSetting (wx, call)"],
      [7, 'getSystemInfo', 'handled', "rewritten into the runtime's getSystemInfo (wx, call)"],
    ]);
    expect(audited.result.findings.filter((f) => f.file === 'src/own.ts')).toEqual([]);
    expect(audited.result.needsPerson).toBe(1);
  });
});

describe('--verify after the system-info migration', () => {
  const project = makeProject({ ...PROJECT, 'src/native.ts': NATIVE.split('\n').slice(4).join('\n') }, { git: true });
  afterAll(() => project.remove());

  it("type-checks the five new APIs' calls, the whole object and the callback and Promise forms against the runtime's declarations", async () => {
    // the runtime package as built, in place of the audit tests' stub of its record functions
    const runtime = path.join(project.dir, 'node_modules/record-compat-runtime');
    fs.rmSync(runtime, { recursive: true, force: true });
    fs.mkdirSync(path.join(runtime, 'dist'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'packages/runtime/package.json'), path.join(runtime, 'package.json'));
    fs.cpSync(path.join(ROOT, 'packages/runtime/dist/types'), path.join(runtime, 'dist/types'), { recursive: true });
    for (const file of ['src/layout.ts', 'src/native.ts']) {
      const output = rewriteSource(fs.readFileSync(path.join(project.dir, file), 'utf8'), file).output!;
      project.write(file, output);
    }
    const layout = fs.readFileSync(path.join(project.dir, 'src/layout.ts'), 'utf8');
    expect(layout).toContain('const { statusBarHeight } = getWindowInfo(), { platform } = getDeviceInfo()');
    expect(layout).toContain('const info = getWindowInfo(), appBaseInfo = getAppBaseInfo()');

    const { out, err, io } = capture();
    const code = await auditCommand(['--verify', '--json'], { ...io, cwd: project.dir });
    expect(err.join('')).toBe('');
    const result = JSON.parse(out.join('')) as AuditResult;
    expect(result.verify).toMatchObject({ migratedFiles: ['src/layout.ts', 'src/native.ts'], introduced: [] });
    expect(code).toBe(0);
  });
});
