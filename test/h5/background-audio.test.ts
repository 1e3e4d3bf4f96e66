/*
 * The background-audio API on Taro H5's real BackgroundAudioManager, in Chromium. Taro H5's
 * manager seeks to its startTime at every play event (a listener of its own), so its play()
 * after a pause starts the track over; the legacy API resumed where it paused (Decisions B1, B5),
 * and the manager the H5 entry shares does (h5-players.ts). Each case runs on Taro's
 * manager as it is too, so the test shows the platform's behaviour it works around.
 */
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE, ensureExample } from '../e2e/helpers/example';
import { TMP, browserMissing, openTaroH5Page } from './harness';
import type { BackgroundAudioPage } from './page/background-audio';

const PAGE_DIR = path.join(TMP, 'h5-background-audio-page');
const TARO_H5_MANAGER = path.join(
  EXAMPLE,
  'node_modules/@tarojs/taro-h5/dist/api/media/background-audio/BackgroundAudioManager.js',
);

const missing = browserMissing();
if (missing) console.warn(`[h5 browser tests] SKIPPED (background audio): ${missing}`);
const describeBrowser = missing ? describe.skip : describe;

describeBrowser("the background-audio API on Taro H5's manager, in Chromium", () => {
  let opened: Awaited<ReturnType<typeof openTaroH5Page>>;
  let page: Page;

  beforeAll(async () => {
    await ensureExample();
    opened = await openTaroH5Page('background-audio', PAGE_DIR, {
      'taro-h5-background-audio-manager': TARO_H5_MANAGER,
    });
    page = opened.page;
  }, 1_200_000);

  afterAll(async () => {
    await opened?.close();
  });

  /**
   * Plays a track past 1.2 s, pauses, then resumes it with `resume`; where the track is just before the resume and 0.3
   * s after it moves again.
   */
  const resumeWith = (patched: boolean, resume: 'same dataUrl' | 'seek') =>
    page.evaluate(
      async ([patched, resume]) => {
        const p = (window as unknown as { page: BackgroundAudioPage }).page;
        const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
        // Played time, not the clock: on a busy machine the audio starts late.
        const until = async (ready: () => boolean) => {
          for (let waited = 0; !ready() && waited < 15_000; waited += 50) await sleep(50);
        };
        const [play, pause, seek, stop] = p.legacy(patched as boolean);
        const dataUrl = await p.track();
        await play({ dataUrl, title: 'tone' });
        await until(() => p.manager!.currentTime > 1.2);
        await pause();
        await sleep(200);
        const before = p.manager!.currentTime;
        if (resume === 'seek') await seek({ position: 8 });
        else await play({ dataUrl, title: 'tone' });
        await until(() => !p.manager!.paused && p.manager!.currentTime !== before);
        await sleep(300);
        const after = { currentTime: p.manager!.currentTime, paused: p.manager!.paused };
        await stop();
        return { before, after };
      },
      [patched, resume] as const,
    );

  it('the same dataUrl while paused resumes where it paused (Decision B1); Taro H5 alone starts it over', async () => {
    const kept = await resumeWith(true, 'same dataUrl');
    expect(kept.before).toBeGreaterThan(1);
    expect(kept.after.paused).toBe(false);
    expect(kept.after.currentTime).toBeGreaterThan(kept.before);
    expect(kept.after.currentTime).toBeLessThan(kept.before + 1.5);
    const taro = await resumeWith(false, 'same dataUrl');
    expect(taro.after.currentTime).toBeLessThan(1);
  });

  it('a seek while paused resumes at the position (Decision B5); Taro H5 alone starts it over', async () => {
    const kept = await resumeWith(true, 'seek');
    expect(kept.after.paused).toBe(false);
    expect(kept.after.currentTime).toBeGreaterThanOrEqual(8);
    expect(kept.after.currentTime).toBeLessThan(9.5);
    const taro = await resumeWith(false, 'seek');
    expect(taro.after.currentTime).toBeLessThan(1);
  });
});
