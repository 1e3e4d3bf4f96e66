/*
 * The whole voice flow in the mini-program host, on a `wx` that has none of the deprecated APIs:
 * a native page written the legacy way (success = "finished playing") and rewritten onto the
 * standalone runtime (what the CLI's `--runtime local` copies in), recording with
 * RecorderManager and playing back with InnerAudioContext, all on the host's fake clock.
 * The host's InnerAudioContext is the runtime tests' faithful fake with WeChat's semantics.
 */
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT as root } from '../helpers/paths';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost, type PageInstance } from './host/mini-host';

const dist = join(root, '.tmp', `voice-host-${process.pid}`);

// The page as the rewrite leaves legacy code: the same calls and callbacks, imported from the runtime.
const PAGE = `
const { startRecord, stopRecord, playVoice, pauseVoice, stopVoice } = require('../../record-compat')

Page({
  data: { recording: false, file: '', playing: false, played: 0, errors: [] },
  onRecord() {
    this.setData({ recording: true })
    startRecord({
      success: (res) => this.setData({ file: res.tempFilePath, recording: false }),
      fail: (err) => this.setData({ recording: false, errors: this.data.errors.concat(err.errMsg) })
    })
  },
  onStopRecord() {
    stopRecord()
  },
  onPlay() {
    this.setData({ playing: true })
    playVoice({
      filePath: this.data.file,
      success: () => this.setData({ playing: false, played: this.data.played + 1 }),
      fail: (err) => this.setData({ playing: false, errors: this.data.errors.concat(err.errMsg) })
    })
  },
  onPause() {
    pauseVoice()
  },
  onStopVoice() {
    stopVoice({ success: () => this.setData({ playing: false }) })
  },
  onUnload() {
    stopVoice()
    stopRecord()
  }
})
`;

beforeAll(() => {
  mkdirSync(join(dist, 'pages', 'voice'), { recursive: true });
  // The standalone copy as `npm run build` (run first by `npm test`) writes it.
  copyFileSync(join(root, 'dist', 'runtime', 'standalone', 'record-compat.js'), join(dist, 'record-compat.js'));
  writeFileSync(join(dist, 'app.json'), JSON.stringify({ pages: ['pages/voice/voice'] }));
  writeFileSync(join(dist, 'app.js'), 'App({})\n');
  writeFileSync(join(dist, 'pages', 'voice', 'voice.js'), PAGE);
});
afterAll(() => {
  rmSync(dist, { recursive: true, force: true });
});

async function session() {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true, legacyApi: false });
  const host = new MiniProgramHost({ distDir: dist, wx, clock });
  await host.launch();
  const page = await host.open('pages/voice/voice');
  return { clock, wx, host, page };
}

/** Records `ms` of sound and returns the page once the file is there. */
async function record(s: { host: MiniProgramHost; page: PageInstance }, ms: number) {
  s.page.onRecord();
  await s.host.wait(300 + ms);
  s.page.onStopRecord();
  await s.host.wait(100);
  expect(s.page.data.file).toMatch(/^wxfile:\/\/tmp\/rec_\d+\.aac$/);
}

describe('voice flow in the host, on a wx without the deprecated APIs', () => {
  it('the host wx has none of startRecord/stopRecord/playVoice/pauseVoice/stopVoice', async () => {
    const s = await session();
    for (const api of ['startRecord', 'stopRecord', 'playVoice', 'pauseVoice', 'stopVoice'])
      expect(s.host.wxApi[api]).toBeUndefined();
    expect(typeof s.host.wxApi.createInnerAudioContext).toBe('function');
  });

  it('record, stop, play to the end: success fires at the end, not at the start', async () => {
    const s = await session();
    await record(s, 5_000);
    s.page.onPlay();
    await s.host.wait(1_000);
    expect(s.page.data.playing).toBe(true);
    expect(s.wx.audio.live).toHaveLength(1);
    await s.host.wait(3_900);
    expect(s.page.data.playing).toBe(true);
    await s.host.wait(200);
    expect(s.page.data).toMatchObject({ playing: false, played: 1, errors: [] });
    // The runtime let the player go at the end.
    expect(s.wx.audio.live).toHaveLength(0);
    expect(s.host.errors).toEqual([]);
  });

  it('pause, then play resumes from the same point; stop, then play restarts', async () => {
    const s = await session();
    await record(s, 6_000);
    s.page.onPlay();
    await s.host.wait(50 + 2_000);
    s.page.onPause();
    await s.host.wait(10);
    const player = s.wx.audio.created[0];
    expect(player.state).toBe('paused');
    expect(player.currentTime).toBe(2);
    // The paused call ended (success): the legacy page shows "not playing".
    expect(s.page.data).toMatchObject({ playing: false, played: 1 });
    await s.host.wait(10_000);

    s.page.onPlay();
    await s.host.wait(100);
    expect(player.currentTime).toBeGreaterThan(2);
    expect(player.currentTime).toBeLessThan(2.2);
    // 4 s were left.
    await s.host.wait(3_800);
    expect(s.page.data.playing).toBe(true);
    await s.host.wait(200);
    expect(s.page.data).toMatchObject({ playing: false, played: 2 });

    s.page.onPlay();
    await s.host.wait(50 + 1_000);
    s.page.onStopVoice();
    await s.host.wait(10);
    expect(s.page.data).toMatchObject({ playing: false, played: 3 });
    expect(s.wx.audio.live).toHaveLength(0);
    s.page.onPlay();
    await s.host.wait(5_900);
    expect(s.page.data.playing).toBe(true);
    await s.host.wait(200);
    expect(s.page.data).toMatchObject({ playing: false, played: 4, errors: [] });
    // Each fresh start loaded the file from the beginning; the resume did not.
    expect(s.wx.audio.created.map((c) => c.plays)).toEqual([['load', 'resume'], ['load'], ['load']]);
    expect(s.wx.audio.maxLive).toBe(1);
    expect(s.wx.count('createInnerAudioContext')).toBe(3);
  });

  it('leaving the page mid-playback stops the voice and frees the player', async () => {
    const s = await session();
    await record(s, 3_000);
    s.page.onPlay();
    await s.host.wait(1_000);
    await s.host.back();
    expect(s.wx.audio.live).toHaveLength(0);
    await s.host.wait(60_000);
    expect(s.clock.pending()).toBe(0);
    expect(s.host.errors).toEqual([]);
  });
});
