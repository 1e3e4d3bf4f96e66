/*
 * One block per Decision of docs/contract.md (B1–B5: the legacy background-audio API on
 * getBackgroundAudioManager()), run on the WeChat and Taro H5 fakes (3.6's manager per call and
 * 4.x's one), and the unsupported platforms (Alipay, React Native, Harmony).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackgroundAudioCompat, shareBackgroundAudioManager } from '../../src/runtime/background-audio';
import {
  BG_ERR_FORMAT,
  H5_AUTOPLAY,
  TITLE_NIL,
  alipayBackgroundAudio,
  h5BackgroundAudio,
  harmonyBackgroundAudio,
  rnBackgroundAudio,
  weappBackgroundAudio,
  type BackgroundAudioOptions,
  type FakeBackgroundAudioPlatform,
} from './fakes/background-audio';
import { backgroundAudioApiOf, eachInWeChatBuild, settledOnce, track, type Mode } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const A = 'https://cdn.example.com/music/a.mp3';
const B = 'https://cdn.example.com/music/b.mp3?sign=1';
const FILES = { [A]: 30_000, [B]: 10_000 };
const LOAD = 50;

type Make = (o?: BackgroundAudioOptions) => FakeBackgroundAudioPlatform;
// WeChat in a Taro build for WeChat (process.env.TARO_ENV 'weapp'): the family leaves out what other platforms need.
const WECHAT_BUILD = 'weapp, a WeChat build';
const PLATFORMS: [string, Make][] = [
  ['weapp', (o) => weappBackgroundAudio({ files: FILES, ...o })],
  [WECHAT_BUILD, (o) => weappBackgroundAudio({ files: FILES, ...o })],
  ['h5 4.x', (o) => h5BackgroundAudio({ files: FILES, ...o })],
  [
    'h5 3.6.0 (a new manager per call, errors not heard)',
    (o) => h5BackgroundAudio({ files: FILES, perCall: true, taroH5: '3.6.0', ...o }),
  ],
];

// Alipay is recognised as Taro's entry does (getEnv), the others by what they lack.
// The runtime's tuple under the names the entries export (and the tuple itself, for the app's manager).
const compatFor = (p: FakeBackgroundAudioPlatform) => {
  const t = createBackgroundAudioCompat(
    () => backgroundAudioApiOf(p.api),
    (a) => (a as { getEnv?: () => string }).getEnv?.() === 'ALIPAY',
  );
  const [
    playBackgroundAudio,
    pauseBackgroundAudio,
    seekBackgroundAudio,
    stopBackgroundAudio,
    getBackgroundAudioPlayerState,
    onBackgroundAudioPlay,
    onBackgroundAudioPause,
    onBackgroundAudioStop,
  ] = t;
  return {
    playBackgroundAudio,
    pauseBackgroundAudio,
    seekBackgroundAudio,
    stopBackgroundAudio,
    getBackgroundAudioPlayerState,
    onBackgroundAudioPlay,
    onBackgroundAudioPause,
    onBackgroundAudioStop,
    raw: t,
  };
};

const flush = async (ms = 0) => {
  await vi.advanceTimersByTimeAsync(ms);
};
const state = async (bc: ReturnType<typeof compatFor>) => {
  const p = bc.getBackgroundAudioPlayerState() as Promise<any>;
  await flush();
  return p;
};

describe.each(PLATFORMS)('%s', (name, make) => {
  eachInWeChatBuild(name === WECHAT_BUILD);
  describe('Decision B1: title before src, the same dataUrl resumes, one success/fail then complete', () => {
    it.each<Mode>(['callbacks', 'promise'])(
      'plays with the title given, or the file name as a fallback (%s)',
      async (mode) => {
        const p = make();
        const bc = compatFor(p);
        const o = track((x) => bc.playBackgroundAudio({ dataUrl: B, ...x }), 'play', [], mode);
        expect(o.returned instanceof Promise).toBe(mode === 'promise');
        await flush(LOAD + 10);
        expect(settledOnce(o)).toBe(true);
        expect(o.res).toEqual({ errMsg: 'playBackgroundAudio:ok' });
        const m = p.managers[0];
        expect(m.title).toBe('b.mp3');
        expect(m.log.indexOf(`set src ${B}`)).toBeGreaterThanOrEqual(0);
        expect(m.state).toBe('playing');
        const q = track(
          (x) => bc.playBackgroundAudio({ dataUrl: A, title: 'Lesson 1', coverImgUrl: 'https://x/c.png', ...x }),
          'play2',
          [],
          mode,
        );
        await flush(LOAD + 10);
        expect(q.ok).toBe(true);
        expect([m.title, m.coverImgUrl, m.src]).toEqual(['Lesson 1', 'https://x/c.png', A]);
      },
    );

    it('the same dataUrl while paused resumes where it paused; another starts from the beginning', async () => {
      const p = make();
      const bc = compatFor(p);
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 5000);
      bc.pauseBackgroundAudio();
      await flush(2000);
      const m = p.managers[0];
      expect(m.currentTime).toBeCloseTo(5, 1);
      const o = track((x) => bc.playBackgroundAudio({ dataUrl: A, ...x }), 'resume');
      await flush(1000);
      expect(o.ok).toBe(true);
      expect(m.log.filter((l) => l === `set src ${A}`)).toHaveLength(1);
      expect(m.currentTime).toBeCloseTo(6, 1);
      bc.playBackgroundAudio({ dataUrl: B });
      await flush(LOAD);
      expect(m.src).toBe(B);
      expect(m.currentTime).toBe(0);
    });

    it('a resume, then at once another track or a stop: nothing goes back to where the resumed track was', async () => {
      const p = make();
      const bc = compatFor(p);
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 5000);
      const m = p.managers[0]!;
      bc.pauseBackgroundAudio();
      await flush();
      // The resume's play event is dropped with the old track on Taro H5 (a new src), or comes
      // after it (WeChat): either way the new track starts at its beginning.
      bc.playBackgroundAudio({ dataUrl: A });
      bc.playBackgroundAudio({ dataUrl: B });
      await flush(LOAD + 1000);
      expect(m.src).toBe(B);
      expect(m.currentTime).toBeCloseTo(1, 1);
      bc.pauseBackgroundAudio();
      await flush();
      bc.seekBackgroundAudio({ position: 7 });
      bc.stopBackgroundAudio();
      await flush(1000);
      expect(m.currentTime).toBe(0);
      expect((await state(bc)).status).toBe(2);
      // The app's own src right after a legacy resume (Decision B4): its track starts at its beginning.
      const app = shareBackgroundAudioManager(bc.raw);
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 3000);
      bc.pauseBackgroundAudio();
      await flush();
      bc.playBackgroundAudio({ dataUrl: A });
      app.title = 'b';
      app.src = B;
      await flush(LOAD + 1000);
      expect(m.src).toBe(B);
      expect(m.currentTime).toBeCloseTo(1, 1);
    });

    it("the app's own manager, where it is routed (Decision B4), resumes where it paused too: on Taro H5 the entry shares a patched one", async () => {
      const p = make();
      const bc = compatFor(p);
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 100);
      const app = shareBackgroundAudioManager(bc.raw);
      app.title = 'b';
      app.src = B;
      await flush(LOAD + 4000);
      app.pause();
      await flush();
      app.play();
      await flush(1000);
      expect(p.managers.at(-1)!.src).toBe(B);
      expect(p.managers.at(-1)!.currentTime).toBeCloseTo(5, 1);
    });

    it('fails for a missing dataUrl, and for an error before the track was accepted', async () => {
      const p = make();
      const bc = compatFor(p);
      const o = track((x) => bc.playBackgroundAudio({ ...x } as any), 'play');
      await flush();
      expect(settledOnce(o)).toBe(true);
      expect(o.res).toEqual({ errMsg: 'playBackgroundAudio:fail invalid dataUrl' });
      // An error the platform reports before the runtime's tick is this call's failure.
      const m = p.managers[0] ?? (p.api.getBackgroundAudioManager as () => any)();
      const e = track((x) => bc.playBackgroundAudio({ dataUrl: A, ...x }), 'play');
      (m.listeners.Error as ((r: unknown) => void)[]).forEach((l) =>
        l({ errMsg: 'setBackgroundAudioState:fail network', errCode: 10002 }),
      );
      await flush();
      expect(settledOnce(e)).toBe(true);
      expect(e.res.errMsg).toBe('playBackgroundAudio:fail network (errCode 10002)');
    });
  });

  describe('Decision B2: the player state', () => {
    it('status 2 before, 1 playing, 0 paused, 2 after stop and after the natural end; fields in seconds', async () => {
      const p = make();
      const bc = compatFor(p);
      expect(await state(bc)).toEqual({ errMsg: 'getBackgroundAudioPlayerState:ok', status: 2 });
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 3000);
      const s = await state(bc);
      expect(s).toMatchObject({ status: 1, duration: 30, dataUrl: A, downloadPercent: 100 });
      expect(s.currentPosition).toBeCloseTo(3, 1);
      bc.pauseBackgroundAudio();
      await flush();
      expect((await state(bc)).status).toBe(0);
      bc.stopBackgroundAudio();
      await flush();
      expect(await state(bc)).toEqual({ errMsg: 'getBackgroundAudioPlayerState:ok', status: 2 });
      bc.playBackgroundAudio({ dataUrl: B });
      await flush(LOAD + 10_100);
      expect((await state(bc)).status).toBe(2);
    });

    it.each(['the legacy stop', "the app's stop()"])(
      '%s, then at once the next track: the late onStop of the first does not end the second',
      async (who) => {
        const p = make();
        const bc = compatFor(p);
        const app = shareBackgroundAudioManager(bc.raw);
        const stops: string[] = [];
        bc.onBackgroundAudioStop(() => stops.push('legacy stop'));
        bc.playBackgroundAudio({ dataUrl: A });
        await flush(LOAD + 1000);
        if (who === 'the legacy stop') bc.stopBackgroundAudio();
        else app.stop();
        bc.playBackgroundAudio({ dataUrl: B });
        await flush(LOAD + 1000);
        // The music did stop: the legacy listener hears it.
        expect(stops).toEqual(['legacy stop']);
        expect(await state(bc)).toMatchObject({ status: 1, dataUrl: B });
        bc.pauseBackgroundAudio();
        await flush();
        expect(p.managers[p.managers.length - 1].state).toBe('paused');
        expect((await state(bc)).status).toBe(0);
        // A stop the platform makes on its own (the system player's close button) still ends it.
        (p.managers[0] as any).stop();
        await flush();
        expect((await state(bc)).status).toBe(2);
      },
    );

    it('duration 0 and downloadPercent 0 while the track loads', async () => {
      const p = make();
      const bc = compatFor(p);
      bc.playBackgroundAudio({ dataUrl: A });
      const s = await state(bc);
      expect(s).toMatchObject({ status: 1, duration: 0, downloadPercent: 0, dataUrl: A });
    });
  });

  describe('Decision B3: the legacy on*', () => {
    it('Stop fires for a stop and for the natural end; a second on* replaces the first; the end can start the next track', async () => {
      const p = make();
      const bc = compatFor(p);
      const seen: string[] = [];
      bc.onBackgroundAudioStop(() => seen.push('first stop'));
      bc.onBackgroundAudioStop(() => {
        seen.push('stop');
        if (seen.filter((s) => s === 'stop').length === 1) bc.playBackgroundAudio({ dataUrl: B });
      });
      bc.onBackgroundAudioPlay(() => seen.push('play'));
      bc.onBackgroundAudioPause(() => seen.push('pause'));
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 30_000);
      expect(seen).toEqual(['play', 'stop']);
      await flush(LOAD + 100);
      expect(p.managers[p.managers.length - 1].src).toBe(B);
      expect(seen).toEqual(['play', 'stop', 'play']);
      bc.stopBackgroundAudio();
      await flush();
      // Taro H5's stop() pauses <audio> first: its pause event reaches the Pause listener.
      expect(seen.filter((s) => s !== 'pause')).toEqual(['play', 'stop', 'play', 'stop']);
      expect(seen).not.toContain('first stop');
    });

    it('an error while the track plays is "the music stopped": the Stop listener hears it, the state has no track', async () => {
      const p = make();
      const bc = compatFor(p);
      const seen: string[] = [];
      bc.onBackgroundAudioStop(() => seen.push('stop'));
      const o = track((x) => bc.playBackgroundAudio({ dataUrl: A, ...x }), 'play');
      await flush(LOAD + 1000);
      p.managers[0].crash(BG_ERR_FORMAT);
      await flush();
      expect(seen).toEqual(['stop']);
      expect(settledOnce(o) && o.ok).toBe(true);
      expect(await state(bc)).toEqual({ errMsg: 'getBackgroundAudioPlayerState:ok', status: 2 });
      // The same dataUrl again is a new start, not a resume of the failed track.
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 10);
      expect(p.managers[0].state).toBe('playing');
      expect(p.managers[0].currentTime).toBeLessThan(1);
    });
  });

  describe('Decision B4: one manager, two users', () => {
    it("the app's own listeners and the legacy ones both get the events; neither replaces the other", async () => {
      const p = make();
      const bc = compatFor(p);
      const app = shareBackgroundAudioManager(bc.raw);
      expect(shareBackgroundAudioManager(bc.raw)).toBe(app);
      const seen: string[] = [];
      (app.onEnded as (f: () => void) => void)(() => seen.push('app ended'));
      bc.onBackgroundAudioStop(() => seen.push('legacy stop'));
      (app.onPlay as (f: () => void) => void)(() => seen.push('app play'));
      bc.onBackgroundAudioPlay(() => seen.push('legacy play'));
      (app.onTimeUpdate as (f: () => void) => void)(() => seen.includes('tick') || seen.push('tick'));
      // The app plays its own track, metadata first.
      app.title = 'Own track';
      app.src = B;
      await flush(LOAD + 10_100);
      expect(seen).toEqual(['legacy play', 'app play', 'tick', 'legacy stop', 'app ended']);
      // The legacy state sees the app's track as it played, and no track after its end.
      expect((await state(bc)).status).toBe(2);
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 10);
      expect(app.src).toBe(A);
      expect(app.paused).toBe(false);
      app.pause();
      await flush();
      expect((await state(bc)).status).toBe(0);
      app.stop();
      expect((await state(bc)).status).toBe(2);
      // One listener of the runtime's per event on the platform manager, whoever registered.
      if (p.managers[0].flavor === 'weapp') expect(p.managers[0].listenerCount('Play')).toBe(1);
    });

    it('a listener gets an object even where the manager passes none, and one that throws keeps none of the others from the event', async () => {
      const p = make();
      const bc = compatFor(p);
      const app = shareBackgroundAudioManager(bc.raw);
      const seen: string[] = [];
      // As real pages do: the next track from the stop's result (the legacy typings promise an object).
      bc.onBackgroundAudioStop((res?: unknown) => {
        seen.push(`legacy stop ${typeof res} ${(res as { dataUrl?: string }).dataUrl}`);
        throw new Error('the page failed');
      });
      (app.onEnded as (f: (res?: unknown) => void) => void)((res) => seen.push(`app ended ${typeof res}`));
      bc.playBackgroundAudio({ dataUrl: B });
      await flush(LOAD);
      // The thrown error is the page's own, thrown again later on its own, as the platform's callbacks do.
      await expect(flush(10_100)).rejects.toThrow('the page failed');
      expect(seen).toEqual(['legacy stop object undefined', 'app ended object']);
      expect((await state(bc)).status).toBe(2);
    });

    it('only one platform manager is used, even where each call returned a new one (Taro H5 3.6)', async () => {
      const p = make();
      const bc = compatFor(p);
      bc.onBackgroundAudioPlay(() => {});
      bc.playBackgroundAudio({ dataUrl: A });
      shareBackgroundAudioManager(bc.raw).pause();
      await flush(LOAD);
      expect(p.managers).toHaveLength(1);
    });
  });

  describe('Decision B5: seek, pause and stop', () => {
    it('with no track they succeed and change nothing; seek takes seconds and resumes', async () => {
      const p = make();
      const bc = compatFor(p);
      const calls = [
        track(bc.pauseBackgroundAudio, 'pause'),
        track(bc.stopBackgroundAudio, 'stop'),
        track((x) => bc.seekBackgroundAudio({ position: 3, ...x }), 'seek'),
      ];
      await flush();
      expect(calls.every((c) => settledOnce(c) && c.ok)).toBe(true);
      expect(calls.map((c) => c.res.errMsg)).toEqual([
        'pauseBackgroundAudio:ok',
        'stopBackgroundAudio:ok',
        'seekBackgroundAudio:ok',
      ]);
      expect(p.managers.flatMap((m) => m.log.filter((l) => !l.startsWith('on')))).toEqual([]);
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 1000);
      bc.pauseBackgroundAudio();
      await flush();
      const s = track((x) => bc.seekBackgroundAudio({ position: 20, ...x }), 'seek');
      await flush(500);
      expect(s.ok).toBe(true);
      const m = p.managers[0];
      expect(m.state).toBe('playing');
      expect(m.currentTime).toBeCloseTo(20.5, 1);
      const bad = track((x) => bc.seekBackgroundAudio({ position: -1, ...x }), 'seek');
      await flush();
      expect(bad.res.errMsg).toBe('seekBackgroundAudio:fail invalid position');
    });
  });
});

describe("Taro H5: the app's own manager, where it is routed (Decision B4)", () => {
  it.each(['4.2.1', '3.6.0'])(
    'keeps its startTime when it plays a new track itself: a track at 0 is starting, not resuming (%s)',
    async (taroH5) => {
      const p = h5BackgroundAudio({ files: FILES, perCall: taroH5 === '3.6.0', taroH5 });
      const bc = compatFor(p);
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 100);
      bc.stopBackgroundAudio();
      await flush();
      const app = shareBackgroundAudioManager(bc.raw);
      app.title = 'b';
      app.startTime = 3;
      app.src = B;
      app.play();
      await flush(LOAD + 1000);
      expect(p.managers.at(-1)!.src).toBe(B);
      expect(p.managers.at(-1)!.currentTime).toBeCloseTo(4, 1);
    },
  );
});

describe("Taro H5: a play() the browser's autoplay policy refuses", () => {
  it.each<Mode>(['callbacks', 'promise'])(
    'fails the resuming playBackgroundAudio with the reason; the state has no track (%s)',
    async (mode) => {
      const p = h5BackgroundAudio({ files: FILES });
      const bc = compatFor(p);
      bc.playBackgroundAudio({ dataUrl: A });
      await flush(LOAD + 1000);
      bc.pauseBackgroundAudio();
      await flush();
      p.managers[0]!.autoplayBlocked = true;
      const o = track((x) => bc.playBackgroundAudio({ dataUrl: A, ...x }), 'resume', [], mode);
      await flush(10);
      expect(settledOnce(o)).toBe(true);
      expect(o.ok).toBe(false);
      expect(o.res).toEqual({ errMsg: `playBackgroundAudio:fail ${H5_AUTOPLAY}` });
      expect(await state(bc)).toEqual({ errMsg: 'getBackgroundAudioPlayerState:ok', status: 2 });
    },
  );
});

describe('WeChat: a track without a title fails there', () => {
  it('the fake says title is nil; the runtime always sets one first', async () => {
    const p = weappBackgroundAudio({ files: FILES });
    const m = p.managers[0] as any;
    const errors: unknown[] = [];
    m.onError((e: unknown) => errors.push(e));
    m.src = A;
    await flush(LOAD);
    expect(errors).toEqual([{ errMsg: TITLE_NIL, errCode: 10001 }]);
    expect(m.state).toBe('idle');
  });
});

describe('Unsupported platforms: fail with not supported, never a TypeError', () => {
  it.each([
    ['alipay', alipayBackgroundAudio],
    ['rn', rnBackgroundAudio],
    ['harmony', harmonyBackgroundAudio],
    ['no platform object', () => ({ api: undefined as any, managers: [] })],
  ] as [string, () => FakeBackgroundAudioPlatform][])('%s', async (_, make) => {
    const p = make();
    const bc = compatFor(p);
    const calls = [
      track((x) => bc.playBackgroundAudio({ dataUrl: A, ...x }), 'play'),
      track(bc.pauseBackgroundAudio, 'pause'),
      track((x) => bc.seekBackgroundAudio({ position: 1, ...x }), 'seek'),
      track(bc.stopBackgroundAudio, 'stop'),
      track(bc.getBackgroundAudioPlayerState, 'state'),
    ];
    expect(() => bc.onBackgroundAudioStop(() => {})).not.toThrow();
    await flush();
    for (const c of calls) {
      expect(settledOnce(c)).toBe(true);
      expect(c.res.errMsg).toMatch(/:fail not supported$/);
    }
    // The app's own getBackgroundAudioManager() gets what the platform gives.
    if (p.managers[0]) expect(shareBackgroundAudioManager(bc.raw)).toBe(p.managers[0]);
  });
});
