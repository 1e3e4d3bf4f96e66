/*
 * The fakes themselves behave as docs/contract.md (sections 4, 6, 7) says the platforms do; the rule tests
 * are only worth something if this holds.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alipay, baidu, douyin, h5, qq, reactNative, RECORDING_PLATFORMS, weapp } from './fakes/platforms';
import {
  EVENTS,
  RN_PERMISSION_ERROR,
  WX_ERR_AUTH,
  WX_ERR_AUTH_NO_RESPONSE,
  WX_ERR_NOT_STARTED,
  WX_ERR_RECORDING,
  type FakeRecorder,
} from './fakes/recorder';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type Reg = Record<string, (cb?: (res?: unknown) => void) => void>;
const on = (rec: FakeRecorder, e: string, cb: (res?: unknown) => void) => (rec as unknown as Reg)['on' + e](cb);

function listen(rec: FakeRecorder) {
  const got: [string, unknown][] = [];
  const r = rec as unknown as Record<string, (cb: (res?: unknown) => void) => void>;
  for (const e of ['Start', 'Stop', 'Pause', 'Error', 'InterruptionBegin'])
    if (r['on' + e]) r['on' + e]((res) => got.push([e, res]));
  return got;
}

describe('every recorder fake', () => {
  it.each(RECORDING_PLATFORMS)(
    "%s: a failure while recording (crash()) is heard as it happens, the recorder idle already; a refused call's error comes after the call",
    async (_, make) => {
      const rec = make().recorder!;
      const got: unknown[] = [];
      on(rec, 'Start', () => got.push('Start'));
      on(rec, 'Error', (res) => got.push(['Error', res, rec.state]));
      rec.start({});
      await vi.advanceTimersByTimeAsync(400);
      rec.crash('operateRecorder:fail:system error');
      const crashed =
        rec.flavor === 'alipay'
          ? { error: 3, errorMessage: 'system error' }
          : { errMsg: 'operateRecorder:fail:system error', ...(rec.flavor === 'baidu' ? { errCode: 3 } : {}) };
      expect(got).toEqual(['Start', ['Error', crashed, 'idle']]);
      rec.stop();
      expect(got).toHaveLength(2);
      await vi.advanceTimersByTimeAsync(0);
      expect(got).toHaveLength(3);
    },
  );

  it.each(RECORDING_PLATFORMS)(
    '%s: an interruption and the app going to the background are heard as they happen, the recorder paused already; a pause() is answered after the call',
    async (_, make) => {
      const rec = make().recorder!;
      const got: unknown[] = [];
      for (const e of ['Pause', 'Resume', 'InterruptionBegin', 'InterruptionEnd'])
        if ((rec as unknown as Reg)['on' + e]) on(rec, e, () => got.push([e, rec.state]));
      // Douyin has no interruption events: its pause is all it tells.
      const begin = rec.flavor === 'tt' ? [] : [['InterruptionBegin', 'paused']];
      rec.start({});
      await vi.advanceTimersByTimeAsync(400);
      rec.interrupt();
      expect(got).toEqual([...begin, ['Pause', 'paused']]);
      rec.interruptionEnd();
      expect(got).toHaveLength(rec.flavor === 'tt' ? 1 : 3);
      got.length = 0;
      rec.resume();
      await vi.advanceTimersByTimeAsync(0);
      rec.appHide('pause');
      expect(got).toEqual([
        ['Resume', 'recording'],
        ['Pause', 'paused'],
      ]);
      rec.resume();
      await vi.advanceTimersByTimeAsync(0);
      got.length = 0;
      rec.pause();
      expect(got).toEqual([]);
      await vi.advanceTimersByTimeAsync(0);
      expect(got).toEqual([['Pause', 'paused']]);
    },
  );
});

describe('WeChat fake', () => {
  it('ignores stop() before onStart (~300 ms), stops after it', async () => {
    const rec = weapp().recorder!;
    const got = listen(rec);
    rec.start({ duration: 60000 });
    await vi.advanceTimersByTimeAsync(100);
    rec.stop();
    await vi.advanceTimersByTimeAsync(300);
    expect(got.map(([e]) => e)).toEqual(['Start']);
    expect(rec.ignoredStops).toBe(1);
    rec.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(got.map(([e]) => e)).toEqual(['Start', 'Stop']);
  });

  it('errors on double start and on stop when idle, with the platform messages', async () => {
    const rec = weapp().recorder!;
    const got = listen(rec);
    rec.stop();
    rec.start({});
    await vi.advanceTimersByTimeAsync(400);
    rec.start({});
    await vi.advanceTimersByTimeAsync(10);
    expect(got.filter(([e]) => e === 'Error').map(([, r]) => r)).toEqual([
      { errMsg: WX_ERR_NOT_STARTED },
      { errMsg: WX_ERR_RECORDING },
    ]);
  });

  it('stops by itself after duration; can lose onStop; pauses on interruption and app hide', async () => {
    const rec = weapp().recorder!;
    const got = listen(rec);
    rec.start({ duration: 1000 });
    await vi.advanceTimersByTimeAsync(1300);
    expect(got.map(([e]) => e)).toEqual(['Start', 'Stop']);
    rec.dropNextOnStop = true;
    rec.start({});
    await vi.advanceTimersByTimeAsync(400);
    rec.stop();
    await vi.advanceTimersByTimeAsync(400);
    expect(got.map(([e]) => e)).toEqual(['Start', 'Stop', 'Start']);
    expect(rec.state).toBe('idle');
    rec.start({});
    await vi.advanceTimersByTimeAsync(400);
    rec.interrupt();
    await vi.advanceTimersByTimeAsync(10);
    expect(got.slice(-2).map(([e]) => e)).toEqual(['InterruptionBegin', 'Pause']);
    expect(rec.state).toBe('paused');
  });

  it("has no off*, and each onX replaces that event's listener (removeAllListeners, then on)", async () => {
    const rec = weapp().recorder!;
    const got: string[] = [];
    for (const e of EVENTS) expect((rec as unknown as Reg)['off' + e], 'off' + e).toBeUndefined();
    on(rec, 'Stop', () => got.push('first'));
    on(rec, 'Stop', () => got.push('second'));
    on(rec, 'Start', () => got.push('start'));
    expect(rec.listenerCount('Stop')).toBe(1);
    rec.start({});
    await vi.advanceTimersByTimeAsync(400);
    rec.stop();
    await vi.advanceTimersByTimeAsync(100);
    // The later onStop took the event away from the earlier one; onStart is a separate event.
    expect(got).toEqual(['start', 'second']);
  });

  it('refuses to record without the privacy agreement, in its two wordings', async () => {
    for (const [privacy, errMsg] of [
      ['disagree', 'operateRecorder:fail privacy permission is not authorized'],
      ['undeclared', 'operateRecorder:fail api scope is not declared in the privacy agreement'],
    ] as const) {
      const p = weapp({ scope: true, privacy });
      const got = listen(p.recorder!);
      p.recorder!.start({});
      await vi.advanceTimersByTimeAsync(10);
      expect(got).toEqual([['Error', { errMsg }]]);
    }
  });

  it('refuses a sampleRate and encodeBitRate pair outside the table, an unknown format or channel count', async () => {
    const rec = weapp().recorder!;
    const got = listen(rec);
    for (const o of [
      { sampleRate: 44100 },
      { sampleRate: 8000, encodeBitRate: 64000 },
      { sampleRate: 9000 },
      { format: 'silk' },
      { numberOfChannels: 3 },
    ]) {
      rec.start(o);
      await vi.advanceTimersByTimeAsync(10);
    }
    expect(got.map(([e]) => e)).toEqual(['Error', 'Error', 'Error', 'Error', 'Error']);
    expect(rec.recordings).toHaveLength(0);
    rec.start({ sampleRate: 44100, encodeBitRate: 128000, format: 'mp3', numberOfChannels: 1 });
    await vi.advanceTimersByTimeAsync(400);
    expect(got.map(([e]) => e).slice(5)).toEqual(['Start']);
  });

  it('refuses to record without scope.record', async () => {
    const p = weapp({ scope: undefined });
    const got = listen(p.recorder!);
    p.recorder!.start({});
    await vi.advanceTimersByTimeAsync(10);
    expect(got).toEqual([['Error', { errMsg: WX_ERR_AUTH }]]);
    expect(p.recorder!.unauthorizedStarts).toBe(1);
    // The other wording WeChat has for it.
    const q = weapp({ scope: undefined }, { denial: WX_ERR_AUTH_NO_RESPONSE });
    const other = listen(q.recorder!);
    q.recorder!.start({});
    await vi.advanceTimersByTimeAsync(10);
    expect(other).toEqual([['Error', { errMsg: WX_ERR_AUTH_NO_RESPONSE }]]);
  });
});

describe('Baidu fake (swan)', () => {
  it('records aac or pcm only, at 8000, 16000 or 44100 Hz; refuses the rest after the call, as { errCode, errMsg }', async () => {
    const rec = baidu().recorder!;
    const got = listen(rec);
    for (const o of [
      { format: 'mp3' },
      { format: 'wav' },
      { format: 'PCM' },
      { sampleRate: 48000, encodeBitRate: 64000 },
      { sampleRate: 16000, encodeBitRate: 128000 },
    ]) {
      rec.start(o);
      expect(got).toEqual([]);
      await vi.advanceTimersByTimeAsync(10);
      expect(got).toHaveLength(1);
      expect(got[0]![0]).toBe('Error');
      expect(got.pop()![1]).toMatchObject({ errCode: expect.any(Number), errMsg: expect.stringMatching(/:fail /) });
    }
    expect(rec.recordings).toHaveLength(0);
    for (const o of [
      { format: 'aac' },
      { format: 'pcm', sampleRate: 16000, encodeBitRate: 64000 },
      { sampleRate: 44100, encodeBitRate: 96000 },
    ]) {
      rec.start(o);
      await vi.advanceTimersByTimeAsync(400);
      rec.stop();
      await vi.advanceTimersByTimeAsync(100);
    }
    expect(got.map(([e]) => e)).toEqual(['Start', 'Stop', 'Start', 'Stop', 'Start', 'Stop']);
    expect(rec.files).toHaveLength(3);
  });

  it('needs scope.record, asked with authorize (a refusal carries errCode 10003); no legacy startRecord, no off*, no onFrameRecorded; interruption events', async () => {
    const p = baidu({ scope: undefined, popup: 'deny' });
    const rec = p.recorder!;
    expect(p.api.startRecord).toBeUndefined();
    expect(rec.replacesListeners).toBe(true);
    for (const e of EVENTS) expect((rec as unknown as Reg)['off' + e], 'off' + e).toBeUndefined();
    expect((rec as unknown as Reg).onFrameRecorded).toBeUndefined();
    expect(typeof (rec as unknown as Reg).onInterruptionBegin).toBe('function');
    const api = p.api as Record<string, (o: object) => void>;
    const answers: unknown[] = [];
    api.authorize({ scope: 'scope.record', fail: (e: unknown) => answers.push(e) });
    await vi.advanceTimersByTimeAsync(1000);
    api.authorize({ scope: 'scope.record', fail: (e: unknown) => answers.push(e) });
    await vi.advanceTimersByTimeAsync(100);
    expect(answers).toEqual([
      { errCode: 10003, errMsg: 'authorize:fail:auth deny' },
      { errCode: 10003, errMsg: 'authorize:fail auth deny' },
    ]);
    // Without the permission its recorder refuses to start.
    const got = listen(rec);
    rec.start({});
    await vi.advanceTimersByTimeAsync(10);
    expect(got.map(([e]) => e)).toEqual(['Error']);
    expect(rec.unauthorizedStarts).toBe(1);
  });
});

describe('other fakes', () => {
  it('Douyin: the same manager every time, no interruption events', () => {
    const p = douyin();
    const get = p.api.getRecorderManager as () => unknown;
    expect(get()).toBe(get());
    expect((get() as Record<string, unknown>).onInterruptionBegin).toBeUndefined();
  });

  it("QQ: WeChat's rule, each onX replaces and there is no off*", () => {
    const rec = qq().recorder!;
    on(rec, 'Error', () => undefined);
    on(rec, 'Error', () => undefined);
    expect(rec.listenerCount('Error')).toBe(1);
    expect((rec as unknown as Reg).offError).toBeUndefined();
  });

  it.each([
    ['Alipay', () => alipay().recorder!],
    ['Douyin', () => douyin().recorder!],
  ] as const)('%s: listeners add up; offX(cb) removes that one, offX() all of that event', async (_, make) => {
    const rec = make();
    const got: string[] = [];
    const a = () => got.push('a');
    on(rec, 'Stop', a);
    on(rec, 'Stop', () => got.push('b'));
    on(rec, 'Stop', () => got.push('c'));
    expect(rec.listenerCount('Stop')).toBe(3);
    (rec as unknown as Reg).offStop(a);
    rec.start({});
    await vi.advanceTimersByTimeAsync(200);
    rec.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(got).toEqual(['b', 'c']);
    (rec as unknown as Reg).offStop();
    expect(rec.listenerCount('Stop')).toBe(0);
  });

  it('Alipay: { error, errorMessage }, off* removes listeners, 180 s max', async () => {
    const rec = alipay().recorder!;
    const got: unknown[] = [];
    const cb = (e: unknown) => void got.push(e);
    on(rec, 'Error', cb);
    rec.start({ duration: 300000 });
    await vi.advanceTimersByTimeAsync(10);
    expect(got).toEqual([{ error: 2, errorMessage: 'duration should be in (0, 180000]' }]);
    (rec as unknown as Reg).offError(cb);
    rec.stop();
    await vi.advanceTimersByTimeAsync(10);
    expect(got).toHaveLength(1);
  });

  it('React Native: onX replaces, duration ignored, permission denial rejects start() without onError', async () => {
    const rec = reactNative().recorder!;
    const first: unknown[] = [];
    on(rec, 'Stop', () => first.push('first'));
    const got = listen(rec);
    expect(rec.listenerCount('Stop')).toBe(1);
    expect((rec as unknown as Reg).offStop).toBeUndefined();
    const started = rec.start({ duration: 1000 });
    await vi.advanceTimersByTimeAsync(200);
    await started;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(rec.state).toBe('recording');
    rec.stop();
    await vi.advanceTimersByTimeAsync(100);
    expect(first).toEqual([]);
    expect(got.map(([e]) => e)).toEqual(['Start', 'Stop']);

    const denied = reactNative({ permission: 'denied' }).recorder!;
    const errors = listen(denied);
    const refused = denied.start({});
    expect(refused).toBeInstanceOf(Promise);
    await expect(refused).rejects.toThrow(RN_PERMISSION_ERROR);
    await vi.advanceTimersByTimeAsync(100);
    expect(errors).toEqual([]);
  });

  it('Taro H5: getRecorderManager returns a (rejected) Promise', async () => {
    const r = (h5().api.getRecorderManager as () => Promise<unknown>)();
    expect(r).toBeInstanceOf(Promise);
    await expect(r).rejects.toEqual({ errMsg: expect.stringContaining('getRecorderManager:fail') });
  });
});
