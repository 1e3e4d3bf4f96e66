/*
 * One block per Decision of docs/contract.md (S1–S5: the legacy getSystemInfo* on WeChat's five
 * new APIs), run on the system-info fakes of every platform in SPEC §10.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { authorized, createSystemInfoCompat, wrapGetSystemInfo } from '../../src/runtime/system-info';
import { systemInfoFor } from './helpers';
import {
  NEW_APIS,
  SYSTEM_INFO_PLATFORMS,
  alipaySystemInfo,
  deprecationLine,
  baiduSystemInfo,
  douyinSystemInfo,
  jdSystemInfo,
  qqSystemInfo,
  DEPRECATION_LINE_FROM,
  jsSdkWx,
  taroH5BabelPlugin,
  taroH5SystemInfo,
  taroModuleOn,
  taroRnSystemInfo,
  taroWrapper,
  weappSystemInfo,
  FakeSystemInfoPlatform,
  type FakeSystemInfoPlatform as Platform,
} from './fakes/system-info';

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));
/** The legacy object's fields the merged one must give, with their values. */
const keptFields = (p: Platform) =>
  Object.entries(p.legacyObject()).filter(([k]) => !(p.shape.withoutNewHome ?? []).includes(k));
const answers = (p: Platform, n: string) => p.asksAndAnswers(n);

describe('Decision S1: the whole object is the five merged; each function asks only for its own', () => {
  it('WeChat 3.x: getSystemInfoSync() equals the legacy object field for field, without a legacy call or its deprecation line', () => {
    const p = weappSystemInfo();
    const info = systemInfoFor(p).getSystemInfoSync();
    for (const [k, v] of Object.entries(p.legacyObject())) expect(info[k], k).toEqual(v);
    // The new APIs' own fields come along (screenTop, memorySize…).
    expect(info.screenTop).toBe(91);
    expect(p.calls.sort()).toEqual([...NEW_APIS].sort());
    expect(p.legacyCalls).toBe(0);
    expect(p.printed).toEqual([]);
  });

  it.each(SYSTEM_INFO_PLATFORMS)(
    '%s: every field the legacy object has, with its value (but those the five do not give there)',
    (_, make) => {
      const p = make();
      const info = systemInfoFor(p).getSystemInfoSync();
      for (const [k, v] of keptFields(p)) expect(info[k], k).toEqual(v);
      // At most one legacy call, and none where all five answer (getAppBaseInfo with fontSizeSetting).
      const complete = NEW_APIS.every((n) => answers(p, n)) && !p.lacksFontSize();
      expect(p.legacyCalls).toBe(complete || p.shape.legacy === 'absent' ? 0 : 1);
    },
  );

  it.each(['2.20.1', '2.22.1', '2.23.3'])(
    'WeChat %s: getAppBaseInfo lacks fontSizeSetting; getAppBaseInfo() and the whole object take it from the legacy call, which prints nothing there',
    (sdk) => {
      const p = weappSystemInfo({ sdk });
      const si = systemInfoFor(p);
      expect(p.parts().getAppBaseInfo).not.toHaveProperty('fontSizeSetting');
      expect(si.getAppBaseInfo()).toMatchObject({ ...p.parts().getAppBaseInfo, fontSizeSetting: 17 });
      expect(si.getSystemInfoSync().fontSizeSetting).toBe(17);
      expect(p.calls.filter((c) => c === 'getSystemInfoSync')).toHaveLength(2);
      expect(p.printed).toEqual([]);
    },
  );

  it('WeChat 2.23.4 and later: getAppBaseInfo has fontSizeSetting; no legacy call, no deprecation line', () => {
    for (const sdk of ['2.23.4', '3.7.12']) {
      const p = weappSystemInfo({ sdk });
      const si = systemInfoFor(p);
      expect(si.getAppBaseInfo().fontSizeSetting).toBe(17);
      expect(si.getSystemInfoSync().fontSizeSetting).toBe(17);
      expect(p.legacyCalls, sdk).toBe(0);
    }
  });

  it.each(NEW_APIS.map((n, i) => [n, i] as const))(
    'WeChat 3.x: %s() calls that API alone and gives its answer',
    (name, i) => {
      const p = weappSystemInfo();
      const fns = Object.values(systemInfoFor(p));
      expect(fns[i]!()).toEqual(p.parts()[name]);
      expect(p.calls).toEqual([name]);
    },
  );

  it('reads afresh at each call: a turned device gives its new window', () => {
    const p = weappSystemInfo();
    const si = systemInfoFor(p);
    expect(si.getWindowInfo().windowWidth).toBe(390);
    expect(si.getSystemInfoSync().deviceOrientation).toBe('portrait');
    p.rotate();
    expect(si.getWindowInfo().windowWidth).toBe(844);
    expect(si.getSystemInfoSync().deviceOrientation).toBe('landscape');
  });

  it('the whole object is a copy: changing it changes nothing the platform gives next', () => {
    const p = weappSystemInfo({ singlePage: true });
    const si = systemInfoFor(p);
    const first = si.getSystemInfoSync();
    first.windowWidth = 1;
    (first.safeArea as any).top = 1;
    expect(si.getSystemInfoSync().windowWidth).toBe(390);
    expect(si.getSystemInfoSync().safeArea).toEqual(p.legacyObject().safeArea);
  });
});

