/*
 * docs/contract.md, Decision R12: one manager, two users. The app's own RecorderManager code (through the
 * runtime's getRecorderManager, where the rewrite routes it) and the legacy calls share the
 * platform's one manager, on fakes with each platform's listener rules: WeChat, QQ and React
 * Native replace on each onX, Douyin and Alipay add up and have off*.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  alipay,
  douyin,
  h5,
  harmony,
  qq,
  reactNative,
  RECORDING_PLATFORMS,
  weapp,
  type FakePlatform,
} from './fakes/platforms';
import { EVENTS } from './fakes/recorder';
import { compatFor, inWeChatBuildFrom, settledOnce, tick, track, type AppManager } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllEnvs();
});

/**
 * How each platform's manager takes a second listener for an event. Baidu documents no off* and no rule: its fake
 * replaces, as WeChat does.
 */
const LISTENERS: Record<string, string> = {
  weapp: 'replace',
  qq: 'replace',
  rn: 'replace',
  tt: 'add up, off*',
  alipay: 'add up, off*',
  baidu: 'replace, assumed',
};
// And WeChat in a Taro build for WeChat (process.env.TARO_ENV 'weapp'), where the family leaves out what other
// platforms need.
const PLATFORMS: [string, () => FakePlatform][] = [
  ...RECORDING_PLATFORMS.map(([name, make]): [string, () => FakePlatform] => [`${name} (${LISTENERS[name]})`, make]),
  [`weapp, a WeChat build (${LISTENERS.weapp})`, inWeChatBuildFrom(() => weapp())],
];

type Got = [string, any][];

/** The app's page: a listener on every event its manager has, logging into `got`. */
function appListens(mgr: AppManager, got: Got = []): Got {
  for (const e of EVENTS) if (mgr['on' + e]) mgr['on' + e]((r: unknown) => got.push([e, r]));
  return got;
}

/** The app records with its own manager: start, wait, stop. Returns the platform's recording. */
async function appRecords(p: FakePlatform, mgr: AppManager, ms = 2000) {
  // Baidu records aac or pcm only.
  mgr.start({ duration: 60000, format: p.name === 'baidu' ? 'pcm' : 'mp3' });
  await tick(ms);
  mgr.stop();
  await tick(1000);
  return p.recorder!.recordings[p.recorder!.recordings.length - 1];
}

/** A legacy page records: startRecord, wait, stopRecord. */
async function legacyRecords(rc: ReturnType<typeof compatFor>, ms = 2000) {
  const start = track(rc.startRecord, 'start');
  await tick(ms);
  const stop = track(rc.stopRecord, 'stop');
  await tick(1000);
  return { start, stop };
}

/** The legacy call got exactly the platform's file of that recording. */
function expectLegacyGot(
  p: FakePlatform,
  call: { start: ReturnType<typeof track>; stop: ReturnType<typeof track> },
  recordingIndex: number,
) {
  const file = p.recorder!.recordings[recordingIndex].tempFilePath;
  expect(file).toBeDefined();
  expect(settledOnce(call.start)).toBe(true);
  expect(call.start.res).toMatchObject({ errMsg: 'startRecord:ok', tempFilePath: file });
  expect(call.stop.res).toEqual({ errMsg: 'stopRecord:ok', tempFilePath: file });
}

/** The app's listeners saw its own recording: onStart, then onStop with its file. */
function expectAppSaw(got: Got, file: string | undefined) {
  expect(file).toBeDefined();
  expect(got.map(([e]) => e)).toEqual(['Start', 'Stop']);
  expect(got[1][1]).toMatchObject({ tempFilePath: file });
}

