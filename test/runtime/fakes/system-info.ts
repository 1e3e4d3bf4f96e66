/*
 * Fake platform objects for the system-info family (docs/contract.md, system-info facts and
 * Decisions S1–S5; SPEC §10): which of WeChat's five new APIs each platform has, what they answer
 * (single-page mode: undefined), and the legacy getSystemInfoSync / getSystemInfo /
 * getSystemInfoAsync beside them. Every call is logged, so a test can assert the legacy call was
 * NOT made, and the deprecation line WeChat prints on each legacy call goes into `printed` (the
 * fake's console). The device is a typical iPhone 14; `rotate()` turns it, so a test can tell a
 * fresh read from a kept one. Also WeChat's web JS-SDK `wx` (a Taro H5 page in WeChat's browser),
 * and what Taro's Babel plugin does to code on Taro H5 builds.
 */

export const NEW_APIS = [
  'getWindowInfo',
  'getDeviceInfo',
  'getAppBaseInfo',
  'getSystemSetting',
  'getAppAuthorizeSetting',
] as const;
export type NewApi = (typeof NEW_APIS)[number];
export const LEGACY_APIS = ['getSystemInfoSync', 'getSystemInfo', 'getSystemInfoAsync'] as const;

/**
 * What one of the five does on a platform: answers with its object, answers undefined (single-page mode), is missing,
 * throws.
 */
export type Behaviour = 'answers' | 'undefined' | 'absent' | 'throws';
/**
 * The legacy call: deprecated (prints WeChat's line on every call), silent (the platform's current API, or WeChat's
 * before the line came), missing, throws.
 */
export type LegacyBehaviour = 'deprecated' | 'current' | 'absent' | 'throws';

type Info = Record<string, unknown>;
type Cb = { success?: (r: Info) => void; fail?: (r: Info) => void; complete?: (r: Info) => void };

/** The 33 fields `SystemInfo` types (miniprogram-api-typings 5.2.x): what WeChat's legacy object holds. */
export const LEGACY_FIELDS = [
  'SDKVersion',
  'albumAuthorized',
  'benchmarkLevel',
  'bluetoothEnabled',
  'brand',
  'cameraAuthorized',
  'deviceOrientation',
  'enableDebug',
  'fontSizeSetting',
  'host',
  'language',
  'locationAuthorized',
  'locationEnabled',
  'locationReducedAccuracy',
  'microphoneAuthorized',
  'model',
  'notificationAlertAuthorized',
  'notificationAuthorized',
  'notificationBadgeAuthorized',
  'notificationSoundAuthorized',
  'phoneCalendarAuthorized',
  'pixelRatio',
  'platform',
  'safeArea',
  'screenHeight',
  'screenWidth',
  'statusBarHeight',
  'system',
  'theme',
  'version',
  'wifiEnabled',
  'windowHeight',
  'windowWidth',
];

/** What WeChat prints on every legacy call since the tags reached the base library (SPEC §10). */
export const deprecationLine = (api: string) =>
  `wx.${api} is deprecated.Please use wx.getSystemSetting/wx.getAppAuthorizeSetting/wx.getDeviceInfo/wx.getWindowInfo/wx.getAppBaseInfo instead.`;

/**
 * The first base library users reported the line on. The five came in 2.20.1, the line years later: on 2.20.1–2.23.3
 * (the base libraries whose getAppBaseInfo lacks fontSizeSetting) the legacy call prints nothing.
 */
export const DEPRECATION_LINE_FROM = '3.4.10';

/**
 * WeChat's font size on that phone, in px: the legacy object always had it (1.5.0+), getAppBaseInfo only from 2.23.4.
 */
const FONT_SIZE = 17;

