/*
 * One block per record Decision of docs/contract.md (block 'rule N' is Decision RN), run on every fake where the rule
 * applies.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { configureRecord, createRecordCompat, type PlatformApi } from '../../src/runtime/record';
import {
  alipay,
  baidu,
  douyin,
  h5,
  harmony,
  qq,
  reactNative,
  RECORDING_PLATFORMS,
  weapp,
  type FakePlatform,
} from './fakes/platforms';
import { WX_ERR_AUTH, WX_ERR_AUTH_NO_RESPONSE, WX_ERR_NOT_STARTED } from './fakes/recorder';
import { compatFor, inWeChatBuildFrom, settledOnce, tick, track } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

// WeChat in a Taro build for WeChat (process.env.TARO_ENV 'weapp'): the family leaves out what other platforms need.
const WECHAT_BUILD = 'weapp, a WeChat build';
// Platforms with a usable recorder; the guarded ones are asked for scope.record first.
const RECORDING: [string, () => FakePlatform][] = [
  ...RECORDING_PLATFORMS,
  [WECHAT_BUILD, inWeChatBuildFrom(() => weapp())],
];
const GUARDED: [string, (a: Parameters<typeof weapp>[0]) => FakePlatform][] = [
  ['weapp', (a) => weapp(a)],
  [WECHAT_BUILD, inWeChatBuildFrom((a: Parameters<typeof weapp>[0]) => weapp(a))],
  ['qq', (a) => qq(a)],
  ['tt', (a) => douyin(a)],
  ['baidu', (a) => baidu(a)],
];
// WeChat's privacy agreement: Baidu documents none.
const PRIVACY = GUARDED.filter(([n]) => n !== 'baidu');

/** start, wait for onStart (+ a bit), stop, let everything land */
async function recordFor(p: FakePlatform, ms = 2000) {
  const rc = compatFor(p);
  const order: string[] = [];
  const start = track(rc.startRecord, 'start', order);
  await tick(ms);
  const stop = track(rc.stopRecord, 'stop', order);
  await tick(1000);
  return { rc, order, start, stop };
}

describe('rule 1: exactly once', () => {
  it.each(RECORDING)('%s: a recorded call settles once, then complete once with the same result', async (_, make) => {
    const p = make();
    const { start, stop, rc } = await recordFor(p);
    expect(settledOnce(start)).toBe(true);
    expect(start.ok).toBe(true);
    expect(settledOnce(stop)).toBe(true);
    expect(stop.ok).toBe(true);
    // Nothing arrives later: not after the one-minute mark, not after a stray stop.
    track(rc.stopRecord, 'late');
    await tick(10 * 60_000);
    expect(start.events).toHaveLength(2);
    expect(stop.events).toHaveLength(2);
  });

  it.each(GUARDED)('%s: a refused call also settles once', async (_, make) => {
    const p = make({ scope: undefined, popup: 'deny' });
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(10 * 60_000);
    expect(settledOnce(start)).toBe(true);
    expect(start.ok).toBe(false);
  });

  it('weapp: a platform error right after onStop changes nothing', async () => {
    const p = weapp();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    const errors: unknown[] = [];
    await tick(1000);
    p.recorder!.listeners.Error!.push((e) => errors.push(e));
    const stop = track(rc.stopRecord, 'stop');
    await tick(1000);
    // A stray stop() on the idle recorder makes WeChat report an error.
    p.recorder!.stop();
    await tick(1000);
    expect(errors).toHaveLength(1);
    expect(settledOnce(start)).toBe(true);
    expect(start.ok).toBe(true);
    expect(settledOnce(stop)).toBe(true);
  });

  it('a platform object that throws half-way still settles the call exactly once', async () => {
    const p = weapp();
    const api = {
      getRecorderManager: p.api.getRecorderManager,
      // An accessor that throws once the session has begun (seen on half-implemented shims).
      get getSetting(): never {
        throw new Error('shim exploded');
      },
    };
    const rc = createRecordCompat(() => api as PlatformApi);
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    expect(settledOnce(start)).toBe(true);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail shim exploded' });
    // And the runtime is not stuck in that session.
    const stop = track(rc.stopRecord, 'stop');
    await tick(10);
    expect(stop.res).toEqual({ errMsg: 'stopRecord:ok' });
  });
});

