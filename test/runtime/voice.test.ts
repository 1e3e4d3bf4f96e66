/*
 * One block per Decision of docs/contract.md (V1–V4: the legacy voice API on InnerAudioContext),
 * run on every InnerAudioContext fake.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createVoiceCompat, type VoiceApi } from '../../src/runtime/voice';
import {
  ERR_UNKNOWN,
  WX_ANDROID_PLAYER_LIMIT,
  douyinAudio,
  h5Audio,
  rnAudio,
  weappAudio,
  type AudioSystemOptions,
  type FakeAudioPlatform,
} from './fakes/audio';
import { eachInWeChatBuild, innerAudioApiOf, settledOnce, tick, track, type Mode } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const A = 'wxfile://tmp/rec_1.aac';
const B = 'wxfile://tmp/rec_2.aac';
const LONG = 'wxfile://tmp/rec_long.aac';
const FILES = { [A]: 10_000, [B]: 4_000, [LONG]: 90_000 };
const LOAD = 50;

type Make = (o?: Omit<AudioSystemOptions, 'flavor' | 'files'>) => FakeAudioPlatform;
// A Taro build for WeChat (process.env.TARO_ENV 'weapp'): the family leaves out what other platforms' players need.
const WECHAT_BUILD = 'weapp android, a WeChat build';
const PLATFORMS: [string, Make][] = [
  ['weapp android', (o) => weappAudio({ files: FILES, ...o })],
  [WECHAT_BUILD, (o) => weappAudio({ files: FILES, ...o })],
  ['weapp ios', (o) => weappAudio({ files: FILES, os: 'ios', ...o })],
  ['tt android', (o) => douyinAudio({ files: FILES, ...o })],
  ['tt ios', (o) => douyinAudio({ files: FILES, os: 'ios', ...o })],
  ['rn', (o) => rnAudio({ files: FILES, ...o })],
  ['h5', (o) => h5Audio({ files: FILES, ...o })],
];

function voiceFor(p: FakeAudioPlatform) {
  const vc = createVoiceCompat(() => innerAudioApiOf(p) as VoiceApi);
  // track() passes only the callbacks (or nothing): the file and duration are bound here.
  const play =
    (filePath: string, extra: Record<string, unknown> = {}) =>
    (o?: object) =>
      vc.playVoice({ filePath, ...extra, ...o });
  return { ...vc, play };
}

/** The runtime's contexts that still hold a player. */
const live = (p: FakeAudioPlatform) => p.audio.live.length;
const OK = { errMsg: 'playVoice:ok' };

