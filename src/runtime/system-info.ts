/*
 * The legacy getSystemInfo / getSystemInfoSync / getSystemInfoAsync on WeChat's five APIs that
 * replace them (getWindowInfo, getDeviceInfo, getAppBaseInfo, getSystemSetting,
 * getAppAuthorizeSetting), falling back to the legacy call where a platform lacks one or it
 * answers nothing. Contract: docs/contract.md, Decisions S1–S5.
 * A module of its own: an app that never reads system info ships none of it.
 * Written against an injected platform API object, like the other families; ES2015, small.
 */
import { isFn } from './caller';
import { taroWrapped } from './taro-wrapper';

export type Authorization = 'authorized' | 'denied' | 'not determined';
export interface SafeArea {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}
export interface WindowInfo {
  pixelRatio: number;
  screenWidth: number;
  screenHeight: number;
  windowWidth: number;
  windowHeight: number;
  statusBarHeight: number;
  /** Absent on devices without one, as in the legacy result. */
  safeArea?: SafeArea;
  screenTop?: number;
}
export interface DeviceInfo {
  brand: string;
  model: string;
  system: string;
  platform: string;
  /** Android only. */
  benchmarkLevel?: number;
}
export interface AppBaseInfo {
  SDKVersion: string;
  version: string;
  language: string;
  enableDebug?: boolean;
  host?: Record<string, unknown>;
  theme?: 'dark' | 'light';
  fontSizeSetting?: number;
}
/** Required, as WeChat's typings declare them: a migrated `done(info.wifiEnabled)` type-checks as before. */
export interface SystemSetting {
  bluetoothEnabled: boolean;
  locationEnabled: boolean;
  wifiEnabled: boolean;
  deviceOrientation: 'portrait' | 'landscape';
}
/**
 * The new API's strings where the platform has it; where the runtime falls back to the legacy call,
 * its booleans. Read a field through `authorized()` for its legacy meaning (Decision S4).
 */
export interface AppAuthorizeSetting {
  albumAuthorized?: Authorization | boolean;
  bluetoothAuthorized?: Authorization | boolean;
  cameraAuthorized?: Authorization | boolean;
  locationAuthorized?: Authorization | boolean;
  locationReducedAccuracy?: boolean;
  microphoneAuthorized?: Authorization | boolean;
  notificationAlertAuthorized?: Authorization | boolean;
  notificationAuthorized?: Authorization | boolean;
  notificationBadgeAuthorized?: Authorization | boolean;
  notificationSoundAuthorized?: Authorization | boolean;
  phoneCalendarAuthorized?: Authorization | boolean;
}
type Booleans<T> = { [K in keyof T]: boolean };
/** The legacy whole object: the five merged, every `*Authorized` a boolean again (Decisions S1, S4). */
export type SystemInfo = WindowInfo &
  DeviceInfo &
  AppBaseInfo &
  SystemSetting &
  Booleans<AppAuthorizeSetting> &
  Record<string, unknown>;
export interface GetSystemInfoSuccessResult extends Record<string, unknown> {
  errMsg: string;
}
export interface GetSystemInfoOption {
  success?: (res: SystemInfo & GetSystemInfoSuccessResult) => void;
  fail?: (res: { errMsg: string }) => void;
  complete?: (res: SystemInfo & GetSystemInfoSuccessResult) => void;
}
/** WeChat's rule: a Promise without callbacks, nothing with one (its own type: the family needs no other's). */
type Result<T> = T extends { success: unknown } | { fail: unknown } | { complete: unknown }
  ? undefined
  : Promise<SystemInfo & GetSystemInfoSuccessResult>;

/** The slice of wx / tt / my / Taro the system-info runtime uses. */
export interface SystemInfoApi {
  getSystemInfoSync?: () => unknown;
  getWindowInfo?: () => unknown;
  getDeviceInfo?: () => unknown;
  getAppBaseInfo?: () => unknown;
  getSystemSetting?: () => unknown;
  getAppAuthorizeSetting?: () => unknown;
}

/**
 * The family, as a tuple (its names would not minify): getWindowInfo, getDeviceInfo, getAppBaseInfo,
 * getSystemSetting, getAppAuthorizeSetting (each the platform's new API where it answers, else the
 * whole object; Decision S2), getSystemInfoSync (the whole object, S1), getSystemInfo (callbacks run
 * before it returns, as WeChat's do; S3) and getSystemInfoAsync (callbacks run after it returns).
 * Both of the last return a Promise when given no callback.
 */
export type SystemInfoCompat = [
  () => WindowInfo,
  () => DeviceInfo,
  () => AppBaseInfo,
  () => SystemSetting,
  () => AppAuthorizeSetting,
  () => SystemInfo,
  <T extends GetSystemInfoOption = GetSystemInfoOption>(option?: T) => Result<T>,
  <T extends GetSystemInfoOption = GetSystemInfoOption>(option?: T) => Result<T>,
];