describe('rule 1: a throwing callback', () => {
  let caught: unknown[];
  let saved: NodeJS.UnhandledRejectionListener[];
  beforeEach(() => {
    // The throw is reported as an unhandled rejection; collect it here instead of failing the run.
    caught = [];
    saved = process.listeners('unhandledRejection');
    process.removeAllListeners('unhandledRejection');
    process.on('unhandledRejection', (e) => caught.push(e));
  });
  afterEach(() => {
    process.removeAllListeners('unhandledRejection');
    for (const l of saved) process.on('unhandledRejection', l);
  });

  it('weapp: success throws → complete still runs once, the error surfaces, the runtime is fine', async () => {
    const p = weapp();
    const rc = compatFor(p);
    const seen: string[] = [];
    rc.startRecord({
      success: () => {
        seen.push('success');
        throw new Error('app bug');
      },
      complete: () => seen.push('complete'),
    });
    await tick(1000);
    rc.stopRecord();
    await tick(1000);
    // Node reports unhandled rejections on a later turn of the real event loop.
    vi.useRealTimers();
    await new Promise((r) => setTimeout(r, 20));
    expect(seen).toEqual(['success', 'complete']);
    expect(caught).toEqual([expect.objectContaining({ message: 'app bug' })]);
    vi.useFakeTimers();
    const next = track(rc.startRecord, 'next');
    await tick(1000);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(next.ok).toBe(true);
  });
});

