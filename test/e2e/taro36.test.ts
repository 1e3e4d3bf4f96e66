/**
 * Taro 3.6, the last Taro 3 (where most apps still calling startRecord live):
 * the React example's own source, built by @tarojs/cli 3.6 with webpack5 and
 * this package, checked in dist/ and driven in the mini-program host.
 *
 * The project is assembled under .tmp/: package.json and its lock from
 * test/e2e/taro36/, everything else copied from examples/taro-app.
 */
import * as path from 'node:path';
import { expect, it } from 'vitest';
import { TMP, countLegacyCallsInSource, lockDrift } from './helpers/example';
import { expectEveryCallRewritten, expectNoLegacyCalls, launchHost, taroScenario } from './helpers/scenario';

const app = taroScenario({
  label: 'taro 3.6',
  appDir: path.join(TMP, 'taro36-app'),
  assemble: { packageFiles: path.join(__dirname, 'taro36') },
  variants: { weapp: { platform: 'weapp', compiler: 'webpack5', out: 'dist/e2e/weapp-webpack5' } },
});

it("the Taro 3.6 project's lock matches this package's dependencies (else refresh test/e2e/taro36/package-lock.json)", () => {
  expect(lockDrift(app.appDir)).toEqual([]);
});

it('is built by Taro 3.6', () => {
  expect(app.installedVersion('@tarojs/cli')).toMatch(/^3\.6\./);
});

it('rewrites every call, leaves none outside the runtime, and bundles the runtime once', () => {
  expect(countLegacyCallsInSource(app.srcDir)).toBeGreaterThan(0);
  expectEveryCallRewritten(app.built('weapp'), app.scan('weapp'), app.srcDir, 5);
});

it('records through RecorderManager in the host: authorize, start with the configured options, the file after 60 s', async () => {
  const s = await launchHost(app.built('weapp').dist);
  const { wx, host } = s;
  const page = await host.open('pages/index/index');
  page.tap('record');
  await host.wait(1_300);
  expect(wx.count('authorize')).toBe(1);
  expect(wx.recorder.startCalls).toBe(1);
  expect(wx.recorder.recordings[0].options).toMatchObject({ duration: 60000, format: 'mp3', sampleRate: 16000 });
  await host.wait(61_000);
  expect(wx.recorder.files).toHaveLength(1);
  expect(page.textOf('file')).toBe(wx.recorder.files[0]);
  expect(page.textOf('status')).toBe('done');
  expectNoLegacyCalls(s);
});
