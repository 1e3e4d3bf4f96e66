/*
 * The H5 entry's record family (h5.ts re-exports it), on a real recorder on the browser's microphone
 * (h5-recorder.ts). A module of its own so that a bundler leaves it out, and the recorder with it,
 * when the app imports none of its functions: webpack writes a chunk for each import() of the
 * modules it bundles, before its minifier drops the code the app does not use, and the recorder
 * imports the mp3 encoder.
 */
import type TaroTypes from '@tarojs/taro';
import { getH5RecorderManager } from './h5-recorder';

// Only the recorder: Taro H5's getSetting/authorize are stubs. The browser asks for the
// microphone itself when recording starts, and a refusal there becomes `auth deny`.
const h5Recorder = { getRecorderManager: getH5RecorderManager };

// ---- The families: written from src/runtime/families.ts by scripts/write-runtime-entries.mjs, edit them there ----
import { createRecordCompat, shareRecorderManager, validateRecordOptions } from './record';
import type { RecordCompat } from './record';
import type { RecordCompatOptions } from '../shared/recording-options';
import { taroWrapped } from './taro-wrapper';

// Each API is exported as a plain function over a pure (annotated) construction, so that a
// bundler drops what the app does not import: an app that only records ships no voice code, and
// the other way round. (`export const startRecord = rc.startRecord` would keep both: a property
// read counts as a side effect.)
const rc = /* @__PURE__ */ createRecordCompat(() => h5Recorder);
export const startRecord: RecordCompat['startRecord'] = (option?) => rc.startRecord(option);
export const stopRecord: RecordCompat['stopRecord'] = (option?) => rc.stopRecord(option);
/**
 * App-level options (durationMs, format, sampleRate, numberOfChannels, encodeBitRate, deniedPrompt,
 * stopTimeoutMs), merged over the build-time defaults. Returns a message when they are invalid;
 * startRecord then fails with it instead of a silent platform error.
 */
export const configureRecordCompat = (options?: RecordCompatOptions): string | undefined =>
  rc.configure(options, validateRecordOptions);
/**
 * The app's own `getRecorderManager()`: the platform's manager for the app's own recordings,
 * sharing it with startRecord/stopRecord so that neither takes the other's events (docs/contract.md,
 * Decision R12). Rewritten code calls it where the app called the platform's.
 */
export function getRecorderManager(): TaroTypes.RecorderManager {
  return shareRecorderManager(rc) as unknown as TaroTypes.RecorderManager;
}

// What Taro < 3.3.1 returned (docs/contract.md, Decision R9), over this entry's own functions: the
// rewrite imports these for `Taro.*` calls of projects on such a Taro. Typed Promise<any> as Taro
// < 3.3.1 typed them: the users' `.then((res) => res.tempFilePath)` relies on it.
/* eslint-disable @typescript-eslint/no-explicit-any */
export const startRecordWrapped = (option?: any): Promise<any> => taroWrapped(startRecord, option);
/* eslint-enable @typescript-eslint/no-explicit-any */

// ---- End of the families ----