/** A typical iPhone 14 in WeChat 8.0.50 on base library `sdk`, as each of the five reports it. */
export function iphone(orientation: 'portrait' | 'landscape', sdk: string): Record<NewApi, Info> {
  const portrait = orientation === 'portrait';
  const [w, h] = portrait ? [390, 844] : [844, 390];
  return {
    getWindowInfo: {
      pixelRatio: 3,
      screenWidth: w,
      screenHeight: h,
      windowWidth: w,
      windowHeight: portrait ? 753 : 346,
      statusBarHeight: portrait ? 47 : 0,
      safeArea: portrait
        ? { left: 0, right: 390, top: 47, bottom: 810, width: 390, height: 763 }
        : { left: 47, right: 797, top: 0, bottom: 369, width: 750, height: 369 },
      screenTop: portrait ? 91 : 44,
    },
    // No benchmarkLevel, abi or cpuType: Android only.
    getDeviceInfo: {
      brand: 'iPhone',
      model: 'iPhone 14<iPhone14,7>',
      system: 'iOS 17.5.1',
      platform: 'ios',
      memorySize: '5731',
    },
    getAppBaseInfo: {
      SDKVersion: sdk,
      version: '8.0.50',
      language: 'zh_CN',
      enableDebug: false,
      host: { env: 'WeChat' },
      fontSizeScaleFactor: 1,
      // From base library 2.23.4 only.
      ...(compareVersions(sdk, '2.23.4') >= 0 ? { fontSizeSetting: FONT_SIZE } : {}),
    },
    getSystemSetting: {
      bluetoothEnabled: false,
      locationEnabled: true,
      wifiEnabled: true,
      deviceOrientation: orientation,
    },
    getAppAuthorizeSetting: {
      albumAuthorized: 'authorized',
      bluetoothAuthorized: 'not determined',
      cameraAuthorized: 'authorized',
      locationAuthorized: 'denied',
      locationReducedAccuracy: false,
      microphoneAuthorized: 'not determined',
      notificationAlertAuthorized: 'authorized',
      notificationAuthorized: 'authorized',
      notificationBadgeAuthorized: 'denied',
      notificationSoundAuthorized: 'authorized',
      phoneCalendarAuthorized: 'not determined',
    },
  };
}

export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
  return 0;
}

/** WeChat's legacy object: the typed fields of the five, `*Authorized` as booleans (true only for 'authorized'). */
function wechatLegacy(parts: Record<NewApi, Info>): Info {
  const all: Info = Object.assign({ fontSizeSetting: FONT_SIZE }, ...NEW_APIS.map((n) => parts[n]));
  const out: Info = {};
  for (const k of LEGACY_FIELDS) if (k in all) out[k] = /Authorized$/.test(k) ? all[k] === 'authorized' : all[k];
  // A new object per call, deep: the app may change what it got.
  return structuredClone(out);
}

export interface SystemInfoShape {
  name: string;
  /** What each of the five does (missing: absent). */
  apis?: Partial<Record<NewApi, Behaviour>>;
  legacy: LegacyBehaviour;
  /** WeChat's legacy getSystemInfo and getSystemInfoAsync beside getSystemInfoSync (else getSystemInfoSync only). */
  legacyCallbacks?: boolean;
  /** The five's answers for the device's orientation (default: the iPhone in WeChat, base library 3.7.12). */
  parts?: (orientation: 'portrait' | 'landscape') => Record<NewApi, Info>;
  /** The legacy object from those answers (default: WeChat's rule). */
  legacyOf?: (parts: Record<NewApi, Info>, orientation: 'portrait' | 'landscape') => Info;
  /**
   * Fields of the legacy object a migrated read does not get on this platform: the five lack them and the runtime
   * reaches no legacy call for them there (Taro H5's stubs; docs/contract.md, system info, "Not kept").
   */
  withoutNewHome?: string[];
  /** The runtime entry asks only getWindowInfo here (Alipay). */
  alipay?: boolean;
  /** The platform's own rule for getSystemInfo / getSystemInfoAsync: Taro H5's async functions. */
  taroH5?: boolean;
  /**
   * Taro H5 in WeChat's browser with the web JS-SDK loaded (its `wx` global), the app migrated by the codemod
   * without the build plugin: `record-compat-runtime` is the Taro entry there, not the H5 entry.
   */
  jsSdkWithoutPlugin?: boolean;
}