describe('Decision S2: the new API where it exists and answers, else the legacy call; never a throw, never the deprecation line where the new API answers', () => {
  it.each(SYSTEM_INFO_PLATFORMS)(
    '%s: each of the five gives the fields of its group, with a legacy call only where it does not answer',
    (_, make) => {
      for (const [i, name] of NEW_APIS.entries()) {
        const p = make();
        const r = Object.values(systemInfoFor(p))[i]!() as Record<string, unknown>;
        const legacy = p.legacyObject();
        if (name === 'getAppBaseInfo' && p.lacksFontSize()) {
          // Not in full: the whole object, its answer over the legacy call's (fontSizeSetting: WeChat's 17, Taro H5's
          // NaN, or none where there is no legacy call).
          const font = 'fontSizeSetting' in legacy && p.shape.legacy !== 'absent' ? legacy.fontSizeSetting : undefined;
          expect(r, name).toMatchObject({ ...p.parts()[name], windowWidth: p.parts().getWindowInfo.windowWidth });
          expect(r.fontSizeSetting, name).toEqual(font);
          expect(p.legacyCalls, name).toBe(p.shape.legacy === 'absent' ? 0 : 1);
          expect(p.printed, name).toEqual([]);
        } else if (answers(p, name)) {
          expect(r, name).toEqual(p.parts()[name]);
          expect(p.legacyCalls, name).toBe(0);
          expect(p.printed, name).toEqual([]);
        } else {
          expect(p.legacyCalls, name).toBe(p.shape.legacy === 'absent' ? 0 : 1);
          // The legacy object's fields of this group, with their values (`*Authorized` as its booleans).
          for (const k of Object.keys(p.parts()[name]))
            if (k in legacy && !(p.shape.withoutNewHome ?? []).includes(k))
              expect(r[k], `${name}.${k}`).toEqual(legacy[k]);
        }
      }
    },
  );

  it('single-page mode: the three that answer undefined fall back (one legacy call each, its line printed); the other two do not', () => {
    const p = weappSystemInfo({ singlePage: true });
    const si = systemInfoFor(p);
    expect(si.getWindowInfo().windowHeight).toBe(753);
    expect(si.getDeviceInfo().model).toBe('iPhone 14<iPhone14,7>');
    expect(si.getAppBaseInfo().SDKVersion).toBe('3.7.12');
    expect(p.printed).toEqual([
      deprecationLine('getSystemInfoSync'),
      deprecationLine('getSystemInfoSync'),
      deprecationLine('getSystemInfoSync'),
    ]);
    p.printed.length = 0;
    expect(si.getSystemSetting().wifiEnabled).toBe(true);
    expect(si.getAppAuthorizeSetting().cameraAuthorized).toBe('authorized');
    expect(p.printed).toEqual([]);
  });

  it('WeChat 2.19.4: none of the five, so every call is the legacy one, which printed nothing then', () => {
    const p = weappSystemInfo({ sdk: '2.19.4' });
    const si = systemInfoFor(p);
    expect(si.getWindowInfo().statusBarHeight).toBe(47);
    expect(si.getSystemInfoSync().SDKVersion).toBe('2.19.4');
    expect(p.calls).toEqual(['getSystemInfoSync', 'getSystemInfoSync']);
    expect(p.printed).toEqual([]);
  });

  it('Alipay: its getWindowInfo (titleBarHeight and all), the legacy call for the rest; a getDeviceInfo Taro offers there is never asked', () => {
    const p = alipaySystemInfo({ taroDeviceInfo: true });
    const si = systemInfoFor(p);
    expect((si.getWindowInfo() as unknown as Record<string, unknown>).titleBarHeight).toBe(44);
    expect(p.calls).toEqual(['getWindowInfo']);
    const device = si.getDeviceInfo();
    expect(device.platform).toBe('iOS');
    expect(device).not.toHaveProperty('wrongDeviceInfo');
    expect(si.getSystemInfoSync().app).toBe('alipay');
    expect(p.calls).not.toContain('getDeviceInfo');
  });

  it.each([
    ['douyin', douyinSystemInfo, 'appName', 'Douyin'],
    ['baidu', baiduSystemInfo, 'host', 'baiduboxapp'],
    ['qq', qqSystemInfo, 'AppPlatform', 'qq'],
    ['jd', jdSystemInfo, 'SDKVersion', '2.6.0'],
  ] as const)(
    '%s: none of the five; the legacy call, the current API there, answers every function',
    (_, make, field, value) => {
      const p = make();
      const si = systemInfoFor(p);
      expect(si.getSystemInfoSync()[field]).toBe(value);
      expect(si.getWindowInfo().windowWidth).toBe(390);
      expect(si.getAppBaseInfo().language).toBe('zh_CN');
      expect(p.calls).toEqual(['getSystemInfoSync', 'getSystemInfoSync', 'getSystemInfoSync']);
      expect(p.printed).toEqual([]);
    },
  );

  it('Taro H5 4.0.7: no getSystemInfoSync, and nothing needs it: the five answer', () => {
    const p = taroH5SystemInfo({ version: '4.0.7' });
    const si = systemInfoFor(p);
    expect(p.api.getSystemInfoSync).toBeUndefined();
    const info = si.getSystemInfoSync();
    expect(info.windowHeight).toBe(664);
    expect(info.cameraAuthorized).toBe(false);
  });

  it("Taro RN: its getAppBaseInfo alone is not asked; the legacy call, current there, answers with what it holds (fontSizeSetting, null where getAppBaseInfo says '')", () => {
    const p = taroRnSystemInfo();
    const si = systemInfoFor(p);
    expect(si.getAppBaseInfo()).toMatchObject({ fontSizeSetting: 1, language: null, SDKVersion: null });
    expect(si.getWindowInfo().windowWidth).toBe(390);
    expect(p.calls).toEqual(['getSystemInfoSync', 'getSystemInfoSync']);
  });

  it('an API that throws is no answer; with no platform, no API and no legacy call, the empty object', () => {
    const throwing = new FakeSystemInfoPlatform({ name: 'odd', apis: { getWindowInfo: 'throws' }, legacy: 'throws' });
    const si = systemInfoFor(throwing);
    expect(si.getWindowInfo()).toEqual({});
    expect(si.getSystemInfoSync()).toEqual({});
    const none = createSystemInfoCompat(() => undefined);
    expect(none.map((f) => (f.length ? undefined : f()))).toEqual([{}, {}, {}, {}, {}, {}, undefined, undefined]);
  });
});