describe('rule 2: guard first', () => {
  it.each(GUARDED)('%s: granted → starts without asking', async (_, make) => {
    const p = make({ scope: true });
    const { start } = await recordFor(p);
    expect(start.ok).toBe(true);
    expect(p.auth!.calls).toEqual(['getSetting']);
    expect(p.recorder!.unauthorizedStarts).toBe(0);
  });

  it.each(GUARDED)('%s: never asked → authorize popup, allowed → records', async (_, make) => {
    const p = make({ scope: undefined, popup: 'allow', popupDelay: 3000 });
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    // The popup is still open: the recorder must not have been touched.
    expect(p.recorder!.startCalls).toBe(0);
    await tick(2000);
    expect(p.recorder!.startCalls).toBe(1);
    expect(p.auth!.calls).toEqual(['getSetting', 'authorize']);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(start.ok).toBe(true);
    expect(p.recorder!.unauthorizedStarts).toBe(0);
  });

  it.each(GUARDED)('%s: never asked → popup denied → fail auth deny, recorder untouched', async (_, make) => {
    const p = make({ scope: undefined, popup: 'deny' });
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(5000);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
    expect(p.recorder!.startCalls).toBe(0);
  });

  it.each(GUARDED)(
    '%s: denied before → fail auth deny without a popup or prompt (prompt off by default)',
    async (_, make) => {
      const p = make({ scope: false });
      const rc = compatFor(p);
      const start = track(rc.startRecord, 'start');
      await tick(5000);
      expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
      expect(p.auth!.calls).not.toContain('showModal');
      expect(p.recorder!.startCalls).toBe(0);
    },
  );

  it.each(PRIVACY)('%s: privacy failures keep their reason', async (_, make) => {
    for (const [privacy, reason] of [
      ['disagree', 'privacy permission is not authorized'],
      ['undeclared', 'api scope is not declared in the privacy agreement'],
    ] as const) {
      const p = make({ scope: undefined, privacy });
      const rc = compatFor(p);
      const start = track(rc.startRecord, 'start');
      await tick(5000);
      expect(start.res).toEqual({ errMsg: 'startRecord:fail ' + reason });
      expect(p.recorder!.startCalls).toBe(0);
    }
  });

  it.each(PRIVACY)(
    "%s: granted before, privacy not agreed or not declared: the recorder's privacy error keeps its reason",
    async (_, make) => {
      for (const [privacy, reason] of [
        ['disagree', 'privacy permission is not authorized'],
        ['undeclared', 'api scope is not declared in the privacy agreement'],
      ] as const) {
        const p = make({ scope: true, privacy });
        const rc = compatFor(p);
        const start = track(rc.startRecord, 'start');
        await tick(5000);
        expect(start.res).toEqual({ errMsg: 'startRecord:fail ' + reason });
        expect(p.recorder!.recordings).toHaveLength(0);
      }
    },
  );

  it("weapp: a late answer from a cancelled start's popup does not touch the next start", async () => {
    const p = weapp({ scope: undefined, popup: 'deny', popupDelay: 1000 });
    const rc = compatFor(p);
    const a = track(rc.startRecord, 'a');
    await tick(100);
    track(rc.stopRecord, 'cancel');
    p.auth!.popup = 'allow';
    const b = track(rc.startRecord, 'b');
    // a's popup is answered "deny" at ~1010 ms, b's "allow" at ~1110 ms.
    await tick(1500);
    expect(a.res).toEqual({ errMsg: 'startRecord:fail cancelled by stopRecord' });
    expect(b.events).toHaveLength(0);
    expect(p.recorder!.startCalls).toBe(1);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(b.ok).toBe(true);
  });

  it("weapp: a cancelled start's popup allowed late does not start the next one, whose popup is denied", async () => {
    const p = weapp({ scope: undefined, popup: 'allow', popupDelay: 1000 });
    const rc = compatFor(p);
    track(rc.startRecord, 'a');
    await tick(100);
    track(rc.stopRecord, 'cancel');
    p.auth!.popup = 'deny';
    const b = track(rc.startRecord, 'b');
    await tick(1500);
    expect(p.recorder!.startCalls).toBe(0);
    expect(b.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
  });

  it.each([
    [true, WX_ERR_AUTH],
    [false, WX_ERR_AUTH],
    [false, WX_ERR_AUTH_NO_RESPONSE],
  ])(
    'weapp: getSetting failing skips the guard; the platform decides (granted: %s, its refusal: %s)',
    async (granted, denial) => {
      const p = weapp({ scope: granted }, { denial });
      p.api.getSetting = (o: { fail?: (e: unknown) => void }) =>
        setTimeout(() => o.fail?.({ errMsg: 'getSetting:fail system busy' }), 10);
      const rc = compatFor(p);
      const start = track(rc.startRecord, 'start');
      await tick(2000);
      expect(p.recorder!.startCalls).toBe(1);
      if (granted) {
        track(rc.stopRecord, 'stop');
        await tick(1000);
        expect(start.ok).toBe(true);
      } else expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
    },
  );

  it('weapp: the guard runs before every start (a revoked permission is noticed)', async () => {
    const p = weapp({ scope: true });
    const { rc } = await recordFor(p);
    p.auth!.scope = false;
    const again = track(rc.startRecord, 'again');
    await tick(5000);
    expect(again.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
    expect(p.recorder!.startCalls).toBe(1);
    expect(p.auth!.calls.filter((c) => c === 'getSetting')).toHaveLength(2);
  });

  it('weapp (Taro promisified APIs): a denial leaves no unhandled rejection', async () => {
    const p = weapp({ scope: undefined, popup: 'deny', taroPromises: true });
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(5000);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
    expect(settledOnce(start)).toBe(true);
  });

  describe('deniedPrompt (opt-in): showModal confirm → openSetting', () => {
    it('user re-enables the microphone → records', async () => {
      const p = weapp({ scope: false, modalConfirm: true, settingsGrant: true, taroPromises: true });
      const rc = compatFor(p);
      expect(rc.configureRecordCompat({ deniedPrompt: { title: '录音', content: '请打开麦克风' } })).toBeUndefined();
      const start = track(rc.startRecord, 'start');
      await tick(5000);
      expect(p.auth!.calls).toEqual(['getSetting', 'showModal', 'openSetting']);
      expect(p.recorder!.startCalls).toBe(1);
      track(rc.stopRecord, 'stop');
      await tick(1000);
      expect(start.ok).toBe(true);
      expect(p.recorder!.unauthorizedStarts).toBe(0);
    });

    it('user cancels the modal → fail auth deny, no openSetting', async () => {
      const p = weapp({ scope: false, modalConfirm: false });
      const rc = compatFor(p);
      rc.configureRecordCompat({ deniedPrompt: true });
      const start = track(rc.startRecord, 'start');
      await tick(5000);
      expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
      expect(p.auth!.calls).toEqual(['getSetting', 'showModal']);
      expect(p.recorder!.startCalls).toBe(0);
    });

    it('user opens settings but leaves the microphone off → fail auth deny', async () => {
      const p = weapp({ scope: false, modalConfirm: true, settingsGrant: false });
      const rc = compatFor(p);
      rc.configureRecordCompat({ deniedPrompt: {} });
      const start = track(rc.startRecord, 'start');
      await tick(5000);
      expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
      expect(p.recorder!.startCalls).toBe(0);
    });

    it('a platform without showModal/openSetting: fail auth deny, no throw', async () => {
      const p = weapp({ scope: false });
      delete p.api.showModal;
      delete p.api.openSetting;
      const rc = compatFor(p);
      rc.configureRecordCompat({ deniedPrompt: true });
      const start = track(rc.startRecord, 'start');
      await tick(5000);
      expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
      expect(settledOnce(start)).toBe(true);
    });

    it('the prompt is not shown to a user who has never been asked', async () => {
      const p = weapp({ scope: undefined, popup: 'deny' });
      const rc = compatFor(p);
      rc.configureRecordCompat({ deniedPrompt: true });
      const start = track(rc.startRecord, 'start');
      await tick(5000);
      expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
      expect(p.auth!.calls).toEqual(['getSetting', 'authorize']);
    });
  });

  it('alipay: no scope.record, so getSetting/authorize are not used; a mic denial still fails', async () => {
    const p = alipay({ micAllowed: false });
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(5000);
    expect((p.api.calls as string[]).length).toBe(0);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
  });

  it('rn: no getSetting, the guard is skipped and the rejected start() maps to fail', async () => {
    const p = reactNative({ permission: 'denied' });
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(5000);
    expect(p.recorder!.startCalls).toBe(1);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
    expect(settledOnce(start)).toBe(true);
  });
});

describe('rule 3: one minute', () => {
  it.each(RECORDING)('%s: ends by itself 60 s after onStart with the file', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    const startedAt = p.recorder!.recordings[0].startedAt!;
    expect(p.recorder!.recordings[0].options.duration).toBe(60000);
    await tick(58_000);
    expect(start.events).toHaveLength(0);
    await tick(3_000);
    expect(start.res).toMatchObject({ errMsg: 'startRecord:ok', tempFilePath: p.recorder!.recordings[0].tempFilePath });
    expect(typeof start.res.tempFilePath).toBe('string');
    expect(start.res.duration).toBeGreaterThanOrEqual(60_000);
    expect(start.res.duration).toBeLessThanOrEqual(60_000 + 100);
    expect(p.recorder!.recordings[0].endedAt! - startedAt).toBeLessThanOrEqual(60_000 + 100);
  });

  it('rn ignores duration: only the runtime timer stops it', async () => {
    const p = reactNative();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(61_000);
    expect(p.recorder!.stopCalls).toBe(1);
    expect(start.ok).toBe(true);
  });

  it.each(RECORDING)('%s: durationMs is configurable', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    rc.configureRecordCompat({ durationMs: 10_000 });
    const start = track(rc.startRecord, 'start');
    await tick(9_000);
    expect(start.events).toHaveLength(0);
    await tick(2_000);
    expect(start.ok).toBe(true);
    expect(p.recorder!.recordings[0].options.duration).toBe(10_000);
  });

  it.each(RECORDING)('%s: durationMs is capped at the platform maximum', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    expect(rc.configureRecordCompat({ durationMs: 900_000 })).toBeUndefined();
    const start = track(rc.startRecord, 'start');
    await tick(p.maxDurationMs - 1000);
    expect(start.events).toHaveLength(0);
    await tick(2000);
    expect(start.ok).toBe(true);
    expect(p.recorder!.recordings[0].options.duration).toBe(p.maxDurationMs);
  });

  it('weapp: the recording options reach start()', async () => {
    const p = weapp();
    const rc = compatFor(p);
    rc.configureRecordCompat({ format: 'mp3', sampleRate: 44100, numberOfChannels: 1, encodeBitRate: 128000 });
    track(rc.startRecord, 'start');
    await tick(1000);
    expect(p.recorder!.recordings[0].options).toEqual({
      duration: 60000,
      format: 'mp3',
      sampleRate: 44100,
      numberOfChannels: 1,
      encodeBitRate: 128000,
    });
  });
});

