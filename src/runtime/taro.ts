/*
 * Entry for Taro projects: `record-compat-runtime`.
 * Drives every family with @tarojs/taro's default export (system info on weapp with wx, below).
 */
import Taro from '@tarojs/taro';

export type * from './types';

// System info asks WeChat's own object where there is one: Taro passes wx's functions through
// only from 3.3.0, so on Taro 1–3.2 `Taro` lacks the five APIs that replace getSystemInfo
// (docs/contract.md, section 12). Elsewhere (Alipay, Douyin, Taro RN…) Taro's are the platform's.
// On Taro H5 a `wx` is the web JS-SDK's (WeChat's browser), never WeChat's, so Taro H5 answers; its
// default export lacks its APIs, and Taro's Babel plugin, which compiles this file on H5 builds,
// turns each static `Taro.getWindowInfo` read into the named export (never a computed name here).
// Every Taro build (1.3 to 4, webpack, vite, their prebundling) replaces process.env.TARO_ENV with
// the platform's name in node_modules too (vite's H5 dev server sets it as a global instead), so a
// mini-program build folds the H5 branch away. No `typeof process` guard: no build replaces that,
// and it would keep the branch.
declare const wx: object | undefined;
declare const process: { env: { TARO_ENV?: string } };
const wxOrTaro = <T>(): T =>
  (process.env.TARO_ENV == 'h5'
    ? Object.assign(Object.create(Taro), {
        getWindowInfo: Taro.getWindowInfo,
        getDeviceInfo: Taro.getDeviceInfo,
        getAppBaseInfo: Taro.getAppBaseInfo,
        getSystemSetting: Taro.getSystemSetting,
        getAppAuthorizeSetting: Taro.getAppAuthorizeSetting,
      })
    : typeof wx == 'object'
      ? wx
      : Taro) as unknown as T;

// Taro's default export, typed as the family asking for it reads it (PlatformApi, VoiceApi, …).
const taro = <T>(): T => Taro as unknown as T;
// Taro.getEnv() says which platform this build runs on; Alipay has its own rules (no
// scope.record, 180 s at most; its background-audio manager takes only Youku audio ids). A WeChat
// build folds the test away.
type TaroEnv = { getEnv?: () => string };
const onAlipay = (t: unknown) =>
  process.env.TARO_ENV != 'weapp' && (t as TaroEnv).getEnv && (t as TaroEnv).getEnv!() == 'ALIPAY';
// The legacy canvas moves to Canvas 2D on WeChat only (docs/contract.md, section 13): elsewhere it is
// the platform's current API, and Taro's own calls stay.
const weChat = <T>(): T | undefined =>
  (typeof wx == 'object' && (Taro as unknown as TaroEnv).getEnv!() == 'WEAPP' ? wx : undefined) as T | undefined;

// ---- The families: written from src/runtime/families.ts by scripts/write-runtime-entries.mjs, edit them there ----
import { createRecordCompat, configureRecord, shareRecorderManager, validateRecordOptions } from './record';
import type { RecordCompat } from './record';
import type { RecordCompatOptions } from '../shared/recording-options';
import { createVoiceCompat } from './voice';
import type { VoiceCompat } from './voice';
import { createBackgroundAudioCompat, shareBackgroundAudioManager } from './background-audio';
import type { BackgroundAudioCompat } from './background-audio';
import { createAudioContextCompat } from './audio-context';
import type { CreateAudioContext } from './audio-context';
import { taroWrapped } from './taro-wrapper';
import { createSystemInfoCompat, wrapGetSystemInfo } from './system-info';
import type { SystemInfoCompat } from './system-info';
import { createCanvasCompat, canvasTypeOn } from './canvas';
import type { CanvasCompat } from './canvas';

// Each API is exported as a plain function over a pure (annotated) construction, so that a
// bundler drops what the app does not import: an app that only records ships no voice code, and
// the other way round. (`export const startRecord = rc.startRecord` would keep both: a property
// read counts as a side effect.)
const rc = /* @__PURE__ */ createRecordCompat(taro, onAlipay);
export const startRecord: RecordCompat['startRecord'] = (option?) => rc.startRecord(option);
export const stopRecord: RecordCompat['stopRecord'] = (option?) => rc.stopRecord(option);
/**
 * App-level options (durationMs, format, sampleRate, numberOfChannels, encodeBitRate, deniedPrompt,
 * stopTimeoutMs), merged over the build-time defaults. Returns a message when they are invalid;
 * startRecord then fails with it instead of a silent platform error.
 */
export const configureRecordCompat = (options?: RecordCompatOptions): string | undefined =>
  configureRecord(rc, options, validateRecordOptions);
/**
 * The app's own `getRecorderManager()`: the platform's manager for the app's own recordings,
 * sharing it with startRecord/stopRecord so that neither takes the other's events (docs/contract.md,
 * Decision R12). Rewritten code calls it where the app called the platform's.
 */
export function getRecorderManager(): Taro.RecorderManager {
  return shareRecorderManager(rc) as unknown as Taro.RecorderManager;
}

const vc = /* @__PURE__ */ createVoiceCompat(taro);
export const playVoice: VoiceCompat['playVoice'] = (option) => vc.playVoice(option);
export const pauseVoice: VoiceCompat['pauseVoice'] = (option?) => vc.pauseVoice(option);
export const stopVoice: VoiceCompat['stopVoice'] = (option?) => vc.stopVoice(option);