export class FakeSystemInfoPlatform {
  readonly name: string;
  readonly api: Record<string, unknown> = {};
  /** Every API call, by name, in order. */
  readonly calls: string[] = [];
  /** What the platform printed on its console. */
  readonly printed: string[] = [];
  /** What the app's callbacks threw: WeChat catches it and reports it (App.onError), and the call goes on. */
  readonly reported: unknown[] = [];
  orientation: 'portrait' | 'landscape' = 'portrait';
  readonly shape: Readonly<SystemInfoShape>;

  constructor(shape: SystemInfoShape) {
    this.shape = shape;
    this.name = shape.name;
    for (const n of NEW_APIS) {
      const b = shape.apis?.[n] ?? 'absent';
      if (b === 'absent') continue;
      this.api[n] = () => {
        this.calls.push(n);
        if (b === 'throws') throw new Error(`${n}:fail internal error`);
        // A fresh copy per call, as the platform builds one.
        return b === 'answers' ? structuredClone(this.parts()[n]) : undefined;
      };
    }
    if (shape.legacy !== 'absent') {
      this.api.getSystemInfoSync = () => this.legacyCall('getSystemInfoSync');
      if (shape.legacyCallbacks) this.defineLegacyCallbacks();
    }
    this.defineStorage();
  }

  /** Every platform's key-value storage: what is stored goes through JSON (a stored object is a copy, NaN null). */
  private defineStorage() {
    const stored = new Map<string, string>();
    this.api.setStorageSync = (key: string, value: unknown) => {
      this.calls.push('setStorageSync');
      stored.set(key, JSON.stringify(value));
    };
    this.api.getStorageSync = (key: string) => {
      this.calls.push('getStorageSync');
      const text = stored.get(key);
      return text === undefined ? '' : JSON.parse(text);
    };
  }

  /**
   * The same platform as a program would see it whose legacy object had only what a migrated read gets (the
   * documented differences): `adjust` changes each legacy object it gives.
   */
  seenAs(adjust: (legacy: Info, parts: Record<NewApi, Info>) => Info): FakeSystemInfoPlatform {
    const legacyOf = this.shape.legacyOf ?? wechatLegacy;
    return new FakeSystemInfoPlatform({ ...this.shape, legacyOf: (parts, o) => adjust(legacyOf(parts, o), parts) });
  }

  /** Turns the device: every later read sees the other orientation. */
  rotate() {
    this.orientation = this.orientation === 'portrait' ? 'landscape' : 'portrait';
  }

  parts(): Record<NewApi, Info> {
    return (this.shape.parts ?? ((o) => iphone(o, '3.7.12')))(this.orientation);
  }

  /**
   * Is new API `n` asked here (docs/contract.md, S2: only where getWindowInfo is, as Taro RN has getAppBaseInfo alone;
   * on Alipay only getWindowInfo) and does it answer?
   */
  asksAndAnswers(n: string): boolean {
    const apis = this.shape.apis ?? {};
    const hasWindowInfo = (apis.getWindowInfo ?? 'absent') !== 'absent';
    return apis[n as NewApi] === 'answers' && hasWindowInfo && !(this.shape.alipay && n !== 'getWindowInfo');
  }

  /**
   * getAppBaseInfo is asked and answers without fontSizeSetting (WeChat 2.20.1–2.23.3, Taro H5): not in full, so the
   * runtime gives the whole object there, with the legacy call where there is one (docs/contract.md, S2).
   */
  lacksFontSize(): boolean {
    return this.asksAndAnswers('getAppBaseInfo') && !('fontSizeSetting' in this.parts().getAppBaseInfo);
  }

  /** The legacy object as the platform gives it now (no call logged, nothing printed). */
  legacyObject(): Info {
    return (this.shape.legacyOf ?? wechatLegacy)(this.parts(), this.orientation);
  }

  /** How many legacy calls (of any of the three) the platform saw. */
  get legacyCalls(): number {
    return this.calls.filter((c) => (LEGACY_APIS as readonly string[]).includes(c)).length;
  }