describe('rule 4: stopRecord', () => {
  it.each(RECORDING)(
    '%s: startRecord success first, then stopRecord success with the same tempFilePath',
    async (_, make) => {
      const p = make();
      const { order, start, stop } = await recordFor(p);
      expect(order).toEqual(['start:success', 'start:complete', 'stop:success', 'stop:complete']);
      expect(stop.res).toEqual({ errMsg: 'stopRecord:ok', tempFilePath: start.res.tempFilePath });
      expect(start.res.tempFilePath).toBe(p.recorder!.recordings[0].tempFilePath);
    },
  );

  it.each(RECORDING)('%s: a stop before onStart is remembered and issued at onStart', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const order: string[] = [];
    const start = track(rc.startRecord, 'start', order);
    await tick(20); // after the guard, before onStart
    expect(p.recorder!.state).toBe('starting');
    const stop = track(rc.stopRecord, 'stop', order);
    await tick(2000);
    // The platform would have ignored a stop() at this point; the runtime never sent one.
    expect(p.recorder!.ignoredStops).toBe(0);
    expect(p.recorder!.stopCalls).toBe(1);
    expect(start.ok).toBe(true);
    expect(stop.res.tempFilePath).toBe(start.res.tempFilePath);
    expect(order).toEqual(['start:success', 'start:complete', 'stop:success', 'stop:complete']);
  });

  it.each(GUARDED)('%s: a stop during authorization cancels the start', async (_, make) => {
    const p = make({ scope: undefined, popup: 'allow', popupDelay: 3000 });
    const rc = compatFor(p);
    const order: string[] = [];
    const start = track(rc.startRecord, 'start', order);
    await tick(1000);
    const stop = track(rc.stopRecord, 'stop', order);
    await tick(10_000);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail cancelled by stopRecord' });
    expect(stop.res).toEqual({ errMsg: 'stopRecord:ok' });
    expect(order).toEqual(['start:fail', 'start:complete', 'stop:success', 'stop:complete']);
    // The popup was allowed afterwards, but nothing may record.
    expect(p.recorder!.startCalls).toBe(0);
  });

  it.each([...RECORDING, ['h5', h5] as [string, () => FakePlatform]])(
    '%s: stopRecord with nothing recording succeeds and does not touch the recorder',
    async (_, make) => {
      const p = make();
      const rc = compatFor(p);
      const stop = track(rc.stopRecord, 'stop');
      await tick(1000);
      expect(stop.res).toEqual({ errMsg: 'stopRecord:ok' });
      expect(p.recorder?.stopCalls ?? 0).toBe(0);
    },
  );

  it("weapp: an onStop before onStart (a previous recording's) is not this call's result", async () => {
    const p = weapp();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(20);
    expect(p.recorder!.state).toBe('starting');
    for (const l of p.recorder!.listeners.Stop) l({ tempFilePath: 'wxfile://tmp/old.aac', duration: 1, fileSize: 1 });
    await tick(1000);
    expect(start.events).toHaveLength(0);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(start.res.tempFilePath).toBe(p.recorder!.recordings[0].tempFilePath);
  });

  it('weapp: two stopRecord calls both get the file; the recorder is stopped once', async () => {
    const p = weapp();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    const a = track(rc.stopRecord, 'a');
    const b = track(rc.stopRecord, 'b');
    await tick(1000);
    expect(p.recorder!.stopCalls).toBe(1);
    expect(a.res.tempFilePath).toBe(start.res.tempFilePath);
    expect(b.res.tempFilePath).toBe(start.res.tempFilePath);
  });
});

