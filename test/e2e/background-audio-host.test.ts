/*
 * The background-audio flow in the mini-program host, on a `wx` that has none of the deprecated
 * functions: a music page written the legacy way (play, poll the state in a timer, pause, resume,
 * seek, a natural end that starts the next track, stop) and a page that uses its own
 * getBackgroundAudioManager() beside a legacy listener, migrated by the CLI (`--runtime local`,
 * from dist/) and by the Babel plugin, and run on the host's fake clock. The host's manager is
 * the runtime tests' WeChat fake (one listener per event, no off*, a title required).
 * The unmigrated app is the control: it fails there.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { transformSync } from '@babel/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import babelPlugin from '../../src/rewrite/file/babel-plugin';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost } from './host/mini-host';
import { MUSIC_FILES, SONG_A, SONG_B } from './helpers/music-page';

const root = join(__dirname, '..', '..');
const BIN = join(root, 'dist', 'src', 'cli', 'bin.js');
// Outside the repository: the CLI would refuse to write into a git tree with uncommitted changes.
const tmp = mkdtempSync(join(tmpdir(), 'background-audio-host-'));

const [A, B, FILES] = [SONG_A, SONG_B, MUSIC_FILES];

// The legacy music page, as real apps wrote it (5 of 12 real files pass only dataUrl).
const MUSIC = `const songs = [${JSON.stringify(A)}, ${JSON.stringify(B)}]

Page({
  data: { index: 0, status: 2, position: 0, duration: 0, plays: 0, stops: 0, errors: [] },
  onLoad() {
    wx.onBackgroundAudioPlay(() => this.setData({ plays: this.data.plays + 1 }))
    wx.onBackgroundAudioStop(() => {
      this.setData({ stops: this.data.stops + 1 })
      if (this.data.autoNext) this.next()
    })
    this.timer = setInterval(() => this.poll(), 1000)
  },
  onUnload() {
    clearInterval(this.timer)
  },
  play() {
    wx.playBackgroundAudio({
      dataUrl: songs[this.data.index],
      fail: (err) => this.setData({ errors: this.data.errors.concat(err.errMsg) })
    })
  },
  poll() {
    wx.getBackgroundAudioPlayerState({
      success: (res) => this.setData({ status: res.status, position: res.currentPosition || 0, duration: res.duration || 0 })
    })
  },
  pause() {
    wx.pauseBackgroundAudio()
  },
  seek(seconds) {
    wx.seekBackgroundAudio({ position: seconds })
  },
  next() {
    this.setData({ index: (this.data.index + 1) % songs.length })
    this.play()
  },
  stop() {
    wx.stopBackgroundAudio({ success: () => this.setData({ stopped: true }) })
  }
})
`;

// The app's own manager at the page's top level, beside a legacy listener and a legacy call.
const OWN = `const bam = wx.getBackgroundAudioManager()

Page({
  data: { ownEnded: 0, ownPlays: 0, legacyStops: 0 },
  onLoad() {
    bam.onEnded(() => this.setData({ ownEnded: this.data.ownEnded + 1 }))
    bam.onPlay(() => this.setData({ ownPlays: this.data.ownPlays + 1 }))
    wx.onBackgroundAudioStop(() => this.setData({ legacyStops: this.data.legacyStops + 1 }))
  },
  playOwn() {
    bam.title = 'Own track'
    bam.src = ${JSON.stringify(B)}
  },
  playLegacy() {
    wx.playBackgroundAudio({ dataUrl: ${JSON.stringify(A)}, title: 'Lesson' })
  }
})
`;

/** A native mini-program with the two pages. */
function writeApp(dir: string, pages: Record<string, string>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(pages)) {
    mkdirSync(join(dir, 'pages', name), { recursive: true });
    writeFileSync(join(dir, 'pages', name, `${name}.js`), text);
  }
  writeFileSync(join(dir, 'app.json'), JSON.stringify({ pages: Object.keys(pages).map((n) => `pages/${n}/${n}`) }));
  writeFileSync(join(dir, 'app.js'), 'App({})\n');
}

const DOORS = ['cli', 'babel'] as const;
const dirOf = (door: string) => join(tmp, door);

beforeAll(() => {
  expect(existsSync(BIN), 'run `npm run build` first').toBe(true);
  // The CLI, as a user runs it on a native mini-program.
  writeApp(dirOf('cli'), { music: MUSIC, own: OWN });
  execFileSync(process.execPath, [BIN, '.', '--runtime', 'local'], { cwd: dirOf('cli'), stdio: 'pipe' });
  // The Babel plugin, with the project's decision handed in (the project has legacy calls), importing the local copy.
  const babelDir = dirOf('babel');
  const pages: Record<string, string> = {};
  for (const [name, text] of Object.entries({ music: MUSIC, own: OWN })) {
    pages[name] = transformSync(text, {
      filename: `${name}.js`,
      babelrc: false,
      configFile: false,
      plugins: [
        [
          babelPlugin,
          { importSource: '../../utils/record-compat', moduleStyle: 'require', routeBackgroundAudioManager: true },
        ],
      ],
    })!.code!;
  }
  writeApp(babelDir, pages);
  mkdirSync(join(babelDir, 'utils'), { recursive: true });
  copyFileSync(
    join(root, 'dist', 'runtime', 'standalone', 'record-compat.js'),
    join(babelDir, 'utils', 'record-compat.js'),
  );
  // The control: not migrated.
  writeApp(dirOf('legacy'), { music: MUSIC, own: OWN });
});
afterAll(() => {
  rmSync(tmp, { recursive: true, force: true });
});

