/*
 * Entry for plain mini-programs: `taro-plugin-record-compat/runtime/native`.
 * Uses whichever platform global exists, looked up at each call (never at load time).
 */
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

// Module-scoped declarations: they do not clash with miniprogram-api-typings' globals.
declare const wx: PlatformApi | undefined;
declare const tt: PlatformApi | undefined;
declare const qq: PlatformApi | undefined;
declare const swan: PlatformApi | undefined;
declare const jd: PlatformApi | undefined;
declare const my: PlatformApi | undefined;

const nativeApi = (): PlatformApi | undefined =>
  typeof wx != 'undefined'
    ? wx
    : typeof tt != 'undefined'
      ? tt
      : typeof qq != 'undefined'
        ? qq
        : typeof swan != 'undefined'
          ? swan
          : typeof jd != 'undefined'
            ? jd
            : typeof my != 'undefined'
              ? my
              : undefined;

const rc = createRecordCompat(nativeApi, (a) => typeof my != 'undefined' && a === my);

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
