/**
 * The app's own getRecorderManager through the CLI (docs/contract.md, Decision R12): routed
 * through the runtime only when the run finds a legacy record call somewhere, so that a
 * project without one gets nothing from us.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanupProjects, gitStatus, makeProject, read, runJsonInProcess, mainInProcess } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const DICTAPHONE = `const recorderManager = wx.getRecorderManager()

Page({
  onLoad() {
    recorderManager.onStop((res) => this.setData({ file: res.tempFilePath }))
  },
  start() {
    recorderManager.start({ format: 'mp3' })
  }
})
`;
const LEGACY = `Page({
  record() {
    wx.startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })
  },
  stop() {
    wx.stopRecord()
  }
})
`;
// names startRecord, but only as a method of its own object: no legacy call
const NEAR_MISS = `const camera = { startRecord() {} }\ncamera.startRecord()\n`;

describe("the CLI and the app's own getRecorderManager", () => {
  it('routes a page that only uses its own wx.getRecorderManager() when another page has legacy calls', async () => {
    const dir = makeProject({ 'pages/dictaphone/index.js': DICTAPHONE, 'pages/legacy/index.js': LEGACY });
    const run = await mainInProcess(dir, ['pages']);
    expect(run.code, run.stderr).toBe(0);
    const dictaphone = read(dir, 'pages/dictaphone/index.js');
    expect(dictaphone).toMatch(
      /^(?:const|var) \{ (?:\w+, )*getRecorderManager(?:, \w+)* \} = require\('record-compat-runtime\/native'\)$/m,
    );
    expect(dictaphone).toContain('const recorderManager = getRecorderManager()');
    expect(dictaphone).not.toContain('wx.getRecorderManager');
    expect(read(dir, 'pages/legacy/index.js')).toMatch(
      /^(?:const|var) \{ (?:\w+, )*startRecord(?:, \w+)* \} = require\('record-compat-runtime\/native'\)$/m,
    );
    expect(run.stdout).toMatch(/changed +pages\/dictaphone\/index\.js/);
    expect(run.stdout).toMatch(
      /handled by the rewrite: 3 places \(2 legacy record calls and 1 app's own getRecorderManager use; /,
    );
    expect(run.stdout).toMatch(/app's own getRecorderManager: 1 use routed through the runtime/);
  });

  it("says nothing of the app's own getRecorderManager in a project with legacy calls that has none", async () => {
    for (const args of [['pages'], ['pages', '--dry']]) {
      const run = await mainInProcess(
        makeProject({ 'pages/legacy/index.js': LEGACY, 'pages/camera/index.js': NEAR_MISS }),
        args,
      );
      expect(run.code, run.stderr).toBe(0);
      expect(run.stdout).toMatch(/handled by the rewrite: 2 places \(2 legacy record calls; /);
      expect(run.stdout).not.toMatch(/getRecorderManager/);
    }
  });

  it('reports the routed sites as a kind of their own in --json', async () => {
    const dir = makeProject({ 'pages/dictaphone/index.js': DICTAPHONE, 'pages/legacy/index.js': LEGACY });
    const { code, report } = await runJsonInProcess(dir, ['--dry', 'pages']);
    expect(code).toBe(0);
    expect(report.routeRecorderManager).toBe(true);
    expect(report.summary.callsByKind).toEqual({
      record: 2,
      voice: 0,
      audio: 0,
      backgroundAudio: 0,
      systemInfo: 0,
      base64: 0,
      rename: 0,
      lifetimes: 0,
      canvas: 0,
      recorderManager: 1,
    });
    expect(report.summary.calls).toMatchObject({ getRecorderManager: 1, startRecord: 1, stopRecord: 1 });
    const entry = report.files.find((f: { path: string }) => f.path === 'pages/dictaphone/index.js');
    expect(entry.rewritten).toEqual([{ line: 1, column: 24, api: 'getRecorderManager', via: 'wx', form: 'call' }]);
  });

  it('writes nothing in a project without a legacy record call', async () => {
    const dir = makeProject({ 'pages/dictaphone/index.js': DICTAPHONE, 'pages/camera/index.js': NEAR_MISS });
    const run = await mainInProcess(dir, ['pages']);
    expect(run.code, run.stderr).toBe(0);
    expect(gitStatus(dir)).toBe('');
    expect(read(dir, 'pages/dictaphone/index.js')).toBe(DICTAPHONE);
    expect(run.stdout).toMatch(/files: 2 looked at, 1 names a legacy API, 0 changed/);
    expect(run.stdout).not.toMatch(/routed/);
    const { report } = await runJsonInProcess(dir, ['--dry', 'pages']);
    expect(report.routeRecorderManager).toBe(false);
    expect(report.summary.callsByKind).toEqual({
      record: 0,
      voice: 0,
      audio: 0,
      backgroundAudio: 0,
      systemInfo: 0,
      base64: 0,
      rename: 0,
      lifetimes: 0,
      canvas: 0,
    });
  });

  it('decides over the paths it is given: the legacy page outside them does not count', async () => {
    const dir = makeProject({ 'pages/dictaphone/index.js': DICTAPHONE, 'pages/legacy/index.js': LEGACY });
    const run = await mainInProcess(dir, ['pages/dictaphone']);
    expect(run.code, run.stderr).toBe(0);
    expect(gitStatus(dir)).toBe('');
  });
});