describe('Decision S3: getSystemInfo and getSystemInfoAsync keep their shape, results and delivery', () => {
  const events = (order: string[], label: string) => ({
    success: (r: any) => order.push(`${label} success ${r.errMsg}`),
    fail: () => order.push(`${label} fail`),
    complete: (r: any) => order.push(`${label} complete ${r.errMsg}`),
  });

  it.each([
    ['WeChat 3.x', () => weappSystemInfo()],
    ['WeChat 2.19.4', () => weappSystemInfo({ sdk: '2.19.4' })],
  ])(
    '%s: getSystemInfo({ … }) answers before it returns, as the legacy one does, with the same result',
    async (_, make) => {
      const p = make();
      const order: string[] = [];
      let result: any;
      const returned = systemInfoFor(p).getSystemInfo({
        ...events(order, 'runtime'),
        success: (r: any) => ((result = r), order.push(`runtime success ${r.errMsg}`)),
      });
      order.push('returned');
      const legacy = make();
      let legacyResult: any;
      (legacy.api.getSystemInfo as any)({
        ...events(order, 'legacy'),
        success: (r: any) => ((legacyResult = r), order.push(`legacy success ${r.errMsg}`)),
      });
      order.push('returned');
      expect(returned).toBeUndefined();
      expect(order).toEqual([
        'runtime success getSystemInfo:ok',
        'runtime complete getSystemInfo:ok',
        'returned',
        'legacy success getSystemInfo:ok',
        'legacy complete getSystemInfo:ok',
        'returned',
      ]);
      for (const [k, v] of Object.entries(legacyResult)) expect(result[k], k).toEqual(v);
    },
  );

  it('getSystemInfo() without callbacks: a Promise of the same result', async () => {
    const p = weappSystemInfo();
    const r = systemInfoFor(p).getSystemInfo();
    expect(r).toBeInstanceOf(Promise);
    const res: any = await r;
    const legacy: any = await (weappSystemInfo().api.getSystemInfo as any)();
    for (const [k, v] of Object.entries(legacy)) expect(res[k], k).toEqual(v);
  });

  it('getSystemInfoAsync({ … }): answers after it returns, as the legacy one does; nothing returned', async () => {
    const p = weappSystemInfo();
    const order: string[] = [];
    expect(systemInfoFor(p).getSystemInfoAsync(events(order, 'runtime'))).toBeUndefined();
    order.push('returned');
    expect((weappSystemInfo().api.getSystemInfoAsync as any)(events(order, 'legacy'))).toBeUndefined();
    order.push('returned');
    await flush();
    expect(order).toEqual([
      'returned',
      'returned',
      'runtime success getSystemInfoAsync:ok',
      'runtime complete getSystemInfoAsync:ok',
      'legacy success getSystemInfoAsync:ok',
      'legacy complete getSystemInfoAsync:ok',
    ]);
    expect(p.legacyCalls).toBe(0);
  });

  it('getSystemInfoAsync() without callbacks: a Promise (WeChat returns nothing; Taro types and Taro H5 return one)', async () => {
    const res: any = await systemInfoFor(weappSystemInfo()).getSystemInfoAsync();
    expect(res.errMsg).toBe('getSystemInfoAsync:ok');
    expect(res.windowWidth).toBe(390);
  });

  describe('a callback that throws', () => {
    const unhandled: unknown[] = [];
    const note = (e: unknown) => unhandled.push(e);
    afterEach(() => {
      process.off('unhandledRejection', note);
      unhandled.length = 0;
    });

    it.each(['getSystemInfo', 'getSystemInfoAsync'] as const)(
      '%s: surfaces as an unhandled rejection, not in the caller, and complete still runs',
      async (name) => {
        process.on('unhandledRejection', note);
        let completed = false;
        const call = () =>
          systemInfoFor(weappSystemInfo())[name]({
            success: () => {
              throw new Error('app bug');
            },
            complete: () => (completed = true),
          });
        expect(call).not.toThrow();
        await flush();
        await flush();
        expect(completed).toBe(true);
        expect(unhandled).toEqual([new Error('app bug')]);
      },
    );
  });
});

