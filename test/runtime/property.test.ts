/*
 * Random interleavings of startRecord / stopRecord / platform events / user answers / time,
 * checked against the invariants of docs/contract.md, Decisions R1–R12.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { alipay, baidu, douyin, qq, reactNative, weapp, type FakePlatform } from './fakes/platforms';
import { EVENTS, WX_ERR_AUTH, WX_ERR_AUTH_NO_RESPONSE, type Recording } from './fakes/recorder';
import { compatFor, inWeChatBuild, settledOnce, tick, track, type Mode, type Outcome } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type Cmd =
  | { t: 'start' | 'stop'; mode: Mode }
  | { t: 'advance'; ms: number }
  | { t: 'interrupt' | 'interruptionEnd' | 'dropOnStop' | 'swallowStart' | 'crash' }
  | { t: 'appHide'; how: 'pause' | 'stop' }
  | { t: 'popup'; answer: 'allow' | 'deny' };

const mode = fc.constantFrom<Mode>('callbacks', 'promise');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ t: fc.constant('start' as const), mode }) },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('stop' as const), mode }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.oneof(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 0, max: 90_000 }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constantFrom(
        'interrupt' as const,
        'interruptionEnd' as const,
        'dropOnStop' as const,
        'swallowStart' as const,
        'crash' as const,
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('appHide' as const),
      how: fc.constantFrom('pause' as const, 'stop' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('popup' as const),
      answer: fc.constantFrom('allow' as const, 'deny' as const),
    }),
  },
);

const setup = fc.record({
  platform: fc.constantFrom('weapp', 'weapp-build', 'qq', 'tt', 'alipay', 'rn', 'baidu'),
  // WeChat words a start() without the microphone in two ways.
  denial: fc.constantFrom(WX_ERR_AUTH, WX_ERR_AUTH_NO_RESPONSE),
  scope: fc.constantFrom(true, false, undefined),
  popup: fc.constantFrom('allow' as const, 'deny' as const),
  privacy: fc.constantFrom(
    'agreed' as const,
    'agreed' as const,
    'agreed' as const,
    'disagree' as const,
    'undeclared' as const,
  ),
  taroPromises: fc.boolean(),
  deniedPrompt: fc.boolean(),
  modalConfirm: fc.boolean(),
  settingsGrant: fc.boolean(),
  granted: fc.boolean(),
  startDelay: fc.integer({ min: 0, max: 600 }),
  stopDelay: fc.integer({ min: 0, max: 300 }),
  // Up to 3 min, so that 10 minutes of fake clock is always past every limit (the cap has its own tests).
  durationMs: fc.constantFrom(undefined, 3000, 30_000, 60_000, 180_000),
  stopTimeoutMs: fc.constantFrom(undefined, 1000, 3000),
});

type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

function makePlatform(s: Setup): FakePlatform {
  const rec = { startDelay: s.startDelay, stopDelay: s.stopDelay, denial: s.denial };
  const auth = {
    scope: s.scope,
    popup: s.popup,
    privacy: s.privacy,
    taroPromises: s.taroPromises,
    modalConfirm: s.modalConfirm,
    settingsGrant: s.settingsGrant,
  };
  if (s.platform.startsWith('weapp')) return weapp(auth, rec);
  if (s.platform === 'qq') return qq(auth, rec);
  if (s.platform === 'tt') return douyin(auth, rec);
  if (s.platform === 'alipay') return alipay({ micAllowed: s.granted }, rec);
  // Baidu documents no privacy agreement.
  if (s.platform === 'baidu') {
    const { privacy: _, ...noPrivacy } = auth;
    return baidu(noPrivacy, rec);
  }
  return reactNative({ permission: s.granted ? 'granted' : 'denied' }, rec);
}

it('random interleavings keep every invariant (1,000 runs)', async () => {
  await fc.assert(
    // 'weapp-build': WeChat in a Taro build for WeChat, where the family leaves out what other platforms need.
    fc.asyncProperty(setup, fc.array(cmd, { minLength: 1, maxLength: 40 }), (s, cmds) =>
      inWeChatBuild(async () => {
        vi.clearAllTimers();
        const p = makePlatform(s);
        const rc = compatFor(p);
        rc.configureRecordCompat({
          durationMs: s.durationMs,
          stopTimeoutMs: s.stopTimeoutMs,
          deniedPrompt: s.deniedPrompt,
        });
        const limit = Math.min(s.durationMs ?? 60_000, p.maxDurationMs);
        const rec = p.recorder!;
        const starts: Outcome[] = [];
        const stops: Outcome[] = [];
        // A start() the platform never answered leaves it starting for good.
        let swallowed = false;

        for (const c of cmds) {
          switch (c.t) {
            case 'start':
              starts.push(track(rc.startRecord, 'start', [], c.mode));
              break;
            case 'stop':
              stops.push(track(rc.stopRecord, 'stop', [], c.mode));
              break;
            case 'advance':
              await tick(c.ms);
              break;
            case 'interrupt':
              rec.interrupt();
              break;
            case 'interruptionEnd':
              rec.interruptionEnd();
              break;
            case 'dropOnStop':
              rec.dropNextOnStop = true;
              break;
            case 'swallowStart':
              rec.swallowNextStart = swallowed = true;
              break;
            case 'crash':
              rec.crash();
              break;
            case 'appHide':
              rec.appHide(c.how);
              break;
            case 'popup':
              if (p.auth) p.auth.popup = c.answer;
              break;
          }
          // Recording never starts without authorization (where the platform has scope.record).
          if (p.guarded) expect(rec.unauthorizedStarts).toBe(0);
        }

        await tick(10 * 60_000);

        // Each call settled exactly once, and complete followed exactly once.
        for (const o of [...starts, ...stops]) expect(settledOnce(o), JSON.stringify(o.events)).toBe(true);
        // No recording outlived its limit by more than the stop latency (a 0 ms timer fires after 1 ms).
        for (const r of rec.recordings) {
          if (r.startedAt === undefined) continue;
          expect(r.endedAt, 'a recording is still running after 10 minutes').toBeDefined();
          expect(r.endedAt! - r.startedAt).toBeLessThanOrEqual(limit + Math.max(s.stopDelay, 1));
        }
        if (!swallowed) expect(rec.state).toBe('idle');
        // Files reported are the platform's files; a stopRecord's file is its startRecord's file.
        const files = new Set(rec.recordings.map((r) => r.tempFilePath).filter(Boolean));
        const started = new Set(starts.filter((o) => o.ok).map((o) => o.res.tempFilePath));
        for (const f of started) expect(files.has(f)).toBe(true);
        for (const o of stops) if (o.ok && o.res.tempFilePath) expect(started.has(o.res.tempFilePath)).toBe(true);
        // Success never reports a start that did not happen.
        expect(started.size).toBeLessThanOrEqual(rec.recordings.length);
      }, s.platform === 'weapp-build'),
    ),
    // FC_RUNS raises the count for a longer soak; 1,000 is the floor.
    { numRuns: Math.max(1000, Number(process.env.FC_RUNS) || 0) },
  );
}, 300_000);

// ---- rule 12: the app's own manager and legacy calls, interleaved ---------------------------

type SharedCmd =
  | { t: 'start' | 'stop'; mode: Mode }
  | { t: 'appStart' | 'appStop' | 'appPause' | 'appResume' | 'appListen' }
  | { t: 'advance'; ms: number }
  | { t: 'interrupt' | 'interruptionEnd' | 'dropOnStop' | 'crash' }
  | { t: 'appHide'; how: 'pause' | 'stop' };

const sharedCmd: fc.Arbitrary<SharedCmd> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ t: fc.constantFrom('start' as const, 'stop' as const), mode }) },
  {
    weight: 4,
    arbitrary: fc.record({
      t: fc.constantFrom('appStart' as const, 'appStop' as const, 'appPause' as const, 'appResume' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('appListen' as const) }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.oneof(
        fc.integer({ min: 0, max: 400 }),
        fc.integer({ min: 0, max: 6000 }),
        fc.integer({ min: 0, max: 90_000 }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constantFrom('interrupt' as const, 'interruptionEnd' as const, 'dropOnStop' as const, 'crash' as const),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constant('appHide' as const),
      how: fc.constantFrom('pause' as const, 'stop' as const),
    }),
  },
);

const sharedSetup = fc.record({
  platform: fc.constantFrom('weapp', 'weapp-build', 'qq', 'tt', 'alipay', 'rn', 'baidu'),
  scope: fc.constantFrom(true, true, undefined),
  startDelay: fc.integer({ min: 0, max: 600 }),
  stopDelay: fc.integer({ min: 0, max: 300 }),
  appDuration: fc.constantFrom(undefined, 2000, 30_000),
});

it("rule 12: legacy calls and the app's own manager never take each other's events (1,000 runs)", async () => {
  await fc.assert(
    fc.asyncProperty(sharedSetup, fc.array(sharedCmd, { minLength: 1, maxLength: 40 }), (s, cmds) =>
      inWeChatBuild(async () => {
        vi.clearAllTimers();
        const rec = { startDelay: s.startDelay, stopDelay: s.stopDelay };
        const p = s.platform.startsWith('weapp')
          ? weapp({ scope: s.scope }, rec)
          : s.platform === 'qq'
            ? qq({ scope: s.scope }, rec)
            : s.platform === 'tt'
              ? douyin({ scope: s.scope }, rec)
              : s.platform === 'alipay'
                ? alipay({}, rec)
                : s.platform === 'baidu'
                  ? baidu({ scope: s.scope }, rec)
                  : reactNative({}, rec);
        const recorder = p.recorder!;
        const rc = compatFor(p);
        const mgr = rc.getRecorderManager();
        const starts: Outcome[] = [];
        const stops: Outcome[] = [];
        // What the app's listeners saw, and which platform recordings the app's own start() made.
        const got: [string, any][] = [];
        const appRecordings = new Set<Recording>();
        let appCalls = 0;
        let listeningSince: number | undefined;

        for (const c of cmds) {
          switch (c.t) {
            case 'start':
              starts.push(track(rc.startRecord, 'start', [], c.mode));
              break;
            case 'stop':
              stops.push(track(rc.stopRecord, 'stop', [], c.mode));
              break;
            case 'appStart': {
              appCalls++;
              const before = recorder.recordings.length;
              const r = mgr.start(s.appDuration === undefined ? {} : { duration: s.appDuration });
              // React Native's start() returns a Promise, rejected when the recorder is busy.
              if (r && typeof r.then === 'function') r.then(undefined, () => undefined);
              for (const made of recorder.recordings.slice(before)) appRecordings.add(made);
              break;
            }
            case 'appStop':
            case 'appPause':
            case 'appResume':
              appCalls++;
              mgr[c.t.slice(3).toLowerCase()]();
              break;
            case 'appListen':
              // One listener per event, whatever the platform's rule (offX() first where listeners add up).
              for (const e of EVENTS) {
                if (mgr['off' + e]) mgr['off' + e]();
                if (mgr['on' + e]) mgr['on' + e]((r: unknown) => got.push([e, r]));
              }
              listeningSince ??= recorder.log.length;
              break;
            case 'advance':
              await tick(c.ms);
              break;
            case 'interrupt':
              recorder.interrupt();
              break;
            case 'interruptionEnd':
              recorder.interruptionEnd();
              break;
            case 'dropOnStop':
              recorder.dropNextOnStop = true;
              break;
            case 'crash':
              recorder.crash();
              break;
            case 'appHide':
              recorder.appHide(c.how);
              break;
          }
        }
        // Long enough for every recording to end by its own duration, but React Native ignores
        // duration: an app that records stops at the end (as its page's onUnload would).
        await tick(10 * 60_000);
        if (appCalls) mgr.stop();
        await tick(10_000);

        // Every legacy call settled exactly once.
        for (const o of [...starts, ...stops]) expect(settledOnce(o), JSON.stringify(o.events)).toBe(true);
        const fileOf = (rs: Iterable<Recording>) => new Set([...rs].map((r) => r.tempFilePath).filter(Boolean));
        const appFiles = fileOf(appRecordings);
        const legacyFiles = fileOf(recorder.recordings.filter((r) => !appRecordings.has(r)));
        // No file crosses over: legacy calls get legacy recordings, the app's onStop the app's.
        for (const o of [...starts, ...stops])
          if (o.ok && o.res.tempFilePath) expect(legacyFiles.has(o.res.tempFilePath), o.res.tempFilePath).toBe(true);
        const appStops = got.filter(([e]) => e === 'Stop').map(([, r]) => r.tempFilePath);
        for (const f of appStops) expect(appFiles.has(f), `${f} reached the app`).toBe(true);
        // The app saw each of its own recordings that ended while it listened, exactly once.
        for (const r of appRecordings)
          if (r.tempFilePath && listeningSince !== undefined && r.stopLogIndex! >= listeningSince)
            expect(
              appStops.filter((f) => f === r.tempFilePath),
              `the app missed ${r.tempFilePath}`,
            ).toHaveLength(1);
        // No other event crossed over either: no onStart without a recording of the app's, and an
        // app that never touched its manager heard nothing at all, but the end of a system
        // interruption (the platform tells every listener, recording or not).
        expect(got.filter(([e]) => e === 'Start').length).toBeLessThanOrEqual(
          [...appRecordings].filter((r) => r.startedAt !== undefined).length,
        );
        if (appCalls === 0) expect(got.filter(([e]) => e !== 'InterruptionEnd')).toEqual([]);
        expect(recorder.state).toBe('idle');
      }, s.platform === 'weapp-build'),
    ),
    { numRuns: Math.max(1000, Number(process.env.FC_RUNS) || 0) },
  );
}, 300_000);
