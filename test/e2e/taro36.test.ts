/**
 * Taro 3.6, the last Taro 3 (where most apps still calling startRecord live):
 * the React example's own source, built by @tarojs/cli 3.6 with webpack5 and
 * this package, checked in dist/ and driven in the mini-program host.
 *
 * The project is assembled under .tmp/: package.json and its lock from
 * test/e2e/taro36/, everything else copied from examples/taro-app.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost } from './host/mini-host';
import { scanDist, type DistScan } from './helpers/scan-dist';
import {
  RUNTIME_MARKER,
  TMP,
  assembleProject,
  buildExample,
  countLegacyCallsInSource,
  expectedSummary,
  ensureExample,
  lockDrift,
  summaryLines,
  type RunResult,
} from './helpers/example';

const APP = path.join(TMP, 'taro36-app');

let build: RunResult & { dist: string };
let scan: DistScan;

beforeAll(async () => {
  assembleProject(APP, path.join(__dirname, 'taro36'));
  await ensureExample(APP);
  build = await buildExample({ appDir: APP, platform: 'weapp', compiler: 'webpack5', out: 'dist/e2e/weapp-webpack5' });
  console.log(`[e2e] taro 3.6 build weapp (webpack5): ${(build.ms / 1000).toFixed(1)} s, exit ${build.code}`);
  if (build.code !== 0) throw new Error(`taro 3.6 build failed:\n${build.output.slice(-6000)}`);
  scan = scanDist(build.dist, RUNTIME_MARKER);
}, 1_200_000);

it("the Taro 3.6 project's lock matches this package's dependencies (else refresh test/e2e/taro36/package-lock.json)", () => {
  expect(lockDrift(APP)).toEqual([]);
});

it('is built by Taro 3.6', () => {
  const cli = JSON.parse(fs.readFileSync(path.join(APP, 'node_modules/@tarojs/cli/package.json'), 'utf8'));
  expect(cli.version).toMatch(/^3\.6\./);
});

it('rewrites every call, leaves none outside the runtime, and bundles the runtime once', () => {
  expect(countLegacyCallsInSource(path.join(APP, 'src'))).toBeGreaterThan(0);
  expect(summaryLines(build.output)).toEqual([expectedSummary(path.join(APP, 'src'), 4)]);
  expect(scan.legacy).toEqual([]);
  expect(scan.runtimeFiles).toHaveLength(1);
});

it('records through RecorderManager in the host: authorize, start with the configured options, the file after 60 s', async () => {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: undefined, userGrants: true });
  const host = new MiniProgramHost({ distDir: build.dist, wx, clock });
  await host.launch();
  const page = await host.open('pages/index/index');
  page.tap('record');
  await host.wait(1_300);
  expect(wx.count('authorize')).toBe(1);
  expect(wx.recorder.starts).toHaveLength(1);
  expect(wx.recorder.starts[0].options).toMatchObject({ duration: 60000, format: 'mp3', sampleRate: 16000 });
  await host.wait(61_000);
  expect(wx.recorder.files).toHaveLength(1);
  expect(page.textOf('file')).toBe(wx.recorder.files[0]);
  expect(page.textOf('status')).toBe('done');
  expect(wx.count('startRecord')).toBe(0);
  expect(wx.count('stopRecord')).toBe(0);
  expect(host.errors).toEqual([]);
});
