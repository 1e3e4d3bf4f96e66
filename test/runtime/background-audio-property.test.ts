/*
 * Random interleavings of the legacy background-audio calls, the app's own manager, platform
 * errors and time, on the WeChat and Taro H5 fakes, checked against docs/contract.md,
 * Decisions B1–B5: every call settles exactly once (one success or fail, then complete), nothing
 * throws, the state's status agrees with the manager, and the runtime never adds a listener after
 * the first (WeChat keeps one per event).
 */
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { createBackgroundAudioCompat, shareBackgroundAudioManager } from '../../src/runtime/background-audio';
import { h5BackgroundAudio, weappBackgroundAudio, type FakeBackgroundAudioPlatform } from './fakes/background-audio';
import { backgroundAudioApiOf, inWeChatBuild, settledOnce, track, type Mode, type Outcome } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const FILES: Record<string, number> = { 'https://x/a.mp3': 3_000, 'https://x/b.mp3': 20_000 };
const URLS = [...Object.keys(FILES), 'https://x/missing.mp3', ''];

type Cmd =
  | { t: 'play'; mode: Mode; url: string; title: boolean }
  | { t: 'pause' | 'stop' | 'state'; mode: Mode }
  | { t: 'seek'; mode: Mode; position: number }
  | { t: 'on'; which: 0 | 1 | 2 }
  | { t: 'appSrc'; url: string }
  | { t: 'appStop' | 'appPause' | 'crash' }
  | { t: 'advance'; ms: number };

const mode = fc.constantFrom<Mode>('callbacks', 'promise');
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({ t: fc.constant('play' as const), mode, url: fc.constantFrom(...URLS), title: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constantFrom('pause' as const, 'stop' as const, 'state' as const), mode }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constant('seek' as const), mode, position: fc.constantFrom(-1, 0, 1, 2.5, 15, 100) }),
  },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('on' as const), which: fc.constantFrom<0 | 1 | 2>(0, 1, 2) }) },
  { weight: 1, arbitrary: fc.record({ t: fc.constant('appSrc' as const), url: fc.constantFrom(...URLS.slice(0, 2)) }) },
  {
    weight: 1,
    arbitrary: fc.record({ t: fc.constantFrom('appStop' as const, 'appPause' as const, 'crash' as const) }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.oneof(fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 25_000 })),
    }),
  },
);

it('every call settles once, nothing throws, the state follows the manager, the listeners stay one per event', async () => {
  await fc.assert(
    fc.asyncProperty(
      // 'weapp-build': WeChat in a Taro build for WeChat, where the family leaves out what other platforms need.
      fc.constantFrom('weapp', 'weapp-build', 'h5', 'h5-3.6'),
      fc.integer({ min: 0, max: 300 }),
      fc.array(cmd, { maxLength: 30 }),
      (platform, loadDelay, cmds) =>
        inWeChatBuild(async () => {
          const p: FakeBackgroundAudioPlatform = platform.startsWith('weapp')
            ? weappBackgroundAudio({ files: FILES, loadDelay })
            : h5BackgroundAudio({
                files: FILES,
                loadDelay,
                ...(platform === 'h5-3.6' && { perCall: true, taroH5: '3.6.0' }),
              });
          const bc = createBackgroundAudioCompat(() => backgroundAudioApiOf(p.api));
          const [play, pause, seek, stop, state, ...ons] = bc;
          const calls: Outcome[] = [];
          const app = shareBackgroundAudioManager(bc);
          app.onEnded(() => {});
          for (const c of cmds) {
            if (c.t === 'play')
              calls.push(
                track((o) => play({ dataUrl: c.url, ...(c.title ? { title: 'T' } : {}), ...o }), 'play', [], c.mode),
              );
            else if (c.t === 'pause') calls.push(track(pause, 'pause', [], c.mode));
            else if (c.t === 'stop') calls.push(track(stop, 'stop', [], c.mode));
            else if (c.t === 'seek') calls.push(track((o) => seek({ position: c.position, ...o }), 'seek', [], c.mode));
            else if (c.t === 'state') {
              // The state is read at the call; the result arrives a microtask later.
              const pausedAtCall = p.managers[0]?.paused;
              const playingAtCall = p.managers[0]?.playing ?? false;
              const o = track(state, 'state', [], c.mode);
              calls.push(o);
              await vi.advanceTimersByTimeAsync(0);
              if (o.ok && o.res.status !== 2) expect(o.res.status).toBe(pausedAtCall ? 0 : 1);
              if (o.ok && o.res.status === 2) expect(Object.keys(o.res).sort()).toEqual(['errMsg', 'status']);
              // No track while the manager plays one: a late event ended the wrong track.
              if (o.ok && o.res.status === 2) expect(playingAtCall).toBe(false);
            } else if (c.t === 'on') ons[c.which]!(() => {});
            else if (c.t === 'appSrc') {
              app.title = 'Own';
              app.src = c.url;
            } else if (c.t === 'appStop') app.stop();
            else if (c.t === 'appPause') app.pause();
            else if (c.t === 'crash') p.managers[0]?.crash();
            else if (c.t === 'advance') await vi.advanceTimersByTimeAsync(c.ms);
          }
          await vi.advanceTimersByTimeAsync(60_000);
          for (const o of calls) expect(settledOnce(o), JSON.stringify(o.events.map((e) => e.type))).toBe(true);
          // One manager, however often Taro H5 3.6 would have made a new one; one runtime listener per event where WeChat
          // replaces.
          expect(p.managers).toHaveLength(1);
          if (platform.startsWith('weapp'))
            for (const e of ['Play', 'Pause', 'Stop', 'Ended', 'Error'])
              expect(p.managers[0]!.listenerCount(e)).toBe(1);
        }, platform === 'weapp-build'),
    ),
    { numRuns: Number(process.env.FC_RUNS ?? 300) },
  );
});