describe('Decision S4: an `*Authorized` field keeps its boolean meaning', () => {
  it("authorized(): only 'authorized' (or a legacy true) is true", () => {
    expect(['authorized', 'denied', 'not determined', true, false, undefined].map(authorized)).toEqual([
      true,
      false,
      false,
      true,
      false,
      false,
    ]);
  });

  it("WeChat 3.x: the whole object has booleans again, so `if (info.microphoneAuthorized)` is not taken for 'not determined'", () => {
    const p = weappSystemInfo();
    const info = systemInfoFor(p).getSystemInfoSync();
    expect(p.parts().getAppAuthorizeSetting.microphoneAuthorized).toBe('not determined');
    expect(info.microphoneAuthorized).toBe(false);
    expect(info.locationAuthorized).toBe(false);
    expect(info.cameraAuthorized).toBe(true);
    // Not an *Authorized field: it stays as it was (a boolean already).
    expect(info.locationReducedAccuracy).toBe(false);
    expect(info.bluetoothAuthorized).toBe(false);
  });

  it.each(SYSTEM_INFO_PLATFORMS)('%s: authorized(getAppAuthorizeSetting().x) is the legacy x', (_, make) => {
    const p = make();
    const setting = systemInfoFor(p).getAppAuthorizeSetting() as Record<string, unknown>;
    for (const [k, v] of Object.entries(p.legacyObject()))
      if (/Authorized$/.test(k)) expect(authorized(setting[k]), k).toBe(v);
  });
});

