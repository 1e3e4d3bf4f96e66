/*
 * The two entries: Taro (default export of @tarojs/taro) and native (platform globals,
 * looked up at call time); and the three entries' family sections, written from the one table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alipay, baidu, douyin, h5, weapp, type FakePlatform } from './fakes/platforms';
import { douyinAudio, h5Audio, weappAudio, type FakeAudioPlatform } from './fakes/audio';
import { FakePageStack } from './fakes/pages';
import {
  alipayBackgroundAudio,
  h5BackgroundAudio,
  harmonyBackgroundAudio,
  rnBackgroundAudio,
  weappBackgroundAudio,
} from './fakes/background-audio';
import {
  alipaySystemInfo,
  deprecationLine,
  douyinSystemInfo,
  taroRnSystemInfo,
  weappSystemInfo,
  type FakeSystemInfoPlatform,
} from './fakes/system-info';
import { tick, track } from './helpers';
import { FakeCanvasPlatform } from './fakes/canvas';
import { painted, pixel } from './canvas-helpers';
import {
  ENTRIES,
  FAMILIES,
  entrySection,
  sectionModules,
  withEntrySection,
  type EntryName,
} from '../../src/runtime/families';
import { formatSection } from '../../scripts/write-runtime-entries.mjs';
import { ROOT } from '../helpers/paths';

// What `import Taro from '@tarojs/taro'` yields; each test puts its fake platform in it.
const taroHolder = vi.hoisted(() => ({ api: {} as Record<string, unknown> }));
vi.mock('@tarojs/taro', () => {
  const api = new Proxy(
    {},
    {
      get: (_t, k) => taroHolder.api[k as string],
      has: (_t, k) => k in taroHolder.api,
    },
  ) as Record<string, (...args: unknown[]) => unknown>;
  // The h5 entry imports Taro H5's functions by name: each forwards to the API of the test at the time of the call.
  const named =
    (name: string) =>
    (...args: unknown[]) =>
      api[name](...args);
  const names = ['createCanvasContext', 'canvasToTempFilePath', 'canvasGetImageData', 'canvasPutImageData'];
  return {
    default: api,
    createInnerAudioContext: named('createInnerAudioContext'),
    getBackgroundAudioManager: named('getBackgroundAudioManager'),
    getCurrentPages: named('getCurrentPages'),
    ...Object.fromEntries(names.map((name) => [name, named(name)])),
  };
});

const GLOBALS = ['wx', 'tt', 'qq', 'swan', 'jd', 'my'];
// What each entry exports: record, voice, background audio, system info, the canvas, the app's own managers, and the
// `…Wrapped` functions rewritten `Taro.*` calls of projects on Taro < 3.3.1 import.
const ENTRY_EXPORTS = [
  'arrayBufferToBase64',
  'authorized',
  'base64ToArrayBuffer',
  'canvasGetImageData',
  'canvasPutImageData',
  'canvasToTempFilePath',
  'canvasType',
  'configureRecordCompat',
  'createAudioContext',
  'createCanvasContext',
  'getAppAuthorizeSetting',
  'getAppBaseInfo',
  'getBackgroundAudioManager',
  'getBackgroundAudioPlayerState',
  'getBackgroundAudioPlayerStateWrapped',
  'getDeviceInfo',
  'getRecorderManager',
  'getSystemInfo',
  'getSystemInfoAsync',
  'getSystemInfoSync',
  'getSystemInfoWrapped',
  'getSystemSetting',
  'getWindowInfo',
  'onBackgroundAudioPause',
  'onBackgroundAudioPlay',
  'onBackgroundAudioStop',
  'pauseBackgroundAudio',
  'pauseVoice',
  'playBackgroundAudio',
  'playBackgroundAudioWrapped',
  'playVoice',
  'playVoiceWrapped',
  'seekBackgroundAudio',
  'seekBackgroundAudioWrapped',
  'startRecord',
  'startRecordWrapped',
  'stopBackgroundAudio',
  'stopRecord',
  'stopVoice',
];
const g = globalThis as Record<string, unknown>;

beforeEach(() => {
  vi.useFakeTimers();
  vi.resetModules();
});
afterEach(() => {
  vi.useRealTimers();
  for (const k of GLOBALS) delete g[k];
});

async function recordOnce(mod: { startRecord: (o?: any) => unknown; stopRecord: (o?: any) => unknown }, ms = 2000) {
  const start = track(mod.startRecord, 'start');
  await tick(ms);
  const stop = track(mod.stopRecord, 'stop');
  await tick(1000);
  return { start, stop };
}

describe('the entries are written from one table (src/runtime/families.ts)', () => {
  const entryFile = (module: string) => join(ROOT, 'src', 'runtime', `${module}.ts`);
  // What the script writes: the table's section as Prettier formats it in the entry.
  const written = async (entry: EntryName, text: string) =>
    withEntrySection(entry, text, await formatSection(entrySection(entry), entryFile(entry)));

  it.each(sectionModules().map(({ module, section }) => [module, section] as const))(
    '%s.ts: its family section is what scripts/write-runtime-entries.mjs writes',
    async (module, section) => {
      const text = readFileSync(entryFile(module), 'utf8');
      expect(
        withEntrySection(module, text, await formatSection(section(), entryFile(module))),
        'run node scripts/write-runtime-entries.mjs',
      ).toBe(text);
    },
  );

  it("a family an entry holds apart (the H5 entry's record family) is in its module, re-exported whole", () => {
    expect(sectionModules().map((m) => m.module)).toEqual(['taro', 'native', 'h5', 'h5-record']);
    const h5 = readFileSync(entryFile('h5'), 'utf8');
    const apart = readFileSync(entryFile('h5-record'), 'utf8');
    // The entry never imports the module (a bundler would keep it): it re-exports each of its functions.
    expect(h5).not.toMatch(/^import .*'\.\/h5-record(?:er)?'/m);
    expect(h5).toMatch(
      /^export \{ startRecord, stopRecord, configureRecordCompat, getRecorderManager, startRecordWrapped \} from '\.\/h5-record';$/m,
    );
    expect(apart).toMatch(/^export const startRecordWrapped = /m);
    expect(h5).not.toMatch(/^export const startRecordWrapped = /m);
    expect(h5).toMatch(/^export const playVoiceWrapped = /m);
  });

  it('a family added to the table reaches every entry, and a stale section is told', async () => {
    const text = readFileSync(entryFile('native'), 'utf8');
    const stale = text.replace(/^export const stopVoice.*\n/m, '');
    expect(stale).not.toBe(text);
    expect(await written('native', stale)).toBe(text);
    FAMILIES.push({ name: 'voice', modules: [], imports: {}, code: () => 'export const probe = 1;\n' });
    try {
      for (const entry of Object.keys(ENTRIES) as EntryName[])
        expect(await written(entry, readFileSync(entryFile(entry), 'utf8'))).toMatch(/^export const probe = 1;$/m);
    } finally {
      FAMILIES.pop();
    }
  });

  it('writes a section as Prettier would: a line over 120 columns is broken', async () => {
    const text = readFileSync(entryFile('taro'), 'utf8');
    const long = `export const probe = (option?: unknown): Promise<unknown> => Promise.resolve([option, option, option, option, option, option]);\n`;
    FAMILIES.push({ name: 'voice', modules: [], imports: {}, code: () => long });
    try {
      const section = await written('taro', text);
      expect(section).not.toContain(long);
      expect(section).toContain('export const probe = (option?: unknown): Promise<unknown> =>\n  Promise.resolve(');
    } finally {
      FAMILIES.pop();
    }
  });
});

describe('taro entry', () => {
  it('exports the API and records through Taro', async () => {
    const p = weapp({ scope: undefined, popup: 'allow', taroPromises: true });
    taroHolder.api = p.api;
    const mod = await import('../../src/runtime/taro');
    expect(Object.keys(mod).sort()).toEqual(ENTRY_EXPORTS);
    const { start, stop } = await recordOnce(mod);
    expect(start.ok).toBe(true);
    expect(stop.res.tempFilePath).toBe(start.res.tempFilePath);
    expect(p.auth!.calls).toEqual(['getSetting', 'authorize']);
  });

  it("getRecorderManager wraps Taro's manager and shares it with the legacy calls (rule 12)", async () => {
    const p = weapp();
    taroHolder.api = p.api;
    const mod = await import('../../src/runtime/taro');
    const mgr = mod.getRecorderManager() as unknown as Record<string, (a?: unknown) => void>;
    expect(mgr).not.toBe(p.recorder);
    expect(mod.getRecorderManager()).toBe(mgr);
    const got: string[] = [];
    mgr.onStop(() => got.push('app'));
    const { start } = await recordOnce(mod);
    expect(start.ok).toBe(true);
    expect(got).toEqual([]);
    mgr.start({});
    await tick(1000);
    mgr.stop();
    await tick(1000);
    expect(got).toEqual(['app']);
  });

  it('applies Alipay rules when Taro.getEnv() is ALIPAY', async () => {
    const p = alipay();
    taroHolder.api = { ...p.api, getEnv: () => 'ALIPAY' };
    const mod = await import('../../src/runtime/taro');
    mod.configureRecordCompat({ durationMs: 600000 });
    const start = track(mod.startRecord, 'start');
    await tick(181_000);
    expect(p.recorder!.recordings[0].options.duration).toBe(180000);
    expect((p.api.calls as string[]).length).toBe(0);
    expect(start.ok).toBe(true);
  });

  it('fails clearly on Taro H5', async () => {
    taroHolder.api = h5().api;
    const mod = await import('../../src/runtime/taro');
    const start = track(mod.startRecord, 'start');
    await tick(10);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail not supported' });
  });
});

describe('native entry', () => {
  it('uses wx when present', async () => {
    const p = weapp();
    g.wx = p.api;
    const mod = await import('../../src/runtime/native');
    expect(Object.keys(mod).sort()).toEqual(ENTRY_EXPORTS);
    const { start } = await recordOnce(mod);
    expect(start.ok).toBe(true);
    expect(p.recorder!.recordings).toHaveLength(1);
  });

  it.each<[string, () => FakePlatform]>([
    ['tt', () => douyin()],
    ['qq', () => weapp()],
    ['swan', () => baidu()],
    // JD: what it offers is not verified; a WeChat-like object only shows the global is picked.
    ['jd', () => weapp()],
  ])('uses %s when it is the platform global', async (name, make) => {
    const p = make();
    g[name] = p.api;
    const mod = await import('../../src/runtime/native');
    const { start } = await recordOnce(mod);
    expect(start.ok).toBe(true);
    expect(p.recorder!.recordings).toHaveLength(1);
  });

  it('looks the global up at call time, not at import time', async () => {
    const mod = await import('../../src/runtime/native');
    const none = track(mod.startRecord, 'none');
    await tick(10);
    expect(none.res).toEqual({ errMsg: 'startRecord:fail not supported' });
    const p = weapp();
    g.wx = p.api;
    const { start } = await recordOnce(mod);
    expect(start.ok).toBe(true);
  });

  it("getRecorderManager wraps the platform global's manager, looked up at call time", async () => {
    const mod = await import('../../src/runtime/native');
    expect(mod.getRecorderManager()).toBeUndefined();
    const p = douyin();
    g.tt = p.api;
    const mgr = mod.getRecorderManager() as unknown as Record<string, (a?: unknown) => void>;
    expect(typeof mgr.offStop).toBe('function');
    const got: string[] = [];
    mgr.onStop(() => got.push('app'));
    const { start } = await recordOnce(mod);
    expect(start.ok).toBe(true);
    expect(got).toEqual([]);
    mgr.start({});
    await tick(1000);
    mgr.stop();
    await tick(1000);
    expect(got).toEqual(['app']);
  });

  it('swan (Baidu): the guard asks for scope.record first, and a format Baidu refuses comes back as startRecord:fail with its reason', async () => {
    const p = baidu({ scope: undefined, popup: 'allow' });
    g.swan = p.api;
    const mod = await import('../../src/runtime/native');
    const { start } = await recordOnce(mod);
    expect(start.ok).toBe(true);
    expect(p.auth!.calls).toEqual(['getSetting', 'authorize']);
    expect(p.recorder!.unauthorizedStarts).toBe(0);
    mod.configureRecordCompat({ format: 'wav' });
    const refused = track(mod.startRecord, 'refused');
    await tick(2000);
    expect(refused.res).toEqual({ errMsg: 'startRecord:fail invalid format wav' });
    expect(p.recorder!.recordings).toHaveLength(1);
    // Denied in the popup: auth deny, the recorder untouched.
    const q = baidu({ scope: undefined, popup: 'deny' });
    g.swan = q.api;
    const denied = track(mod.startRecord, 'denied');
    await tick(2000);
    expect(denied.res).toEqual({ errMsg: 'startRecord:fail auth deny' });
    expect(q.recorder!.startCalls).toBe(0);
  });

  it('my (Alipay): no scope.record guard, 180 s cap', async () => {
    const p = alipay();
    g.my = p.api;
    const mod = await import('../../src/runtime/native');
    mod.configureRecordCompat({ durationMs: 300000 });
    const start = track(mod.startRecord, 'start');
    await tick(181_000);
    expect(start.ok).toBe(true);
    expect(p.recorder!.recordings[0].options.duration).toBe(180000);
    expect((p.api.calls as string[]).length).toBe(0);
  });
});

describe('voice API through the entries', () => {
  const FILE = 'wxfile://tmp/rec_1.aac';
  const files = { [FILE]: 3_000 };
  const playOnce = (mod: { playVoice: (o: any) => unknown }) =>
    track((o?: object) => mod.playVoice({ filePath: FILE, ...o }), 'play');

  it('taro entry: plays through Taro.createInnerAudioContext (Taro H5 has a real one, on <audio>)', async () => {
    const p = h5Audio({ files });
    taroHolder.api = { ...h5().api, ...p.api };
    const mod = await import('../../src/runtime/taro');
    const play = playOnce(mod);
    await tick(2_000);
    expect(play.events).toEqual([]);
    await tick(1_100);
    expect(play.res).toEqual({ errMsg: 'playVoice:ok' });
    // Recording still fails clearly there.
    const start = track(mod.startRecord, 'start');
    await tick(10);
    expect(start.res).toEqual({ errMsg: 'startRecord:fail not supported' });
  });

  it.each<[string, () => FakeAudioPlatform]>([
    ['wx', () => weappAudio({ files })],
    ['tt', () => douyinAudio({ files })],
  ])('native entry: plays through %s.createInnerAudioContext, looked up at call time', async (name, make) => {
    const mod = await import('../../src/runtime/native');
    const none = playOnce(mod);
    await tick(10);
    expect(none.res).toEqual({ errMsg: 'playVoice:fail not supported' });
    const p = make();
    g[name] = p.api;
    const play = playOnce(mod);
    await tick(3_100);
    expect(play.res).toEqual({ errMsg: 'playVoice:ok' });
    const stop = track(mod.stopVoice, 'stop');
    const pause = track(mod.pauseVoice, 'pause');
    await tick(0);
    expect([stop.res, pause.res]).toEqual([{ errMsg: 'stopVoice:ok' }, { errMsg: 'pauseVoice:ok' }]);
  });
});

describe('createAudioContext through the entries (docs/contract.md, Decisions A1–A6)', () => {
  const SRC = 'https://cdn.example.com/a.mp3';
  const files = { [SRC]: 3_000 };

  it('taro entry: Taro.createInnerAudioContext, and Taro.getCurrentPages() for the page; a page that left takes its player along', async () => {
    const p = weappAudio({ files });
    const pages = new FakePageStack();
    taroHolder.api = { ...p.api, getCurrentPages: pages.getCurrentPages };
    const mod = await import('../../src/runtime/taro');
    pages.navigateTo('pages/index/index');
    pages.navigateTo('pages/song/song');
    const ctx = mod.createAudioContext('myAudio', undefined, { src: SRC });
    // Synchronous, as WeChat's: nothing returned, no Promise.
    expect(ctx.play()).toBeUndefined();
    await tick(100);
    ctx.seek(2);
    expect(p.audio.created).toHaveLength(1);
    expect(p.audio.created[0]!.currentTime).toBeCloseTo(2, 1);
    pages.navigateBack();
    await tick(300);
    expect(p.audio.live).toHaveLength(0);
  });

  it.each<[string, () => FakeAudioPlatform]>([
    ['wx', () => weappAudio({ files })],
    ['tt', () => douyinAudio({ files })],
  ])(
    'native entry: %s.createInnerAudioContext and the global getCurrentPages, looked up at call time',
    async (name, make) => {
      const mod = await import('../../src/runtime/native');
      // No platform yet, no getCurrentPages: nothing plays, nothing throws.
      expect(() => mod.createAudioContext('myAudio', undefined, { src: SRC }).play()).not.toThrow();
      const p = make();
      const pages = new FakePageStack();
      g[name] = p.api;
      g.getCurrentPages = pages.getCurrentPages;
      try {
        pages.navigateTo('pages/index/index');
        const ctx = mod.createAudioContext('myAudio');
        ctx.setSrc(SRC);
        mod.createAudioContext('myAudio').play();
        await tick(100);
        expect(p.audio.created).toHaveLength(1);
        expect(p.audio.created[0]!.state).toBe('playing');
        ctx.pause();
        await tick(10);
        expect(p.audio.created[0]!.state).toBe('paused');
      } finally {
        delete g.getCurrentPages;
      }
    },
  );
});

describe('background audio through the entries', () => {
  const URL = 'https://cdn.example.com/a.mp3';
  const files = { [URL]: 3_000 };
  const playOnce = (mod: { playBackgroundAudio: (o: any) => unknown }) =>
    track((o?: object) => mod.playBackgroundAudio({ dataUrl: URL, ...o }), 'play');

  it('taro entry: plays through Taro.getBackgroundAudioManager; the app gets the shared one', async () => {
    const p = weappBackgroundAudio({ files });
    taroHolder.api = p.api;
    const mod = await import('../../src/runtime/taro');
    const stops: string[] = [];
    mod.onBackgroundAudioStop(() => stops.push('legacy'));
    const app = mod.getBackgroundAudioManager();
    expect(mod.getBackgroundAudioManager()).toBe(app);
    app.onEnded(() => stops.push('app'));
    const play = playOnce(mod);
    await tick(100);
    expect(play.res).toEqual({ errMsg: 'playBackgroundAudio:ok' });
    await tick(3_000);
    expect(stops).toEqual(['legacy', 'app']);
  });

  it.each([
    ['Alipay (Taro.getEnv() is ALIPAY)', () => alipayBackgroundAudio({ files })],
    ['Taro React Native', rnBackgroundAudio],
    ['Harmony', harmonyBackgroundAudio],
  ])('taro entry on %s: not supported, never a TypeError', async (_, make) => {
    taroHolder.api = make().api;
    const mod = await import('../../src/runtime/taro');
    const play = playOnce(mod);
    await tick(10);
    expect(play.res).toEqual({ errMsg: 'playBackgroundAudio:fail not supported' });
  });

  it.each([
    ['wx', () => weappBackgroundAudio({ files })],
    ['qq', () => weappBackgroundAudio({ files })],
    ['tt', () => h5BackgroundAudio({ files })],
  ])('native entry: plays through %s.getBackgroundAudioManager, looked up at call time', async (name, make) => {
    const mod = await import('../../src/runtime/native');
    const none = playOnce(mod);
    await tick(10);
    expect(none.res).toEqual({ errMsg: 'playBackgroundAudio:fail not supported' });
    g[name] = make().api;
    const play = playOnce(mod);
    await tick(100);
    expect(play.res).toEqual({ errMsg: 'playBackgroundAudio:ok' });
    const state = track(mod.getBackgroundAudioPlayerState, 'state');
    await tick(0);
    expect(state.res).toMatchObject({ status: 1, dataUrl: URL });
  });

  it('native entry on my (Alipay): not supported', async () => {
    g.my = alipayBackgroundAudio({ files }).api;
    const mod = await import('../../src/runtime/native');
    const play = playOnce(mod);
    await tick(10);
    expect(play.res).toEqual({ errMsg: 'playBackgroundAudio:fail not supported' });
  });
});

describe("Taro's wrapper, for Taro.* calls of projects on Taro < 3.3.1 (docs/contract.md, Decision R9)", () => {
  it('a Promise even with callbacks, resolved with the success result after the callbacks', async () => {
    const p = weappBackgroundAudio({ files: { 'https://x/a.mp3': 3_000 } });
    taroHolder.api = p.api;
    const mod = await import('../../src/runtime/taro');
    const order: string[] = [];
    const r = mod.playBackgroundAudioWrapped({
      dataUrl: 'https://x/a.mp3',
      success: () => order.push('success'),
      complete: () => order.push('complete'),
    });
    expect(r).toBeInstanceOf(Promise);
    r.then((res) => order.push(`resolve ${res.errMsg}`));
    await tick(100);
    expect(order).toEqual(['success', 'complete', 'resolve playBackgroundAudio:ok']);
  });

  it('rejected with the fail result even when fail was given; the fail callback runs first', async () => {
    taroHolder.api = rnBackgroundAudio().api;
    const mod = await import('../../src/runtime/taro');
    const order: string[] = [];
    const r = mod.seekBackgroundAudioWrapped({ position: 3, fail: (e: any) => order.push(`fail ${e.errMsg}`) });
    r.catch((e: any) => order.push(`reject ${e.errMsg}`));
    await tick(10);
    expect(order).toEqual([
      'fail seekBackgroundAudio:fail not supported',
      'reject seekBackgroundAudio:fail not supported',
    ]);
  });

  it('startRecordWrapped: `Taro.startRecord({ success }).then(…)` and `await` wait for the end of the recording', async () => {
    const p = weapp();
    taroHolder.api = p.api;
    const mod = await import('../../src/runtime/taro');
    const order: string[] = [];
    const r = mod
      .startRecordWrapped({ success: () => order.push('success') })
      .then((res: any) => order.push(`then ${res.errMsg}`));
    await tick(2000);
    expect(order).toEqual([]);
    mod.stopRecord();
    await tick(1000);
    await r;
    expect(order).toEqual(['success', 'then startRecord:ok']);
  });

  describe("a callback that throws: Taro's Promise settled only after the callback returned, so it stayed pending", () => {
    const unhandled: unknown[] = [];
    const note = (e: unknown) => unhandled.push(e);
    beforeEach(() => process.on('unhandledRejection', note));
    afterEach(() => {
      process.off('unhandledRejection', note);
      unhandled.length = 0;
    });
    const AUDIO = 'https://x/a.mp3';
    const VOICE = 'wxfile://tmp/rec_1.aac';
    type Mod = Record<string, (o?: any) => any>;
    // Each wrapped export on a platform where it succeeds: how to make the call, how long until it answers (and
    // what ends it: a recording succeeds once stopped).
    type Case = [string, () => Record<string, unknown>, (mod: Mod, o: object) => Promise<unknown>, number, Fn?];
    type Fn = (mod: Mod) => void;
    const cases: Case[] = [
      [
        'startRecordWrapped',
        () => weapp().api,
        (mod, o) => mod.startRecordWrapped!(o),
        2000,
        (mod) => mod.stopRecord!(),
      ],
      [
        'playVoiceWrapped',
        () => weappAudio({ files: { [VOICE]: 1_000 } }).api,
        (mod, o) => mod.playVoiceWrapped!({ filePath: VOICE, ...o }),
        1500,
      ],
      [
        'playBackgroundAudioWrapped',
        () => weappBackgroundAudio({ files: { [AUDIO]: 3_000 } }).api,
        (mod, o) => mod.playBackgroundAudioWrapped!({ dataUrl: AUDIO, ...o }),
        100,
      ],
      [
        'getBackgroundAudioPlayerStateWrapped',
        () => weappBackgroundAudio({ files: { [AUDIO]: 3_000 } }).api,
        (mod, o) => mod.getBackgroundAudioPlayerStateWrapped!(o),
        100,
      ],
      [
        'getSystemInfoWrapped',
        () => ({ ...weappSystemInfo().api, getEnv: () => 'WEAPP' }),
        (mod, o) => mod.getSystemInfoWrapped!(o),
        0,
      ],
    ];

    it.each(cases)(
      '%s: a throwing success leaves it pending; complete still runs; the error surfaces',
      async (_, api, call, ms, end) => {
        taroHolder.api = api();
        const mod = (await import('../../src/runtime/taro')) as unknown as Mod;
        const order: string[] = [];
        const r = call(mod, {
          success: () => {
            order.push('success');
            throw new Error('app bug');
          },
          complete: () => order.push('complete'),
        });
        void r.then(
          () => order.push('resolved'),
          () => order.push('rejected'),
        );
        await tick(ms);
        end?.(mod);
        await tick(2000);
        expect(order).toEqual(['success', 'complete']);
        expect(unhandled).toEqual([new Error('app bug')]);
      },
    );

    it('a throwing fail leaves it pending too (seekBackgroundAudioWrapped where there is no manager)', async () => {
      taroHolder.api = rnBackgroundAudio().api;
      const mod = await import('../../src/runtime/taro');
      const order: string[] = [];
      const r = mod.seekBackgroundAudioWrapped({
        position: 3,
        fail: () => {
          order.push('fail');
          throw new Error('app bug');
        },
      });
      void r.then(
        () => order.push('resolved'),
        () => order.push('rejected'),
      );
      await tick(100);
      expect(order).toEqual(['fail']);
      expect(unhandled).toEqual([new Error('app bug')]);
    });
  });

  it('playVoiceWrapped: resolves when the voice has played, with callbacks given', async () => {
    const FILE = 'wxfile://tmp/rec_1.aac';
    const p = weappAudio({ files: { [FILE]: 2_000 } });
    taroHolder.api = p.api;
    const mod = await import('../../src/runtime/taro');
    let done = '';
    mod.playVoiceWrapped({ filePath: FILE, complete: () => {} }).then((res: any) => (done = res.errMsg));
    await tick(1000);
    expect(done).toBe('');
    await tick(1500);
    expect(done).toBe('playVoice:ok');
  });
});

describe('system info through the entries (docs/contract.md, Decisions S1–S5)', () => {
  /** The legacy object's fields the merged one gives there, with their values. */
  const keptFields = (p: FakeSystemInfoPlatform) =>
    Object.entries(p.legacyObject()).filter(([k]) => !(p.shape.withoutNewHome ?? []).includes(k));

  it('taro entry, Taro 3.3+ on weapp (every wx function passed through): the new APIs answer, no legacy call, no deprecation line', async () => {
    const p = weappSystemInfo();
    g.wx = p.api;
    taroHolder.api = { ...p.api, getEnv: () => 'WEAPP' };
    const mod = await import('../../src/runtime/taro');
    expect(mod.getWindowInfo()).toEqual(p.parts().getWindowInfo);
    const info = mod.getSystemInfoSync();
    for (const [k, v] of keptFields(p)) expect(info[k], k).toEqual(v);
    expect(p.legacyCalls).toBe(0);
    expect(p.printed).toEqual([]);
  });

  it('taro entry, Taro 1–3.2 on weapp (`Taro` has getSystemInfoSync but none of the five): asks wx, so no deprecation line; without wx, the legacy call', async () => {
    const p = weappSystemInfo();
    const taroBefore33 = { getEnv: () => 'WEAPP', getSystemInfoSync: p.api.getSystemInfoSync };
    taroHolder.api = taroBefore33;
    g.wx = p.api;
    const mod = await import('../../src/runtime/taro');
    expect(mod.getDeviceInfo()).toEqual(p.parts().getDeviceInfo);
    expect(mod.getSystemInfoSync().windowWidth).toBe(p.parts().getWindowInfo.windowWidth);
    expect(p.printed).toEqual([]);
    // The control: what asking Taro alone would give there.
    delete g.wx;
    expect(mod.getDeviceInfo()).toMatchObject({ model: p.parts().getDeviceInfo.model });
    expect(p.printed).toEqual([deprecationLine('getSystemInfoSync')]);
  });

  it("taro entry on Alipay (Taro.getEnv() 'ALIPAY'): only getWindowInfo is asked; Taro's getDeviceInfo there is never used", async () => {
    const p = alipaySystemInfo({ taroDeviceInfo: true });
    taroHolder.api = { ...p.api, getEnv: () => 'ALIPAY' };
    const mod = await import('../../src/runtime/taro');
    expect(mod.getWindowInfo()).toEqual(p.parts().getWindowInfo);
    expect(mod.getDeviceInfo().model).toBe(p.legacyObject().model);
    expect(p.calls).not.toContain('getDeviceInfo');
    expect(p.legacyCalls).toBe(1);
  });

  it('taro entry on Taro React Native (getAppBaseInfo only): the legacy call answers, never a TypeError', async () => {
    const p = taroRnSystemInfo();
    taroHolder.api = { ...p.api, getEnv: () => 'RN' };
    const mod = await import('../../src/runtime/taro');
    expect(mod.getAppBaseInfo().fontSizeSetting).toBe(p.legacyObject().fontSizeSetting);
    expect(mod.getWindowInfo().windowHeight).toBe(p.legacyObject().windowHeight);
    expect(p.legacyCalls).toBe(2);
  });

  it.each<[string, string, () => FakeSystemInfoPlatform, number]>([
    ['wx', 'WeChat 3.x', () => weappSystemInfo(), 0],
    ['wx', 'single-page mode', () => weappSystemInfo({ singlePage: true }), 1],
    ['my', 'Alipay', () => alipaySystemInfo(), 0],
    ['tt', 'Douyin', douyinSystemInfo, 1],
  ])('native entry on %s (%s): getWindowInfo() answers with %d legacy call(s)', async (name, _, make, legacyCalls) => {
    const p = make();
    g[name] = p.api;
    const mod = await import('../../src/runtime/native');
    expect(mod.getWindowInfo().windowWidth).toBe(p.legacyObject().windowWidth);
    expect(p.legacyCalls).toBe(legacyCalls);
  });

  it('getSystemInfo runs its callbacks before it returns; getSystemInfoAsync after; both give the whole object with their errMsg', async () => {
    const p = weappSystemInfo();
    g.wx = p.api;
    const mod = await import('../../src/runtime/native');
    const order: string[] = [];
    expect(
      mod.getSystemInfo({
        success: (r) => order.push(`success ${r.errMsg} ${r.pixelRatio}`),
        complete: () => order.push('complete'),
      }),
    ).toBeUndefined();
    expect(mod.getSystemInfoAsync({ success: (r) => order.push(`async ${r.errMsg}`) })).toBeUndefined();
    order.push('returned');
    await Promise.resolve();
    expect(order).toEqual(['success getSystemInfo:ok 3', 'complete', 'returned', 'async getSystemInfoAsync:ok']);
    await expect(mod.getSystemInfo()).resolves.toMatchObject({
      errMsg: 'getSystemInfo:ok',
      model: p.parts().getDeviceInfo.model,
    });
    expect(p.legacyCalls).toBe(0);
  });

  it('getSystemInfoWrapped (what `Taro.getSystemInfo` returned on every Taro, Decision S5): a Promise even with callbacks, resolved after them', async () => {
    const p = weappSystemInfo();
    g.wx = p.api;
    taroHolder.api = { ...p.api, getEnv: () => 'WEAPP' };
    const mod = await import('../../src/runtime/taro');
    const order: string[] = [];
    const r = mod.getSystemInfoWrapped({
      success: () => order.push('success'),
      complete: () => order.push('complete'),
    });
    expect(r).toBeInstanceOf(Promise);
    await r.then((res) => order.push(`then ${res.errMsg} ${res.windowWidth}`));
    expect(order).toEqual(['success', 'complete', `then getSystemInfo:ok ${p.parts().getWindowInfo.windowWidth}`]);
  });

  it('authorized(): an `*Authorized` field of getAppAuthorizeSetting() read with its legacy boolean meaning (Decision S4)', async () => {
    const p = weappSystemInfo();
    g.wx = p.api;
    const mod = await import('../../src/runtime/native');
    const setting = mod.getAppAuthorizeSetting();
    expect(mod.authorized(setting.microphoneAuthorized)).toBe(p.legacyObject().microphoneAuthorized);
    expect(mod.getSystemInfoSync().microphoneAuthorized).toBe(p.legacyObject().microphoneAuthorized);
    expect(mod.authorized('not determined')).toBe(false);
  });
});

