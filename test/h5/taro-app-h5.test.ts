/*
 * The last step of the H5 story: the example Taro app (examples/taro-app, legacy calls and
 * all), built for h5 by the real `taro build --type h5` with the plugin, records from the
 * browser's microphone and plays the memo back, in Chromium with a fake microphone.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureExample } from '../e2e/helpers/example';
import { POSTER_ROUTE, expectPoster, type Bitmap } from '../e2e/helpers/poster-page';
import { sharedBuild } from '../e2e/helpers/shared-build';
import { TMP, browserMissing, launch, serve, writeToneWav } from './harness';

const missing = browserMissing();
if (missing) console.warn(`[h5 browser tests] SKIPPED (example app on H5): ${missing}`);
const describeBrowser = missing ? describe.skip : describe;

for (const compiler of ['webpack5', 'vite'] as const) {
  describeBrowser(`the example Taro app built for H5 (${compiler}), in Chromium`, () => {
    let dist: string;
    let server: Awaited<ReturnType<typeof serve>>;
    let browser: Awaited<ReturnType<typeof launch>>;
    let page: Page;
    const requests: string[] = [];
    /** The mp3 encoder's chunk, as the build named it. */
    let encoderChunk = '';

    beforeAll(() => ensureExample(), 1_200_000);

    beforeAll(async () => {
      // The webpack5 one is taro-app.test.ts's h5 build too: one of the two files makes it (shared-build.ts).
      const b = await sharedBuild({
        platform: 'h5',
        compiler,
        out: `dist/e2e/h5-browser-${compiler}`,
        minified: false,
      });
      console.log(
        `[h5] taro build h5 (${compiler}): ${(b.ms / 1000).toFixed(1)} s, exit ${b.code}${b.builtFor ? ` (built for ${b.builtFor})` : ''}`,
      );
      if (b.code !== 0) throw new Error(`taro build --type h5 failed:\n${b.output.slice(-6000)}`);
      dist = b.dist;
      server = await serve(dist);
      browser = await launch({ microphone: writeToneWav(path.join(TMP, 'h5-tone.wav')), grant: true });
      page = await browser.context.newPage();
      page.on('request', (r) => requests.push(new URL(r.url()).pathname));
      // Watches every <audio>/<video> the page plays (Taro H5's InnerAudioContext makes detached
      // ones), so the test sees what really played: which source, how far, whether it ended.
      await page.addInitScript(() => {
        const played: { src: string; ended: boolean; ms: number }[] = [];
        (window as unknown as { played: typeof played }).played = played;
        const play = HTMLMediaElement.prototype.play;
        HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
          const entry = { src: this.src, ended: false, ms: 0 };
          const t0 = performance.now();
          played.push(entry);
          this.addEventListener('ended', () => ((entry.ended = true), (entry.ms = performance.now() - t0)));
          return play.call(this);
        };
      });
    }, 900_000);

    afterAll(async () => {
      await browser?.close();
      await server?.close();
    });

    const js = () =>
      fs
        .readdirSync(dist, { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.js'))
        .map((f) => ({ f: f.replace(/\\/g, '/'), text: fs.readFileSync(path.join(dist, f), 'utf8') }));

    it('the build carries the H5 recorder, and the mp3 encoder in a file of its own', () => {
      const files = js();
      const recorder = files.filter((x) => x.text.includes('getUserMedia')).map((x) => x.f);
      // webpack5: the plugin's shared runtime chunk; vite: Taro puts node_modules into vendors.
      expect(recorder).toEqual([
        compiler === 'webpack5' ? 'chunk/record-compat.js' : expect.stringMatching(/^js\/vendors\.\w+\.js$/),
      ]);
      const lame = files.filter((x) => x.text.includes('lame_encode_buffer'));
      expect(lame).toHaveLength(1);
      expect(recorder).not.toContain(lame[0]!.f);
      encoderChunk = `/${lame[0]!.f}`;
    });

    const text = (id: string) => page.locator(`#${id}`).innerText();

    it('memo page: `await Taro.startRecord({})` records a 5 s mp3 with the configured options, and `Taro.playVoice` plays it back', async () => {
      await page.goto(`${server.url}#/pages/memo/index`);
      await page.locator('#memo').waitFor();
      expect(encoderChunk).toMatch(/\.js$/); // found by the first test
      expect(requests.some((r) => r.endsWith('.js'))).toBe(true);
      expect(requests).not.toContain(encoderChunk); // not fetched until an mp3 recording starts
      // When the encoder has arrived, measured from the tap: the recording cannot start before it.
      const tappedAt = Date.now();
      const encoderArrived = page
        .waitForEvent('requestfinished', (r) => new URL(r.url()).pathname === encoderChunk)
        .then(() => Date.now());
      await page.locator('#memo').click();
      await page.waitForFunction(() => /^blob:/.test(document.querySelector('#file')?.textContent ?? ''), undefined, {
        timeout: 15_000,
      });
      expect(await text('error')).toBe('');
      expect(requests.filter((r) => r === encoderChunk)).toHaveLength(1);
      const file = await text('file');

      // The file, read back in the page: mp3 at the plugin's sampleRate 16000, mono, about 5 s.
      const got = await page.evaluate(async (url) => {
        const bytes = new Uint8Array(await (await fetch(url)).arrayBuffer());
        const audio = await new OfflineAudioContext(1, 1, 48000).decodeAudioData(bytes.buffer.slice(0));
        let sq = 0;
        const x = audio.getChannelData(0);
        for (let i = 0; i < x.length; i++) sq += x[i]! * x[i]!;
        return {
          sync: bytes[0] === 0xff && (bytes[1]! & 0xe0) === 0xe0,
          version: (bytes[1]! >> 3) & 3, // 2: MPEG-2 (16 kHz)
          rateIndex: (bytes[2]! >> 2) & 3, // 2 in MPEG-2: 16000
          mono: bytes[3]! >> 6 === 3,
          seconds: audio.duration,
          rms: Math.sqrt(sq / x.length),
        };
      }, file);
      expect(got).toMatchObject({ sync: true, version: 2, rateIndex: 2, mono: true });
      // The page's 5 s timer starts at the tap; the recording starts once the encoder chunk has
      // loaded and the microphone is open (a few hundred ms on a quiet machine, more on a busy one),
      // so the file holds the 5 s less that start, less at most 0.8 s for opening the microphone.
      const startSeconds = ((await encoderArrived) - tappedAt) / 1000;
      expect(got.seconds).toBeGreaterThan(5 - startSeconds - 0.8);
      expect(got.seconds).toBeLessThan(5.2);
      expect(got.rms).toBeGreaterThan(0.1);

      // Played back by the page's legacy `await Taro.playVoice({ filePath })`, rewritten to the
      // runtime's playVoice (Taro H5's own is a stub that "succeeds" at once in production builds):
      // the memo really plays, to its end, before the call resolves. (Needs the rewrite of playVoice:
      // without it the page calls Taro H5's stub and this fails.)
      const t0 = Date.now();
      await page.locator('#listen').click();
      await page.waitForFunction(() => document.querySelector('#listened')?.textContent === 'listened', undefined, {
        timeout: 15_000,
      });
      expect(await text('error')).toBe('');
      expect(Date.now() - t0).toBeGreaterThan(got.seconds * 1000 - 500);
      const played = await page.evaluate(
        () => (window as unknown as { played: { src: string; ended: boolean; ms: number }[] }).played,
      );
      expect(played).toEqual([{ src: file, ended: true, ms: expect.any(Number) }]);
      // Played from play() to 'ended' for about the memo's length.
      expect(Math.abs(played[0]!.ms - got.seconds * 1000)).toBeLessThan(1000);
      await page.screenshot({ path: path.join(TMP, `h5-taro-app-${compiler}.png`), fullPage: true });
    }, 60_000);

    it('classic page: `wx.startRecord` callbacks and `wx.stopRecord` work on H5 too', async () => {
      await page.goto(`${server.url}#/pages/classic/index`);
      await page.locator('#start').click();
      await page.waitForFunction(() => document.querySelector('#state')?.textContent === 'recording');
      await page.waitForTimeout(1500);
      await page.locator('#stop').click();
      await page.waitForFunction(() => /^blob:/.test(document.querySelector('#path')?.textContent ?? ''), undefined, {
        timeout: 10_000,
      });
      expect(await text('state')).toBe('idle');
      expect(await text('error')).toBe('');
    }, 30_000);

    it("poster page: the legacy canvas code, its <Canvas> given the runtime's canvas type (none on H5), draws its poster through Taro H5's own canvas", async () => {
      await page.goto(`${server.url}#/${POSTER_ROUTE}`);
      await page.locator('#draw').click();
      await page.waitForFunction(() => document.querySelector('#status')?.textContent === 'drawn', undefined, {
        timeout: 10_000,
      });
      const drawn = await page.evaluate(() => {
        const host = document.querySelector('#poster')!;
        const canvas = host.querySelector('canvas')!;
        const image = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
        return {
          type: host.getAttribute('type'),
          canvasId: canvas.getAttribute('canvas-id'),
          scale: canvas.width / canvas.clientWidth,
          bitmap: { width: image.width, height: image.height, data: Array.from(image.data) },
        };
      });
      // The H5 runtime leaves the canvas Taro H5's own: its type is none.
      expect(drawn).toMatchObject({ type: null, canvasId: 'poster' });
      expectPoster(drawn.bitmap as Bitmap, drawn.scale);
    }, 30_000);

    it("index page (known limit): Taro H5's getSetting stub answers without authSetting, so the page's own check throws before startRecord", async () => {
      // The runtime needs no getSetting on H5 (the browser asks). This page checks scope.record
      // itself (app code the migration leaves alone); in a production build Taro H5's stub calls
      // success({ errMsg }) with no authSetting, and `res.authSetting['scope.record']` throws.
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(`${server.url}#/pages/index/index`);
      await page.locator('#record').click();
      await page.waitForTimeout(2000);
      expect(errors.join('\n')).toMatch(/reading 'scope\.record'/);
      expect(await text('status')).toBe('idle');
      expect(await text('file')).toBe('');
    }, 30_000);
  });
}
