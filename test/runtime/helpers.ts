import { afterEach, beforeEach, vi } from 'vitest';
import { configureRecord, createRecordCompat, shareRecorderManager, type PlatformApi } from '../../src/runtime/record';
import { validateRecordOptions, type RecordCompatOptions } from '../../src/shared/recording-options';
import type { FakePlatform } from './fakes/platforms';
import type { BackgroundAudioApi } from '../../src/runtime/background-audio';
import { asMiniProgramPlayer } from '../../src/runtime/h5-players';
import type { FakeAudioContext, FakeAudioPlatform } from './fakes/audio';
import { createSystemInfoCompat, type SystemInfoApi } from '../../src/runtime/system-info';
import type { FakeSystemInfoPlatform } from './fakes/system-info';

export type Mode = 'callbacks' | 'promise';

export interface Outcome {
  label: string;
  mode: Mode;
  returned: unknown;
  /** success / fail / complete (callbacks) or resolve / reject (promise), in order */
  events: { type: string; res: any }[];
  /** the settling result (success or fail), once it arrived */
  res?: any;
  ok?: boolean;
}

/** Calls startRecord/stopRecord and records what comes back, into a shared order log. */
export function track(
  fn: (o?: any) => unknown,
  label: string,
  order: string[] = [],
  mode: Mode = 'callbacks',
): Outcome {
  const out: Outcome = { label, mode, returned: undefined, events: [] };
  const note = (type: string, res: unknown) => {
    out.events.push({ type, res });
    order.push(`${label}:${type}`);
    if (type !== 'complete') {
      out.res = res;
      out.ok = type === 'success' || type === 'resolve';
    }
  };
  if (mode === 'callbacks') {
    out.returned = fn({
      success: (r: unknown) => note('success', r),
      fail: (r: unknown) => note('fail', r),
      complete: (r: unknown) => note('complete', r),
    });
  } else {
    out.returned = fn();
    (out.returned as Promise<unknown>).then(
      (r) => note('resolve', r),
      (e) => note('reject', e),
    );
  }
  return out;
}

/** Exactly one success/fail then exactly one complete with the same object (or one resolve/reject). */
export function settledOnce(o: Outcome): boolean {
  const types = o.events.map((e) => e.type);
  if (o.mode === 'promise') return types.length === 1 && (types[0] === 'resolve' || types[0] === 'reject');
  return (
    types.length === 2 &&
    (types[0] === 'success' || types[0] === 'fail') &&
    types[1] === 'complete' &&
    o.events[0].res === o.events[1].res
  );
}

/** A RecorderManager as app code uses it: methods and onX / offX by name. */
export type AppManager = Record<string, (arg?: any) => any>;

/** The core over a fake platform, shaped like an entry (configureRecordCompat validates). */
export function compatFor(p: FakePlatform) {
  const rc = createRecordCompat(() => p.api as PlatformApi, p.name === 'alipay' ? () => true : undefined);
  return {
    startRecord: rc.startRecord,
    stopRecord: rc.stopRecord,
    configureRecordCompat: (o?: RecordCompatOptions) => configureRecord(rc, o, validateRecordOptions),
    /** The app's own `getRecorderManager()`, as the entries export it. */
    getRecorderManager: () => shareRecorderManager(rc) as unknown as AppManager,
  };
}

export const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);

/**
 * Runs `fn` as in a Taro build for WeChat where `weChatBuild` holds: the families read process.env.TARO_ENV, which
 * Taro's builds define, at each call, so it is 'weapp' until `fn`'s Promise settles, and as it was after.
 */
export async function inWeChatBuild<T>(fn: () => Promise<T>, weChatBuild = true): Promise<T> {
  if (!weChatBuild) return fn();
  vi.stubEnv('TARO_ENV', 'weapp');
  try {
    return await fn();
  } finally {
    vi.unstubAllEnvs();
  }
}

/**
 * `make`, making a platform as a Taro build for WeChat finds it: process.env.TARO_ENV is 'weapp' from then on, until
 * the test file's vi.unstubAllEnvs() after each test.
 */
export const inWeChatBuildFrom =
  <A extends unknown[], P>(make: (...a: A) => P) =>
  (...a: A): P => {
    vi.stubEnv('TARO_ENV', 'weapp');
    return make(...a);
  };

/** The tests of the describe block this is called in run as in a Taro build for WeChat where `weChatBuild` holds. */
export function eachInWeChatBuild(weChatBuild: boolean) {
  if (!weChatBuild) return;
  beforeEach(() => {
    vi.stubEnv('TARO_ENV', 'weapp');
  });
  afterEach(() => {
    vi.unstubAllEnvs();
  });
}

/**
 * A background-audio platform object as the runtime's entry hands it over: on Taro H5 (getEnv
 * 'WEB'), the H5 entry's manager, patched to resume where it paused (h5-players.ts).
 */
export function backgroundAudioApiOf(api: Record<string, unknown>): BackgroundAudioApi {
  const platform = api as unknown as BackgroundAudioApi & { getEnv?: () => string };
  if (platform.getEnv?.() !== 'WEB') return platform;
  return {
    ...platform,
    getBackgroundAudioManager: () => asMiniProgramPlayer(platform.getBackgroundAudioManager!()),
  } as BackgroundAudioApi;
}

/**
 * An InnerAudioContext platform object as the runtime's entry hands it over: on Taro H5, each
 * player patched as the H5 entry patches it (h5-players.ts). `made` hears of each player.
 */
export function innerAudioApiOf(
  p: FakeAudioPlatform,
  made: (c: FakeAudioContext) => void = () => {},
): { createInnerAudioContext: () => unknown } {
  return {
    createInnerAudioContext: () => {
      const c = p.audio.create();
      made(c);
      return p.audio.flavor === 'h5' ? asMiniProgramPlayer(c) : c;
    },
  };
}

/**
 * The system-info family over a fake, by name, as an entry would hand it the platform (Alipay: only getWindowInfo
 * asked).
 */
export function systemInfoFor(p: FakeSystemInfoPlatform) {
  const [
    getWindowInfo,
    getDeviceInfo,
    getAppBaseInfo,
    getSystemSetting,
    getAppAuthorizeSetting,
    getSystemInfoSync,
    getSystemInfo,
    getSystemInfoAsync,
  ] = createSystemInfoCompat(() => p.api as SystemInfoApi, p.shape.alipay ? () => true : undefined);
  return {
    getWindowInfo,
    getDeviceInfo,
    getAppBaseInfo,
    getSystemSetting,
    getAppAuthorizeSetting,
    getSystemInfoSync,
    getSystemInfo,
    getSystemInfoAsync,
  };
}