describe.each(PLATFORMS)('%s', (name, make) => {
  eachInWeChatBuild(name === WECHAT_BUILD);
  describe("Decision 1: success then complete once, when that call's playback ends", () => {
    it.each<Mode>(['callbacks', 'promise'])(
      'plays to the natural end (%s): the result arrives at the end, not at the start',
      async (mode) => {
        const p = make();
        const v = voiceFor(p);
        const t0 = Date.now();
        const o = track(v.play(A), 'play', [], mode);
        expect(o.returned instanceof Promise).toBe(mode === 'promise');
        await tick(5_000);
        expect(o.events).toEqual([]);
        await tick(5_000 + LOAD);
        expect(settledOnce(o)).toBe(true);
        expect(o.res).toEqual(OK);
        expect(Date.now() - t0).toBe(10_000 + LOAD);
        await tick(10 * 60_000);
        expect(o.events).toHaveLength(mode === 'promise' ? 1 : 2);
        expect(live(p)).toBe(0);
      },
    );

    it('`duration` (seconds) ends the call early; the default is 60 s', async () => {
      const p = make();
      const v = voiceFor(p);
      const short = track(v.play(A, { duration: 2 }), 'short');
      await tick(1_999);
      expect(short.events).toEqual([]);
      await tick(1);
      expect(settledOnce(short)).toBe(true);
      expect(short.res).toEqual(OK);
      expect(live(p)).toBe(0);
      const long = track(v.play(LONG), 'long');
      await tick(59_999);
      expect(long.events).toEqual([]);
      await tick(1);
      expect(long.res).toEqual(OK);
      // The player was let go: no sound and no event after the limit, but on Taro H5 the pause
      // event of its destroy() (a stop(), which pauses the <audio>), which comes right after it.
      const log = p.audio.log.length;
      await tick(60_000);
      expect(p.audio.log.slice(log)).toEqual(p.name === 'h5' ? ['onPause'] : []);
    });

    it.each([Infinity, 2_147_484])(
      'a `duration` of %s s, longer than a timer can wait, sets no limit: the voice plays to its end',
      async (duration) => {
        // A timer waits at most 2^31-1 ms, and cuts a longer wait to 1 ms.
        const p = make();
        const v = voiceFor(p);
        const long = track(v.play(LONG, { duration }), 'long');
        await tick(1_000);
        expect(long.events).toEqual([]);
        await tick(88_999 + LOAD);
        expect(long.events).toEqual([]);
        await tick(1);
        expect(settledOnce(long)).toBe(true);
        expect(long.res).toEqual(OK);
        expect(live(p)).toBe(0);
      },
    );

    it('a call interrupted by another playVoice succeeds at once; the new one plays to its end', async () => {
      const p = make();
      const v = voiceFor(p);
      const order: string[] = [];
      const first = track(v.play(A), 'first', order);
      await tick(3_000);
      const second = track(v.play(B), 'second', order);
      await tick(0);
      expect(order).toEqual(['first:success', 'first:complete']);
      await tick(4_000 + LOAD);
      expect(order).toEqual(['first:success', 'first:complete', 'second:success', 'second:complete']);
      expect(settledOnce(first) && settledOnce(second)).toBe(true);
      expect(second.res).toEqual(OK);
    });

    it('stopVoice: the play call succeeds first, then stopVoice', async () => {
      const p = make();
      const v = voiceFor(p);
      const order: string[] = [];
      const play = track(v.play(A), 'play', order);
      await tick(3_000);
      const stop = track(v.stopVoice, 'stop', order);
      await tick(0);
      expect(order).toEqual(['play:success', 'play:complete', 'stop:success', 'stop:complete']);
      expect(stop.res).toEqual({ errMsg: 'stopVoice:ok' });
      expect(settledOnce(play)).toBe(true);
      expect(live(p)).toBe(0);
    });

    it('pauseVoice: the play call succeeds first, then pauseVoice; nothing more comes', async () => {
      const p = make();
      const v = voiceFor(p);
      const order: string[] = [];
      const play = track(v.play(A), 'play', order);
      await tick(3_000);
      const pause = track(v.pauseVoice, 'pause', order);
      await tick(10 * 60_000);
      expect(order).toEqual(['play:success', 'play:complete', 'pause:success', 'pause:complete']);
      expect(pause.res).toEqual({ errMsg: 'pauseVoice:ok' });
      expect(settledOnce(play)).toBe(true);
    });

    it('an error while playing fails the call once', async () => {
      const p = make();
      const v = voiceFor(p);
      const play = track(v.play(A), 'play');
      await tick(3_000);
      p.audio.created[0].crash();
      await tick(10 * 60_000);
      expect(settledOnce(play)).toBe(true);
      expect(play.res).toEqual({ errMsg: 'playVoice:fail system error (errCode 10001)' });
      expect(live(p)).toBe(0);
    });

    it('pauseVoice and stopVoice with nothing playing succeed (legacy code calls them in onUnload)', async () => {
      const v = voiceFor(make());
      const pause = track(v.pauseVoice, 'pause');
      const stop = track(v.stopVoice, 'stop', [], 'promise');
      await tick(0);
      expect(pause.res).toEqual({ errMsg: 'pauseVoice:ok' });
      expect(stop.res).toEqual({ errMsg: 'stopVoice:ok' });
    });
  });

  describe('Decision 2: pause then play of the same file resumes; after stop it restarts', () => {
    it('resumes at the pause point: the resumed call ends when the rest has played', async () => {
      const p = make();
      const v = voiceFor(p);
      track(v.play(A), 'play');
      await tick(LOAD + 3_000);
      track(v.pauseVoice, 'pause');
      await tick(5_000);
      const ctx = p.audio.created[0];
      expect(ctx.currentTime).toBe(3);
      const t0 = Date.now();
      const rest = track(v.play(A), 'rest');
      await tick(100);
      expect(ctx.currentTime).toBeGreaterThan(3);
      expect(ctx.currentTime).toBeLessThan(3.2);
      // 7 s of sound were left, plus the platform's resume latency (10 ms in the fakes).
      await tick(6_900);
      expect(rest.events).toEqual([]);
      await tick(20);
      expect(rest.res).toEqual(OK);
      expect(Date.now() - t0).toBe(7_020);
      expect(p.audio.created).toHaveLength(1);
    });

    it('after stopVoice the same file starts from the beginning', async () => {
      const p = make();
      const v = voiceFor(p);
      track(v.play(A), 'play');
      await tick(LOAD + 3_000);
      track(v.stopVoice, 'stop');
      await tick(1_000);
      const t0 = Date.now();
      const again = track(v.play(A), 'again');
      await tick(9_000);
      expect(again.events).toEqual([]);
      await tick(1_000 + LOAD);
      expect(again.res).toEqual(OK);
      expect(Date.now() - t0).toBe(10_000 + LOAD);
      // It really played (Douyin ignores play() after stop() without a new src).
      expect(p.audio.created.at(-1)!.plays).toEqual(['load']);
    });

    it('playVoice of the file that is playing (not paused) starts it over', async () => {
      const p = make();
      const v = voiceFor(p);
      const first = track(v.play(A), 'first');
      await tick(LOAD + 4_000);
      const t0 = Date.now();
      const again = track(v.play(A), 'again');
      await tick(0);
      expect(first.res).toEqual(OK);
      await tick(10_000 + LOAD - 1);
      expect(again.events).toEqual([]);
      await tick(1);
      expect(again.res).toEqual(OK);
      expect(Date.now() - t0).toBe(10_000 + LOAD);
    });

    it('after the natural end the same file plays again from the start (React Native unloads it)', async () => {
      const p = make();
      const v = voiceFor(p);
      const first = track(v.play(B), 'first');
      await tick(4_000 + LOAD);
      const second = track(v.play(B), 'second');
      await tick(4_000 + LOAD);
      expect(first.res).toEqual(OK);
      expect(second.res).toEqual(OK);
      expect(p.audio.log.filter((e) => e === 'onEnded')).toHaveLength(2);
    });

    it('after a pause, another file starts from its beginning and the paused one is let go', async () => {
      const p = make();
      const v = voiceFor(p);
      track(v.play(A), 'a');
      await tick(LOAD + 3_000);
      track(v.pauseVoice, 'pause');
      await tick(10);
      const b = track(v.play(B), 'b');
      await tick(4_000 + LOAD);
      expect(b.res).toEqual(OK);
      expect(p.audio.created[0].state).toBe('destroyed');
      // And A, asked again, starts over.
      const t0 = Date.now();
      const a = track(v.play(A), 'a again');
      await tick(10_000 + LOAD);
      expect(a.res).toEqual(OK);
      expect(Date.now() - t0).toBe(10_000 + LOAD);
    });
  });

  describe('Decision 3: one voice at a time, at most one context of the runtime alive', () => {
    it('a long session of plays, pauses, stops and errors never holds two players', async () => {
      const p = make();
      const v = voiceFor(p);
      const calls = [];
      for (let i = 0; i < 3 * WX_ANDROID_PLAYER_LIMIT; i++) {
        calls.push(track(v.play(i % 3 === 0 ? A : i % 3 === 1 ? B : 'wxfile://tmp/missing.aac'), `play ${i}`));
        expect(live(p)).toBeLessThanOrEqual(1);
        await tick(200);
        if (i % 4 === 0) calls.push(track(v.pauseVoice, 'pause'));
        if (i % 5 === 0) calls.push(track(v.stopVoice, 'stop'));
        await tick(100);
        expect(live(p)).toBeLessThanOrEqual(1);
      }
      await tick(10 * 60_000);
      expect(p.audio.maxLive).toBe(1);
      expect(live(p)).toBe(0);
      for (const o of calls) expect(settledOnce(o), o.label).toBe(true);
      // Every file that exists played (no 11th-player refusal on WeChat Android).
      const refused = calls.filter((o) => o.ok === false && !/errCode 10003/.test(o.res.errMsg));
      expect(refused).toEqual([]);
      // Listeners were bound once per context: WeChat's add up, and would fire twice otherwise.
      for (const c of p.audio.created) expect(c.listenerCount('Ended')).toBeLessThanOrEqual(1);
    });

    it('a player let go with an event still to come: the event reaches no call (Taro H5 fires it after destroy())', async () => {
      const p = make();
      const v = voiceFor(p);
      // A missing file's error comes after the call; the next playVoice, in the same task, lets that
      // player go before it comes.
      const first = track(v.play('wxfile://tmp/missing.aac'), 'first');
      const second = track(v.play(B), 'second');
      await tick(0);
      expect(p.audio.created[0]!.state).toBe('destroyed');
      // Taro H5's destroy() leaves the listeners on the <audio>: the queued error still reaches the
      // runtime's own onError of that player. Elsewhere a destroyed player is silent.
      expect(p.audio.log.filter((e) => e === 'onError')).toHaveLength(p.name === 'h5' ? 1 : 0);
      await tick(4_000 + LOAD);
      expect(first.res).toEqual(OK);
      expect(second.res).toEqual(OK);
      expect(settledOnce(first) && settledOnce(second)).toBe(true);
      expect(live(p)).toBe(0);
    });

    it("plays beside the app's own players without taking one of theirs", async () => {
      const p = make();
      const appPlayers = Array.from({ length: WX_ANDROID_PLAYER_LIMIT - 1 }, () => p.audio.create());
      const v = voiceFor(p);
      for (let i = 0; i < 5; i++) {
        const o = track(v.play(B), 'play');
        await tick(4_000 + LOAD);
        expect(o.res).toEqual(OK);
      }
      expect(appPlayers.every((c) => c.state !== 'destroyed')).toBe(true);
    });
  });

  describe('Decision 4: errors become playVoice:fail <reason>', () => {
    it("a missing file fails with the platform's reason and code", async () => {
      const v = voiceFor(make());
      const o = track(v.play('wxfile://tmp/missing.aac'), 'play');
      await tick(1_000);
      expect(settledOnce(o)).toBe(true);
      expect(o.res).toEqual({ errMsg: 'playVoice:fail file error (errCode 10003)' });
    });

    it('an unknown platform error (-1) while playing fails with its code', async () => {
      const p = make();
      const v = voiceFor(p);
      const o = track(v.play(A), 'play');
      await tick(1_000);
      p.audio.created[0].crash(ERR_UNKNOWN);
      await tick(10);
      expect(o.res).toEqual({ errMsg: 'playVoice:fail unknown error (errCode -1)' });
    });

    it('an old .silk recording fails as a format error', async () => {
      const v = voiceFor(make());
      const o = track(v.play('wxfile://tmp/legacy.silk'), 'play', [], 'promise');
      await tick(1_000);
      expect(o.events).toEqual([{ type: 'reject', res: { errMsg: 'playVoice:fail format error (errCode 10004)' } }]);
    });

    it('a call without filePath fails and leaves the voice playing alone', async () => {
      const p = make();
      const v = voiceFor(p);
      const playing = track(v.play(A), 'playing');
      await tick(1_000);
      const bad = track((o?: object) => v.playVoice({ ...o } as never), 'bad');
      await tick(0);
      expect(bad.res).toEqual({ errMsg: 'playVoice:fail invalid filePath' });
      expect(playing.events).toEqual([]);
      await tick(10_000);
      expect(playing.res).toEqual(OK);
    });
  });
});

