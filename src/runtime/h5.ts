/*
 * Entry for Taro H5 builds: `record-compat-runtime/h5`. The build plugin makes `record-compat-runtime`
 * resolve here when it builds for h5 (mini-program builds never see this file); other web builds can
 * import `record-compat-runtime/h5` themselves.
 *
 * Taro H5 stubs startRecord and getRecorderManager. Here the same record family drives a real
 * recorder on the browser's microphone (h5-record.ts, on h5-recorder.ts), and the voice API plays
 * through Taro H5's real createInnerAudioContext.
 */
import type TaroTypes from '@tarojs/taro';
import {
  canvasGetImageData as taroCanvasGetImageData,
  canvasPutImageData as taroCanvasPutImageData,
  canvasToTempFilePath as taroCanvasToTempFilePath,
  createCanvasContext as taroCreateCanvasContext,
  createInnerAudioContext,
  getBackgroundAudioManager as taroBackgroundAudioManager,
  getCurrentPages,
} from '@tarojs/taro';
import { asMiniProgramPlayer } from './h5-players';
// System info on Taro H5's five APIs (stub values where a browser knows nothing).
import { h5SystemInfo } from './h5-system-info';

// The Taro entry's exports, each declared below on H5's own APIs (test/h5/entry.test.ts checks
// that none is missing: a re-export of the Taro entry's would reach Taro H5's stubs).
export type * from './types';
// Re-exported, never imported: the recorder, and the mp3 encoder it imports, reach the app's bundle only through the
// record family (h5-record.ts) or this name.
export { getH5RecorderManager } from './h5-recorder';
export type { H5RecorderManager, H5RecorderStartOptions, H5StopResult } from './h5-recorder';

// Taro H5 has its APIs as named exports of @tarojs/taro (its Babel plugin turns an app's
// `Taro.createInnerAudioContext` into one); its default export, which the Taro entry reads,
// lacks them. A named import: Taro's webpack build runs that plugin on this file too, and the
// plugin loses a namespace import (`import * as`). Each player is patched to behave as a
// mini-program's (h5-players.ts); the voice API and createAudioContext play on them, with its
// router's page stack.
const h5Players = { createInnerAudioContext: () => asMiniProgramPlayer(createInnerAudioContext()) };

// The background audio on Taro H5's real manager (on <audio>), a named export as above, patched
// as its players are. The module gets it once and keeps it: Taro H5 3.6 returned a new one per call.
const h5BackgroundAudio = () => ({
  getBackgroundAudioManager: () => asMiniProgramPlayer(taroBackgroundAudioManager()),
});

// The legacy canvas stays Taro H5's own, which draws on a real <canvas> and is not deprecated: the
// family passes every call to it (no WeChat object), so a migrated page draws as it did.
const h5Canvas = {
  createCanvasContext: taroCreateCanvasContext,
  canvasToTempFilePath: taroCanvasToTempFilePath,
  canvasGetImageData: taroCanvasGetImageData,
  canvasPutImageData: taroCanvasPutImageData,
};

// ---- The families: written from src/runtime/families.ts by scripts/write-runtime-entries.mjs, edit them there ----
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
// The record family, in a module of its own: a bundler leaves it out where the app imports none of it.
export { startRecord, stopRecord, configureRecordCompat, getRecorderManager, startRecordWrapped } from './h5-record';

const vc = /* @__PURE__ */ createVoiceCompat(() => h5Players);
export const playVoice: VoiceCompat['playVoice'] = (option) => vc.playVoice(option);
export const pauseVoice: VoiceCompat['pauseVoice'] = (option?) => vc.pauseVoice(option);
export const stopVoice: VoiceCompat['stopVoice'] = (option?) => vc.stopVoice(option);

const bc = /* @__PURE__ */ createBackgroundAudioCompat(h5BackgroundAudio);
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
export const getBackgroundAudioManager = (): TaroTypes.BackgroundAudioManager =>
  shareBackgroundAudioManager(bc) as unknown as TaroTypes.BackgroundAudioManager;

// The legacy createAudioContext on the platform's createInnerAudioContext, one player per id and
// page or component (docs/contract.md, Decisions A1–A7). Synchronous: never wrapped.
export const createAudioContext: CreateAudioContext = /* @__PURE__ */ createAudioContextCompat(
  () => h5Players,
  () => getCurrentPages(),
);

// What Taro < 3.3.1 returned (docs/contract.md, Decision R9), over this entry's own functions: the
// rewrite imports these for `Taro.*` calls of projects on such a Taro. Typed Promise<any> as Taro
// < 3.3.1 typed them: the users' `.then((res) => res.tempFilePath)` relies on it.
/* eslint-disable @typescript-eslint/no-explicit-any */
export const playVoiceWrapped = (option: any): Promise<any> => taroWrapped(playVoice, option);
export const playBackgroundAudioWrapped = (option: any): Promise<any> => taroWrapped(playBackgroundAudio, option);
export const seekBackgroundAudioWrapped = (option: any): Promise<any> => taroWrapped(seekBackgroundAudio, option);
export const getBackgroundAudioPlayerStateWrapped = (option?: any): Promise<any> =>
  taroWrapped(getBackgroundAudioPlayerState, option);
/* eslint-enable @typescript-eslint/no-explicit-any */

// The legacy getSystemInfo* on WeChat's five APIs that replace them where they answer, else on the
// legacy call (docs/contract.md, Decisions S1–S5).
const si = /* @__PURE__ */ createSystemInfoCompat(h5SystemInfo);
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
const cc = /* @__PURE__ */ createCanvasCompat(
  () => undefined,
  () => h5Canvas,
  () => getCurrentPages(),
);
export const createCanvasContext: CanvasCompat[0] = (canvasId, scope?) => cc[0](canvasId, scope);
export const canvasToTempFilePath: CanvasCompat[1] = (option, scope?) => cc[1](option, scope);
export const canvasGetImageData: CanvasCompat[2] = (option, scope?) => cc[2](option, scope);
export const canvasPutImageData: CanvasCompat[3] = (option, scope?) => cc[3](option, scope);
// The type a moved canvas's Taro JSX or Vue template binds: '2d' only where the context above draws on Canvas 2D.
export const canvasType = /* @__PURE__ */ canvasTypeOn(() => undefined);

// The legacy arrayBufferToBase64 / base64ToArrayBuffer as plain functions, the same on every platform
// (docs/contract.md, Decisions E1–E3): nothing to construct.
export { arrayBufferToBase64, base64ToArrayBuffer } from './base64';

// ---- End of the families ----
