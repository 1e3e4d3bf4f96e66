/*
 * The entries' TypeScript surface, checked by `tsc --noEmit` (the calls below never run).
 */
import type Taro from '@tarojs/taro';
import { expectTypeOf, it } from 'vitest';
import type * as TaroEntry from '../../src/runtime/taro';
import type * as NativeEntry from '../../src/runtime/native';
import type { StartRecordSuccessResult, StopRecordSuccessResult } from '../../src/runtime/record';
import type { PlayVoiceSuccessResult } from '../../src/runtime/voice';

function typeOnly(e: typeof TaroEntry | typeof NativeEntry, legacy: TaroEntry.StartRecordOption) {
  // Like WeChat: a Promise without callbacks, nothing with one.
  expectTypeOf(e.startRecord()).toEqualTypeOf<Promise<StartRecordSuccessResult>>();
  expectTypeOf(e.startRecord({})).toEqualTypeOf<Promise<StartRecordSuccessResult>>();
  expectTypeOf(e.startRecord({ success: (r) => void r.tempFilePath })).toEqualTypeOf<undefined>();
  expectTypeOf(e.startRecord({ fail: (r) => void r.errMsg })).toEqualTypeOf<undefined>();
  expectTypeOf(e.stopRecord({ complete: () => undefined })).toEqualTypeOf<undefined>();
  expectTypeOf(e.stopRecord()).toEqualTypeOf<Promise<StopRecordSuccessResult>>();
  // An options object whose callbacks are all optional can be either: typed as the Promise case.
  expectTypeOf(e.startRecord(legacy)).toEqualTypeOf<Promise<StartRecordSuccessResult>>();
  e.startRecord({ success: (r) => expectTypeOf(r.tempFilePath).toEqualTypeOf<string>() });
  e.stopRecord({ success: (r) => expectTypeOf(r.tempFilePath).toEqualTypeOf<string | undefined>() });
  expectTypeOf(e.configureRecordCompat).parameter(0).toEqualTypeOf<TaroEntry.RecordCompatOptions | undefined>();
  expectTypeOf(e.configureRecordCompat).returns.toEqualTypeOf<string | undefined>();
}

// The app's own manager is typed like the platform's: Taro's RecorderManager, and for the native
// entry the same shape as WeChat's.
function managerTypes(taro: typeof TaroEntry, native: typeof NativeEntry) {
  expectTypeOf(taro.getRecorderManager()).toEqualTypeOf<Taro.RecorderManager>();
  const own = native.getRecorderManager();
  own.onStop((r) => expectTypeOf(r.tempFilePath).toEqualTypeOf<string>());
  own.onError((r) => expectTypeOf(r.errMsg).toEqualTypeOf<string>());
  own.start({ duration: 10000, format: 'mp3' });
  own.stop();
}

it('types are checked by tsc', () => {
  expectTypeOf(managerTypes).toBeFunction();
  expectTypeOf(typeOnly).toBeFunction();
});

function voiceTypes(e: typeof TaroEntry | typeof NativeEntry) {
  // The same rule for the voice API.
  expectTypeOf(e.playVoice({ filePath: 'a' })).toEqualTypeOf<Promise<PlayVoiceSuccessResult>>();
  expectTypeOf(e.playVoice({ filePath: 'a', duration: 5, success: (r) => void r.errMsg })).toEqualTypeOf<undefined>();
  expectTypeOf(e.pauseVoice()).toEqualTypeOf<Promise<TaroEntry.PauseVoiceSuccessResult>>();
  expectTypeOf(e.stopVoice({ complete: () => undefined })).toEqualTypeOf<undefined>();
  e.playVoice({ filePath: 'a', fail: (r) => expectTypeOf(r).toEqualTypeOf<NativeEntry.VoiceFailResult>() });
  // Callbacks typed the way legacy Taro code types them (TaroGeneral.CallbackResult) still fit.
  e.playVoice({ filePath: 'a', success: (r: { errMsg: string }) => void r, fail: (r: { errMsg: string }) => void r });
  const legacyOption: { filePath: string; success?: (r: { errMsg: string }) => void } = { filePath: 'a' };
  expectTypeOf(e.playVoice(legacyOption)).toEqualTypeOf<Promise<PlayVoiceSuccessResult>>();
  // @ts-expect-error filePath is required, as in the legacy typings
  e.playVoice({ success: () => undefined });
}

it('voice types are checked by tsc', () => {
  expectTypeOf(voiceTypes).toBeFunction();
});
