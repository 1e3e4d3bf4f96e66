/*
 * The voice API and createAudioContext on the InnerAudioContext of a published Taro H5 older than the example's, and
 * the background-audio API on its manager, in Chromium. Taro H5 3.4 to 3.6.6 seek to startTime at every play event (a
 * resume starts over), and before 3.6.11 destroy() throws (it removes an <audio> it never put on the page) and the
 * <audio>'s errors never reach onError (the manager's neither); the H5 entry patches each player (h5-players.ts). Each
 * case runs on Taro's player as it is too, so the test shows the platform's behaviour it works around.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureExample } from '../e2e/helpers/example';
import { TMP, browserMissing, openTaroH5Page, taroPackage } from './harness';
import type { PlayersPage } from './page/taro-h5-players';

/** The last Taro H5 with all three quirks (3.6.0, the first 3.6, was the most installed of them). */
const TARO_H5 = '3.6.0';
const PAGE_DIR = path.join(TMP, 'h5-taro-h5-players-page');

const missing = browserMissing();
if (missing) console.warn(`[h5 browser tests] SKIPPED (Taro H5 ${TARO_H5}'s players): ${missing}`);
const describeBrowser = missing ? describe.skip : describe;

describeBrowser(`the legacy audio APIs on Taro H5 ${TARO_H5}'s players, in Chromium`, () => {
  let opened: Awaited<ReturnType<typeof openTaroH5Page>>;
  let page: Page;

  beforeAll(async () => {
    await ensureExample();
    // Its utilities import the router's of the same version (the example's, 4.x, lacks two names).
    opened = await openTaroH5Page('taro-h5-players', PAGE_DIR, {
      'taro-h5-inner-audio-context': path.join(
        taroPackage('taro-h5', TARO_H5),
        'dist/api/media/audio/InnerAudioContext.js',
      ),
      'taro-h5-background-audio-manager': path.join(
        taroPackage('taro-h5', TARO_H5),
        'dist/api/media/background-audio/BackgroundAudioManager.js',
      ),
      '@tarojs/router/dist/utils': path.join(taroPackage('router', TARO_H5), 'dist/utils/index.js'),
    });
    page = opened.page;
  }, 1_200_000);

  afterAll(async () => {
    await opened?.close();
  });

  /** Plays a voice 1.5 s, pauses it, plays the same file again; where it was before the resume and 0.5 s after. */
  const voiceResume = (patched: boolean) =>
    page.evaluate(async (patched) => {
      const p = (window as unknown as { page: PlayersPage }).page;
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      // Played time, not the clock: on a busy machine the audio starts late.
      const until = async (ready: () => boolean) => {
        for (let waited = 0; !ready() && waited < 15_000; waited += 50) await sleep(50);
      };
      const { voice } = p.legacy(patched);
      const filePath = await p.track();
      void voice.playVoice({ filePath }).catch(() => {});
      await until(() => p.made[0]!.currentTime > 1.2);
      await voice.pauseVoice();
      await sleep(200);
      const before = p.made[0]!.currentTime;
      void voice.playVoice({ filePath }).catch(() => {});
      await until(() => !p.made.at(-1)!.paused && p.made.at(-1)!.currentTime !== before);
      await sleep(300);
      const after = p.made.at(-1)!.currentTime;
      await voice.stopVoice();
      return { before, after, made: p.made.length };
    }, patched);

  it('a paused voice resumes where it paused (Decision V2); Taro H5 alone starts it over', async () => {
    const kept = await voiceResume(true);
    expect(kept.before).toBeGreaterThan(1);
    expect(kept.made).toBe(1);
    expect(kept.after).toBeGreaterThan(kept.before);
    expect(kept.after).toBeLessThan(kept.before + 1.5);
    const taro = await voiceResume(false);
    expect(taro.after).toBeLessThan(1);
  });

  /**
   * playVoice of a file the browser cannot play: how the call settled, and whether the player's onError listeners heard
   * it.
   */
  const voiceOfMissingFile = (patched: boolean) =>
    page.evaluate(async (patched) => {
      const p = (window as unknown as { page: PlayersPage }).page;
      const { voice } = p.legacy(patched);
      const settled: string[] = [];
      voice.playVoice({
        filePath: '/missing.aac',
        success: () => settled.push('success'),
        fail: (res) => settled.push(res.errMsg),
      });
      let heard = false;
      p.made[0]!.onError(() => (heard = true));
      await new Promise((r) => setTimeout(r, 2000));
      return { settled, heard };
    }, patched);

  it("a file the browser cannot play fails the call once (Decision V4), and the player's onError hears it; Taro H5 alone tells only play()'s Promise", async () => {
    const kept = await voiceOfMissingFile(true);
    expect(kept.settled).toEqual([expect.stringMatching(/^playVoice:fail /)]);
    expect(kept.heard).toBe(true);
    const taro = await voiceOfMissingFile(false);
    expect(taro.settled).toEqual([expect.stringMatching(/^playVoice:fail /)]);
    expect(taro.heard).toBe(false);
  });

  /**
   * A context plays, pauses and resumes, gets a new src and plays it; then its page leaves and a context of the page
   * below plays.
   */
  const audioContext = (patched: boolean) =>
    page.evaluate(async (patched) => {
      const p = (window as unknown as { page: PlayersPage }).page;
      const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
      const { createAudioContext } = p.legacy(patched);
      const [a, b] = [await p.track(), await p.track()];
      p.pages = [{ $taroPath: 'pages/index/index' }, { $taroPath: 'pages/detail/detail' }];
      const ctx = createAudioContext('myAudio', undefined, { src: a });
      ctx.play();
      await sleep(1500);
      ctx.pause();
      await sleep(200);
      const before = p.made[0]!.currentTime;
      ctx.play();
      await sleep(500);
      const resumed = p.made[0]!.currentTime;
      ctx.setSrc(b);
      ctx.play();
      await sleep(500);
      const last = p.made.at(-1)!;
      const newSource = { players: p.made.length, src: last.src, playing: !last.paused, first: !p.made[0]!.paused };
      // The page leaves: the next call, on the page below, lets its player go.
      p.pages = [{ $taroPath: 'pages/index/index' }];
      let threw = '';
      try {
        createAudioContext('other', undefined, { src: a }).play();
      } catch (e) {
        threw = String(e);
      }
      await sleep(300);
      for (const c of p.made) c.pause();
      return { before, resumed, b, newSource, threw, players: p.made.length };
    }, patched);

  it('createAudioContext: a pause resumes (Decision A2), a new src plays (A2), a page leaving throws nothing (A4); Taro H5 alone does none of it', async () => {
    const kept = await audioContext(true);
    expect(kept.before).toBeGreaterThan(1);
    expect(kept.resumed).toBeGreaterThan(kept.before);
    expect(kept.newSource).toEqual({ players: 2, src: kept.b, playing: true, first: false });
    expect(kept.threw).toBe('');
    expect(kept.players).toBe(3);
    const taro = await audioContext(false);
    expect(taro.resumed).toBeLessThan(1);
    // Its destroy() threw inside setSrc: the new source was never taken.
    expect(taro.newSource.players).toBe(1);
    expect(taro.newSource.src).not.toBe(taro.b);
    expect(taro.threw).toMatch(/NotFoundError/);
  });

  /**
   * playBackgroundAudio of a file the browser cannot play: how the call settled, then 2 s later whether the legacy Stop
   * listener heard of it and the player's state.
   */
  const backgroundOfMissingFile = (patched: boolean) =>
    page.evaluate(async (patched) => {
      const p = (window as unknown as { page: PlayersPage }).page;
      const [play, , , stop, state, , , onStop] = p.legacy(patched).background;
      let stopped = 0;
      onStop(() => stopped++);
      const played = await play({ dataUrl: '/missing.mp3', title: 'gone' }).then(
        (res: { errMsg: string }) => res.errMsg,
        (res: { errMsg: string }) => res.errMsg,
      );
      await new Promise((r) => setTimeout(r, 2000));
      const after = { played, stopped, status: ((await state()) as { status: number }).status };
      await stop();
      return after;
    }, patched);

  it('a background track the browser cannot play is "the music stopped" (Decision B3); Taro H5 alone says it is paused', async () => {
    // Accepted first (B1: the error comes after the manager took the track, as on WeChat).
    expect(await backgroundOfMissingFile(true)).toEqual({ played: 'playBackgroundAudio:ok', stopped: 1, status: 2 });
    expect(await backgroundOfMissingFile(false)).toEqual({ played: 'playBackgroundAudio:ok', stopped: 0, status: 0 });
  });
});