describe('rule 5: one at a time', () => {
  it.each(RECORDING)('%s: a second startRecord fails and leaves the running one alone', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const first = track(rc.startRecord, 'first');
    await tick(1000);
    const second = track(rc.startRecord, 'second');
    await tick(1000);
    expect(second.res).toEqual({ errMsg: 'startRecord:fail audio is recording' });
    expect(first.events).toHaveLength(0);
    expect(p.recorder!.startCalls).toBe(1);
    expect(p.recorder!.state).toBe('recording');
    const stop = track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(first.ok).toBe(true);
    expect(stop.res.tempFilePath).toBe(first.res.tempFilePath);
  });

  it('weapp: also while the first is still being authorized', async () => {
    const p = weapp({ scope: undefined, popup: 'allow' });
    const rc = compatFor(p);
    const first = track(rc.startRecord, 'first');
    const second = track(rc.startRecord, 'second');
    await tick(3000);
    expect(second.res).toEqual({ errMsg: 'startRecord:fail audio is recording' });
    expect(p.recorder!.state).toBe('recording');
    expect(first.events).toHaveLength(0);
  });
});

describe('rule 6: pauses end legacy recordings', () => {
  const INTERRUPTIBLE: [string, () => FakePlatform][] = RECORDING;
  it.each(INTERRUPTIBLE)('%s: an interruption stops the recording and delivers the file', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(5000);
    p.recorder!.interrupt();
    await tick(1000);
    expect(start.ok).toBe(true);
    expect(start.res.tempFilePath).toBe(p.recorder!.recordings[0].tempFilePath);
    expect(p.recorder!.state).toBe('idle');
    // A later stopRecord (legacy code in onHide/onUnload) still succeeds.
    const stop = track(rc.stopRecord, 'stop');
    await tick(100);
    expect(stop.res).toEqual({ errMsg: 'stopRecord:ok' });
  });

  it('weapp: the stop goes out on onInterruptionBegin, before the pause is even reported', async () => {
    const p = weapp();
    const rc = compatFor(p);
    track(rc.startRecord, 'start');
    await tick(5000);
    p.recorder!.interrupt();
    await tick(1000);
    const log = p.recorder!.log;
    expect(log.indexOf('stop')).toBeGreaterThan(log.indexOf('onInterruptionBegin'));
    expect(log.indexOf('stop')).toBeLessThan(log.indexOf('onPause'));
  });

  it.each(RECORDING)('%s: the app going to background (pause) ends it with the file', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(5000);
    p.recorder!.appHide('pause');
    await tick(1000);
    expect(start.ok).toBe(true);
    expect(p.recorder!.state).toBe('idle');
  });

  it.each(RECORDING)('%s: the app going to background (device stops) delivers the file', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(5000);
    p.recorder!.appHide('stop');
    await tick(100);
    expect(start.ok).toBe(true);
    expect(start.res.tempFilePath).toBe(p.recorder!.recordings[0].tempFilePath);
  });

  it('tt: Douyin has no interruption events and no listener was attached for them', async () => {
    const p = douyin();
    await recordFor(p);
    expect((p.recorder as unknown as Record<string, unknown>).onInterruptionBegin).toBeUndefined();
    expect(p.recorder!.registrations.Pause).toBe(1);
  });
});