const bc = /* @__PURE__ */ createBackgroundAudioCompat(taro, onAlipay);
export const playBackgroundAudio: BackgroundAudioCompat[0] = (option) => bc[0](option);
export const pauseBackgroundAudio: BackgroundAudioCompat[1] = (option?) => bc[1](option);
export const seekBackgroundAudio: BackgroundAudioCompat[2] = (option) => bc[2](option);
export const stopBackgroundAudio: BackgroundAudioCompat[3] = (option?) => bc[3](option);
export const getBackgroundAudioPlayerState: BackgroundAudioCompat[4] = (option?) => bc[4](option);
export const onBackgroundAudioPlay: BackgroundAudioCompat[5] = (listener) => bc[5](listener);
export const onBackgroundAudioPause: BackgroundAudioCompat[6] = (listener) => bc[6](listener);
export const onBackgroundAudioStop: BackgroundAudioCompat[7] = (listener) => bc[7](listener);
/**
 * The app's own `getBackgroundAudioManager()`: the platform's one manager, shared with the legacy
 * background-audio calls so that neither takes the other's listeners (docs/contract.md, Decision B4).
 */
export const getBackgroundAudioManager = (): Taro.BackgroundAudioManager =>
  shareBackgroundAudioManager(bc) as unknown as Taro.BackgroundAudioManager;

// The legacy createAudioContext on the platform's createInnerAudioContext, one player per id and
// page or component (docs/contract.md, Decisions A1–A7). Synchronous: never wrapped.
export const createAudioContext: CreateAudioContext = /* @__PURE__ */ createAudioContextCompat(taro, () =>
  Taro.getCurrentPages(),
);

// What Taro < 3.3.1 returned (docs/contract.md, Decision R9), over this entry's own functions: the
// rewrite imports these for `Taro.*` calls of projects on such a Taro. Typed Promise<any> as Taro
// < 3.3.1 typed them: the users' `.then((res) => res.tempFilePath)` relies on it.
/* eslint-disable @typescript-eslint/no-explicit-any */
export const startRecordWrapped = (option?: any): Promise<any> => taroWrapped(startRecord, option);
export const playVoiceWrapped = (option: any): Promise<any> => taroWrapped(playVoice, option);
export const playBackgroundAudioWrapped = (option: any): Promise<any> => taroWrapped(playBackgroundAudio, option);
export const seekBackgroundAudioWrapped = (option: any): Promise<any> => taroWrapped(seekBackgroundAudio, option);
export const getBackgroundAudioPlayerStateWrapped = (option?: any): Promise<any> =>
  taroWrapped(getBackgroundAudioPlayerState, option);
/* eslint-enable @typescript-eslint/no-explicit-any */

// The legacy getSystemInfo* on WeChat's five APIs that replace them where they answer, else on the
// legacy call (docs/contract.md, Decisions S1–S5).
const si = /* @__PURE__ */ createSystemInfoCompat(wxOrTaro, onAlipay);
export const getWindowInfo: SystemInfoCompat[0] = () => si[0]();
export const getDeviceInfo: SystemInfoCompat[1] = () => si[1]();
export const getAppBaseInfo: SystemInfoCompat[2] = () => si[2]();
export const getSystemSetting: SystemInfoCompat[3] = () => si[3]();
export const getAppAuthorizeSetting: SystemInfoCompat[4] = () => si[4]();
export const getSystemInfoSync: SystemInfoCompat[5] = () => si[5]();
export const getSystemInfo: SystemInfoCompat[6] = (option?) => si[6](option);
export const getSystemInfoAsync: SystemInfoCompat[7] = (option?) => si[7](option);
/**
 * What `Taro.getSystemInfo` returned on every Taro version (Decision S5): the rewrite imports it
 * for each such call.
 */
export const getSystemInfoWrapped = /* @__PURE__ */ wrapGetSystemInfo(getSystemInfo);
/** An `*Authorized` field with its legacy boolean meaning (Decision S4). */
export { authorized } from './system-info';

// The legacy canvas on Canvas 2D, draw() kept: each context records its calls and replays them at
// draw() (docs/contract.md, Decisions C2–C4). Off WeChat every call is the platform's own.
const cc = /* @__PURE__ */ createCanvasCompat(weChat, taro, () => Taro.getCurrentPages());
export const createCanvasContext: CanvasCompat[0] = (canvasId, scope?) => cc[0](canvasId, scope);
export const canvasToTempFilePath: CanvasCompat[1] = (option, scope?) => cc[1](option, scope);
export const canvasGetImageData: CanvasCompat[2] = (option, scope?) => cc[2](option, scope);
export const canvasPutImageData: CanvasCompat[3] = (option, scope?) => cc[3](option, scope);
// The type a moved canvas's Taro JSX or Vue template binds: '2d' only where the context above draws on Canvas 2D.
export const canvasType = /* @__PURE__ */ canvasTypeOn(weChat);

// The legacy arrayBufferToBase64 / base64ToArrayBuffer as plain functions, the same on every platform
// (docs/contract.md, Decisions E1–E3): nothing to construct.
export { arrayBufferToBase64, base64ToArrayBuffer } from './base64';

// ---- End of the families ----