  private legacyCall(api: string): Info {
    this.calls.push(api);
    if (this.shape.legacy === 'deprecated') this.printed.push(deprecationLine(api));
    if (this.shape.legacy === 'throws') throw new Error(`${api}:fail internal error`);
    return this.legacyObject();
  }

  private defineLegacyCallbacks() {
    if (this.shape.taroH5) {
      // Taro H5 (4.2.1 api/base/system.ts): async functions; the callbacks run after a tick (success, then complete),
      // and the Promise is always returned.
      for (const api of ['getSystemInfo', 'getSystemInfoAsync']) {
        this.api[api] = async (o: Cb = {}) => {
          this.calls.push(api);
          await Promise.resolve();
          const res = { ...this.legacyObject(), errMsg: `${api}:ok` };
          o.success?.(res);
          o.complete?.(res);
          return res;
        };
      }
      return;
    }
    // WeChat: getSystemInfo has the callback shape but answers before it returns (a Promise only
    // without callbacks, 2.10.2+); getSystemInfoAsync answers later and never returns a Promise. A callback
    // that throws is reported, not thrown from the call; complete still runs.
    const run = (f: ((r: Info) => void) | undefined, res: Info) => {
      try {
        f?.(res);
      } catch (e) {
        this.reported.push(e);
      }
    };
    this.api.getSystemInfo = (o?: Cb) => {
      const res = { ...this.legacyCall('getSystemInfo'), errMsg: 'getSystemInfo:ok' };
      if (!o || !(o.success || o.fail || o.complete)) return Promise.resolve(res);
      run(o.success, res);
      run(o.complete, res);
      return undefined;
    };
    this.api.getSystemInfoAsync = (o?: Cb) => {
      const res = { ...this.legacyCall('getSystemInfoAsync'), errMsg: 'getSystemInfoAsync:ok' };
      void Promise.resolve().then(() => {
        run(o?.success, res);
        run(o?.complete, res);
      });
      return undefined;
    };
  }
}

const ALL: Record<NewApi, Behaviour> = {
  getWindowInfo: 'answers',
  getDeviceInfo: 'answers',
  getAppBaseInfo: 'answers',
  getSystemSetting: 'answers',
  getAppAuthorizeSetting: 'answers',
};

export interface WeChatOptions {
  /** Base library (default 3.7.12): the five from 2.20.1, fontSizeSetting in getAppBaseInfo from 2.23.4. */
  sdk?: string;
  /** Single-page mode (a page opened from a Moments share): three of the five answer undefined. */
  singlePage?: boolean;
  /** WeCom (企业微信): the legacy object says `environment: 'wxwork'`; none of the five has it. */
  weCom?: boolean;
  /** `"darkmode": true` in app.json: `theme` is there, in getAppBaseInfo and the legacy object (absent without). */
  theme?: 'light' | 'dark';
}

/**
 * WeChat (`wx`): from base library 2.20.1 the five; the deprecation line on every legacy call from
 * DEPRECATION_LINE_FROM. Every legacy field reaches a migrated read: before 2.23.4 fontSizeSetting from the legacy
 * call, which is there.
 */
export function weappSystemInfo(o: WeChatOptions = {}): FakeSystemInfoPlatform {
  const sdk = o.sdk ?? '3.7.12';
  const modern = compareVersions(sdk, '2.20.1') >= 0;
  const nothing: Behaviour = o.singlePage ? 'undefined' : 'answers';
  const parts = (orientation: 'portrait' | 'landscape') => {
    const answers = iphone(orientation, sdk);
    if (o.theme) answers.getAppBaseInfo.theme = o.theme;
    return answers;
  };
  return new FakeSystemInfoPlatform({
    name: `weapp ${sdk}${o.singlePage ? ' single-page' : ''}${o.weCom ? ' in WeCom' : ''}${o.theme ? ` ${o.theme} mode` : ''}`,
    apis: modern ? { ...ALL, getWindowInfo: nothing, getAppBaseInfo: nothing, getDeviceInfo: nothing } : {},
    legacy: compareVersions(sdk, DEPRECATION_LINE_FROM) >= 0 ? 'deprecated' : 'current',
    legacyCallbacks: true,
    parts,
    ...(o.weCom
      ? {
          legacyOf: (p: Record<NewApi, Info>) => ({ ...wechatLegacy(p), environment: 'wxwork' }),
          withoutNewHome: ['environment'],
        }
      : {}),
  });
}