describe('the legacy canvas through the entries (docs/contract.md, Decisions C1–C4)', () => {
  /** A page with a migrated canvas `m` on a fake WeChat; the entry's context draws a red square on it. */
  async function drawRed(mod: { createCanvasContext: (id: string) => any }) {
    const ctx = mod.createCanvasContext('m');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 10, 10);
    let called = false;
    ctx.draw(false, () => (called = true));
    await tick(100);
    return called;
  }
  const weChatCanvas = () => {
    const p = new FakeCanvasPlatform();
    const el = p.mount(p.page(), { id: 'm', canvasId: 'm', type: '2d', width: 20, height: 20 });
    return { p, el };
  };

  it("taro entry on weapp: Canvas 2D through wx, Taro.getCurrentPages() for the page; the platform's legacy context is never made", async () => {
    const { p, el } = weChatCanvas();
    g.wx = p.api;
    taroHolder.api = { getEnv: () => 'WEAPP', getCurrentPages: p.pages.getCurrentPages };
    const mod = await import('../../src/runtime/taro');
    expect(await drawRed(mod)).toBe(true);
    expect(pixel(p.shown(el), 2, 2)).toEqual([255, 0, 0, 255]);
    expect(p.calls).not.toContain('createCanvasContext');
    const res = await mod.canvasGetImageData({ canvasId: 'm', x: 0, y: 0, width: 1, height: 1 });
    expect([...res.data]).toEqual([255, 0, 0, 255]);
    // the type the moved canvas's JSX or Vue template binds
    expect(mod.canvasType).toBe('2d');
  });

  it("taro entry off WeChat (Taro.getEnv() 'ALIPAY'): Taro's own createCanvasContext, as called", async () => {
    const made: unknown[][] = [];
    const own = { draw: () => {} };
    taroHolder.api = { getEnv: () => 'ALIPAY', createCanvasContext: (...a: unknown[]) => (made.push(a), own) };
    const mod = await import('../../src/runtime/taro');
    const scope = {};
    expect(mod.createCanvasContext('m', scope)).toBe(own);
    expect(made).toEqual([['m', scope]]);
    // no type: a 2D canvas would stay blank under the platform's legacy context
    expect(mod.canvasType).toBeUndefined();
  });

  it.each([
    ['Douyin, wx absent', 'TT', false],
    ['Alipay, wx present', 'ALIPAY', true],
  ])(
    "taro entry on %s: the canvas type is none, its template's canvas stays the platform's legacy one",
    async (_, env, withWx) => {
      if (withWx) g.wx = weChatCanvas().p.api;
      taroHolder.api = { getEnv: () => env };
      const mod = await import('../../src/runtime/taro');
      expect(mod.canvasType).toBeUndefined();
    },
  );

  it('native entry: Canvas 2D on wx; where qq is there too (QQ answers to wx), its own legacy canvas', async () => {
    const { p, el } = weChatCanvas();
    g.wx = p.api;
    const mod = await import('../../src/runtime/native');
    (g as any).getCurrentPages = p.pages.getCurrentPages;
    try {
      expect(await drawRed(mod)).toBe(true);
      expect(painted(p.shown(el))).toBe(true);
      expect(p.calls).not.toContain('createCanvasContext');
      expect(mod.canvasType).toBe('2d');
      g.qq = p.api;
      mod.createCanvasContext('m');
      expect(p.calls).toContain('createCanvasContext');
    } finally {
      delete (g as any).getCurrentPages;
    }
  });
});

describe('base64 through the entries (docs/contract.md, Decisions E1–E3)', () => {
  it.each(['taro', 'native', 'h5'])(
    '%s entry: the module’s two functions, on no platform object at all (Taro H5’s own are not asked)',
    async (entry) => {
      // Taro H5's own pair answered a Uint8Array, and '' for a real ArrayBuffer: the entry must not reach them.
      taroHolder.api = { arrayBufferToBase64: () => '', base64ToArrayBuffer: () => new Uint8Array(1) };
      const base64 = await import('../../src/runtime/base64');
      const mod = (await import(`../../src/runtime/${entry}.ts`)) as typeof base64;
      expect(mod.arrayBufferToBase64).toBe(base64.arrayBufferToBase64);
      expect(mod.base64ToArrayBuffer).toBe(base64.base64ToArrayBuffer);
      expect(mod.arrayBufferToBase64(new Uint8Array([11, 22, 33]).buffer)).toBe('CxYh');
      expect(mod.base64ToArrayBuffer('CxYh')).toBeInstanceOf(ArrayBuffer);
    },
  );
});
