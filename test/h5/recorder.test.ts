/*
 * The H5 recorder and the legacy API on it, in a real browser: Debian's Chromium with a fake
 * microphone playing a known tone (left 440 Hz, right 660 Hz), on a localhost page. Every
 * recording is read back in the page and checked: container, sample rate, channels, length,
 * loudness and pitch per channel.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TMP, TONE, browserMissing, bundlePage, launch, serve, writeToneWav } from './harness';
import type { Analysis } from './page/analyze';
import type { PageApi, RecordOutcome } from './page/main';
import type { H5RecorderStartOptions } from '../../src/runtime/h5-recorder';

const missing = browserMissing();
// Never silent: the run says why these tests did not run.
if (missing) console.warn(`[h5 browser tests] SKIPPED: ${missing}`);

const PAGE_DIR = path.join(TMP, 'h5-page');
const SCREENSHOT = path.join(TMP, 'h5-recorder.png');
type Kind = 'wav' | 'pcm' | 'mp3' | 'compressed';

/** |actual − expected| within `share` of expected. */
/**
 * The types a fetch of the recording's blob: URL may answer for a Blob of `type`: the type itself,
 * or (Chromium 150 on) its essence without parameters (`audio/webm` for `audio/webm;codecs=opus`).
 */
function servedType(type: string): string[] {
  return [type, type.split(';')[0]!];
}

function near(actual: number, expected: number, share: number) {
  expect(Math.abs(actual - expected) / expected, `${actual} vs ${expected}`).toBeLessThanOrEqual(share);
}

/** The fake microphone's tone: each channel its own pitch; a mono recording is the browser's downmix of both. */
function expectTone(a: Analysis, channels: number) {
  expect(a.channels).toBe(channels);
  expect(a.stats).toHaveLength(channels);
  for (const s of a.stats) {
    // Non-silent, and about as loud as the tone (rms of a 0.5 sine is 0.35; the downmix of two is 0.25).
    expect(s.rms).toBeGreaterThan(0.15);
    expect(s.rms).toBeLessThan(0.5);
  }
  if (channels === 2) {
    // Left is left: the interleaving and the resampling keep each channel and its pitch.
    near(a.stats[0]!.hz, TONE.hz[0]!, 0.02);
    near(a.stats[1]!.hz, TONE.hz[1]!, 0.02);
  } else {
    // sin(440) + sin(660) = 2 sin(550) cos(110): a 550 Hz carrier whose envelope flips its
    // sign 220 times a second, 660 upward zero crossings a second in all.
    near(a.stats[0]!.hz, 660, 0.02);
  }
}

const describeBrowser = missing ? describe.skip : describe;

