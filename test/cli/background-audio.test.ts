/**
 * The background-audio API through the CLI and the build plugin's summary: rewritten and
 * counted as its own kind ("… and 5 background-audio calls"), no longer listed for review.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportCollector, formatStrictError, formatSummary } from '../../src/taro-plugin/collector';
import { rewriteFile } from '../../src/rewrite';
import { legacyCallsIn } from '../../src/rewrite/light';
import { assertBuilt, cleanupProjects, makeProject, read, runJsonInProcess, mainInProcess } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const MUSIC_PAGE = `Page({
  onLoad() {
    wx.onBackgroundAudioStop(() => this.next())
  },
  play() {
    wx.playBackgroundAudio({ dataUrl: this.data.url, title: this.data.title })
  },
  poll() {
    wx.getBackgroundAudioPlayerState({ success: (res) => this.setData({ status: res.status }) })
  },
  pause() {
    wx.pauseBackgroundAudio()
  },
  record() {
    wx.startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })
  }
})
`;

describe('the CLI', () => {
  it('rewrites the background-audio calls and counts them as their own kind; nothing is left for review', async () => {
    const dir = makeProject({ 'src/pages/music.js': MUSIC_PAGE });
    const run = await mainInProcess(dir, []);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /handled by the rewrite: 5 places \(1 legacy record call and 4 background-audio calls; /,
    );
    expect(run.stdout).toMatch(/left for a person: 0 places/);
    const page = read(dir, 'src/pages/music.js');
    expect(page).toMatch(
      /^(?:const|var) \{ (?:\w+, )*playBackgroundAudio(?:, \w+)* \} = require\('record-compat-runtime\/native'\)$/m,
    );
    expect(page).not.toMatch(/wx\.\w+BackgroundAudio/);
  });

  it('a run with nothing rewritten names no kind: a page whose only use is left for review reads "0 legacy calls"', async () => {
    const dir = makeProject({ 'src/pages/player.js': "const ctx = wx.createAudioContext('player')\nctx.play()\n" });
    const run = await mainInProcess(dir, ['--dry']);
    expect(run.stdout).toMatch(/handled by the rewrite: 0 places\n/);
    // the call, and the method called on the context it would make
    expect(run.stdout).toMatch(/left for a person: 2 places\n/);
  });

  it('--json has the counts by kind', async () => {
    const dir = makeProject({ 'src/pages/music.js': MUSIC_PAGE });
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.summary.callsByKind).toEqual({
      record: 1,
      voice: 0,
      audio: 0,
      backgroundAudio: 4,
      systemInfo: 0,
      base64: 0,
      rename: 0,
      lifetimes: 0,
      canvas: 0,
    });
    expect(report.manualReview).toEqual([]);
  });

  it('--help no longer lists the background-audio API for manual review', async () => {
    const run = await mainInProcess(makeProject({ 'src/a.js': '' }), ['--help']);
    expect(run.stdout).toMatch(/getBackgroundAudioManager\(\)/);
    expect(run.stdout).not.toMatch(/BackgroundAudio\*?\) are listed for manual/);
  });
});

describe("the build plugin's summary", () => {
  it('counts background-audio calls beside the others', () => {
    const collector = new ReportCollector('/app');
    collector.beginBuild();
    collector.record('/app/src/music.js', rewriteFile(MUSIC_PAGE, '/app/src/music.js').report);
    expect(formatSummary(collector.summary())).toBe(
      '[record-compat] rewrote 1 legacy record call and 4 background-audio calls in 1 file; nothing left for manual review',
    );
  });

  it('a strict build counts places, whatever they hold: a package calling playBackgroundAudio is no "legacy record call"', () => {
    const collector = new ReportCollector('/app');
    collector.beginBuild();
    const file = '/app/node_modules/player-sdk/index.js';
    collector.record(
      file,
      legacyCallsIn(file, "wx.playBackgroundAudio({ dataUrl: url, title: 'a' })\n", {}, (api) => `${api} in a package`),
    );
    collector.record(
      '/app/src/player.js',
      rewriteFile("const ctx = wx.createAudioContext('player')\n", '/app/src/player.js').report,
    );
    const summary = collector.summary();
    expect(summary.manual).toHaveLength(2);
    expect(formatStrictError(summary).split('\n')[0]).toBe(
      '[record-compat] strict: 2 places could not be rewritten safely and must be changed by hand:',
    );
    expect(formatSummary(summary)).toMatch(
      /^\[record-compat\] rewrote 0 legacy calls in 0 files; 2 places left for manual review: /,
    );
  });
});

describe("the CLI and the app's own getBackgroundAudioManager (docs/contract.md, Decision B4)", () => {
  const OWN_PAGE = `const bam = wx.getBackgroundAudioManager()\nPage({\n  play() {\n    bam.title = 'Intro'\n    bam.src = this.data.url\n  }\n})\n`;

  it('routes a page that only uses its own manager when another page has legacy background-audio calls', async () => {
    const dir = makeProject({ 'src/pages/own.js': OWN_PAGE, 'src/pages/music.js': MUSIC_PAGE });
    const dry = await mainInProcess(dir, ['--dry']);
    expect(dry.stdout).toMatch(
      /app's own getBackgroundAudioManager: 1 use would be routed through the runtime \(the project has background-audio calls, which share its one BackgroundAudioManager\)/,
    );
    expect(dry.stdout).not.toMatch(/app's own getRecorderManager/);
    const { report } = await runJsonInProcess(dir, []);
    expect(report.summary.callsByKind).toMatchObject({ backgroundAudio: 4, backgroundAudioManager: 1 });
    expect([report.routeRecorderManager, report.routeBackgroundAudioManager]).toEqual([true, true]);
    expect(read(dir, 'src/pages/own.js')).toMatch(
      /^(?:const|var) \{ (?:\w+, )*getBackgroundAudioManager(?:, \w+)* \} = require\('record-compat-runtime\/native'\)$/m,
    );
  });

  it('leaves it alone in a project without a legacy background-audio call (a legacy record call does not count)', async () => {
    const dir = makeProject({ 'src/pages/own.js': OWN_PAGE, 'src/pages/rec.js': 'wx.startRecord()\n' });
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect([report.routeRecorderManager, report.routeBackgroundAudioManager]).toEqual([true, false]);
    const run = await mainInProcess(dir, []);
    expect(run.stdout).not.toMatch(/getBackgroundAudioManager/);
    expect(read(dir, 'src/pages/own.js')).toBe(OWN_PAGE);
  });
});