describe('rule 7: no hang', () => {
  it.each(RECORDING)('%s: onStop never arrives → fail stop timeout for both calls', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    p.recorder!.dropNextOnStop = true;
    const stop = track(rc.stopRecord, 'stop');
    await tick(4000);
    expect(start.events).toHaveLength(0);
    await tick(1100);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail stop timeout' });
    expect(stop.res).toEqual({ errMsg: 'stopRecord:fail stop timeout' });
    // The runtime is usable again.
    const next = track(rc.startRecord, 'next');
    await tick(1000);
    track(rc.stopRecord, 'stop2');
    await tick(1000);
    expect(next.ok).toBe(true);
  });

  it('weapp: the auto-stop at one minute is watched too; the watchdog is configurable', async () => {
    const p = weapp();
    const rc = compatFor(p);
    rc.configureRecordCompat({ stopTimeoutMs: 2000 });
    p.recorder!.dropNextOnStop = true;
    const start = track(rc.startRecord, 'start');
    await tick(60_300 + 1900);
    expect(start.events).toHaveLength(0);
    await tick(200);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail stop timeout' });
  });

  it('weapp: the error of a later stop after a lost onStop still settles the call once', async () => {
    const p = weapp();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    // The platform ended the recording on its own and lost onStop: our stop() errors.
    p.recorder!.dropNextOnStop = true;
    p.recorder!.appHide('stop');
    const stop = track(rc.stopRecord, 'stop');
    await tick(100);
    expect(start.res).toEqual({
      errMsg: 'startRecord:fail ' + WX_ERR_NOT_STARTED.replace('operateRecorder:fail ', ''),
    });
    expect(stop.res).toEqual({ errMsg: 'stopRecord:fail recorder not start' });
    expect(settledOnce(start)).toBe(true);
  });
});

