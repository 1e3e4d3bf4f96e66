/*
 * The H5 recorder's `duration` limit, fed by the app's own `start({ duration })` (the legacy
 * calls always pass a valid one): a value that is not a positive number is WeChat's default
 * minute, never a timer of 1 ms that stops the recording at once. On the least of a browser
 * the MediaRecorder route needs; the recorder in a real browser is test/h5's.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tick } from './helpers';

/** A MediaRecorder that starts and stops a moment after it is asked, as browsers do. */
class FakeMediaRecorder {
  static isTypeSupported = (type: string) => type.startsWith('audio/mp4');
  state = 'inactive';
  mimeType = 'audio/mp4';
  onstart?: () => void;
  onstop?: () => void;
  ondataavailable?: (e: { data: Blob }) => void;
  start() {
    this.state = 'recording';
    setTimeout(() => this.onstart!(), 5);
  }
  stop() {
    this.state = 'inactive';
    this.ondataavailable!({ data: new Blob(['sound']) });
    setTimeout(() => this.onstop!(), 5);
  }
}

const g = globalThis as Record<string, unknown>;

beforeEach(() => {
  vi.useFakeTimers();
  // The recorder reads the browser's globals when it loads.
  vi.resetModules();
  g.window = {
    MediaRecorder: FakeMediaRecorder,
    navigator: { mediaDevices: { getUserMedia: () => Promise.resolve({ getTracks: () => [] }) } },
  };
});
afterEach(() => {
  vi.useRealTimers();
  delete g.window;
});

describe("the H5 recorder's duration limit", () => {
  it.each([-1, 0, '1 minute', Number.NaN, undefined])(
    'start({ duration: %s }) records for the default minute',
    async (duration) => {
      const { createH5RecorderManager } = await import('../../src/runtime/h5-recorder');
      const recorder = createH5RecorderManager();
      const events: string[] = [];
      recorder.onStart(() => events.push('start'));
      recorder.onStop(() => events.push('stop'));
      recorder.onError((e) => events.push(`error ${e.errMsg}`));
      recorder.start({ duration } as never);
      await tick(1_000);
      expect(events).toEqual(['start']);
      await tick(58_900);
      expect(events).toEqual(['start']);
      await tick(200);
      expect(events).toEqual(['start', 'stop']);
    },
  );

  it('a stop() while it stops at the limit changes nothing: no error, one onStop (the legacy core stops at its own timer too)', async () => {
    const { createH5RecorderManager } = await import('../../src/runtime/h5-recorder');
    const recorder = createH5RecorderManager();
    const events: string[] = [];
    recorder.onStop(() => events.push('stop'));
    recorder.onError((e) => events.push(`error ${e.errMsg}`));
    recorder.start({ duration: 2_000 });
    // The limit stopped the MediaRecorder at 2,005 ms; its onstop comes at 2,010.
    await tick(2_007);
    expect(events).toEqual([]);
    recorder.stop();
    await tick(100);
    expect(events).toEqual(['stop']);
  });

  it('a positive duration is the limit, at most ten minutes', async () => {
    const { createH5RecorderManager } = await import('../../src/runtime/h5-recorder');
    const recorder = createH5RecorderManager();
    const stops: number[] = [];
    recorder.onStop(() => stops.push(Date.now()));
    const t0 = Date.now();
    recorder.start({ duration: 2_000 });
    await tick(2_100);
    expect(stops.map((t) => t - t0)).toEqual([2_010]);
    recorder.start({ duration: 3_600_000 });
    await tick(599_000);
    expect(stops).toHaveLength(1);
    await tick(2_000);
    expect(stops).toHaveLength(2);
  });
});