/** The same iPhone as another platform's legacy object reports it: `extra` adds the platform's own fields. */
function ownLegacy(extra: Info) {
  return (parts: Record<NewApi, Info>) => {
    const w = parts.getWindowInfo;
    return structuredClone({
      brand: 'Apple',
      model: 'iPhone 14',
      pixelRatio: w.pixelRatio,
      screenWidth: w.screenWidth,
      screenHeight: w.screenHeight,
      windowWidth: w.windowWidth,
      windowHeight: w.windowHeight,
      statusBarHeight: w.statusBarHeight,
      safeArea: w.safeArea,
      language: 'zh_CN',
      system: '17.5.1',
      platform: 'ios',
      ...extra,
    });
  };
}

/** Douyin (`tt`): none of the five; its getSystemInfoSync is its current API, never deprecated. */
export const douyinSystemInfo = () =>
  new FakeSystemInfoPlatform({
    name: 'tt',
    legacy: 'current',
    legacyOf: ownLegacy({ appName: 'Douyin', version: '30.5.0', SDKVersion: '3.43.0', nativeSDKVersion: '3.43.0' }),
  });
/** Baidu (`swan`): none of the five. */
export const baiduSystemInfo = () =>
  new FakeSystemInfoPlatform({
    name: 'swan',
    legacy: 'current',
    legacyOf: ownLegacy({ host: 'baiduboxapp', version: '13.60.0', SDKVersion: '3.470.6', fontSizeSetting: 16 }),
  });
/** QQ (`qq`): none of the five. */
export const qqSystemInfo = () =>
  new FakeSystemInfoPlatform({
    name: 'qq',
    legacy: 'current',
    legacyOf: ownLegacy({ AppPlatform: 'qq', version: '9.0.70', SDKVersion: '1.62.0', fontSizeSetting: 16 }),
  });
/** JD (`jd`): none of the five. */
export const jdSystemInfo = () =>
  new FakeSystemInfoPlatform({
    name: 'jd',
    legacy: 'current',
    legacyOf: ownLegacy({ version: '13.1.0', SDKVersion: '2.6.0' }),
  });

/**
 * Alipay (`my`): getWindowInfo only, with its own fields (titleBarHeight), beside its current
 * getSystemInfoSync. With `taroDeviceInfo`, a getDeviceInfo that answers, but not with the device
 * (taro #17309: `Taro.getDeviceInfo()` there reports wrong values; which ones is not said, so the
 * stand-in answers an object the runtime must never use).
 */
export function alipaySystemInfo(o: { taroDeviceInfo?: boolean } = {}): FakeSystemInfoPlatform {
  const alipayWindow = (parts: Record<NewApi, Info>) => {
    const w: Info = { ...parts.getWindowInfo, titleBarHeight: 44 };
    delete w.screenTop;
    return w;
  };
  return new FakeSystemInfoPlatform({
    name: 'my',
    apis: { getWindowInfo: 'answers', ...(o.taroDeviceInfo ? { getDeviceInfo: 'answers' as const } : {}) },
    legacy: 'current',
    alipay: true,
    parts: (orientation) => {
      const parts = iphone(orientation, '3.7.12');
      return { ...parts, getWindowInfo: alipayWindow(parts), getDeviceInfo: { wrongDeviceInfo: true } };
    },
    legacyOf: ownLegacy({
      app: 'alipay',
      version: '10.6.10',
      language: 'zh-Hans',
      platform: 'iOS',
      titleBarHeight: 44,
      fontSizeSetting: 16,
      storage: '128 GB',
      currentBattery: '80%',
    }),
  });
}

