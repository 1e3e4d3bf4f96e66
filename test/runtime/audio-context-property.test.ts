/*
 * Random pages coming and going, contexts made on them (page and component owners, the element's
 * src and loop), their four methods and time, checked against docs/contract.md, Decisions A1–A5.
 */
import fc from 'fast-check';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import {
  createAudioContextCompat,
  type AudioElementAttributes,
  type LegacyAudioContext,
} from '../../src/runtime/audio-context';
import {
  H5_BASE,
  WX_ANDROID_PLAYER_LIMIT,
  douyinAudio,
  h5Audio,
  rnAudio,
  weappAudio,
  type FakeAudioContext,
  type FakeAudioPlatform,
} from './fakes/audio';
import { FakePageStack, type FakeComponent, type FakePage } from './fakes/pages';
import { inWeChatBuild, innerAudioApiOf, tick } from './helpers';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const FILES: Record<string, number> = { 'https://x/a.mp3': 60_000, 'https://x/b.mp3': 20_000, '/audio/c.mp3': 3_000 };
const SOURCES = [...Object.keys(FILES), 'https://x/missing.mp3'];
const MAX_DEPTH = 3;

type Cmd =
  | { t: 'navigateTo' }
  | { t: 'navigateBack' }
  | { t: 'redirectTo' }
  | { t: 'blockAutoplay' }
  | { t: 'make'; id: 'a' | 'b'; component: boolean; src?: string; loop?: boolean }
  | { t: 'setSrc'; ctx: number; src: string }
  | { t: 'play'; ctx: number }
  | { t: 'pause'; ctx: number }
  | { t: 'seek'; ctx: number; position: number }
  | { t: 'advance'; ms: number };

const ctxIndex = fc.nat({ max: 20 });
const cmd: fc.Arbitrary<Cmd> = fc.oneof(
  {
    weight: 2,
    arbitrary: fc.constantFrom<Cmd>({ t: 'navigateTo' }, { t: 'navigateBack' }, { t: 'redirectTo' }),
  },
  {
    weight: 3,
    // Mostly with a source on the element, as the migration passes it; sometimes without.
    arbitrary: fc.record(
      {
        t: fc.constant('make' as const),
        id: fc.constantFrom('a' as const, 'b' as const),
        component: fc.boolean(),
        src: fc.option(fc.constantFrom(...SOURCES), { freq: 4, nil: undefined }),
        loop: fc.option(fc.boolean(), { nil: undefined }),
      },
      { requiredKeys: ['t', 'id', 'component'] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('setSrc' as const), ctx: ctxIndex, src: fc.constantFrom(...SOURCES) }),
  },
  { weight: 4, arbitrary: fc.record({ t: fc.constant('play' as const), ctx: ctxIndex }) },
  { weight: 2, arbitrary: fc.record({ t: fc.constant('pause' as const), ctx: ctxIndex }) },
  {
    weight: 2,
    arbitrary: fc.record({ t: fc.constant('seek' as const), ctx: ctxIndex, position: fc.constantFrom(0, 1, 2.5) }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      t: fc.constant('advance' as const),
      ms: fc.oneof(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 25_000 })),
    }),
  },
  { weight: 1, arbitrary: fc.constant<Cmd>({ t: 'blockAutoplay' }) },
);

