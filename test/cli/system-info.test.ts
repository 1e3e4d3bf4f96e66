/**
 * The system-info family through the codemod on a real git repository: each getSystemInfoSync
 * call becomes the runtime function of the fields read (docs/contract.md, Decision S1), counted
 * as "system-info calls"; a read of environment or errMsg is named for a person with its place
 * and reason; QQ's and Douyin's own getSystemInfo* stay as they are.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupProjects, gitStatus, mainInProcess, makeProject, read } from './helpers';

afterAll(cleanupProjects);

const NAV_PAGE = `Page({
  onLoad() {
    const { statusBarHeight, platform } = wx.getSystemInfoSync()
    this.setData({ top: statusBarHeight + 44, ios: platform === 'ios' })
    this.system = wx.getSystemInfoSync()
  },
  later() {
    wx.getSystemInfo({ success: (res) => this.setData({ width: res.windowWidth }) })
  }
})
`;
const WECOM_PAGE = `Page({
  onLoad() {
    this.setData({ wecom: wx.getSystemInfoSync().environment === 'wxwork', width: wx.getSystemInfoSync().windowWidth })
  }
})
`;
const TARO_HEADER = `import Taro from '@tarojs/taro'

export function header() {
  const info = Taro.getSystemInfoSync()
  return { width: info.windowWidth, version: info.SDKVersion }
}

export const load = () => Taro.getSystemInfo().then((res) => res.model)
`;
const OTHER_PLATFORMS = `qq.getSystemInfoSync().windowWidth\ntt.getSystemInfo({ success: (res) => res.model })\n`;

describe('the CLI on the system-info family', () => {
  it('rewrites each call into what its reads need, counts them as system-info calls, and names the environment read for a person', async () => {
    const dir = makeProject({
      'src/pages/nav.js': NAV_PAGE,
      'src/pages/wecom.js': WECOM_PAGE,
      'src/header.ts': TARO_HEADER,
      'src/other.js': OTHER_PLATFORMS,
    });
    const run = await mainInProcess(dir, []);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/handled by the rewrite: 6 places \(6 system-info calls; /);
    expect(run.stdout).toMatch(/left for a person: 1 place\n/);
    expect(run.stdout).toMatch(
      /\n {4}getSystemInfoSync\(\)'s environment is read here: environment \('wxwork' in WeCom\) has no new home[^\n]*docs\/legacy-apis\.md#system-info\)\n {6}src\/pages\/wecom\.js:3:\d+\n/,
    );

    expect(read(dir, 'src/pages/nav.js')).toBe(
      NAV_PAGE.replace(
        'Page({',
        "const { getSystemInfoSync, getWindowInfo, getDeviceInfo, getSystemInfo } = require('record-compat-runtime/native')\nPage({",
      )
        .replace('} = wx.getSystemInfoSync()', '} = getWindowInfo(), { platform } = getDeviceInfo()')
        .replace('{ statusBarHeight, platform }', '{ statusBarHeight }')
        .replace('this.system = wx.getSystemInfoSync()', 'this.system = getSystemInfoSync()')
        .replace('wx.getSystemInfo({', 'getSystemInfo({'),
    );
    // the call whose environment is read stays; the other call of the line is migrated
    expect(read(dir, 'src/pages/wecom.js')).toContain(
      "wecom: wx.getSystemInfoSync().environment === 'wxwork', width: getWindowInfo().windowWidth",
    );
    const header = read(dir, 'src/header.ts');
    expect(header).toContain('const info = getWindowInfo(), appBaseInfo = getAppBaseInfo()');
    expect(header).toContain('return { width: info.windowWidth, version: appBaseInfo.SDKVersion }');
    // Taro wrapped getSystemInfo in a Promise on every version (docs/contract.md, Decision S5)
    expect(header).toContain('export const load = () => getSystemInfoWrapped().then((res) => res.model)');
    expect(read(dir, 'src/other.js')).toBe(OTHER_PLATFORMS);
    expect(gitStatus(dir).split('\n').filter(Boolean).sort()).toEqual([
      ' M src/header.ts',
      ' M src/pages/nav.js',
      ' M src/pages/wecom.js',
    ]);
  });

  it('--json counts the family by its kind and lists the place for a person with its reason', async () => {
    const dir = makeProject({ 'src/pages/wecom.js': WECOM_PAGE });
    const run = await mainInProcess(dir, ['--dry', '--json']);
    const report = JSON.parse(run.stdout);
    expect(report.summary.callsByKind.systemInfo).toBe(1);
    expect(
      report.manualReview.map((site: { path: string; line: number; reason: string }) => [
        site.path,
        site.line,
        site.reason.replace(/:.*/, ''),
      ]),
    ).toEqual([['src/pages/wecom.js', 3, "getSystemInfoSync()'s environment is read here"]]);
  });

  it('--help names the family, the five APIs the runtime is built on, and that it is taken on wx and Taro only', async () => {
    const run = await mainInProcess(makeProject({ 'src/a.js': '' }, { git: false }), ['--help']);
    const text = run.stdout.replace(/\s+/g, ' ');
    expect(text).toContain(
      "getSystemInfoSync / getSystemInfo / getSystemInfoAsync / arrayBufferToBase64 / base64ToArrayBuffer / onBLEConnectionStateChanged / createCanvasContext / canvasToTempFilePath / canvasGetImageData / canvasPutImageData are taken only on wx.* and Taro.*: elsewhere the call is the platform's current API.",
    );
    expect(text).toContain(
      'getWindowInfo(), getDeviceInfo(), getAppBaseInfo(), getSystemSetting(), getAppAuthorizeSetting() and Canvas.getContext()',
    );
  });
});