/** Taro H5's stub values in a browser on that iPhone (Taro 4.2.1, packages/taro-h5/src/api/base/system.ts). */
function taroH5Parts(orientation: 'portrait' | 'landscape'): Record<NewApi, Info> {
  const portrait = orientation === 'portrait';
  const notDetermined = 'not determined';
  return {
    getWindowInfo: {
      pixelRatio: 3,
      screenWidth: portrait ? 390 : 844,
      screenHeight: portrait ? 844 : 390,
      windowWidth: portrait ? 390 : 844,
      windowHeight: portrait ? 664 : 340,
      statusBarHeight: NaN,
      safeArea: { bottom: 0, height: 0, left: 0, right: 0, top: 0, width: 0 },
    },
    getSystemSetting: {
      bluetoothEnabled: false,
      locationEnabled: false,
      wifiEnabled: false,
      deviceOrientation: orientation,
    },
    getDeviceInfo: {
      abi: '',
      deviceAbi: '',
      benchmarkLevel: -1,
      brand: 'Apple',
      model: 'iPhone',
      system: 'iOS 17.5.1',
      platform: 'iOS',
      CPUType: '',
    },
    getAppBaseInfo: { SDKVersion: '', enableDebug: false, language: 'zh-CN', version: '', theme: 'light' },
    getAppAuthorizeSetting: {
      albumAuthorized: notDetermined,
      bluetoothAuthorized: notDetermined,
      cameraAuthorized: notDetermined,
      locationAuthorized: notDetermined,
      locationReducedAccuracy: false,
      microphoneAuthorized: notDetermined,
      notificationAuthorized: notDetermined,
      notificationAlertAuthorized: notDetermined,
      notificationBadgeAuthorized: notDetermined,
      notificationSoundAuthorized: notDetermined,
      phoneCalendarAuthorized: notDetermined,
    },
  };
}

/**
 * Taro H5's getSystemInfoSync: the five merged, abi dropped, fontSizeSetting NaN, booleans for `*Authorized`,
 * environment ''.
 */
function taroH5Legacy(parts: Record<NewApi, Info>): Info {
  const device = { ...parts.getDeviceInfo };
  delete device.abi;
  const out: Info = {
    ...parts.getWindowInfo,
    ...parts.getSystemSetting,
    ...device,
    ...parts.getAppBaseInfo,
    fontSizeSetting: NaN,
  };
  for (const [k, v] of Object.entries(parts.getAppAuthorizeSetting))
    out[k] = /Authorized$/.test(k) ? v === 'authorized' : v;
  // Not among the legacy's *Authorized: Taro H5 leaves it out.
  delete out.bluetoothAuthorized;
  out.environment = '';
  return structuredClone(out);
}

/**
 * Taro H5 (the named exports a Taro H5 build calls): all five with stub values, getSystemInfoSync
 * their merge; `version: '4.0.7'` (to 4.0.10) has no getSystemInfoSync (taro #16816, #17165). With
 * `jsSdkWithoutPlugin`, in WeChat's browser with the web JS-SDK's `wx` beside it, the app migrated without the
 * build plugin.
 */
export function taroH5SystemInfo(
  o: { version?: '4.2.1' | '4.0.7'; jsSdkWithoutPlugin?: boolean } = {},
): FakeSystemInfoPlatform {
  const lost = o.version === '4.0.7';
  return new FakeSystemInfoPlatform({
    name: `h5 ${o.version ?? '4.2.1'}${o.jsSdkWithoutPlugin ? ' in WeChat with the JS-SDK, no build plugin' : ''}`,
    apis: ALL,
    legacy: lost ? 'absent' : 'current',
    legacyCallbacks: !lost,
    taroH5: true,
    parts: taroH5Parts,
    legacyOf: taroH5Legacy,
    // Stub values with no new home: NaN (Taro H5 has no font size) and an empty environment.
    withoutNewHome: ['fontSizeSetting', 'environment'],
    jsSdkWithoutPlugin: o.jsSdkWithoutPlugin,
  });
}