describe.each(PLATFORMS)('rule 12 on %s', (_, make) => {
  it('the app registers before the first legacy call', async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    const legacy = await legacyRecords(rc);
    expectLegacyGot(p, legacy, 0);
    // The legacy recording's events reached nobody else.
    expect(got).toEqual([]);
    // The app's listeners, registered before the legacy call bound anything, still work.
    const own = await appRecords(p, mgr);
    expectAppSaw(got, own.tempFilePath);
    expect(own.options).toEqual({ duration: 60000, format: p.name === 'baidu' ? 'pcm' : 'mp3' });
  });

  it('the app registers between two legacy calls', async () => {
    const p = make();
    const rc = compatFor(p);
    expectLegacyGot(p, await legacyRecords(rc), 0);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    expectLegacyGot(p, await legacyRecords(rc), 1);
    expect(got).toEqual([]);
    expectAppSaw(got, (await appRecords(p, mgr)).tempFilePath);
    // And legacy calls after the app's own recording still work.
    expectLegacyGot(p, await legacyRecords(rc), 3);
    expect(got).toHaveLength(2);
  });

  it('the app registers during a legacy recording', async () => {
    const p = make();
    const rc = compatFor(p);
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    expect(p.recorder!.state).toBe('recording');
    // A page's onLoad runs while the legacy recording is on: its onX must not take the events.
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    const stop = track(rc.stopRecord, 'stop');
    await tick(1000);
    expectLegacyGot(p, { start, stop }, 0);
    expect(got).toEqual([]);
    expectAppSaw(got, (await appRecords(p, mgr)).tempFilePath);
  });

  it('the app registers while a legacy recording is still starting, and the legacy one ends by itself', async () => {
    const p = make();
    const rc = compatFor(p);
    rc.configureRecordCompat({ durationMs: 5000 });
    const start = track(rc.startRecord, 'start');
    await tick(20);
    expect(p.recorder!.state).toBe('starting');
    const got = appListens(rc.getRecorderManager());
    await tick(6000);
    expect(start.res).toMatchObject({ errMsg: 'startRecord:ok', tempFilePath: p.recorder!.recordings[0].tempFilePath });
    expect(got).toEqual([]);
  });

  it('the app starts its own recording while a legacy one is on: its start fails as the platform says, nothing hangs', async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    mgr.start({});
    await tick(100);
    expect(got.map(([e]) => e)).toEqual(['Error']);
    expect(got[0][1].errMsg ?? got[0][1].errorMessage).toMatch(/audio is recording/);
    expect(start.events).toHaveLength(0);
    expect(p.recorder!.state).toBe('recording');
    const stop = track(rc.stopRecord, 'stop');
    await tick(1000);
    expectLegacyGot(p, { start, stop }, 0);
    expect(got).toHaveLength(1);
    // The app's next try works.
    got.length = 0;
    expectAppSaw(got, (await appRecords(p, mgr)).tempFilePath);
  });

  it("the app's stop / pause / resume during a legacy recording do not touch it", async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    const start = track(rc.startRecord, 'start');
    await tick(1000);
    // A page's onUnload stopping "its" recorder defensively, a pause button... The app's
    // recorder is idle: stop is refused as the platform refuses it, pause and resume do nothing.
    mgr.stop();
    mgr.pause();
    mgr.resume();
    await tick(100);
    expect(got).toEqual([
      ['Error', { errMsg: 'operateRecorder:fail recorder not start', errorMessage: 'recorder not start' }],
    ]);
    expect(p.recorder!.stopCalls).toBe(0);
    expect(p.recorder!.state).toBe('recording');
    const stop = track(rc.stopRecord, 'stop');
    await tick(1000);
    expectLegacyGot(p, { start, stop }, 0);
  });

  it("a legacy startRecord while the app records fails at once and leaves the app's recording alone", async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    mgr.start({});
    await tick(1000);
    const start = track(rc.startRecord, 'start');
    await tick(10);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail audio is recording' });
    expect(settledOnce(start)).toBe(true);
    expect(p.recorder!.startCalls).toBe(1);
    mgr.stop();
    await tick(1000);
    expectAppSaw(got, p.recorder!.recordings[0].tempFilePath);
    // Once the app's recording is over, legacy calls record again.
    expectLegacyGot(p, await legacyRecords(rc), 1);
    expect(got).toHaveLength(2);
  });

  it("an interruption of a legacy recording ends it (rule 6) and does not reach the app's listeners", async () => {
    const p = make();
    const rc = compatFor(p);
    const got = appListens(rc.getRecorderManager());
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    p.recorder!.interrupt();
    p.recorder!.interruptionEnd();
    await tick(1000);
    expect(start.res).toMatchObject({ errMsg: 'startRecord:ok', tempFilePath: p.recorder!.recordings[0].tempFilePath });
    expect(got).toEqual([]);
  });

  it("an interruption of the app's recording reaches the app, which can resume it", async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    mgr.start({});
    await tick(1000);
    p.recorder!.interrupt();
    await tick(10);
    mgr.resume();
    await tick(1000);
    mgr.stop();
    await tick(1000);
    const names = got.map(([e]) => e);
    expect(names).toEqual(
      p.name === 'tt'
        ? ['Start', 'Pause', 'Resume', 'Stop']
        : ['Start', 'InterruptionBegin', 'Pause', 'Resume', 'Stop'],
    );
    expect(got[got.length - 1][1]).toMatchObject({ tempFilePath: p.recorder!.recordings[0].tempFilePath });
  });

  it("a legacy call's errors do not reach the app, the app's errors settle no legacy call", async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    const start = track(rc.startRecord, 'start');
    await tick(2000);
    p.recorder!.crash('operateRecorder:fail:system error');
    await tick(100);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail system error' });
    expect(got).toEqual([]);
    // The app's own stray stop on the idle recorder: the platform's error is the app's alone.
    mgr.stop();
    await tick(100);
    expect(got.map(([e]) => e)).toEqual(['Error']);
    const next = await legacyRecords(rc);
    expectLegacyGot(p, next, 1);
  });

  it("the platform's answers to the app's own mistakes are the app's, even with a legacy call right behind them", async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    // A stop on the idle recorder: the platform answers with an error, a moment later.
    mgr.stop();
    const early = track(rc.startRecord, 'early');
    await tick(10);
    // The answer was still on its way: the legacy call did not start into it.
    expect(early.res).toEqual({ errMsg: 'startRecord:fail audio is recording' });
    expect(got.map(([e]) => e)).toEqual(['Error']);
    // Pause and resume out of place do nothing (what the platforms answer is not documented).
    mgr.pause();
    mgr.resume();
    await tick(10);
    expect(got).toHaveLength(1);
    // A second start while its recording is on: the platform's refusal is the app's, and its
    // recording goes on to deliver its file.
    mgr.start({});
    await tick(1000);
    const r = mgr.start({});
    if (r && typeof r.then === 'function') r.then(undefined, () => undefined);
    await tick(10);
    expect(got.map(([e]) => e)).toEqual(['Error', 'Start', 'Error']);
    mgr.stop();
    await tick(1000);
    expect(got[3]).toEqual(['Stop', expect.objectContaining({ tempFilePath: p.recorder!.recordings[0].tempFilePath })]);
    expectLegacyGot(p, await legacyRecords(rc), 1);
    expect(got).toHaveLength(4);
  });

  it("the platform pausing on its own just before the app's calls: the app still gets its file", async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const got = appListens(mgr);
    mgr.start({});
    await tick(1000);
    // The app goes to the background and the device pauses the recording; the app's pause and
    // a second start race it: their errors carry no name.
    p.recorder!.appHide('pause');
    mgr.pause();
    await tick(0);
    const r = mgr.start({});
    if (r && typeof r.then === 'function') r.then(undefined, () => undefined);
    await tick(100);
    mgr.stop();
    await tick(1000);
    expect(got.filter(([e]) => e === 'Stop')).toEqual([
      ['Stop', expect.objectContaining({ tempFilePath: p.recorder!.recordings[0].tempFilePath })],
    ]);
    // And the recorder is free for a legacy call afterwards.
    expectLegacyGot(p, await legacyRecords(rc), 1);
  });

  it('the platform manager keeps one listener of ours per event, however often the app registers', async () => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    appListens(mgr);
    appListens(mgr);
    await legacyRecords(rc);
    appListens(mgr);
    await legacyRecords(rc);
    for (const e of EVENTS) if (p.recorder!.listeners[e]) expect(p.recorder!.listenerCount(e), e).toBe(1);
  });
});