describe('rule 7 (start side): a start that never reports back', () => {
  it.each(RECORDING)('%s: fails with start timeout once the limit plus the watchdog has passed', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    p.recorder!.swallowNextStart = true;
    const start = track(rc.startRecord, 'start');
    await tick(60_000 + 5_000 - 100);
    expect(start.events).toHaveLength(0);
    await tick(200);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail start timeout' });
    expect(settledOnce(start)).toBe(true);
  });
});

describe('rule 8: errors', () => {
  it.each(RECORDING)('%s: an error while recording fails the call with the reason', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    p.recorder!.crash('operateRecorder:fail:system error');
    await tick(100);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail system error' });
  });

  it.each([
    ['weapp', () => weapp()],
    ['alipay', () => alipay()],
  ] as [string, () => FakePlatform][])(
    '%s: the recorder busy elsewhere → fail with the platform reason',
    async (_, make) => {
      const p = make();
      const rc = compatFor(p);
      p.recorder!.start({ duration: 60000 }); // someone else's recording
      const start = track(rc.startRecord, 'start');
      await tick(2000);
      expect(start.res).toEqual({ errMsg: "startRecord:fail audio is recording, don't start record again" });
    },
  );

  it.each(RECORDING.filter(([n]) => n !== 'rn'))(
    '%s: the platform refusing the recording options fails the call once, with its reason',
    async (_, make) => {
      const p = make();
      // Options the runtime's own check would have stopped (configureRecordCompat, the build):
      // the platform's refusal is what is left.
      const rc = createRecordCompat(() => p.api as PlatformApi, p.name === 'alipay' ? () => true : undefined);
      configureRecord(rc, { sampleRate: 44100 }, (o, base, accept) => {
        // A check that lets everything through.
        accept({ ...base, ...o });
        return undefined;
      });
      const start = track(rc.startRecord, 'start');
      await tick(2000);
      expect(settledOnce(start)).toBe(true);
      expect(start.res.errMsg).toMatch(/^startRecord:fail invalid encodeBitRate 48000 for sampleRate 44100$/);
      expect(p.recorder!.recordings).toHaveLength(0);
    },
  );

  it("baidu: a format its recorder refuses (it records aac or pcm) fails the call once with the platform's reason, which the runtime does not check itself; aac and pcm record", async () => {
    const p = baidu();
    const rc = compatFor(p);
    // mp3 is one of the four formats the runtime takes (docs/contract.md, Decision R8): Baidu's
    // refusal is what the app hears.
    expect(rc.configureRecordCompat({ format: 'mp3' })).toBeUndefined();
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    expect(settledOnce(start)).toBe(true);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail invalid format mp3' });
    expect(p.recorder!.startCalls).toBe(1);
    expect(p.recorder!.recordings).toHaveLength(0);
    // The recorder is free again: aac records.
    rc.configureRecordCompat({ format: 'aac' });
    const next = track(rc.startRecord, 'next');
    await tick(2000);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(next.res).toMatchObject({ errMsg: 'startRecord:ok', tempFilePath: p.recorder!.recordings[0]!.tempFilePath });
    expect(p.recorder!.recordings[0]!.options.format).toBe('aac');
    // Raw PCM in Baidu's own spelling is taken (not refused as a misspelt PCM) and records.
    expect(rc.configureRecordCompat({ format: 'pcm' })).toBeUndefined();
    const pcm = track(rc.startRecord, 'pcm');
    await tick(2000);
    track(rc.stopRecord, 'stop');
    await tick(1000);
    expect(pcm.res).toMatchObject({ errMsg: 'startRecord:ok', tempFilePath: p.recorder!.recordings[1]!.tempFilePath });
    expect(p.recorder!.recordings[1]!.options.format).toBe('pcm');
  });

  it('alipay: { error, errorMessage } becomes errMsg', async () => {
    const p = alipay();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    p.recorder!.crash('operateRecorder:fail 录音设备被占用');
    await tick(100);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail 录音设备被占用' });
  });

  it('rn: a rejected start() without onError becomes fail', async () => {
    const p = reactNative();
    const rc = compatFor(p);
    p.recorder!.start({}); // busy
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail Recorder is already recording' });
  });

  it('a throwing platform becomes fail, never a synchronous throw', async () => {
    const api = {
      getRecorderManager: () => {
        throw new TypeError('boom');
      },
    };
    const rc = createRecordCompat(() => api as PlatformApi);
    let out: ReturnType<typeof track> | undefined;
    expect(() => (out = track(rc.startRecord, 'start'))).not.toThrow();
    await tick(10);
    expect(out!.res).toEqual({ errMsg: 'startRecord:fail boom' });
  });
});