/**
 * WeChat's web JS-SDK (jweixin 1.6, as the weixin-js-sdk package ships it) as the `wx` global of a page in WeChat's
 * browser: its own APIs, some with mini-program names (startRecord, playVoice, getLocation…), and none of system
 * info: no getSystemInfoSync, none of the five.
 */
export function jsSdkWx(): Record<string, unknown> {
  const nothing = () => undefined;
  const names = ['config', 'ready', 'error', 'checkJsApi', 'updateAppMessageShareData', 'updateTimelineShareData'];
  const media = ['chooseImage', 'previewImage', 'startRecord', 'stopRecord', 'playVoice', 'pauseVoice', 'stopVoice'];
  const device = ['getNetworkType', 'getLocation', 'openLocation', 'scanQRCode', 'chooseWXPay', 'closeWindow'];
  const wx: Record<string, unknown> = Object.fromEntries([...names, ...media, ...device].map((n) => [n, nothing]));
  wx.miniProgram = { navigateTo: nothing, navigateBack: nothing, postMessage: nothing, getEnv: nothing };
  return wx;
}

/**
 * What Taro's Babel plugin (babel-plugin-transform-taroapi, which Taro H5's webpack build runs on the app's code and
 * on packages whose path names taro) does to a module: a static `Taro.<name>` read of an API Taro H5 exports becomes
 * that named export. Stated over the CommonJS esbuild makes of an ES module (`import_taro.default.<name>`): the
 * default export of Taro H5 lacks the APIs, so code that reads them by a computed name finds nothing.
 */
export const taroH5BabelPlugin = (code: string, exported: Iterable<string>): string => {
  const names = new Set(exported);
  return code.replace(/\bimport_taro\.default\.(\w+)\b/g, (read, name: string) =>
    names.has(name) ? `import_taro.${name}` : read,
  );
};

/**
 * Taro React Native (@tarojs/taro-rn): getAppBaseInfo only, beside its getSystemInfoSync, and the two disagree:
 * the legacy object has `null` where getAppBaseInfo has `''` or the app's version, and a fontSizeSetting (the
 * font scale) that getAppBaseInfo lacks.
 */
export function taroRnSystemInfo(): FakeSystemInfoPlatform {
  return new FakeSystemInfoPlatform({
    name: 'rn',
    apis: { getAppBaseInfo: 'answers' },
    legacy: 'current',
    parts: (orientation) => {
      const parts = iphone(orientation, '3.7.12');
      return {
        ...parts,
        getAppBaseInfo: { SDKVersion: '', version: '1.0.0', language: '', enableDebug: false, theme: 'light' },
      };
    },
    legacyOf: (parts) => {
      const w = parts.getWindowInfo;
      return structuredClone({
        brand: null,
        model: null,
        system: '17.5',
        platform: 'ios',
        pixelRatio: w.pixelRatio,
        screenWidth: w.screenWidth,
        screenHeight: w.screenHeight,
        windowWidth: w.windowWidth,
        windowHeight: w.windowHeight,
        statusBarHeight: w.statusBarHeight,
        safeArea: w.safeArea,
        language: null,
        version: null,
        SDKVersion: null,
        fontSizeSetting: 1,
      });
    },
  });
}

/** Every named platform of SPEC §10, fresh. */
export const SYSTEM_INFO_PLATFORMS: [string, () => FakeSystemInfoPlatform][] = [
  ['weapp 3.7.12', () => weappSystemInfo()],
  ['weapp 2.22.1 (no fontSizeSetting in getAppBaseInfo)', () => weappSystemInfo({ sdk: '2.22.1' })],
  ['weapp 2.23.3 (the last without it)', () => weappSystemInfo({ sdk: '2.23.3' })],
  ['weapp single-page mode', () => weappSystemInfo({ singlePage: true })],
  ['weapp 2.19.4', () => weappSystemInfo({ sdk: '2.19.4' })],
  ['weapp in WeCom', () => weappSystemInfo({ weCom: true })],
  ['weapp with dark mode on', () => weappSystemInfo({ theme: 'dark' })],
  ['alipay', () => alipaySystemInfo()],
  ['alipay through Taro', () => alipaySystemInfo({ taroDeviceInfo: true })],
  ['douyin', douyinSystemInfo],
  ['baidu', baiduSystemInfo],
  ['qq', qqSystemInfo],
  ['jd', jdSystemInfo],
  ['taro h5 4.2.1', () => taroH5SystemInfo()],
  ['taro h5 4.0.7', () => taroH5SystemInfo({ version: '4.0.7' })],
  [
    "taro h5 4.2.1 in WeChat's browser, JS-SDK loaded, no build plugin",
    () => taroH5SystemInfo({ jsSdkWithoutPlugin: true }),
  ],
  ['taro rn', taroRnSystemInfo],
];