describe('Decision 1: a stop the runtime did not ask for ends the call, as a success', () => {
  it("Taro H5: its router stops every player at a page change; the voice's call ends then, not at its duration", async () => {
    const p = h5Audio({ files: FILES });
    const v = voiceFor(p);
    const play = track(v.play(LONG), 'play');
    await tick(LOAD + 2_000);
    p.audio.routeChange();
    await tick(10);
    expect(settledOnce(play)).toBe(true);
    expect(play.res).toEqual(OK);
    expect(live(p)).toBe(0);
    // The next voice plays as ever.
    const next = track(v.play(B), 'next');
    await tick(LOAD + 4_000 + 10);
    expect(next.res).toEqual(OK);
  });

  it("Douyin Android: the app's own player takes the one player; the voice's call ends then", async () => {
    const p = douyinAudio({ files: FILES });
    const v = voiceFor(p);
    const play = track(v.play(LONG), 'play');
    await tick(LOAD + 2_000);
    const app = p.audio.create();
    app.src = B;
    await tick(10);
    expect(settledOnce(play)).toBe(true);
    expect(play.res).toEqual(OK);
  });
});

describe('Decision 3 on WeChat Android: the 10-player limit', () => {
  it('a runtime that created a player per call would hit it; this one never does', async () => {
    const p = weappAudio({ files: FILES });
    const v = voiceFor(p);
    for (let i = 0; i < 2 * WX_ANDROID_PLAYER_LIMIT; i++) {
      const o = track(v.play(B, { duration: 1 }), 'play');
      await tick(1_000);
      expect(o.res).toEqual(OK);
    }
    expect(p.audio.created).toHaveLength(2 * WX_ANDROID_PLAYER_LIMIT);
    expect(p.audio.maxLive).toBe(1);
    // The fake refuses the 11th live player: the limit is real in the fake.
    for (let i = 0; i < WX_ANDROID_PLAYER_LIMIT; i++) p.audio.create();
    const o = track(v.play(B), 'play');
    await tick(1_000);
    expect(o.res).toEqual({ errMsg: 'playVoice:fail system error: too many audio instances (errCode 10001)' });
  });
});

