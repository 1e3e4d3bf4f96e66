/*
 * createAudioContext on createInnerAudioContext (docs/contract.md, Decisions A1–A7), on the
 * WeChat (Android), Douyin (Android), React Native and H5 audio fakes and a page stack that pages
 * enter and leave.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAudioContextCompat, type AudioContextApi } from '../../src/runtime/audio-context';
import {
  WX_ANDROID_PLAYER_LIMIT,
  douyinAudio,
  h5Audio,
  rnAudio,
  weappAudio,
  type FakeAudioContext,
  type FakeAudioPlatform,
} from './fakes/audio';
import { FakePageStack, PAGE_STACK_LIMIT } from './fakes/pages';
import { innerAudioApiOf, tick } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const A = 'https://x/a.mp3';
const B = 'https://x/b.mp3';
const files = { [A]: 10_000, [B]: 4_000 };

function setup(audio: FakeAudioPlatform = weappAudio({ files }), pages = new FakePageStack()) {
  const createAudioContext = createAudioContextCompat(() => innerAudioApiOf(audio), pages.getCurrentPages);
  return { audio, pages, createAudioContext, players: audio.audio.created };
}
const playing = (c: FakeAudioContext | undefined) => !!c && c.state === 'playing';

describe('A1. One player per id and owner, made at the first play', () => {
  it('two contexts for the same id on the same page drive the same player', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    const first = createAudioContext('myAudio');
    const second = createAudioContext('myAudio');
    first.setSrc(A);
    expect(players).toHaveLength(0);
    second.play();
    await tick(100);
    expect(players).toHaveLength(1);
    expect(players[0]!.src).toBe(A);
    expect(playing(players[0])).toBe(true);
    first.pause();
    await tick(10);
    expect(players[0]!.state).toBe('paused');
    second.play();
    await tick(100);
    expect(players).toHaveLength(1);
    expect(players[0]!.plays).toEqual(['load', 'resume']);
  });

  it('another id on the same page, or the same id on another page, is another player', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/a/a');
    const a = createAudioContext('myAudio');
    const other = createAudioContext('other');
    a.setSrc(A);
    other.setSrc(B);
    a.play();
    other.play();
    pages.navigateTo('pages/b/b');
    const b = createAudioContext('myAudio');
    b.setSrc(B);
    b.play();
    await tick(100);
    expect(players.map((c) => c.src)).toEqual([A, B, B]);
    expect(players.every(playing)).toBe(true);
    // Page a is under b, still on the stack: its players live on, as its <audio> would.
    expect(players.filter((c) => c.state !== 'destroyed')).toHaveLength(3);
  });

  it('a context that never plays makes no player, and play() without a source makes none', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    const ctx = createAudioContext('myAudio');
    ctx.pause();
    ctx.seek(3);
    ctx.play();
    await tick(100);
    expect(players).toHaveLength(0);
  });

  it('a component is an owner of its own: its id does not meet the page one', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    const comp1 = pages.component('player-card');
    const comp2 = pages.component('player-card');
    createAudioContext('myAudio', undefined, { src: A }).play();
    createAudioContext('myAudio', comp1, { src: B }).play();
    createAudioContext('myAudio', comp2, { src: B }).play();
    createAudioContext('myAudio', comp1).pause();
    await tick(100);
    expect(players.map((c) => c.src)).toEqual([A, B, B]);
    expect(players.map((c) => c.state)).toEqual(['playing', 'paused', 'playing']);
  });
});

describe('A2. setSrc, play, pause, seek in seconds; the element gives src and loop', () => {
  it("the element's src and loop are the player's; setSrc overrides src and starts over", async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    const ctx = createAudioContext('myAudio', undefined, { src: B, loop: true });
    ctx.play();
    await tick(100);
    expect(players[0]!.src).toBe(B);
    expect(players[0]!.loop).toBe(true);
    // Looping: past the 4 s end it plays on.
    await tick(9_000);
    expect(playing(players[0])).toBe(true);
    ctx.setSrc(A);
    // The old source stops with its player; the next play starts the new one from 0.
    expect(players[0]!.state).toBe('destroyed');
    ctx.play();
    await tick(100);
    expect(players[1]!.src).toBe(A);
    expect(players[1]!.loop).toBe(true);
    expect(players[1]!.currentTime).toBeLessThan(0.1);
  });

  it('seek takes seconds; before the first play it is where the play starts', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    const ctx = createAudioContext('myAudio', undefined, { src: A });
    ctx.seek(3);
    ctx.play();
    await tick(50 + 1_000);
    expect(players[0]!.currentTime).toBeCloseTo(4, 1);
    ctx.seek(7.5);
    expect(players[0]!.currentTime).toBeCloseTo(7.5, 1);
    await tick(500);
    expect(players[0]!.currentTime).toBeCloseTo(8, 1);
    // Not a position: ignored, nothing lost.
    ctx.seek(-1);
    ctx.seek(NaN);
    ctx.seek(undefined as unknown as number);
    expect(players[0]!.currentTime).toBeCloseTo(8, 1);
  });

  it('after the end, play() starts over on a new player (React Native unloads the sound at its end)', async () => {
    for (const audio of [weappAudio({ files }), rnAudio({ files })]) {
      const { pages, createAudioContext, players } = setup(audio);
      pages.navigateTo('pages/index/index');
      const ctx = createAudioContext('myAudio', undefined, { src: B });
      ctx.play();
      await tick(50 + 4_000 + 10);
      expect(players[0]!.state).toBe('destroyed');
      ctx.seek(1);
      ctx.play();
      await tick(60);
      expect(players).toHaveLength(2);
      expect(playing(players[1])).toBe(true);
      expect(players[1]!.currentTime).toBeCloseTo(1, 1);
      await tick(3_000);
      expect(players[1]!.state).toBe('destroyed');
    }
  });

  it('a player that fails is let go; the next play() tries a new one', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    const ctx = createAudioContext('myAudio', undefined, { src: 'https://x/missing.mp3' });
    ctx.play();
    await tick(10);
    expect(players[0]!.state).toBe('destroyed');
    ctx.setSrc(A);
    ctx.play();
    await tick(100);
    expect(playing(players[1])).toBe(true);
  });
});

describe('A3. A player let go: its events come to nothing', () => {
  it.each([
    ['weapp', weappAudio],
    ['h5', h5Audio],
  ])(
    "%s: setSrc lets a player go before its load's error came: the error frees nothing (Taro H5 fires it after destroy())",
    async (name, make) => {
      const { audio, pages, createAudioContext, players } = setup(make({ files }));
      pages.navigateTo('pages/index/index');
      const ctx = createAudioContext('myAudio', undefined, { src: 'https://x/missing.mp3' });
      ctx.play();
      ctx.setSrc(A);
      ctx.play();
      await tick(100);
      expect(players[0]!.state).toBe('destroyed');
      // Taro H5's destroy() leaves the listeners on the <audio>: the queued error still reaches the
      // runtime's onError of that player. WeChat's destroyed player is silent.
      expect(audio.audio.log.filter((e) => e === 'onError')).toHaveLength(name === 'h5' ? 1 : 0);
      expect(players).toHaveLength(2);
      expect(playing(players[1])).toBe(true);
      await tick(5_000);
      expect(players[1]!.currentTime).toBeCloseTo(5, 0);
    },
  );
});

describe('A3. Douyin: the one Android player taken by another instance', () => {
  it('a context whose player another instance took plays its own source again, from a new player', async () => {
    const { pages, createAudioContext, players, audio } = setup(douyinAudio({ files }));
    pages.navigateTo('pages/a/a');
    const a = createAudioContext('myAudio', undefined, { src: A });
    a.play();
    await tick(100);
    pages.navigateTo('pages/b/b');
    const b = createAudioContext('myAudio', undefined, { src: B });
    b.play();
    await tick(100);
    expect(audio.audio.shared!.src).toBe(B);
    expect(players[0]!.state).toBe('stopped');
    a.play();
    await tick(100);
    expect(players[0]!.state).toBe('destroyed');
    expect(audio.audio.shared!.src).toBe(A);
    expect(audio.audio.shared!.owner).toBe(players[2]);
    expect(playing(players[2])).toBe(true);
  });

  it('a seek on a context whose player was taken is where its next play() starts', async () => {
    const { pages, createAudioContext, players, audio } = setup(douyinAudio({ files }));
    pages.navigateTo('pages/index/index');
    const a = createAudioContext('a', undefined, { src: A });
    const b = createAudioContext('b', undefined, { src: B });
    a.play();
    await tick(1_000);
    b.play();
    await tick(100);
    a.seek(5);
    a.play();
    await tick(50 + 1_000);
    expect(audio.audio.shared!.src).toBe(A);
    expect(playing(players[2])).toBe(true);
    expect(players[2]!.currentTime).toBeCloseTo(6, 1);
  });

  it('taken and played again at once, before the taken one has heard its onStop', async () => {
    const { pages, createAudioContext, players, audio } = setup(douyinAudio({ files, loadDelay: 0 }));
    pages.navigateTo('pages/index/index');
    const a = createAudioContext('a', undefined, { src: A });
    const b = createAudioContext('b', undefined, { src: B });
    a.play();
    b.play();
    a.play();
    await tick(20);
    expect(audio.audio.shared!.src).toBe(A);
    expect(playing(players[2])).toBe(true);
  });
});

describe('A4. Released with its page', () => {
  it('pages coming and going 30 times never hold more than 10 live players; the old ones are destroyed', async () => {
    const { pages, createAudioContext, audio, players } = setup();
    pages.navigateTo('pages/index/index');
    for (let i = 0; i < 30; i++) {
      // A page opened, its audio played (sometimes left playing, sometimes paused), then left.
      pages.navigateTo(`pages/song/song?i=${i}`);
      const ctx = createAudioContext('myAudio', undefined, { src: A });
      const comp = createAudioContext('clip', pages.component('clip'), { src: B });
      ctx.play();
      comp.play();
      await tick(100);
      if (i % 2) ctx.pause();
      pages.navigateBack();
      await tick(i % 3 === 0 ? 0 : 300);
    }
    expect(players).toHaveLength(60);
    expect(audio.audio.maxLive).toBeLessThanOrEqual(WX_ANDROID_PLAYER_LIMIT);
    // The next call sweeps what the pages left.
    createAudioContext('myAudio').pause();
    expect(audio.audio.live).toHaveLength(0);
    expect(players.every((c) => c.state === 'destroyed')).toBe(true);
  });

  it('a full stack of pages, each playing, then all left: at most the stack depth is live', async () => {
    const { pages, createAudioContext, audio } = setup();
    for (let i = 0; i < PAGE_STACK_LIMIT; i++) {
      pages.navigateTo(`pages/p${i}/p${i}`);
      createAudioContext('myAudio', undefined, { src: A }).play();
    }
    await tick(100);
    expect(audio.audio.live).toHaveLength(PAGE_STACK_LIMIT);
    expect(audio.audio.live.every(playing)).toBe(true);
    pages.reLaunch('pages/index/index');
    createAudioContext('myAudio', undefined, { src: A }).play();
    await tick(100);
    expect(audio.audio.live).toHaveLength(1);
    expect(audio.audio.maxLive).toBeLessThanOrEqual(WX_ANDROID_PLAYER_LIMIT);
  });

  it('the sound of a page that left stops within a time update, with no further call', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    pages.navigateTo('pages/song/song');
    createAudioContext('myAudio', undefined, { src: A }).play();
    await tick(1_000);
    pages.navigateBack();
    await tick(260);
    expect(players[0]!.state).toBe('destroyed');
  });

  it('a context of a page that left does nothing: its <audio> left with it', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    pages.navigateTo('pages/song/song');
    const ctx = createAudioContext('myAudio', undefined, { src: A });
    pages.navigateBack();
    ctx.setSrc(B);
    ctx.play();
    ctx.seek(1);
    await tick(100);
    expect(players).toHaveLength(0);
  });

  it('a context made with no page yet (module level, at launch) drives the player of the page on top at each call', async () => {
    const { pages, createAudioContext, players } = setup();
    const ctx = createAudioContext('myAudio', undefined, { src: A });
    pages.navigateTo('pages/index/index');
    ctx.play();
    await tick(100);
    pages.navigateTo('pages/song/song');
    ctx.play();
    await tick(100);
    expect(players).toHaveLength(2);
    pages.navigateBack();
    ctx.pause();
    // Page song's player went with it; page index's is paused.
    expect(players.map((c) => c.state)).toEqual(['paused', 'destroyed']);
  });

  it('a component whose page is not on the stack yet belongs to its page (getPageId), not to the one below', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    const song = pages.open('pages/song/song');
    const ctx = createAudioContext('clip', pages.component('clip', song), { src: A });
    // Called in attached too, before the page is there.
    ctx.seek(2);
    pages.enter(song);
    ctx.play();
    await tick(100);
    pages.navigateBack();
    await tick(260);
    expect(players[0]!.state).toBe('destroyed');
  });

  it('Taro H5: getCurrentPages() returns copies; the page is known by its $taroPath', async () => {
    const { pages, createAudioContext, players } = setup(h5Audio({ files }), new FakePageStack('taro-h5'));
    pages.navigateTo('pages/index/index');
    pages.navigateTo('pages/song/song');
    const ctx = createAudioContext('myAudio', undefined, { src: A });
    ctx.play();
    await tick(100);
    ctx.pause();
    ctx.play();
    await tick(100);
    expect(players).toHaveLength(1);
    expect(players[0]!.plays).toEqual(['load', 'resume']);
    pages.navigateBack();
    await tick(260);
    expect(players[0]!.state).toBe('destroyed');
  });

  it('without a page stack (getCurrentPages missing or throwing) there is one owner for the app', async () => {
    for (const getPages of [
      () => undefined,
      () => {
        throw new ReferenceError('getCurrentPages is not defined');
      },
    ]) {
      const audio = weappAudio({ files });
      const createAudioContext = createAudioContextCompat(() => audio.api, getPages);
      createAudioContext('myAudio', undefined, { src: A }).play();
      createAudioContext('myAudio').pause();
      await tick(100);
      expect(audio.audio.created).toHaveLength(1);
      expect(audio.audio.created[0]!.state).toBe('paused');
    }
  });
});

describe('A5. No usable createInnerAudioContext: nothing plays, nothing throws', () => {
  const stubs: [string, AudioContextApi | undefined][] = [
    ['no platform', undefined],
    ['no createInnerAudioContext', {}],
    ['returns nothing', { createInnerAudioContext: () => undefined }],
    [
      'a stub returning a rejected Promise',
      { createInnerAudioContext: () => Promise.reject({ errMsg: 'createInnerAudioContext:fail not supported' }) },
    ],
    ['a player without events', { createInnerAudioContext: () => ({ play() {}, pause() {} }) }],
    [
      'one that throws',
      {
        createInnerAudioContext: () => {
          throw new Error('createInnerAudioContext:fail not supported');
        },
      },
    ],
    [
      'a player without play()',
      { createInnerAudioContext: () => ({ onEnded() {}, onError() {}, onTimeUpdate() {}, destroy() {} }) },
    ],
  ];
  it.each(stubs)('%s', async (_name, api) => {
    const pages = new FakePageStack();
    pages.navigateTo('pages/index/index');
    const createAudioContext = createAudioContextCompat(() => api, pages.getCurrentPages);
    const ctx = createAudioContext('myAudio', undefined, { src: A, loop: true });
    expect(() => {
      ctx.setSrc(B);
      ctx.play();
      ctx.seek(2);
      ctx.pause();
      ctx.play();
    }).not.toThrow();
    // A rejected stub Promise is handled: vitest fails the test on an unhandled rejection.
    await tick(10);
  });

  it('a player without onTimeUpdate (it could not tell when its page left) is never played', async () => {
    const pages = new FakePageStack();
    pages.navigateTo('pages/index/index');
    const played: string[] = [];
    const createInnerAudioContext = () => ({
      play: () => played.push('play'),
      pause() {},
      onEnded() {},
      onError() {},
      destroy() {},
    });
    const createAudioContext = createAudioContextCompat(() => ({ createInnerAudioContext }), pages.getCurrentPages);
    const ctx = createAudioContext('myAudio', undefined, { src: A });
    expect(() => {
      ctx.play();
      ctx.pause();
      ctx.play();
    }).not.toThrow();
    await tick(10);
    expect(played).toEqual([]);
  });

  it("H5: the browser's autoplay refusal is swallowed (WeChat's AudioContext has no error channel)", async () => {
    const audio = h5Audio({ files });
    audio.audio.autoplayBlocked = true;
    const { pages, createAudioContext, players } = setup(audio);
    pages.navigateTo('pages/index/index');
    createAudioContext('myAudio', undefined, { src: A }).play();
    await tick(100);
    expect(players[0]!.plays).toEqual(['error']);
    audio.audio.autoplayBlocked = false;
    createAudioContext('myAudio').play();
    await tick(100);
    expect(playing(players[0])).toBe(true);
  });

  it("H5: a relative src, which <audio> reads back absolute, is not taken for another instance's: pause then play resumes the same player", async () => {
    const audio = h5Audio({ files: { '/assets/a.mp3': 10_000 } });
    const { pages, createAudioContext, players } = setup(audio, new FakePageStack('taro-h5'));
    pages.navigateTo('pages/index/index');
    const ctx = createAudioContext('myAudio', undefined, { src: '/assets/a.mp3' });
    ctx.play();
    await tick(50 + 2_000);
    ctx.pause();
    ctx.play();
    await tick(1_000);
    expect(players).toHaveLength(1);
    expect(playing(players[0])).toBe(true);
    expect(players[0]!.currentTime).toBeCloseTo(3, 1);
  });

  it("Taro H5 before 3.6.11 (the H5 entry's patched player): pause then play resumes, a new src plays, and a page leaving does not throw", async () => {
    const audio = h5Audio({ files, taroH5: '3.6.0' });
    const { pages, createAudioContext, players } = setup(audio, new FakePageStack('taro-h5'));
    pages.navigateTo('pages/index/index');
    const ctx = createAudioContext('myAudio', undefined, { src: A });
    ctx.play();
    await tick(50 + 2_000);
    // 3.6.0's player seeks to startTime (0) at every play event: patched, it resumes (A2).
    ctx.pause();
    ctx.play();
    await tick(1_000);
    expect(players[0]!.currentTime).toBeCloseTo(3, 1);
    // A new source: 3.6.0's destroy() throws; the old player is stopped and the new src plays (A2).
    ctx.setSrc(B);
    ctx.play();
    await tick(100);
    expect(players).toHaveLength(2);
    expect([players[0]!.released, players[0]!.paused]).toEqual([true, true]);
    expect(playing(players[1])).toBe(true);
    expect(players[1]!.src).toBe(B);
    // A page that leaves: its player is let go at the next call, made on the page below (A4).
    pages.navigateTo('pages/other/other');
    createAudioContext('otherAudio', undefined, { src: A }).play();
    await tick(100);
    expect(playing(players[2])).toBe(true);
    pages.navigateBack();
    expect(() => ctx.pause()).not.toThrow();
    expect([players[2]!.released, players[2]!.paused, players[1]!.paused]).toEqual([true, true, true]);
  });

  it('H5: a seek made while the browser refused to play is where the allowed play() starts', async () => {
    // Taro H5's player seeks to its startTime at its first play, over any seek made before it.
    const audio = h5Audio({ files });
    audio.audio.autoplayBlocked = true;
    const { pages, createAudioContext, players } = setup(audio);
    pages.navigateTo('pages/index/index');
    const ctx = createAudioContext('myAudio', undefined, { src: A });
    ctx.seek(2);
    ctx.play();
    ctx.seek(6);
    audio.audio.autoplayBlocked = false;
    ctx.play();
    await tick(100);
    expect(players).toHaveLength(1);
    expect(playing(players[0])).toBe(true);
    expect(players[0]!.currentTime).toBeGreaterThanOrEqual(6);
    expect(players[0]!.currentTime).toBeLessThan(6.2);
  });
});

describe("A7. The migration's form: the element's id with its attributes in one object", () => {
  it('plays the src and loop of the object, on the player of the id it names, with a component or without', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    const comp = pages.component('player-card');
    createAudioContext({ id: 'myAudio', src: A, loop: true }).play();
    createAudioContext({ id: 'myAudio', src: B }, comp).play();
    await tick(100);
    expect(players.map((c) => [c.src, c.loop])).toEqual([
      [A, true],
      [B, false],
    ]);
    // The legacy form names the same players by the same ids.
    createAudioContext('myAudio').pause();
    createAudioContext('myAudio', comp).pause();
    expect(players.map((c) => c.state)).toEqual(['paused', 'paused']);
  });

  it('is the same as the older third argument, and a legacy string id still has no attributes', async () => {
    const { pages, createAudioContext, players } = setup();
    pages.navigateTo('pages/index/index');
    createAudioContext('a', undefined, { src: A }).play();
    createAudioContext({ id: 'b', src: A }).play();
    const bare = createAudioContext('c');
    bare.play();
    await tick(100);
    expect(players.map((c) => c.src)).toEqual([A, A]);
    bare.setSrc(B);
    bare.play();
    await tick(100);
    expect(players.map((c) => c.src)).toEqual([A, A, B]);
  });
});
