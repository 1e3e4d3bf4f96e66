/*
 * Random interleavings of playVoice / pauseVoice / stopVoice / new plays / platform errors /
 * time, checked against the invariants of docs/contract.md, Decisions V1–V4.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createVoiceCompat, type VoiceApi } from '../../src/runtime/voice';
import {
  douyinAudio,
  h5Audio,
  rnAudio,
  weappAudio,
  type FakeAudioContext,
  type FakeAudioPlatform,
} from './fakes/audio';
import { inWeChatBuild, innerAudioApiOf, settledOnce, tick, track, type Mode, type Outcome } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const FILES: Record<string, number> = { 'wxfile://a.aac': 3_000, 'wxfile://b.mp3': 20_000, 'wxfile://c.aac': 75_000 };
const PATHS = [...Object.keys(FILES), 'wxfile://missing.aac', 'wxfile://old.silk'];

type Cmd =
  | { t: 'play'; mode: Mode; file: string; duration?: number }
  | { t: 'pause' | 'stop'; mode: Mode }
  | { t: 'advance'; ms: number }
  | { t: 'crash' | 'appPlayer' | 'blockAutoplay' | 'routeChange' };

const mode = fc.constantFrom<Mode>('callbacks', 'promise');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record(
      {
        t: fc.constant('play' as const),
        mode,
        file: fc.constantFrom(...PATHS),
        duration: fc.constantFrom(1, 2, 10, 30, 100),
      },
      { requiredKeys: ['t', 'mode', 'file'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('pause' as const), mode }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('stop' as const), mode }) },
  {
    weight: 6,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.oneof(
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 90_000 }),
      ),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      t: fc.constantFrom('crash' as const, 'appPlayer' as const, 'blockAutoplay' as const, 'routeChange' as const),
    }),
  },
);

const setup = fc.record({
  platform: fc.constantFrom('weapp', 'weapp-ios', 'weapp-build', 'tt', 'tt-ios', 'rn', 'h5', 'h5-3.6.0'),
  loadDelay: fc.integer({ min: 0, max: 500 }),
});

function makePlatform(s: { platform: string; loadDelay: number }): FakeAudioPlatform {
  const o = {
    files: FILES,
    loadDelay: s.loadDelay,
    os: s.platform.endsWith('ios') ? ('ios' as const) : ('android' as const),
  };
  if (s.platform.startsWith('weapp')) return weappAudio(o);
  if (s.platform.startsWith('tt')) return douyinAudio(o);
  // Taro H5 4.2.1, or 3.6.0 (every play seeks to startTime, destroy() throws, no error events).
  return s.platform === 'rn' ? rnAudio(o) : h5Audio({ ...o, taroH5: s.platform === 'h5-3.6.0' ? '3.6.0' : undefined });
}

interface Play {
  o: Outcome;
  at: number;
  /** the latest a play may settle: its limit, or the file's end plus loading if that comes first */
  deadline: number;
}

it('random interleavings keep every invariant (1,000 runs)', async () => {
  await fc.assert(
    // 'weapp-build': WeChat in a Taro build for WeChat, where the family leaves out what other platforms need.
    fc.asyncProperty(setup, fc.array(cmd, { minLength: 1, maxLength: 40 }), (s, cmds) =>
      inWeChatBuild(async () => {
        vi.clearAllTimers();
        const p = makePlatform(s);
        // The runtime's own players, told apart from the app's.
        const mine: FakeAudioContext[] = [];
        const vc = createVoiceCompat(() => innerAudioApiOf(p, (c) => mine.push(c)) as VoiceApi);
        // The players the module holds: not destroyed, nor released (Taro H5 3.6.0's destroy() throws).
        const held = () => mine.filter((c) => c.state !== 'destroyed' && !c.released);
        const alive = () => held().length;
        const plays: Play[] = [];
        const others: Outcome[] = [];
        let appPlayers = 0;

        for (const c of cmds) {
          switch (c.t) {
            case 'play': {
              const o = track(
                (x?: object) => vc.playVoice({ filePath: c.file, duration: c.duration, ...x }),
                'play',
                [],
                c.mode,
              );
              const limit = (c.duration ?? 60) * 1000;
              const length = FILES[c.file] ?? 0;
              // Resuming needs only 10 ms, a fresh start loadDelay; either way at most the file plus loading.
              plays.push({ o, at: Date.now(), deadline: Date.now() + Math.min(limit, length + s.loadDelay + 10) });
              break;
            }
            case 'pause':
              others.push(track(vc.pauseVoice, 'pause', [], c.mode));
              break;
            case 'stop':
              others.push(track(vc.stopVoice, 'stop', [], c.mode));
              break;
            case 'advance':
              // Step through time so every settling is seen no later than its deadline allows.
              for (let left = c.ms; left > 0; left -= 1000) {
                await tick(Math.min(1000, left));
                for (const pl of plays)
                  if (Date.now() > pl.deadline + 1000)
                    expect(pl.o.events.length, 'a play outlived its end').toBeGreaterThan(0);
              }
              break;
            case 'crash':
              mine.at(-1)?.crash();
              break;
            case 'appPlayer':
              // The app's own players count against WeChat Android's limit too.
              if (appPlayers++ < 5) p.audio.create();
              break;
            case 'blockAutoplay':
              p.audio.autoplayBlocked = !p.audio.autoplayBlocked;
              break;
            case 'routeChange':
              // Taro H5's router stops every player at a page change (elsewhere nothing happens).
              p.audio.routeChange();
              break;
          }
          // Never more than one of the runtime's players holds resources.
          expect(alive()).toBeLessThanOrEqual(1);
        }

        await tick(10 * 60_000);

        // Every call settled exactly once (complete once after it), and nothing is left pending.
        for (const o of [...plays.map((pl) => pl.o), ...others])
          expect(settledOnce(o), JSON.stringify(o.events)).toBe(true);
        expect(vi.getTimerCount()).toBe(0);
        for (const pl of plays) if (pl.o.ok) expect(pl.o.res).toEqual({ errMsg: 'playVoice:ok' });
        for (const o of others) expect(o.ok).toBe(true);
        // A paused voice may stay held (to resume); anything else is let go.
        expect(alive()).toBeLessThanOrEqual(1);
        if (alive() === 1) expect(held()[0]!.state).toBe('paused');
        // Never refused for too many players: the app holds at most 5, the runtime 1.
        for (const c of mine) expect(c.overLimit).toBe(false);
      }, s.platform === 'weapp-build'),
    ),
    // FC_RUNS raises the count for a longer soak; 1,000 is the floor.
    { numRuns: Math.max(1000, Number(process.env.FC_RUNS) || 0) },
  );
}, 300_000);