const setup = fc.record({
  platform: fc.constantFrom('weapp', 'weapp-ios', 'weapp-build', 'tt', 'tt-ios', 'rn', 'h5', 'h5-3.6.0'),
  loadDelay: fc.integer({ min: 0, max: 300 }),
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

/** What the model knows of one emulated <audio>: the page it is on, its source and loop. */
interface Element {
  page: FakePage;
  src?: string;
  loop?: boolean;
  /** Where a seek with no player asked the next play to start (seconds). */
  pending: number;
}
interface Ctx {
  ctx: LegacyAudioContext;
  key: string;
  page: FakePage;
  element: AudioElementAttributes;
}

it('random pages, contexts and calls keep every invariant (500 runs)', async () => {
  await fc.assert(
    // 'weapp-build': WeChat in a Taro build for WeChat, where the family leaves out what other platforms need.
    fc.asyncProperty(setup, fc.array(cmd, { minLength: 10, maxLength: 50, size: 'max' }), (s, cmds) =>
      inWeChatBuild(async () => {
        vi.clearAllTimers();
        const p = makePlatform(s);
        const pages = new FakePageStack(s.platform.startsWith('h5') ? 'taro-h5' : 'weapp');
        // Each player the module makes, and the element (key) it was made for.
        const owner = new Map<FakeAudioContext, string>();
        // Where a player that has not started yet must start (seconds): the element's sought
        // position when it was made, or a seek on it since (A2).
        const startOf = new Map<FakeAudioContext, number>();
        let calling = '';
        const createAudioContext = createAudioContextCompat(
          () => innerAudioApiOf(p, (c) => owner.set(c, calling)),
          pages.getCurrentPages,
        );
        const elements = new Map<string, Element>();
        const contexts: Ctx[] = [];
        const components = new Map<FakePage, FakeComponent>();
        const visit = new Map<FakePage, number>();
        const onStack = (page: FakePage) => pages.stack.includes(page);
        // The players the module holds: not destroyed, nor released (Taro H5 3.6.0's destroy() throws).
        const live = () => [...owner.keys()].filter((c) => c.state !== 'destroyed' && !c.released);
        const playerOf = (key: string) => live().filter((c) => owner.get(c) === key);
        const douyinAndroid = s.platform === 'tt';

        const open = (route: string) => {
          const page = pages.navigateTo(route);
          visit.set(page, visit.size);
          return page;
        };
        open('pages/index/index');

        // The model of a call: the element it reaches (made at the first call, from the calling
        // context's element), or none when its page has left (A1).
        const reach = (x: Ctx) => {
          if (!onStack(x.page)) return undefined;
          if (!elements.has(x.key))
            elements.set(x.key, { page: x.page, src: x.element.src, loop: x.element.loop, pending: 0 });
          return elements.get(x.key)!;
        };

        // Checked after every call into the module.
        const afterCall = () => {
          for (const c of live()) {
            const el = elements.get(owner.get(c)!)!;
            // A4: no live player of a page that left; the call swept it.
            expect(onStack(el.page), 'a player of a page that left').toBe(true);
            // A2: the element's src (or setSrc's) and loop are the player's (H5's <audio> reads it
            // back absolute).
            if (!douyinAndroid)
              expect(c.src).toBe(s.platform.startsWith('h5') && el.src ? new URL(el.src, H5_BASE).href : el.src);
            expect(c.loop).toBe(!!el.loop);
          }
          // A1: one player per element.
          const keys = live().map((c) => owner.get(c));
          expect(new Set(keys).size).toBe(keys.length);
          // Never refused for too many players.
          expect(p.audio.maxLive).toBeLessThanOrEqual(WX_ANDROID_PLAYER_LIMIT);
          for (const c of owner.keys()) expect(c.overLimit).toBe(false);
        };

        for (const c of cmds) {
          if (c.t === 'navigateTo' || c.t === 'redirectTo') {
            if (c.t === 'navigateTo' && pages.stack.length >= MAX_DEPTH) continue;
            if (c.t === 'redirectTo') pages.redirectTo(`pages/r${visit.size}/r`);
            else open(`pages/p${visit.size}/p`);
            const top = pages.top!;
            if (!visit.has(top)) visit.set(top, visit.size);
            continue;
          }
          if (c.t === 'navigateBack') {
            pages.navigateBack();
            continue;
          }
          if (c.t === 'blockAutoplay') {
            p.audio.autoplayBlocked = !p.audio.autoplayBlocked;
            continue;
          }
          if (c.t === 'advance') {
            await tick(c.ms);
            // A3: a player that ended or failed (a missing file) is let go.
            expect(live().filter((pl) => pl.state === 'ended')).toEqual([]);
            // (Not on H5, where a play the browser refused keeps its player: A5.)
            if (!douyinAndroid && !s.platform.startsWith('h5'))
              expect(live().filter((pl) => !(pl.src in FILES))).toEqual([]);
            // A4: past a time update, nothing of a page that left plays on.
            if (c.ms >= 260)
              for (const pl of live())
                if (pl.state === 'playing') expect(onStack(elements.get(owner.get(pl)!)!.page)).toBe(true);
            continue;
          }
          if (c.t === 'make') {
            const page = pages.top!;
            // Three elements per page at most (ids a and b on the page, a in its component): with
            // three pages that stays under WeChat Android's 10 players.
            const id = c.component ? 'a' : c.id;
            let comp: FakeComponent | undefined;
            if (c.component) {
              if (!components.has(page)) components.set(page, pages.component('clip', page));
              comp = components.get(page);
            }
            const element: AudioElementAttributes = {};
            if (c.src !== undefined) element.src = c.src;
            if (c.loop !== undefined) element.loop = c.loop;
            const key = `${visit.get(page)}|${c.component ? 'component' : 'page'}|${id}`;
            expect(() =>
              contexts.push({ ctx: createAudioContext(id, comp, element), key, page, element }),
            ).not.toThrow();
            afterCall();
            continue;
          }
          if (!contexts.length) continue;
          const x = contexts[c.ctx % contexts.length]!;
          const el = reach(x);
          calling = x.key;
          const before = el ? playerOf(x.key)[0] : undefined;
          // Idle: made by a play() the browser refused, never started.
          const idleBefore = before?.state === 'idle';
          if (c.t === 'setSrc') {
            x.ctx.setSrc(c.src);
            if (el) {
              el.src = c.src;
              el.pending = 0;
            }
            // A2: a new source stops the old player (Taro H5 3.6.0's destroy() stops it, then throws).
            if (before)
              expect(s.platform === 'h5-3.6.0' ? before.released && before.paused : before.state === 'destroyed').toBe(
                true,
              );
          } else if (c.t === 'play') x.ctx.play();
          else if (c.t === 'pause') x.ctx.pause();
          else {
            x.ctx.seek(c.position);
            // Without a player, or with one another instance took (Douyin's one Android player: it
            // is let go), the seek is where the next player starts.
            if (el && (!before || (douyinAndroid && before.src !== el.src))) el.pending = c.position;
            if (el && idleBefore) startOf.set(before!, c.position);
          }
          afterCall();
          if (!el) {
            // A1: a context whose page left reaches nothing.
            expect(playerOf(x.key)).toEqual([]);
            continue;
          }
          const now = playerOf(x.key)[0];
          // A2: a player made by this play() is handed the position a seek without a player asked,
          // whether it plays now or not (H5's refused autoplay keeps it for the next play(): A5).
          if (c.t === 'play' && !before && now) {
            expect(now.startTime).toBe(el.pending);
            startOf.set(now, el.pending);
            el.pending = 0;
          }
          // Where the sound starts from, and whether it has enough left to still play after loading.
          const fresh = now !== undefined && startOf.has(now) && (!before || idleBefore);
          const from = fresh
            ? startOf.get(now!)!
            : before && before.state !== 'stopped'
              ? before.currentTime
              : el.pending;
          const room = el.loop || (FILES[el.src ?? ''] ?? 0) / 1000 - from > (s.loadDelay + 20) / 1000 + 0.05;
          if (
            c.t === 'play' &&
            el.src &&
            el.src in FILES &&
            room &&
            !(s.platform.startsWith('h5') && p.audio.autoplayBlocked)
          ) {
            // A2: it plays, from a new player or resumed, within its loading time.
            await tick(s.loadDelay + 20);
            expect(now, 'play() made no player').toBeDefined();
            expect(now!.state).toBe('playing');
            // Douyin's one player plays this element's source, not the one another instance set.
            if (douyinAndroid) expect(p.audio.shared!.src).toBe(el.src);
            // A player's first start is where it was asked to start (A2), a seek made while the
            // browser refused to play included.
            if (fresh) {
              expect(now!.currentTime).toBeGreaterThanOrEqual(from);
              expect(now!.currentTime).toBeLessThan(from + 0.1);
              startOf.delete(now!);
            }
          }
          if (c.t === 'pause' && now) {
            await tick(20);
            expect(now.state).not.toBe('playing');
          }
          if (c.t === 'seek' && now && now.state === 'playing') expect(now.currentTime).toBeCloseTo(c.position, 1);
        }

        // Every page left: the next call frees everything.
        pages.reLaunch('pages/end/end');
        createAudioContext('a').pause();
        expect(live()).toEqual([]);
      }, s.platform === 'weapp-build'),
    ),
    { numRuns: Math.max(500, Number(process.env.FC_RUNS) || 0) },
  );
}, 300_000);
