/*
 * Entry for Taro projects: `taro-plugin-record-compat/runtime`.
 * Drives the shared core with @tarojs/taro's default export.
 */
import Taro from '@tarojs/taro';
import { createRecordCompat, shareRecorderManager, validateRecordOptions } from './core';
import type { PlatformApi, RecordCompat, RecordCompatOptions } from './core';
import { createVoiceCompat } from './voice';
import type { VoiceApi, VoiceCompat } from './voice';

export type {
  DeniedPrompt,
  RecordCallbacks,
  RecordCompatOptions,
  RecordFailResult,
  RecordReturn,
  StartRecordOption,
  StartRecordSuccessResult,
  StopRecordOption,
  StopRecordSuccessResult,
} from './core';
export type {
  PauseVoiceOption,
  PauseVoiceSuccessResult,
  PlayVoiceOption,
  PlayVoiceSuccessResult,
  StopVoiceOption,
  StopVoiceSuccessResult,
  VoiceCallbacks,
  VoiceFailResult,
} from './voice';

type TaroLike = PlatformApi & { getEnv?: () => string };

// Each API is exported as a plain function over a pure (annotated) construction, so that a
// bundler drops what the app does not import: an app that only records ships no voice code, and
// the other way round. (`export const startRecord = rc.startRecord` would keep both: a property
// read counts as a side effect.)
// Taro.getEnv() says which platform this build runs on; Alipay has its own rules.
const rc = /* @__PURE__ */ createRecordCompat(
  () => Taro as unknown as TaroLike,
  (t: TaroLike) => t.getEnv && t.getEnv() == 'ALIPAY'
);

export const startRecord: RecordCompat['startRecord'] = (option?) => rc.startRecord(option);
export const stopRecord: RecordCompat['stopRecord'] = (option?) => rc.stopRecord(option);
/**
 * App-level options (durationMs, format, sampleRate, numberOfChannels, encodeBitRate, deniedPrompt,
 * stopTimeoutMs), merged over the build-time defaults. Returns a message when they are invalid;
 * startRecord then fails with it instead of a silent platform error.
 */
export const configureRecordCompat = (options?: RecordCompatOptions): string | undefined => rc.configure(options, validateRecordOptions);
/**
 * The app's own `getRecorderManager()`: the platform's manager for the app's own recordings,
 * sharing it with startRecord/stopRecord so that neither takes the other's events (docs/contract.md,
 * Decision R12). Rewritten code calls it where the app called the platform's.
 */
export function getRecorderManager(): Taro.RecorderManager {
  return shareRecorderManager(rc, Taro as unknown as TaroLike) as unknown as Taro.RecorderManager;
}

const vc = /* @__PURE__ */ createVoiceCompat(() => Taro as unknown as VoiceApi);
export const playVoice: VoiceCompat['playVoice'] = (option) => vc.playVoice(option);
export const pauseVoice: VoiceCompat['pauseVoice'] = (option?) => vc.pauseVoice(option);
export const stopVoice: VoiceCompat['stopVoice'] = (option?) => vc.stopVoice(option);