describe('rule 9: return value', () => {
  it.each(RECORDING)('%s: a Promise only when no callback is given', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start', [], 'promise');
    expect(start.returned).toBeInstanceOf(Promise);
    await tick(2000);
    const stop = track(rc.stopRecord, 'stop', [], 'promise');
    expect(stop.returned).toBeInstanceOf(Promise);
    await tick(1000);
    expect(start.events).toEqual([{ type: 'resolve', res: expect.objectContaining({ errMsg: 'startRecord:ok' }) }]);
    expect(stop.events[0].res.tempFilePath).toBe(start.res.tempFilePath);
    // Any one callback → undefined.
    expect(rc.startRecord({ complete: () => undefined })).toBeUndefined();
    expect(rc.stopRecord({ fail: () => undefined })).toBeUndefined();
    await tick(5000);
  });

  it('weapp: the Promise rejects with the fail result', async () => {
    const p = weapp({ scope: false });
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start', [], 'promise');
    await tick(1000);
    expect(start.events).toEqual([{ type: 'reject', res: { errMsg: 'startRecord:fail auth deny' } }]);
  });
});

describe('rule 10: listeners once', () => {
  it.each(RECORDING)('%s: five recordings, one set of listeners', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    for (let i = 0; i < 5; i++) {
      const start = track(rc.startRecord, 'start');
      await tick(1000);
      track(rc.stopRecord, 'stop');
      await tick(1000);
      expect(start.ok).toBe(true);
    }
    for (const e of ['Start', 'Stop', 'Error', 'Pause']) {
      expect(p.recorder!.registrations[e]).toBe(1);
      expect(p.recorder!.listenerCount(e)).toBe(1);
    }
  });

  it("rn: each core sets its listeners once; a second core on the same manager replaces them (RN's rule)", async () => {
    const p = reactNative();
    await recordFor(p);
    await recordFor(p); // a second core instance on the same manager attaches its own once
    expect(p.recorder!.registrations.Stop).toBe(2);
    expect(p.recorder!.listenerCount('Stop')).toBe(1);
  });
});

describe('rule 11: unsupported platform', () => {
  it.each([
    ['h5', h5],
    ['harmony', harmony],
    [
      'no api at all',
      () => ({ name: 'none', api: undefined as unknown as Record<string, unknown>, guarded: false, maxDurationMs: 0 }),
    ],
    ['no getRecorderManager', () => ({ name: 'bare', api: {}, guarded: false, maxDurationMs: 0 })],
  ] as [string, () => FakePlatform][])('%s: fail not supported, no throw, no unhandled rejection', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    const promised = track(rc.startRecord, 'promised', [], 'promise');
    await tick(1000);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail not supported' });
    expect(settledOnce(start)).toBe(true);
    expect(promised.events).toEqual([{ type: 'reject', res: { errMsg: 'startRecord:fail not supported' } }]);
  });
});
