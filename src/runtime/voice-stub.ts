/*
 * STUB, not the voice runtime: typed placeholders for playVoice / pauseVoice / stopVoice so
 * that code the rewrite produces type-checks on this branch. The real functions are written
 * on another branch (src/runtime/voice.ts); when merging, drop this file and its re-exports.
 */
import type { RecordReturn } from './core';

interface VoiceFailResult {
  errMsg: string;
}
interface VoiceCallbacks<T> {
  success?: (res: T) => void;
  fail?: (res: VoiceFailResult) => void;
  complete?: (res: T | VoiceFailResult) => void;
}
interface PlayVoiceOption extends VoiceCallbacks<{ errMsg: 'playVoice:ok' }> {
  filePath: string;
  duration?: number;
}
type PauseVoiceOption = VoiceCallbacks<{ errMsg: 'pauseVoice:ok' }>;
type StopVoiceOption = VoiceCallbacks<{ errMsg: 'stopVoice:ok' }>;

/* eslint-disable @typescript-eslint/no-explicit-any */
const notYet = (api: string): any => Promise.reject({ errMsg: api + ':fail not supported' });
export const playVoice = <T extends PlayVoiceOption>(_option: T): RecordReturn<T, { errMsg: 'playVoice:ok' }> => notYet('playVoice');
export const pauseVoice = <T extends PauseVoiceOption = PauseVoiceOption>(_option?: T): RecordReturn<T, { errMsg: 'pauseVoice:ok' }> => notYet('pauseVoice');
export const stopVoice = <T extends StopVoiceOption = StopVoiceOption>(_option?: T): RecordReturn<T, { errMsg: 'stopVoice:ok' }> => notYet('stopVoice');
