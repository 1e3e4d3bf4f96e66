/*
 * createAudioContext end to end: a native mini-program with two pages, migrated by the built CLI
 * (`--runtime local`, the standalone copy a project without npm gets) in a git repository of its
 * own, then run in the mini-program host on a `wx` that has no createAudioContext (FakeWx
 * `legacyApi: false`; its InnerAudioContext is the runtime tests' faithful fake).
 *   - pages/player: a hidden <audio> (no controls, no handlers) driven by the context: migrated,
 *     its static src and loop passed along, and it plays, pauses, seeks in seconds, changes song
 *     and is released when the page goes.
 *   - pages/shown: an <audio controls bindended=…> driven by a context: reported with the
 *     template's file:line and both reasons, and left byte for byte.
 * The control: the page as it was written fails on that `wx` as soon as it is ready.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost } from './host/mini-host';
import { ROOT, TMP, cleanEnv } from './helpers/example';
import { runProcess } from '../helpers/process';

const SONG = 'https://example.com/song.mp3';
const OTHER = 'https://example.com/other.mp3';

const FILES: Record<string, string> = {
  'app.json': JSON.stringify({ pages: ['pages/player/player', 'pages/shown/shown'] }),
  'app.js': 'App({})\n',
  'pages/player/player.js': `// A page that drives its hidden <audio> through the deprecated AudioContext.
Page({
  onReady() {
    this.audioCtx = wx.createAudioContext('myAudio')
  },
  onPlay() {
    this.audioCtx.play()
  },
  onPause() {
    this.audioCtx.pause()
  },
  onSeek() {
    this.audioCtx.seek(30)
  },
  onOther() {
    this.audioCtx.setSrc('${OTHER}')
    this.audioCtx.play()
  }
})
`,
  'pages/player/player.wxml': `<view class="player">
  <audio id="myAudio" src="${SONG}" loop="{{true}}"></audio>
  <button id="play" bindtap="onPlay">Play</button>
  <button id="pause" bindtap="onPause">Pause</button>
  <button id="seek" bindtap="onSeek">Skip to 0:30</button>
  <button id="other" bindtap="onOther">Other song</button>
</view>
`,
  'pages/shown/shown.js': `// The page shows the player and listens to it: a context alone cannot re-create that.
Page({
  data: { src: '${SONG}', ended: 0 },
  onReady() {
    this.audioCtx = wx.createAudioContext('shownAudio')
  },
  onPlay() {
    this.audioCtx.play()
  },
  onEnded() {
    this.setData({ ended: this.data.ended + 1 })
  }
})
`,
  'pages/shown/shown.wxml': `<view class="shown">
  <text>Now playing</text>
  <audio id="shownAudio" src="{{src}}" controls name="Song" author="Band"
         bindended="onEnded"></audio>
  <button id="play" bindtap="onPlay">Play</button>
</view>
`,
};

const PROJECT = path.join(TMP, `audio-context-host-${process.pid}`);
const BEFORE = path.join(TMP, `audio-context-host-before-${process.pid}`);

interface CliJson {
  summary: { changed: number; callsByKind: Record<string, number>; manualReview: number };
  manualReview: { path: string; line: number; reason: string }[];
  files: { path: string; status: string }[];
}
let json: CliJson;

beforeAll(async () => {
  for (const dir of [PROJECT, BEFORE]) {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const [file, text] of Object.entries(FILES)) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], {
      cwd: PROJECT,
      stdio: 'pipe',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'legacy');
  const cli = await runProcess(
    process.execPath,
    [path.join(ROOT, 'dist/src/cli/bin.js'), '--runtime', 'local', '--json'],
    { cwd: PROJECT, env: cleanEnv(), timeout: 120_000 },
  );
  if (cli.status !== 0) throw new Error(`the CLI exited ${cli.status}:\n${cli.stderr}\n${cli.stdout}`);
  json = JSON.parse(cli.stdout) as CliJson;
}, 180_000);

afterAll(() => {
  for (const dir of [PROJECT, BEFORE]) fs.rmSync(dir, { recursive: true, force: true });
});

async function launch(dir: string) {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true, legacyApi: false });
  wx.audio.files.set(SONG, 180_000);
  wx.audio.files.set(OTHER, 60_000);
  const host = new MiniProgramHost({ distDir: dir, wx, clock });
  await host.launch();
  return { clock, wx, host };
}

describe('the migration of the two pages', () => {
  it("rewrites the hidden <audio> page onto the runtime, passing the element's static src and loop", () => {
    expect(json.summary.callsByKind.audio).toBe(1);
    expect(json.files.find((f) => f.path === 'pages/player/player.js')?.status).toBe('changed');
    const player = fs.readFileSync(path.join(PROJECT, 'pages/player/player.js'), 'utf8');
    expect(player).not.toContain('wx.createAudioContext');
    expect(player).toContain(`createAudioContext({ id: 'myAudio', src: '${SONG}', loop: true })`);
    expect(fs.readFileSync(path.join(PROJECT, 'pages/player/player.wxml'), 'utf8')).toBe(
      FILES['pages/player/player.wxml'],
    );
  });

  it('reports the shown <audio controls bindended> with its template line and both reasons, and leaves its page byte for byte', () => {
    // The creator's place with its reasons, and the context's method, which follows its creator.
    expect(json.summary.manualReview).toBe(2);
    const [place, method] = json.manualReview;
    expect(method.path).toBe('pages/shown/shown.js');
    expect(method.reason).toMatch(
      /^AudioContext\.play is deprecated .* with createAudioContext\(…\), which is left for a person$/,
    );
    expect(place.path).toBe('pages/shown/shown.js');
    expect(place.line).toBe(5);
    expect(place.reason).toContain('shown.wxml:3');
    expect(place.reason).toMatch(/shows its own controls/);
    expect(place.reason).toMatch(/listens to bindended/);
    for (const file of ['pages/shown/shown.js', 'pages/shown/shown.wxml'])
      expect(fs.readFileSync(path.join(PROJECT, file), 'utf8')).toBe(FILES[file]);
  });
});

describe('the migrated player page on a wx without createAudioContext', () => {
  it("plays the element's song in a loop, pauses, seeks in seconds, changes song, and lets the player go with the page", async () => {
    const { wx, host, clock } = await launch(PROJECT);
    expect(host.wxApi.createAudioContext).toBeUndefined();
    const page = await host.open('pages/player/player');
    expect(wx.audio.created).toHaveLength(0); // nothing is made before the first play

    page.tap('play');
    await host.wait(5_000);
    const [song] = wx.audio.created;
    expect(song.src).toBe(SONG);
    expect(song.loop).toBe(true);
    expect(song.state).toBe('playing');
    expect(song.currentTime).toBeGreaterThan(4);

    page.tap('pause');
    const pausedAt = song.currentTime;
    await host.wait(2_000);
    expect(song.state).toBe('paused');
    expect(song.currentTime).toBe(pausedAt);

    page.tap('seek');
    await host.settle();
    expect(song.currentTime).toBe(30);
    page.tap('play');
    await host.wait(1_000);
    expect(song.state).toBe('playing');
    expect(song.currentTime).toBeGreaterThanOrEqual(30.9);
    expect(song.currentTime).toBeLessThan(32);

    page.tap('other');
    await host.wait(1_000);
    const other = wx.audio.created[wx.audio.created.length - 1];
    expect(other.src).toBe(OTHER);
    expect(other.state).toBe('playing');
    expect(other.currentTime).toBeLessThan(2);
    expect(wx.audio.live).toEqual([other]); // the first song's player is gone

    await host.back();
    await host.wait(2_000);
    expect(wx.audio.live).toHaveLength(0); // released with its page
    expect(wx.audio.maxLive).toBe(1);
    expect(wx.count('createAudioContext')).toBe(0);
    expect(host.errors).toEqual([]);
    expect(host.rejections).toEqual([]);
    await host.wait(60_000);
    expect(clock.pending()).toBe(0);
  });

  it('control: the page as written fails on that wx as soon as it is ready', async () => {
    const { host } = await launch(BEFORE);
    await expect(host.open('pages/player/player')).rejects.toThrow(/createAudioContext is not a function/);
  });
});
