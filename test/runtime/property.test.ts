/*
 * Random interleavings of startRecord / stopRecord / platform events / user answers / time,
 * checked against the invariants of SPEC §5.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { alipay, douyin, reactNative, weapp, type FakePlatform } from './fakes/platforms';
import { compatFor, settledOnce, tick, track, type Mode, type Outcome } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

type Cmd =
  | { t: 'start' | 'stop'; mode: Mode }
  | { t: 'advance'; ms: number }
  | { t: 'interrupt' | 'interruptionEnd' | 'dropOnStop' | 'crash' }
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
      ms: fc.oneof(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 6000 }), fc.integer({ min: 0, max: 90_000 })),
    }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constantFrom('interrupt' as const, 'interruptionEnd' as const, 'dropOnStop' as const, 'crash' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('appHide' as const), how: fc.constantFrom('pause' as const, 'stop' as const) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('popup' as const), answer: fc.constantFrom('allow' as const, 'deny' as const) }) }
);

const setup = fc.record({
  platform: fc.constantFrom('weapp', 'tt', 'alipay', 'rn'),
  scope: fc.constantFrom(true, false, undefined),
  popup: fc.constantFrom('allow' as const, 'deny' as const),
  privacy: fc.constantFrom('agreed' as const, 'agreed' as const, 'agreed' as const, 'disagree' as const),
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
  const rec = { startDelay: s.startDelay, stopDelay: s.stopDelay };
  const auth = {
    scope: s.scope,
    popup: s.popup,
    privacy: s.privacy,
    taroPromises: s.taroPromises,
    modalConfirm: s.modalConfirm,
    settingsGrant: s.settingsGrant,
  };
  if (s.platform === 'weapp') return weapp(auth, rec);
  if (s.platform === 'tt') return douyin(auth, rec);
  if (s.platform === 'alipay') return alipay({ micAllowed: s.granted }, rec);
  return reactNative({ permission: s.granted ? 'granted' : 'denied' }, rec);
}

it('random interleavings keep every invariant (1,000 runs)', async () => {
  await fc.assert(
    fc.asyncProperty(setup, fc.array(cmd, { minLength: 1, maxLength: 40 }), async (s, cmds) => {
      vi.clearAllTimers();
      const p = makePlatform(s);
      const rc = compatFor(p);
      rc.configureRecordCompat({ durationMs: s.durationMs, stopTimeoutMs: s.stopTimeoutMs, deniedPrompt: s.deniedPrompt });
      const limit = Math.min(s.durationMs ?? 60_000, p.maxDurationMs);
      const rec = p.recorder!;
      const starts: Outcome[] = [];
      const stops: Outcome[] = [];

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
      expect(rec.state).toBe('idle');
      // Files reported are the platform's files; a stopRecord's file is its startRecord's file.
      const files = new Set(rec.recordings.map((r) => r.tempFilePath).filter(Boolean));
      const started = new Set(starts.filter((o) => o.ok).map((o) => o.res.tempFilePath));
      for (const f of started) expect(files.has(f)).toBe(true);
      for (const o of stops) if (o.ok && o.res.tempFilePath) expect(started.has(o.res.tempFilePath)).toBe(true);
      // Success never reports a start that did not happen.
      expect(started.size).toBeLessThanOrEqual(rec.recordings.length);
    }),
    // FC_RUNS raises the count for a longer soak; 1,000 is the floor.
    { numRuns: Math.max(1000, Number(process.env.FC_RUNS) || 0) }
  );
}, 300_000);