describe('Decision S5: `Taro.getSystemInfo` always returned a Promise', () => {
  it('with callbacks: the callbacks before it returns, then the Promise resolves with the same result, as Taro over the legacy call did', async () => {
    const order: string[] = [];
    const cb = (label: string) => ({
      success: () => order.push(`${label} success`),
      complete: () => order.push(`${label} complete`),
    });
    const wrapped = wrapGetSystemInfo(systemInfoFor(weappSystemInfo()).getSystemInfo);
    const r = wrapped(cb('runtime'));
    order.push('returned');
    const t = taroWrapper(weappSystemInfo().api.getSystemInfo as any)(cb('taro'));
    order.push('returned');
    expect(r).toBeInstanceOf(Promise);
    const [res, taroRes]: any[] = await Promise.all([
      r.then((x) => (order.push('runtime resolved'), x)),
      t.then((x) => (order.push('taro resolved'), x)),
    ]);
    expect(order).toEqual([
      'runtime success',
      'runtime complete',
      'returned',
      'taro success',
      'taro complete',
      'returned',
      'runtime resolved',
      'taro resolved',
    ]);
    for (const [k, v] of Object.entries(taroRes)) expect(res[k], k).toEqual(v);
  });

  describe("a callback that throws: Taro's Promise never settled, so code after an `await` of it never ran", () => {
    const unhandled: unknown[] = [];
    const note = (e: unknown) => unhandled.push(e);
    afterEach(() => {
      process.off('unhandledRejection', note);
      unhandled.length = 0;
    });
    /** Whether `p` has settled once the queue is empty. */
    const settles = async (p: Promise<unknown>) => {
      let settled = false;
      p.then(
        () => (settled = true),
        () => (settled = true),
      );
      await flush();
      return settled;
    };

    it('the runtime as Taro over WeChat: pending; complete still runs; the error reported, not thrown at the call', async () => {
      process.on('unhandledRejection', note);
      const completed: string[] = [];
      const options = (label: string) => ({
        success: () => {
          throw new Error(`${label} bug`);
        },
        complete: () => completed.push(label),
      });
      const wechat = weappSystemInfo();
      const taro = taroWrapper(wechat.api.getSystemInfo as any)(options('taro'));
      const runtime = wrapGetSystemInfo(systemInfoFor(weappSystemInfo()).getSystemInfo)(options('runtime'));
      expect(await settles(taro)).toBe(false);
      expect(await settles(runtime)).toBe(false);
      expect(completed).toEqual(['taro', 'runtime']);
      // WeChat reports the app's error (App.onError); the runtime, which has no such hook, as an unhandled rejection.
      expect(wechat.reported).toEqual([new Error('taro bug')]);
      expect(unhandled).toEqual([new Error('runtime bug')]);
    });

    it('a success that returns settles it as before (the control)', async () => {
      const r = wrapGetSystemInfo(systemInfoFor(weappSystemInfo()).getSystemInfo)({ success: () => undefined });
      expect(await settles(r)).toBe(true);
    });
  });

  it('`Taro.getSystemInfo({ success }).then(…)` works, and without callbacks it is a Promise too', async () => {
    const wrapped = wrapGetSystemInfo(systemInfoFor(weappSystemInfo()).getSystemInfo);
    await expect(wrapped({ success: () => undefined }).then((r) => r.errMsg)).resolves.toBe('getSystemInfo:ok');
    await expect(wrapped().then((r) => r.windowWidth)).resolves.toBe(390);
  });
});

