/**
 * A native mini-program that WeChat's devtools load as it is (project.config.json names the
 * folder of app.json as its miniprogramRoot): a require() of a package resolves only in
 * miniprogram_npm, which WeChat's npm build cannot fill with this package, so the codemod
 * refuses it the package import, leaves it byte for byte and names the way out
 * (`--runtime local`), which then works. A project whose config names a build's output folder
 * is migrated as before. The audit lists the calls for a person with the same reason.
 * Uses dist/ (npm run build).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAudit } from '../../src/audit';
import { assertBuilt, cleanupProjects, makeProject, read, runJson } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const PAGE = "Page({\n  hold() {\n    wx.startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })\n  },\n})\n";
const REASON =
  /^WeChat loads this mini-program as it is, with no build step \(project\.config\.json: miniprogramRoot 'miniprogram\/'\), so an import of taro-plugin-record-compat\/runtime\/native would not resolve .*migrate it with `npx taro-plugin-record-compat --runtime local`/;

const nativeProject = (miniprogramRoot: string, appDir = 'miniprogram') =>
  makeProject({
    'project.config.json': JSON.stringify({ appid: 'touristappid', miniprogramRoot }),
    [`${appDir}/app.json`]: JSON.stringify({ pages: ['pages/voice/voice'] }),
    [`${appDir}/pages/voice/voice.js`]: PAGE,
  });

describe('a native mini-program WeChat loads as it is', () => {
  it('is refused the package import, left byte for byte, with the way out; --runtime local then migrates it', () => {
    const dir = nativeProject('miniprogram/');
    const refused = runJson(dir, []);
    expect(refused.code).toBe(1);
    expect(refused.report.failures).toMatchObject([{ path: 'miniprogram/pages/voice/voice.js', line: 3, reason: expect.stringMatching(REASON) }]);
    expect(read(dir, 'miniprogram/pages/voice/voice.js')).toBe(PAGE);

    const local = runJson(dir, ['--runtime', 'local']);
    expect(local.code).toBe(0);
    expect(local.report.runtime).toMatchObject({ mode: 'local', file: 'miniprogram/utils/record-compat.js', written: true });
    expect(read(dir, 'miniprogram/pages/voice/voice.js')).toContain("require('../../utils/record-compat')");
  });

  it('is the folder of project.config.json when it names no miniprogramRoot', () => {
    const dir = nativeProject('', '.');
    const { report } = runJson(dir, ['--dry']);
    expect(report.failures).toMatchObject([{ path: 'pages/voice/voice.js', reason: expect.stringContaining('(project.config.json beside app.json)') }]);
  });

  it('is migrated with the package import where project.config.json names a build output instead (a bundler builds the sources)', () => {
    const dir = nativeProject('dist/', 'src');
    const { code, report } = runJson(dir, []);
    expect([code, report.failures]).toEqual([0, []]);
    expect(read(dir, 'src/pages/voice/voice.js')).toContain("require('taro-plugin-record-compat/runtime/native')");
  });

  it('is named by the audit for a person, with the same reason', async () => {
    const dir = nativeProject('miniprogram/');
    const result = await runAudit({ cwd: dir });
    expect(result.findings).toMatchObject([{ file: 'miniprogram/pages/voice/voice.js', line: 3, status: 'manual', reason: expect.stringMatching(REASON) }]);
  });
});