describe('Decision 4: unsupported platforms and failing players', () => {
  it.each<[string, VoiceApi | undefined]>([
    ['no platform object', undefined],
    ['no createInnerAudioContext (Harmony, old stubs)', {}],
    ['createInnerAudioContext returns nothing', { createInnerAudioContext: () => undefined }],
    ['createInnerAudioContext returns a stub without play', { createInnerAudioContext: () => ({}) }],
    [
      'createInnerAudioContext returns a rejected Promise (a Taro stub)',
      { createInnerAudioContext: () => Promise.reject(new Error('x')) },
    ],
  ])('%s → playVoice:fail not supported, never a TypeError', async (_, api) => {
    const v = createVoiceCompat(() => api);
    let o;
    expect(() => (o = track((x?: object) => v.playVoice({ filePath: A, ...x }), 'play'))).not.toThrow();
    await tick(10);
    expect(settledOnce(o!)).toBe(true);
    expect(o!.res).toEqual({ errMsg: 'playVoice:fail not supported' });
    const stop = track(v.stopVoice, 'stop');
    await tick(0);
    expect(stop.res).toEqual({ errMsg: 'stopVoice:ok' });
  });

  it('createInnerAudioContext or play() throwing → playVoice:fail <message>', async () => {
    const v = createVoiceCompat(() => ({
      createInnerAudioContext: () => {
        throw new Error('createInnerAudioContext:fail system busy');
      },
    }));
    const o = track((x?: object) => v.playVoice({ filePath: A, ...x }), 'play');
    await tick(0);
    expect(o.res).toEqual({ errMsg: 'playVoice:fail system busy' });
    const p = weappAudio({ files: FILES });
    const w = createVoiceCompat(() => ({
      createInnerAudioContext: () => {
        const c = p.audio.create();
        c.play = () => {
          throw new Error('boom');
        };
        return c;
      },
    }));
    const q = track((x?: object) => w.playVoice({ filePath: A, ...x }), 'play');
    await tick(10 * 60_000);
    expect(settledOnce(q)).toBe(true);
    expect(q.res).toEqual({ errMsg: 'playVoice:fail boom' });
    expect(p.audio.live).toHaveLength(0);
  });

  it('H5: a play() the browser refuses (autoplay policy) fails the call', async () => {
    const p = h5Audio({ files: FILES });
    p.audio.autoplayBlocked = true;
    const v = voiceFor(p);
    const o = track(v.play(A), 'play');
    await tick(10);
    expect(o.res).toEqual({ errMsg: expect.stringMatching(/^playVoice:fail NotAllowedError/) });
    expect(live(p)).toBe(0);
  });

  it("Taro H5 before 3.6.11 (the H5 entry's patched player): a paused voice resumes where it paused, an error while playing fails, a new voice plays", async () => {
    const p = h5Audio({ files: FILES, taroH5: '3.6.0' });
    const v = voiceFor(p);
    const first = track(v.play(A), 'first');
    await tick(LOAD + 2_000);
    v.pauseVoice();
    // 3.6.0's player seeks to startTime (0) at every play event: patched, it resumes (V2).
    track(v.play(A), 'resumed');
    await tick(1_000);
    expect(p.audio.created).toHaveLength(1);
    expect(p.audio.created[0]!.currentTime).toBeCloseTo(3, 1);
    expect(first.res).toEqual(OK);
    // 3.6.0 told its onError listeners nothing: patched, an error while playing fails the call (V4).
    const failing = track(v.play(B), 'failing');
    await tick(LOAD + 1_000);
    p.audio.created[1]!.crash();
    await tick(10);
    expect(failing.res).toEqual({ errMsg: 'playVoice:fail system error (errCode 10001)' });
    // Its destroy() threw: the old players are stopped all the same, and the next voice plays (V3).
    const next = track(v.play(B), 'next');
    await tick(LOAD + 4_000 + 10);
    expect(next.res).toEqual(OK);
    expect(p.audio.created.map((c) => [c.released, c.paused])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
  });

  it('events of a player the runtime let go do not reach the next call (a player without destroy())', async () => {
    const p = weappAudio({ files: FILES });
    const v = createVoiceCompat(() => ({
      createInnerAudioContext: () => Object.assign(p.audio.create(), { destroy: undefined }),
    }));
    const play = (filePath: string) => (x?: object) => v.playVoice({ filePath, ...x });
    const first = track(play(A), 'first');
    await tick(1_000);
    const second = track(play(B), 'second');
    await tick(1_000);
    // Without destroy() the runtime stops the old player; its listeners are still bound.
    const old = p.audio.created[0];
    expect(old.state).toBe('stopped');
    old.crash();
    await tick(3_000 + LOAD);
    expect(first.res).toEqual(OK);
    expect(second.res).toEqual(OK);
  });
});

describe("Decision 5: iOS's silent switch decides whether a voice is heard, as it did for the legacy playVoice", () => {
  /** A voice played through the runtime on WeChat with `p`'s whole wx slice, and whether its player was heard. */
  async function playOn(p: FakeAudioPlatform) {
    const setOption = vi.spyOn(p.audio, 'setInnerAudioOption');
    const vc = createVoiceCompat(() => p.api as VoiceApi);
    const o = track((opts?: object) => vc.playVoice({ filePath: A, ...opts }), 'play');
    await tick(LOAD + 1_000);
    const heard = p.audio.created.map((c) => c.heard);
    await tick(10_000);
    return { result: o.res, heard, runtimeSetOption: setOption.mock.calls.length };
  }

  it('switch on: the voice plays to its end unheard and succeeds; the runtime leaves the global option alone', async () => {
    const p = weappAudio({ files: FILES, os: 'ios' });
    p.audio.silentSwitch = true;
    expect(await playOn(p)).toEqual({ result: OK, heard: [false], runtimeSetOption: 0 });
  });

  it("switch on, and the app's own wx.setInnerAudioOption({ obeyMuteSwitch: false }): the voice is heard", async () => {
    const p = weappAudio({ files: FILES, os: 'ios' });
    p.audio.silentSwitch = true;
    p.api.setInnerAudioOption!({ obeyMuteSwitch: false });
    const { result, heard } = await playOn(p);
    expect({ result, heard }).toEqual({ result: OK, heard: [true] });
  });

  it('switch off on iOS, or any switch on Android: heard', async () => {
    expect((await playOn(weappAudio({ files: FILES, os: 'ios' }))).heard).toEqual([true]);
    const android = weappAudio({ files: FILES });
    android.audio.silentSwitch = true;
    expect((await playOn(android)).heard).toEqual([true]);
  });
});
