/*
 * Entry for Taro projects: `taro-plugin-record-compat/runtime`.
 * Drives the shared core with @tarojs/taro's default export.
 */
import Taro from '@tarojs/taro';
import { createRecordCompat, validateRecordOptions } from './core';
import type { PlatformApi, RecordCompatOptions } from './core';

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

type TaroLike = PlatformApi & { getEnv?: () => string };

// Taro.getEnv() says which platform this build runs on; Alipay has its own rules.
const rc = createRecordCompat(
  () => Taro as unknown as TaroLike,
  (t: TaroLike) => t.getEnv && t.getEnv() == 'ALIPAY'
);

export const startRecord = rc.startRecord;
export const stopRecord = rc.stopRecord;
/**
 * App-level options (durationMs, format, sampleRate, numberOfChannels, encodeBitRate, deniedPrompt,
 * stopTimeoutMs), merged over the build-time defaults. Returns a message when they are invalid;
 * startRecord then fails with it instead of a silent platform error.
 */
export const configureRecordCompat = (options?: RecordCompatOptions): string | undefined => rc.configure(options, validateRecordOptions);

// STUB until the voice runtime is merged (see voice-stub.ts).
export { playVoice, pauseVoice, stopVoice } from './voice-stub';
