/**
 * The voice API through the CLI and the build plugin's summary: counted by kind beside the
 * record API; a createAudioContext whose template is not found listed for manual review with its replacement.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportCollector, formatSummary } from '../../src/taro-plugin/collector';
import { rewriteFile } from '../../src/rewrite';
import { assertBuilt, cleanupProjects, makeProject, read, runJsonInProcess, mainInProcess } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const VOICE_PAGE = `Page({
  record() {
    wx.startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })
  },
  play() {
    wx.playVoice({ filePath: this.data.file })
  },
  stop() {
    wx.stopVoice()
  },
  onReady() {
    this.audio = wx.createAudioContext('player')
  }
})
`;
const H5_PAGE = `export function play(localId) {\n  wx.playVoice({ localId })\n}\n`;

describe('the CLI', () => {
  it('counts record and voice calls by kind, and lists createAudioContext with its replacement and place', async () => {
    const dir = makeProject({ 'src/pages/voice.js': VOICE_PAGE, 'src/h5/play.js': H5_PAGE });
    const run = await mainInProcess(dir, []);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/handled by the rewrite: 3 places \(1 legacy record call and 2 voice calls; /);
    // no voice.wxml beside the page: the element its id names cannot be read
    expect(run.stdout).toMatch(
      /\n {4}no template found for id 'player'; migrate this createAudioContext to createInnerAudioContext by hand\n {6}src\/pages\/voice\.js:12:\d+\n/,
    );
    const page = read(dir, 'src/pages/voice.js');
    expect(page).toMatch(
      /^(?:const|var) \{ (?:\w+, )*playVoice(?:, \w+)* \} = require\('record-compat-runtime\/native'\)$/m,
    );
    expect(page).toContain("wx.createAudioContext('player')");
    // the web JS-SDK's playVoice({ localId }) stays as it was
    expect(read(dir, 'src/h5/play.js')).toBe(H5_PAGE);
  });

  it('--json has the counts by kind', async () => {
    const dir = makeProject({ 'src/pages/voice.js': VOICE_PAGE });
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.summary.callsByKind).toEqual({
      record: 1,
      voice: 2,
      audio: 0,
      backgroundAudio: 0,
      systemInfo: 0,
      base64: 0,
      rename: 0,
      lifetimes: 0,
      canvas: 0,
    });
    expect(report.summary.calls).toEqual({ startRecord: 1, playVoice: 1, stopVoice: 1 });
    expect(report.manualReview).toEqual([
      expect.objectContaining({
        path: 'src/pages/voice.js',
        line: 12,
        reason: expect.stringMatching(/createInnerAudioContext/),
      }),
    ]);
  });
});

describe("the build plugin's summary", () => {
  const collect = (files: Record<string, string>): ReportCollector => {
    const collector = new ReportCollector('/app');
    collector.beginBuild();
    for (const [file, text] of Object.entries(files))
      collector.record(`/app/${file}`, rewriteFile(text, `/app/${file}`).report);
    return collector;
  };

  it('counts voice calls beside record calls, and names each deprecated audio use with its replacement', () => {
    const summary = collect({
      'src/voice.js': VOICE_PAGE,
      'src/other.js': 'wx.stopRecord()\nwx.pauseVoice()\n',
    }).summary();
    expect(formatSummary(summary)).toBe(
      '[record-compat] rewrote 2 legacy record calls and 3 voice calls in 2 files; 1 place left for manual review: src/voice.js:12 (createAudioContext → createInnerAudioContext)',
    );
  });

  it('reads as before in a project without voice calls', () => {
    expect(formatSummary(collect({ 'src/a.js': 'wx.startRecord()\n' }).summary())).toBe(
      '[record-compat] rewrote 1 legacy record call in 1 file; nothing left for manual review',
    );
  });
});