describe("the app's own listeners follow the platform's rules", () => {
  it.each([
    ['weapp', () => weapp()],
    ['qq', () => qq()],
    ['rn', () => reactNative()],
  ] as [string, () => FakePlatform][])(
    '%s: a later onX replaces the earlier one, and there is no off*',
    async (_, make) => {
      const p = make();
      const rc = compatFor(p);
      const mgr = rc.getRecorderManager();
      const seen: string[] = [];
      mgr.onStop(() => seen.push('first'));
      mgr.onStop(() => seen.push('second'));
      expect(mgr.offStop).toBeUndefined();
      await appRecords(p, mgr);
      expect(seen).toEqual(['second']);
    },
  );

  it.each([
    ['tt', () => douyin()],
    ['alipay', () => alipay()],
  ] as [string, () => FakePlatform][])('%s: listeners add up; offX(cb) removes one, offX() all', async (_, make) => {
    const p = make();
    const rc = compatFor(p);
    const mgr = rc.getRecorderManager();
    const seen: string[] = [];
    const first = () => seen.push('first');
    mgr.onStop(first);
    mgr.onStop(() => seen.push('second'));
    await appRecords(p, mgr);
    expect(seen).toEqual(['first', 'second']);
    mgr.offStop(first);
    await appRecords(p, mgr);
    expect(seen).toEqual(['first', 'second', 'second']);
    mgr.offStop();
    await appRecords(p, mgr);
    expect(seen).toHaveLength(3);
  });

  it.each([
    ['tt', () => douyin()],
    ['alipay', () => alipay()],
  ] as [string, () => FakePlatform][])(
    '%s: a listener that throws keeps none of the others from the event, and its error is thrown again on its own',
    async (_, make) => {
      const p = make();
      const rc = compatFor(p);
      const mgr = rc.getRecorderManager();
      const seen: string[] = [];
      mgr.onStop(() => {
        seen.push('stop 1');
        throw new Error('the page failed');
      });
      mgr.onStop(() => seen.push('stop 2'));
      mgr.start({});
      await tick(2000);
      mgr.stop();
      // The platform's onStop comes a little later; the page's error is the page's, thrown on its own.
      await expect(tick(1000)).rejects.toThrow('the page failed');
      expect(seen).toEqual(['stop 1', 'stop 2']);
      // The runtime's own answer to the app (a start refused while a legacy call holds the recorder): the same.
      mgr.onError(() => {
        seen.push('error 1');
        throw new Error('the page failed again');
      });
      mgr.onError(() => seen.push('error 2'));
      const legacy = track(rc.startRecord, 'start');
      mgr.start({});
      await expect(tick(10)).rejects.toThrow('the page failed again');
      expect(seen.slice(2)).toEqual(['error 1', 'error 2']);
      // Neither side's state was harmed: the legacy recording goes on and ends with its file.
      await tick(2000);
      const stop = track(rc.stopRecord, 'stop');
      await tick(1000);
      expectLegacyGot(p, { start: legacy, stop }, 1);
      expect(seen).toHaveLength(4);
    },
  );

  it("Douyin: no interruption events on the app's manager either", () => {
    const mgr = compatFor(douyin()).getRecorderManager();
    expect(mgr.onInterruptionBegin).toBeUndefined();
    expect(mgr.onStop).toBeTypeOf('function');
  });

  it("the same manager on every call (the platform's is global)", () => {
    const rc = compatFor(weapp());
    expect(rc.getRecorderManager()).toBe(rc.getRecorderManager());
  });

  it("React Native: the platform's start() Promise reaches the app", async () => {
    const p = reactNative({ permission: 'denied' });
    const mgr = compatFor(p).getRecorderManager();
    await expect(mgr.start({})).rejects.toThrow('Missing audio recording permissions.');
  });

  it("without a usable manager the platform's own value comes back (H5: its rejected Promise; Harmony: nothing)", async () => {
    const r = compatFor(h5()).getRecorderManager() as unknown as Promise<unknown>;
    expect(r).toBeInstanceOf(Promise);
    await expect(r).rejects.toEqual({ errMsg: expect.stringContaining('getRecorderManager:fail') });
    expect(compatFor(harmony()).getRecorderManager()).toBeUndefined();
  });
});