/* eslint-disable @typescript-eslint/no-explicit-any */
// In the order of SystemInfoCompat.
const NEW_APIS = ['getWindowInfo', 'getDeviceInfo', 'getAppBaseInfo', 'getSystemSetting', 'getAppAuthorizeSetting'];
// The legacy field WeChat's getAppBaseInfo (number 2) answers only from base library 2.23.4: before,
// the legacy call, which prints no deprecation line there, gives it.
const FONT_SIZE = 'fontSizeSetting';

/**
 * An `*Authorized` value with its legacy boolean meaning (Decision S4): 'authorized' (or a legacy
 * true) is true; 'denied' and 'not determined' (the system never asked, so WeChat may not use it) are false.
 */
export const authorized = (value: unknown): boolean => value === true || value === 'authorized';

// Runs a callback; one that throws surfaces as an unhandled rejection instead of breaking the
// code after the call (getSystemInfo) or the runtime's own delivery (getSystemInfoAsync).
function run(f: unknown, res: unknown) {
  try {
    if (isFn(f)) f(res);
  } catch (e) {
    void Promise.reject(e);
  }
}

/**
 * Builds the family over a platform API looked up at each call. `isAlipay` says when only
 * getWindowInfo is to be asked (Alipay's other names, where they exist, answer something else).
 */
export function createSystemInfoCompat(
  getApi: () => SystemInfoApi | undefined,
  isAlipay?: (api: SystemInfoApi) => unknown,
): SystemInfoCompat {
  // What the platform's API `name` (the new API number `i`, if given) answers, where it has it, is to
  // be asked it and it answers with an object: single-page mode answers undefined. The new APIs are
  // asked only where getWindowInfo is (Taro RN has getAppBaseInfo alone, short of fields its current
  // legacy call gives), and on Alipay only getWindowInfo. A platform object, or a function, that is
  // missing throws here: no answer either, as when the API itself throws.
  function call(api: any, name: string, i?: number): any {
    try {
      const r = !(i && (!api.getWindowInfo || (isAlipay && isAlipay(api)))) && api[name]();
      return typeof r == 'object' && r;
    } catch (e) {
      // No answer: the legacy call stands in, or the empty object WeChat documents for its errors.
    }
  }

  // Does the answer `r` of the new API `i` hold every field the legacy object had? getAppBaseInfo's
  // lacks fontSizeSetting before base library 2.23.4.
  const full = (r: any, i: number) => r && (i != 2 || FONT_SIZE in r);

  // The whole object (Decision S1): the five merged, the legacy call filling in only where one does
  // not answer in full, every `*Authorized` a boolean. A copy: the platform's objects are never changed.
  function whole(): any {
    const api = getApi();
    const parts = NEW_APIS.map((name, i) => call(api, name, i));
    // `as object`: TypeScript 4.9 overflows its stack inferring this `||` inside the call otherwise.
    const r = Object.assign({}, (parts.every(full) || call(api, 'getSystemInfoSync')) as object, ...parts);
    for (const k in r) if (/Authorized$/.test(k)) r[k] = authorized(r[k]);
    return r;
  }

  // The new API `i` where it answers in full, else the whole object, which then comes from the legacy call (S2).
  const one = (i: number) => () => {
    const r = call(getApi(), NEW_APIS[i] as string, i);
    return full(r, i) ? r : whole();
  };

  // getSystemInfo (`later` false: WeChat's callbacks run before it returns) and getSystemInfoAsync.
  const get =
    (name: string, later?: boolean) =>
    (o?: any): any => {
      const res = whole();
      const p = Promise.resolve(res);
      const cb = () => (run(o.success, res), run(o.complete, res));
      res.errMsg = name + ':ok';
      if (!o || !(o.success || o.fail || o.complete)) return p;
      if (later) void p.then(cb);
      else cb();
    };

  return [
    one(0),
    one(1),
    one(2),
    one(3),
    one(4),
    whole,
    get('getSystemInfo'),
    get('getSystemInfoAsync', true),
  ] as SystemInfoCompat;
}

/**
 * `getSystemInfo` as `Taro.getSystemInfo` returned it on every Taro version (Decision S5): always a
 * Promise, resolved after the callbacks ran. The rewrite imports it for `Taro.getSystemInfo` calls.
 */
export const wrapGetSystemInfo =
  (getSystemInfo: SystemInfoCompat[6]) =>
  (option?: GetSystemInfoOption): Promise<SystemInfo & GetSystemInfoSuccessResult> =>
    taroWrapped(getSystemInfo, option);
