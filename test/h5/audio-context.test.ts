/*
 * createAudioContext on Taro H5's real InnerAudioContext, in Chromium with the autoplay policy a
 * browser applies to a page nobody has touched: the first play() is refused (Decision A5), and
 * the play() a click allows starts where a seek made meanwhile asked (Decision A2). Taro H5's
 * player seeks to its startTime when it first plays, over any seek made before: the runtime's
 * seek sets both.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, ensureExample } from '../e2e/helpers/example';
import { TMP, browserMissing, bundleTaroH5Page, launch, serve, writeToneWav } from './harness';
import type { AudioContextPage } from './page/audio-context';

/** What the page logs once its first play() is settled (page/audio-context.ts, READY). */
const READY = 'audio-context page: ready';

const PAGE_DIR = path.join(TMP, 'h5-audio-context-page');
const TARO_H5_PLAYER = path.join(EXAMPLE, 'node_modules/@tarojs/taro-h5/dist/api/media/audio/InnerAudioContext.js');

const missing = browserMissing();
if (missing) console.warn(`[h5 browser tests] SKIPPED (createAudioContext): ${missing}`);
const describeBrowser = missing ? describe.skip : describe;

describeBrowser("createAudioContext on Taro H5's player, in Chromium", () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  let ready: Promise<unknown>;

  beforeAll(async () => {
    await ensureExample();
    await bundleTaroH5Page('audio-context', PAGE_DIR, path.join(EXAMPLE, 'node_modules'), {
      'taro-h5-inner-audio-context': TARO_H5_PLAYER,
    });
    writeToneWav(path.join(PAGE_DIR, 'tone.wav'), { sampleRate: 8000, seconds: 10, hz: [440], amplitude: 0.5 });
    server = await serve(PAGE_DIR);
    // A page with no user gesture yet may not play sound. (page.evaluate, and so waitForFunction,
    // counts as a gesture: nothing is evaluated before the refusal; the page says it is ready on
    // the console. Polling for it let a slow page's first play() through.)
    browser = await launch({ grant: false, args: ['--autoplay-policy=user-gesture-required'] });
    page = await browser.context.newPage();
    ready = page.waitForEvent('console', { predicate: (message) => message.text() === READY, timeout: 60_000 });
    await page.goto(server.url);
  }, 1_200_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const state = () =>
    page.evaluate(() => {
      const p = (window as unknown as { page: AudioContextPage }).page;
      return { made: p.made.length, plays: [...p.plays] };
    });
  const player = () =>
    page.evaluate(() => {
      const c = (window as unknown as { page: AudioContextPage }).page.made[0]!;
      return { paused: c.paused, currentTime: c.currentTime, startTime: c.startTime };
    });

  it("the browser's refusal is swallowed, the player kept, and a click's play() starts where the seek made meanwhile asked", async () => {
    await ready;
    const refused = await state();
    expect(refused.plays).toEqual(['NotAllowedError']);
    expect(refused.made).toBe(1);
    expect((await player()).paused).toBe(true);

    await page.click('#play');
    await page.waitForFunction(
      () => (window as unknown as { page: AudioContextPage }).page.plays.length === 2,
      undefined,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(300);
    const played = await state();
    // The same player tried again (A5), not a second one.
    expect(played.plays).toEqual(['NotAllowedError', 'played']);
    expect(played.made).toBe(1);
    const now = await player();
    expect(now.paused).toBe(false);
    expect(now.currentTime).toBeGreaterThanOrEqual(6);
    expect(now.currentTime).toBeLessThan(8);
  });
});