async function session(door: string, route: string) {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true, legacyApi: false, backgroundFiles: FILES });
  const host = new MiniProgramHost({ distDir: dirOf(door), wx, clock });
  await host.launch();
  const page = await host.open(route);
  return { clock, wx, host, page, manager: wx.backgroundAudio };
}

describe('the migrated pages call no legacy function', () => {
  it.each(DOORS)('%s', (door) => {
    for (const name of ['music', 'own']) {
      const text = readFileSync(join(dirOf(door), 'pages', name, `${name}.js`), 'utf8');
      expect(text).not.toMatch(/wx\.\w*BackgroundAudio/);
      expect(text).toMatch(/record-compat/);
    }
    expect(readFileSync(join(dirOf(door), 'pages', 'own', 'own.js'), 'utf8')).not.toContain(
      'wx.getBackgroundAudioManager',
    );
  });
});

describe.each(DOORS)('music page migrated by the %s, on a wx without the legacy functions', (door) => {
  it('plays, polls, pauses, resumes, seeks; the natural end starts the next track; stop ends it', async () => {
    const s = await session(door, 'pages/music/music');
    const p = s.page;
    for (const api of ['playBackgroundAudio', 'getBackgroundAudioPlayerState', 'onBackgroundAudioStop'])
      expect(s.host.wxApi[api]).toBeUndefined();
    p.play();
    await s.host.wait(3_100);
    // WeChat needs a title: the runtime gave the file name.
    expect(s.manager.title).toBe('a.mp3');
    expect(p.data).toMatchObject({ status: 1, duration: 30, plays: 1, errors: [] });
    expect(p.data.position).toBeGreaterThan(2.5);
    p.pause();
    await s.host.wait(2_000);
    expect(p.data.status).toBe(0);
    const at = s.manager.currentTime;
    // The same dataUrl while paused resumes where it paused.
    p.play();
    await s.host.wait(1_000);
    expect(s.manager.currentTime).toBeCloseTo(at + 1, 0);
    expect(s.manager.log.filter((l) => l === `set src ${A}`)).toHaveLength(1);
    p.seek(25);
    await s.host.wait(1_000);
    expect(p.data.status).toBe(1);
    expect(p.data.position).toBeGreaterThanOrEqual(25);
    // The natural end: onBackgroundAudioStop, and the page starts the next track.
    p.setData({ autoNext: true });
    await s.host.wait(5_000);
    expect(p.data).toMatchObject({ stops: 1, index: 1 });
    await s.host.wait(1_000);
    expect(s.manager.src).toBe(B);
    expect(p.data.status).toBe(1);
    p.setData({ autoNext: false });
    p.stop();
    await s.host.wait(1_100);
    expect(p.data).toMatchObject({ status: 2, stopped: true, stops: 2, errors: [] });
    // One listener of the runtime per event on the manager, however often the legacy on* ran.
    expect(s.manager.listenerCount('Ended')).toBe(1);
    await s.host.back();
    expect(s.host.errors).toEqual([]);
  });
});

describe.each(DOORS)("the app's own manager beside the legacy calls, migrated by the %s", (door) => {
  it("both sides keep their listeners: the app's onEnded and the legacy onBackgroundAudioStop both fire", async () => {
    const s = await session(door, 'pages/own/own');
    const p = s.page;
    p.playOwn();
    await s.host.wait(10_200);
    expect(p.data).toMatchObject({ ownPlays: 1, ownEnded: 1, legacyStops: 1 });
    p.playLegacy();
    await s.host.wait(30_200);
    expect(p.data).toMatchObject({ ownPlays: 2, ownEnded: 2, legacyStops: 2 });
    expect(s.host.errors).toEqual([]);
  });
});

describe('the control: the unmigrated app on the same wx', () => {
  it('fails: the legacy functions are not there', async () => {
    const clock = new FakeClock();
    const wx = new FakeWx({ clock, permission: true, legacyApi: false, backgroundFiles: FILES });
    const host = new MiniProgramHost({ distDir: dirOf('legacy'), wx, clock });
    await host.launch();
    await expect(host.open('pages/music/music')).rejects.toThrow(/onBackgroundAudioPlay is not a function/);
  });
});