/**
 * Taro's wrapper of `getSystemInfo` (and of the other asynchronous APIs) over the platform's call, as
 * docs/contract.md (system info, S5) describes it and @tarojs/taro-weapp 1.3/2.2, @tarojs/taro 3.0 and
 * @tarojs/shared 3.1–3.3 `processApis` wrote it: always a Promise; the callback first, then the Promise settles, so a
 * callback that throws leaves it pending; complete does not settle it.
 */
export const taroWrapper =
  (fn: (o: Cb) => unknown) =>
  (o: Cb = {}): Promise<Info> =>
    new Promise((resolve, reject) => {
      fn({
        ...o,
        success: (r) => (o.success?.(r), resolve(r)),
        fail: (r) => (o.fail?.(r), reject(r)),
      });
    });

/**
 * Each fake's platform, by the fake's name, as a Taro build names it (`process.env.TARO_ENV`) and as `Taro.getEnv()`
 * answers there.
 */
const TARO_PLATFORMS: [RegExp, string, string][] = [
  [/^weapp/, 'weapp', 'WEAPP'],
  [/^my$/, 'alipay', 'ALIPAY'],
  [/^tt$/, 'tt', 'TT'],
  [/^swan$/, 'swan', 'SWAN'],
  [/^qq$/, 'qq', 'QQ'],
  [/^jd$/, 'jd', 'JD'],
  [/^h5/, 'h5', 'WEB'],
  [/^rn$/, 'rn', 'RN'],
];
const taroPlatformOf = (p: FakeSystemInfoPlatform) => TARO_PLATFORMS.find(([name]) => name.test(p.name));

/**
 * What every Taro build does to every module it bundles, node_modules too (webpack's DefinePlugin, vite's define,
 * Taro 1's and 2's transform-define, the prebundle's esbuild `define`): `process.env.TARO_ENV` becomes the platform's
 * name, a string literal.
 */
export const taroDefine = (code: string, p: FakeSystemInfoPlatform): string =>
  code.replace(/\bprocess\.env\.TARO_ENV\b/g, JSON.stringify(taroPlatformOf(p)?.[1] ?? 'unknown'));

/**
 * `@tarojs/taro` as an app on the fake's platform imports it: its default export and named exports, the platform's
 * functions passed through (Taro 3.3+ on weapp passes every wx function, SPEC §10 trap 4), `getEnv`, and on the mini
 * programs `getSystemInfo` / `getSystemInfoAsync` in Taro's wrapper. Taro H5's own functions are already its wrapper,
 * and only named exports: its default export has `getEnv` and none of them (Taro's Babel plugin makes an app's
 * `Taro.getWindowInfo` the named one, taroH5BabelPlugin).
 */
export function taroModuleOn(p: FakeSystemInfoPlatform): Record<string, unknown> {
  const env = taroPlatformOf(p)?.[2] ?? 'UNKNOWN';
  const taro: Record<string, unknown> = { ...p.api, getEnv: () => env };
  if (env === 'WEB') return { __esModule: true, default: { getEnv: taro.getEnv }, ...taro };
  for (const api of ['getSystemInfo', 'getSystemInfoAsync'])
    if (typeof p.api[api] === 'function') taro[api] = taroWrapper(p.api[api] as (o: Cb) => unknown);
  return { __esModule: true, default: taro, ...taro };
}
