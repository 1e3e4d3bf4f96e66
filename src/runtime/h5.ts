/*
 * Entry for Taro H5 builds: `record-compat-runtime/h5`. The build plugin makes `record-compat-runtime`
 * resolve here when it builds for h5 (mini-program builds never see this file); other web builds can
 * import `record-compat-runtime/h5` themselves.
 *
 * Taro H5 stubs startRecord and getRecorderManager. Here the same core drives a real recorder
 * on the browser's microphone (h5-recorder.ts), and the voice API plays through Taro H5's real
 * createInnerAudioContext.
 */
import type TaroTypes from '@tarojs/taro';
import { createInnerAudioContext, getBackgroundAudioManager as taroBackgroundAudioManager, getCurrentPages } from '@tarojs/taro';
import { createRecordCompat, shareRecorderManager, validateRecordOptions } from './core';
import type { RecordCompat, RecordCompatOptions } from './core';
import { getH5RecorderManager } from './h5-recorder';
import { createVoiceCompat } from './voice';
import type { VoiceApi, VoiceCompat } from './voice';
import { createBackgroundAudioCompat, shareBackgroundAudioManager } from './background-audio';
import type { BackgroundAudioCompat } from './background-audio';
import { asMiniProgramPlayer } from './h5-players';
import { createAudioContextCompat } from './audio-context';
import type { CreateAudioContext } from './audio-context';
import { taroWrapped } from './taro-wrapper';

// The Taro entry's exports, each declared below on H5's own APIs (test/h5/entry.test.ts checks
// that none is missing: a re-export of the Taro entry's would reach Taro H5's stubs).
export type * from './types';
export { getH5RecorderManager };
export type { H5RecorderManager, H5RecorderStartOptions, H5StopResult } from './h5-recorder';

// Only the recorder: Taro H5's getSetting/authorize are stubs. The browser asks for the
// microphone itself when recording starts, and a refusal there becomes `auth deny`.
// Plain functions over a pure construction, as in the Taro entry, so bundlers drop what is unused.
const h5Api = { getRecorderManager: getH5RecorderManager };
const rc = /* @__PURE__ */ createRecordCompat(() => h5Api);

export const startRecord: RecordCompat['startRecord'] = (option?) => rc.startRecord(option);
export const stopRecord: RecordCompat['stopRecord'] = (option?) => rc.stopRecord(option);
/** As in the Taro entry: app-level options over the build-time defaults; returns the problem, if any. */
export const configureRecordCompat = (options?: RecordCompatOptions): string | undefined => rc.configure(options, validateRecordOptions);
/** The app's own `getRecorderManager()` (rewritten code calls it), on the same browser recorder, shared with startRecord. */
export function getRecorderManager(): TaroTypes.RecorderManager {
  return shareRecorderManager(rc, h5Api) as unknown as TaroTypes.RecorderManager;
}

// Taro H5 has its APIs as named exports of @tarojs/taro (its Babel plugin turns an app's
// `Taro.createInnerAudioContext` into one); its default export, which the Taro entry reads,
// lacks them. A named import: Taro's webpack build runs that plugin on this file too, and the
// plugin loses a namespace import (`import * as`). Each player is patched to behave as a
// mini-program's (h5-players.ts); the voice API and createAudioContext play on them.
const h5Players = { createInnerAudioContext: () => asMiniProgramPlayer(createInnerAudioContext()) };
const vc = /* @__PURE__ */ createVoiceCompat((): VoiceApi => h5Players);
export const playVoice: VoiceCompat['playVoice'] = (option) => vc.playVoice(option);
export const pauseVoice: VoiceCompat['pauseVoice'] = (option?) => vc.pauseVoice(option);
export const stopVoice: VoiceCompat['stopVoice'] = (option?) => vc.stopVoice(option);

// The background audio on Taro H5's real manager (on <audio>), a named export as above, patched
// as its players are. The module gets it once and keeps it: Taro H5 3.6 returned a new one per call.
const bc = /* @__PURE__ */ createBackgroundAudioCompat(() => ({ getBackgroundAudioManager: () => asMiniProgramPlayer(taroBackgroundAudioManager()) }));
export const playBackgroundAudio: BackgroundAudioCompat[0] = (option) => bc[0](option);
export const pauseBackgroundAudio: BackgroundAudioCompat[1] = (option?) => bc[1](option);
export const seekBackgroundAudio: BackgroundAudioCompat[2] = (option) => bc[2](option);
export const stopBackgroundAudio: BackgroundAudioCompat[3] = (option?) => bc[3](option);
export const getBackgroundAudioPlayerState: BackgroundAudioCompat[4] = (option?) => bc[4](option);
export const onBackgroundAudioPlay = (listener: (res?: unknown) => void): void => bc[5](listener);
export const onBackgroundAudioPause = (listener: (res?: unknown) => void): void => bc[6](listener);
export const onBackgroundAudioStop = (listener: (res?: unknown) => void): void => bc[7](listener);
/** The app's own `getBackgroundAudioManager()` on the same Taro H5 manager, shared with the legacy calls. */
export const getBackgroundAudioManager = (): TaroTypes.BackgroundAudioManager => shareBackgroundAudioManager(bc) as unknown as TaroTypes.BackgroundAudioManager;

// Taro H5 stubs createAudioContext; the emulation plays through its real createInnerAudioContext
// (patched, as above), with its router's page stack (named exports, as above).
export const createAudioContext: CreateAudioContext = /* @__PURE__ */ createAudioContextCompat(() => h5Players, () => getCurrentPages());

// Taro's wrapper (docs/contract.md, Decision R9) over this entry's own functions.
/* eslint-disable @typescript-eslint/no-explicit-any -- Taro < 3.3.1 typed these Promise<any>: the users' `.then((res) => res.tempFilePath)` relies on it */
export const startRecordWrapped = (option?: any): Promise<any> => taroWrapped(startRecord, option);
export const playVoiceWrapped = (option: any): Promise<any> => taroWrapped(playVoice, option);
export const playBackgroundAudioWrapped = (option: any): Promise<any> => taroWrapped(playBackgroundAudio, option);
export const seekBackgroundAudioWrapped = (option: any): Promise<any> => taroWrapped(seekBackgroundAudio, option);
export const getBackgroundAudioPlayerStateWrapped = (option?: any): Promise<any> => taroWrapped(getBackgroundAudioPlayerState, option);
/* eslint-enable @typescript-eslint/no-explicit-any */