describeBrowser('the H5 recorder in Chromium', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  let outputs: string[];
  const requests: string[] = [];

  beforeAll(async () => {
    outputs = await bundlePage(PAGE_DIR);
    const tone = writeToneWav(path.join(TMP, 'h5-tone.wav'));
    server = await serve(PAGE_DIR);
    browser = await launch({ microphone: tone, grant: true });
    page = await browser.context.newPage();
    page.on('request', (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(server.url);
    await page.waitForFunction(() => 'h5' in window);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  /** Records in the page with a fresh manager and reads the file back there. */
  function record(
    options: H5RecorderStartOptions,
    stopAfterMs: number | null,
    kind: Kind | null,
    pause?: { at: number; ms: number },
    busyMs = 0,
  ) {
    return page.evaluate(
      async ([o, ms, k, p, busy]) => {
        const h5 = (window as unknown as { h5: PageApi }).h5;
        const out = await h5.record(o, ms ?? undefined, p ?? undefined, busy);
        const pcm = { sampleRate: o.sampleRate ?? 8000, channels: o.numberOfChannels ?? 2 };
        const a = out.stop && k ? await h5.analyze(out.stop.tempFilePath, k, pcm) : undefined;
        if (out.stop)
          h5.show(`${o.format ?? 'default'}: ${out.stop.mimeType}, ${out.stop.duration} ms, ${out.stop.fileSize} B`);
        return { out, a };
      },
      [options, stopAfterMs, kind, pause ?? null, busyMs] as const,
    ) as Promise<{ out: RecordOutcome; a?: Analysis }>;
  }

  /**
   * How long the page recorded: from onStart to its stop() call, less the time between its pause() and resume() calls;
   * `limit` when it did not stop (the duration limit did). The page's timers ask for round figures, but on a busy
   * machine they fire late, and the file holds what was recorded until the call.
   */
  function recordedMs(out: RecordOutcome, limit: number): number {
    const at = (name: string) => out.calls.find((c) => c.name === name)?.at;
    const stop = at('stop');
    if (stop === undefined) return limit;
    const start = out.events.find((e) => e.name === 'start')!.at;
    const paused = at('pause') === undefined ? 0 : at('resume')! - at('pause')!;
    return stop - start - paused;
  }

  function expectStopped(out: RecordOutcome, ms: number) {
    expect(out.error).toBeUndefined();
    expect(out.events.map((e) => e.name)).toEqual(['start', 'stop']);
    expect(out.stop!.tempFilePath).toMatch(/^blob:http:\/\/127\.0\.0\.1:\d+\//);
    near(out.stop!.duration, recordedMs(out, ms), 0.05);
  }

  it('the mp3 encoder is a chunk of its own that the page does not load up front', () => {
    const main = fs.readFileSync(path.join(PAGE_DIR, 'main.js'), 'utf8');
    const statics = [...main.matchAll(/^import\s[^;]*?from\s*"\.\/([\w.-]+)"/gm)].map((m) => m[1]!);
    const lame = outputs.filter(
      (f) => f.endsWith('.js') && fs.readFileSync(path.join(PAGE_DIR, f), 'utf8').includes('lame_encode_buffer'),
    );
    expect(lame).toHaveLength(1);
    expect(['main.js', ...statics]).not.toContain(lame[0]);
    expect(main).toContain(`import("./${lame[0]}")`);
    expect(requests.some((r) => r.includes('lamejs'))).toBe(false);
  });

  it('wav, 16 kHz stereo: a valid 44-byte header, 2 s of the tone with each channel in its place', async () => {
    const { out, a } = await record({ format: 'wav', sampleRate: 16000, numberOfChannels: 2 }, 2000, 'wav');
    expectStopped(out, 2000);
    expect(out.stop!.mimeType).toBe('audio/wav');
    expect(out.warnings).toEqual([]);
    const w = a!.wav!;
    expect(w).toMatchObject({
      riff: 'RIFF',
      wave: 'WAVE',
      fmt: 'fmt ',
      audioFormat: 1,
      bits: 16,
      blockAlign: 4,
      byteRate: 64000,
      data: 'data',
    });
    expect(w.dataSize).toBe(a!.bytes - 44);
    expect(w.riffSize).toBe(a!.bytes - 8);
    expect(a!.bytes).toBe(out.stop!.fileSize);
    expect(a!.sampleRate).toBe(16000);
    near(a!.durationMs, out.stop!.duration, 0.01);
    near(a!.durationMs, recordedMs(out, 2000), 0.05);
    expectTone(a!, 2);
  }, 20_000);

  it('wav at the platform defaults (8 kHz, 2 channels)', async () => {
    const { out, a } = await record({ format: 'wav' }, 2000, 'wav');
    expectStopped(out, 2000);
    expect(a!.sampleRate).toBe(8000);
    near(a!.durationMs, recordedMs(out, 2000), 0.05);
    expectTone(a!, 2);
  }, 20_000);

  it('PCM, 44.1 kHz stereo: raw Int16LE, interleaved, no header', async () => {
    const { out, a } = await record(
      { format: 'PCM', sampleRate: 44100, numberOfChannels: 2, encodeBitRate: 128000 },
      2000,
      'pcm',
    );
    expectStopped(out, 2000);
    expect(out.stop!.mimeType).toBe('audio/pcm;rate=44100;channels=2');
    // Frames of 4 bytes, and no RIFF header in front.
    expect(a!.bytes % 4).toBe(0);
    near(a!.bytes / 4 / 44.1, out.stop!.duration, 0.01);
    near(a!.durationMs, recordedMs(out, 2000), 0.05);
    expectTone(a!, 2);
  }, 20_000);

  it("pcm (Baidu's spelling), 48 kHz mono: the same raw PCM, the microphone downmixed", async () => {
    const { out, a } = await record({ format: 'pcm', sampleRate: 48000, numberOfChannels: 1 }, 2000, 'pcm');
    expectStopped(out, 2000);
    expect(out.stop!.mimeType).toBe('audio/pcm;rate=48000;channels=1');
    near(a!.durationMs, recordedMs(out, 2000), 0.05);
    expectTone(a!, 1);
  }, 20_000);

  // How much longer than the input the encoded file decodes: LAME puts 1105 samples of delay in
  // front, and its flush ends at least 1154 samples past the input, then pads to a whole frame
  // (the lamejs the runtime ships, encoding 30,000–34,000 samples: 1154–1727 more at 576 samples a
  // frame, 1154–2303 at 1152). Plus half a millisecond: the reported duration is rounded.
  const mp3Slack = (a: Analysis, perFrame: number) => ((1154 + perFrame) / a.sampleRate) * 1000 + 0.5;

  it('mp3, 16 kHz mono 48 kbit/s: MPEG-2 Layer III frames from the first byte, decodable, the tone', async () => {
    const { out, a } = await record(
      { format: 'mp3', sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 },
      2000,
      'mp3',
    );
    expectStopped(out, 2000);
    expect(out.stop!.mimeType).toBe('audio/mpeg');
    expect(a!.mp3).toMatchObject({
      firstFrameAt: 0,
      version: '2',
      layer: 3,
      channelMode: 3,
      bitrateKbps: 48,
      sampleRate: 16000,
    });
    expect(a!.mp3!.frames).toBeGreaterThan(50);
    expect(a!.durationMs).toBeGreaterThanOrEqual(out.stop!.duration);
    expect(a!.durationMs).toBeLessThanOrEqual(out.stop!.duration + mp3Slack(a!, 576));
    expectTone(a!, 1);
    // The encoder was fetched for this recording, once.
    expect(requests.filter((r) => r.includes('lamejs'))).toHaveLength(1);
  }, 20_000);

  it('mp3, 44.1 kHz stereo 128 kbit/s: MPEG-1, stereo, each channel its own pitch', async () => {
    const { out, a } = await record(
      { format: 'mp3', sampleRate: 44100, numberOfChannels: 2, encodeBitRate: 128000 },
      2000,
      'mp3',
    );
    expectStopped(out, 2000);
    expect(a!.mp3).toMatchObject({
      firstFrameAt: 0,
      version: '1',
      layer: 3,
      channelMode: 0,
      bitrateKbps: 128,
      sampleRate: 44100,
    });
    expect(a!.durationMs).toBeGreaterThanOrEqual(out.stop!.duration);
    expect(a!.durationMs).toBeLessThanOrEqual(out.stop!.duration + mp3Slack(a!, 1152));
    expectTone(a!, 2);
    expect(requests.filter((r) => r.includes('lamejs'))).toHaveLength(1);
  }, 20_000);

  it('aac: AAC where the browser encodes it, else its own compressed type, said in mimeType and warned once', async () => {
    const aacHere = await page.evaluate(() => MediaRecorder.isTypeSupported('audio/mp4;codecs=mp4a.40.2'));
    const first = await record(
      { format: 'aac', numberOfChannels: 2, sampleRate: 48000, encodeBitRate: 128000 },
      2000,
      'compressed',
    );
    const second = await record({}, 2000, 'compressed'); // the default format is aac too
    for (const { out, a } of [first, second]) {
      expectStopped(out, 2000);
      near(a!.durationMs, recordedMs(out, 2000), 0.05);
      expectTone(a!, 2);
      expect(servedType(out.stop!.mimeType)).toContain(a!.type);
    }
    if (aacHere) {
      expect(first.out.stop!.mimeType).toMatch(/mp4a|aac/);
      expect(first.out.warnings).toEqual([]);
    } else {
      // Chromium on Linux has no AAC encoder.
      expect(first.out.stop!.mimeType).toBe('audio/webm;codecs=opus');
      expect(first.out.warnings).toEqual([
        '[record-compat] this browser cannot record "aac"; recording audio/webm;codecs=opus instead (onStop reports it as mimeType)',
      ]);
    }
    expect(second.out.warnings).toEqual([]);
  }, 20_000);

  it('a browser without MediaRecorder.isTypeSupported (early Safari 14) records its default type and reports it', async () => {
    await page.evaluate(() => {
      (window as unknown as { savedIsTypeSupported: unknown }).savedIsTypeSupported = MediaRecorder.isTypeSupported;
      delete (MediaRecorder as unknown as { isTypeSupported?: unknown }).isTypeSupported;
    });
    try {
      const { out, a } = await record({ format: 'aac' }, 2000, 'compressed');
      expectStopped(out, 2000);
      expect(out.stop!.mimeType).toMatch(/^audio\/webm/);
      expect(servedType(out.stop!.mimeType)).toContain(a!.type);
      near(a!.durationMs, recordedMs(out, 2000), 0.05);
    } finally {
      await page.evaluate(() => {
        MediaRecorder.isTypeSupported = (
          window as unknown as { savedIsTypeSupported: typeof MediaRecorder.isTypeSupported }
        ).savedIsTypeSupported;
      });
    }
  }, 20_000);

  it('without AudioWorklet (old browsers, a CSP that refuses blob: modules) the ScriptProcessor capture records the same', async () => {
    await page.evaluate(() => {
      const w = window as unknown as { AudioWorkletNode?: unknown; savedWorkletNode?: unknown };
      w.savedWorkletNode = w.AudioWorkletNode;
      delete w.AudioWorkletNode;
    });
    try {
      const { out, a } = await record({ format: 'wav', sampleRate: 16000, numberOfChannels: 2 }, 2000, 'wav');
      expectStopped(out, 2000);
      near(a!.durationMs, recordedMs(out, 2000), 0.05);
      expectTone(a!, 2);
    } finally {
      await page.evaluate(() => {
        const w = window as unknown as { AudioWorkletNode?: unknown; savedWorkletNode?: unknown };
        w.AudioWorkletNode = w.savedWorkletNode;
      });
    }
  }, 20_000);

  it('an AudioContext the browser keeps suspended (iOS outside a user tap) fails the start instead of recording silence', async () => {
    // Chromium lets this page run audio without a gesture, iOS Safari does not: emulated by a
    // context that starts suspended and whose resume() the "browser" never honours.
    const out = await page.evaluate(async () => {
      const h5 = (window as unknown as { h5: PageApi }).h5;
      const Real = AudioContext;
      class Suspended extends Real {
        constructor() {
          super();
          void super.suspend();
        }
        resume() {
          return new Promise<void>(() => {});
        }
      }
      (window as unknown as { AudioContext: unknown }).AudioContext = Suspended;
      try {
        return await h5.record({ format: 'wav' }, 500);
      } finally {
        (window as unknown as { AudioContext: unknown }).AudioContext = Real;
      }
    });
    expect(out.error).toBe(
      'operateRecorder:fail audio capture is suspended by the browser: start recording from a user tap',
    );
    expect(out.events.map((e) => e.name)).toEqual(['error']);
  }, 20_000);

  it('pause and resume: the pause is not recorded, and the duration leaves it out', async () => {
    for (const format of ['wav', 'aac']) {
      const { out, a } = await record(
        { format, sampleRate: 16000, numberOfChannels: 2, encodeBitRate: 64000 },
        2000,
        format === 'wav' ? 'wav' : 'compressed',
        { at: 500, ms: 1000 },
      );
      expect(out.error).toBeUndefined();
      expect(out.events.map((e) => e.name)).toEqual(['start', 'pause', 'resume', 'stop']);
      near(out.stop!.duration, recordedMs(out, 2000), 0.05);
      near(a!.durationMs, recordedMs(out, 2000), 0.05);
    }
  }, 30_000);

  it('a busy page loses nothing: what was captured while the page was blocked before a pause or the stop is kept', async () => {
    // The page is blocked for 400 ms before the pause and before the stop: those chunks wait as
    // messages and arrive after the pause or stop was asked. Dropping them would leave 1,200 ms.
    const { out, a } = await record(
      { format: 'wav', sampleRate: 16000, numberOfChannels: 2 },
      2000,
      'wav',
      { at: 600, ms: 1000 },
      400,
    );
    expect(out.error).toBeUndefined();
    expect(out.events.map((e) => e.name)).toEqual(['start', 'pause', 'resume', 'stop']);
    near(out.stop!.duration, recordedMs(out, 2000), 0.05);
    near(a!.durationMs, recordedMs(out, 2000), 0.05);
    expectTone(a!, 2);
  }, 30_000);

  it('the duration limit stops a recording by itself, at the limit', async () => {
    for (const format of ['wav', 'mp3', 'aac']) {
      const { out, a } = await record(
        { format, duration: 1000, sampleRate: 16000, numberOfChannels: 1, encodeBitRate: 48000 },
        null,
        format === 'wav' ? 'wav' : format === 'mp3' ? 'mp3' : 'compressed',
      );
      expectStopped(out, 1000);
      const [start, stop] = out.events;
      near(stop!.at - start!.at, 1000, 0.2);
      if (format === 'wav') expect(out.stop!.duration).toBe(1000); // counted in samples: exactly the limit
      expect(a!.durationMs).toBeGreaterThanOrEqual(950);
    }
  }, 30_000);

  it('misuse is reported as WeChat reports it, through onError', async () => {
    const errors = await page.evaluate(async () => {
      const h5 = (window as unknown as { h5: PageApi }).h5;
      const m = h5.createH5RecorderManager(); // not the page's one: the runtime core listens on that
      const seen: string[] = [];
      m.onError((e) => seen.push(e.errMsg));
      m.stop(); // nothing recording
      m.pause();
      await new Promise<void>((r) => {
        m.onStart(() => {
          m.start({ format: 'wav' }); // a second start while recording
          m.stop();
          m.stop(); // while it stops: nothing to say, as on WeChat
        });
        m.onStop(() => r());
        m.start({ format: 'wav' });
      });
      return seen;
    });
    expect(errors).toEqual([
      'operateRecorder:fail recorder not start',
      'operateRecorder:fail recorder not recording',
      "operateRecorder:fail audio is recording, don't start record again",
    ]);
  }, 20_000);

  describe('the legacy API through the runtime core (the H5 entry)', () => {
    it('startRecord / stopRecord with callbacks: the wav file, the same tempFilePath on both, and it plays back', async () => {
      const r = await page.evaluate(async () => {
        const { entry, analyze, play, show } = (window as unknown as { h5: PageApi }).h5;
        const problem = entry.configureRecordCompat({
          format: 'wav',
          sampleRate: 16000,
          numberOfChannels: 1,
          encodeBitRate: 48000,
        });
        const order: string[] = [];
        const started = new Promise<any>((resolve) =>
          entry.startRecord({
            success: (res) => (order.push('start:success'), resolve(res)),
            fail: (res) => (order.push('start:fail'), resolve(res)),
          }),
        );
        await new Promise((r) => setTimeout(r, 1500));
        const stopped = new Promise<any>((resolve) =>
          entry.stopRecord({ success: (res) => (order.push('stop:success'), resolve(res)) }),
        );
        const [start, stop] = await Promise.all([started, stopped]);
        const a = await analyze(start.tempFilePath, 'wav');
        const played = await play(start.tempFilePath);
        show(`startRecord: ${start.errMsg} ${start.tempFilePath} ${start.duration} ms`);
        return { problem, order, start, stop, a, played };
      });
      expect(r.problem).toBeUndefined();
      expect(r.order).toEqual(['start:success', 'stop:success']);
      expect(r.start).toMatchObject({ errMsg: 'startRecord:ok', mimeType: 'audio/wav' });
      expect(r.start.tempFilePath).toMatch(/^blob:/);
      expect(r.stop).toEqual({ errMsg: 'stopRecord:ok', tempFilePath: r.start.tempFilePath });
      expect(r.start.fileSize).toBe(r.a.bytes);
      // Started on getUserMedia's answer, so about the 1.5 s the page waited, a little less.
      expect(r.start.duration).toBeGreaterThan(1000);
      expect(r.start.duration).toBeLessThanOrEqual(1550);
      expect(r.a.sampleRate).toBe(16000);
      expectTone(r.a, 1);
      expect(r.played).toMatchObject({ ended: true });
      near(r.played.duration * 1000, r.start.duration, 0.02);
    }, 20_000);

    it('a Promise-style startRecord ends by itself at durationMs (mp3, as configured)', async () => {
      const r = await page.evaluate(async () => {
        const { entry, analyze } = (window as unknown as { h5: PageApi }).h5;
        entry.configureRecordCompat({
          durationMs: 1500,
          format: 'mp3',
          sampleRate: 16000,
          numberOfChannels: 1,
          encodeBitRate: 48000,
        });
        const t0 = performance.now();
        let res;
        try {
          res = await entry.startRecord();
        } catch (rejected) {
          // Returned, not thrown: page.evaluate would say only "Object".
          return { rejected };
        }
        const ms = performance.now() - t0;
        return { res, ms, a: await analyze(res.tempFilePath, 'mp3') };
      });
      if ('rejected' in r) throw new Error(`startRecord rejected: ${JSON.stringify(r.rejected)}`);
      expect(r.res.errMsg).toBe('startRecord:ok');
      expect((r.res as { mimeType?: string }).mimeType).toBe('audio/mpeg');
      near(r.res.duration!, 1500, 0.05);
      expect(r.ms).toBeGreaterThanOrEqual(1500);
      expect(r.a.mp3).toMatchObject({ firstFrameAt: 0, sampleRate: 16000, channelMode: 3 });
      expectTone(r.a, 1);
    }, 20_000);

    it("the app's own getRecorderManager() records on the same browser recorder, and legacy calls still work beside it", async () => {
      const r = await page.evaluate(async () => {
        const { entry } = (window as unknown as { h5: PageApi }).h5;
        entry.configureRecordCompat({
          durationMs: 60000,
          format: 'wav',
          sampleRate: 16000,
          numberOfChannels: 1,
          encodeBitRate: 48000,
        });
        const m = entry.getRecorderManager();
        const own = await new Promise<{ tempFilePath: string; duration: number }>((resolve) => {
          m.onStart(() => setTimeout(() => m.stop(), 800));
          m.onStop((res) => resolve(res));
          m.start({ format: 'wav', sampleRate: 16000, numberOfChannels: 1 });
        });
        const legacy = entry.startRecord();
        await new Promise((r) => setTimeout(r, 800));
        entry.stopRecord();
        const res = await legacy;
        return { own, legacy: res };
      });
      expect(r.own.tempFilePath).toMatch(/^blob:/);
      near(r.own.duration, 800, 0.1);
      expect(r.legacy.errMsg).toBe('startRecord:ok');
      expect(r.legacy.tempFilePath).not.toBe(r.own.tempFilePath);
    }, 20_000);

    it('a second startRecord while one runs fails, and stopRecord with nothing recording succeeds', async () => {
      const r = await page.evaluate(async () => {
        const { entry } = (window as unknown as { h5: PageApi }).h5;
        entry.configureRecordCompat({ durationMs: 60000, format: 'wav' });
        const idleStop = await entry.stopRecord();
        const first = entry.startRecord();
        const second = await entry.startRecord().then(
          () => 'resolved',
          (e: { errMsg: string }) => e.errMsg,
        );
        await new Promise((r) => setTimeout(r, 500));
        await entry.stopRecord();
        return { idleStop, second, first: (await first).errMsg };
      });
      expect(r.idleStop).toEqual({ errMsg: 'stopRecord:ok' });
      expect(r.second).toBe('startRecord:fail audio is recording');
      expect(r.first).toBe('startRecord:ok');
    }, 20_000);
  });

  it('keeps a screenshot of the page as a test artifact', async () => {
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(fs.statSync(SCREENSHOT).size).toBeGreaterThan(1000);
  });
});

describeBrowser('H5 recorder failures in Chromium', () => {
  let server: Awaited<ReturnType<typeof serve>>;
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;

  beforeAll(async () => {
    if (!fs.existsSync(path.join(PAGE_DIR, 'main.js'))) await bundlePage(PAGE_DIR);
    server = await serve(PAGE_DIR);
    // No --use-fake-ui-for-media-stream: nobody accepts the prompt, headless Chromium refuses.
    // insecure.test is this machine too, but not a secure origin (plain http, not localhost).
    browser = await launch({ grant: false, args: ['--host-resolver-rules=MAP insecure.test 127.0.0.1'] });
    page = await browser.context.newPage();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const startRecordResult = () =>
    page.evaluate(async () => {
      const { entry } = (window as unknown as { h5: PageApi }).h5;
      return new Promise<unknown>((resolve) => entry.startRecord({ success: resolve, fail: resolve }));
    });

  it('a refused microphone is `startRecord:fail auth deny`, as on the mini-program platforms', async () => {
    await page.goto(server.url);
    await page.waitForFunction(() => 'h5' in window);
    expect(await startRecordResult()).toEqual({ errMsg: 'startRecord:fail auth deny' });
    const direct = await page.evaluate(() => (window as unknown as { h5: PageApi }).h5.record({ format: 'wav' }, 500));
    expect(direct.error).toBe('operateRecorder:fail auth deny');
    expect(direct.events.map((e) => e.name)).toEqual(['error']);
  }, 20_000);

  it('a machine without a microphone (no fake device) fails with `no microphone found`', async () => {
    const bare = await launch({ grant: true, fakeDevice: false });
    try {
      const p = await bare.context.newPage();
      await p.goto(server.url);
      await p.waitForFunction(() => 'h5' in window);
      const res = await p.evaluate(async () => {
        const { entry } = (window as unknown as { h5: PageApi }).h5;
        return new Promise<unknown>((resolve) => entry.startRecord({ success: resolve, fail: resolve }));
      });
      expect(res).toEqual({ errMsg: 'startRecord:fail no microphone found (NotFoundError)' });
    } finally {
      await bare.close();
    }
  }, 30_000);

  it('an insecure page (plain http, not localhost) fails with a reason that says so', async () => {
    await page.goto(`http://insecure.test:${server.port}/`);
    await page.waitForFunction(() => 'h5' in window);
    expect(await page.evaluate(() => isSecureContext)).toBe(false);
    expect(await startRecordResult()).toEqual({
      errMsg:
        'startRecord:fail recording needs a secure page (https or localhost): navigator.mediaDevices is missing here',
    });
  }, 20_000);
});