describe('the fakes, as SPEC §10 says the platforms are', () => {
  it('WeChat prints the deprecation line from DEPRECATION_LINE_FROM on; 2.20.1–2.23.3 print nothing, and their getAppBaseInfo lacks fontSizeSetting', () => {
    const line = (sdk: string) => {
      const p = weappSystemInfo({ sdk });
      (p.api.getSystemInfoSync as () => unknown)();
      return p.printed;
    };
    expect(line('2.22.1')).toEqual([]);
    expect(line(DEPRECATION_LINE_FROM)).toEqual([deprecationLine('getSystemInfoSync')]);
    expect(weappSystemInfo({ sdk: '2.23.3' }).parts().getAppBaseInfo).not.toHaveProperty('fontSizeSetting');
    expect(weappSystemInfo({ sdk: '2.23.4' }).parts().getAppBaseInfo).toHaveProperty('fontSizeSetting', 17);
  });

  it("the web JS-SDK's wx has no system info; Taro H5's default export has none of its APIs", () => {
    const wx = jsSdkWx();
    expect(wx.startRecord).toBeTypeOf('function');
    for (const name of ['getSystemInfoSync', ...NEW_APIS]) expect(wx, name).not.toHaveProperty(name);
    const taro = taroModuleOn(taroH5SystemInfo()) as { default: Record<string, unknown> } & Record<string, unknown>;
    expect(Object.keys(taro.default)).toEqual(['getEnv']);
    expect(taro.getWindowInfo).toBeTypeOf('function');
  });

  it('taroH5BabelPlugin: a static read of an exported API becomes the named export; a computed read, or a name not exported, stays', () => {
    const code = 'a(import_taro.default.getWindowInfo); b(import_taro.default[name]); c(import_taro.default.getEnv)';
    expect(taroH5BabelPlugin(code, ['getWindowInfo'])).toBe(
      'a(import_taro.getWindowInfo); b(import_taro.default[name]); c(import_taro.default.getEnv)',
    );
  });

  it("WeCom: the legacy object says environment 'wxwork', none of the five has it; theme is there only in dark mode", () => {
    const weCom = weappSystemInfo({ weCom: true });
    expect((weCom.api.getSystemInfoSync as () => Record<string, unknown>)().environment).toBe('wxwork');
    for (const name of NEW_APIS) expect(weCom.parts()[name], name).not.toHaveProperty('environment');
    expect(weCom.shape.withoutNewHome).toEqual(['environment']);
    expect(weappSystemInfo().legacyObject()).not.toHaveProperty('theme');
    const dark = weappSystemInfo({ theme: 'dark' });
    expect(dark.parts().getAppBaseInfo.theme).toBe('dark');
    expect(dark.legacyObject().theme).toBe('dark');
  });

  it('storage keeps a copy through JSON, on every platform and through Taro', () => {
    for (const [name, make] of SYSTEM_INFO_PLATFORMS) {
      const p = make();
      const stored = { a: 1, n: NaN, o: { b: 2 } };
      (p.api.setStorageSync as (k: string, v: unknown) => void)('k', stored);
      stored.o.b = 3;
      expect((p.api.getStorageSync as (k: string) => unknown)('k'), name).toEqual({ a: 1, n: null, o: { b: 2 } });
      expect((taroModuleOn(p).getStorageSync as (k: string) => unknown)('missing'), name).toBe('');
    }
  });

  it('seenAs: the same platform, its legacy object changed as a migrated read sees it', () => {
    const p = weappSystemInfo({ weCom: true }).seenAs((legacy) => ({ ...legacy, environment: undefined }));
    expect((p.api.getSystemInfoSync as () => Record<string, unknown>)().environment).toBeUndefined();
    expect(p.parts().getWindowInfo.windowWidth).toBe(390);
  });
});
