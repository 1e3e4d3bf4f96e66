/*
 * The legacy playVoice / pauseVoice / stopVoice on createInnerAudioContext().
 * Contract: docs/contract.md (the legacy voice API, InnerAudioContext, Decisions V1–V4).
 * A module of its own, independent of the record core: an app that only records ships none of it.
 * Written against an injected platform API object, like the record core; ES2015, small.
 */
import { caller, errorReason, isFn, type Caller } from './caller';
// A separate type import: the declarations keep it as written, and TypeScript 3.9 reads no `type` modifier on a name.
import type { CallReturn, Guard } from './caller';

export interface VoiceFailResult {
  errMsg: string;
}
export interface PlayVoiceSuccessResult {
  errMsg: 'playVoice:ok';
}
export interface PauseVoiceSuccessResult {
  errMsg: 'pauseVoice:ok';
}
export interface StopVoiceSuccessResult {
  errMsg: 'stopVoice:ok';
}
export interface VoiceCallbacks<T> {
  success?: (res: T) => void;
  fail?: (res: VoiceFailResult) => void;
  complete?: (res: T | VoiceFailResult) => void;
}
export interface PlayVoiceOption extends VoiceCallbacks<PlayVoiceSuccessResult> {
  /** The local file to play (a startRecord tempFilePath). */
  filePath: string;
  /** Stop after this many seconds. Default 60. */
  duration?: number;
}
export type PauseVoiceOption = VoiceCallbacks<PauseVoiceSuccessResult>;
export type StopVoiceOption = VoiceCallbacks<StopVoiceSuccessResult>;

/** The slice of wx / tt / Taro the voice runtime uses. */
export interface VoiceApi {
  createInnerAudioContext?: () => unknown;
}

/** Same typing rule as the record API: a Promise without callbacks, nothing with one. */
export interface VoiceCompat {
  playVoice<T extends PlayVoiceOption>(option: T): CallReturn<T, PlayVoiceSuccessResult>;
  pauseVoice<T extends PauseVoiceOption = PauseVoiceOption>(option?: T): CallReturn<T, PauseVoiceSuccessResult>;
  stopVoice<T extends StopVoiceOption = StopVoiceOption>(option?: T): CallReturn<T, StopVoiceSuccessResult>;
}

// Declared here so the standalone copy type-checks without DOM or Node typings.
declare function setTimeout(cb: () => void, ms: number): unknown;
declare function clearTimeout(id: unknown): void;

/* eslint-disable @typescript-eslint/no-explicit-any */
const PLAY = 'playVoice:';
const voiceResult = (api: string, ok: boolean, reason?: string) => ({ errMsg: api + (ok ? 'ok' : 'fail ' + reason) });

/**
 * The one voice player of a createVoiceCompat.
 * One voice at a time, on at most one InnerAudioContext of the runtime's own: it is destroyed when its voice ends, is
 * stopped or is replaced, and kept only while paused (to resume).
 */
interface Voice {
  /** The platform API, looked up at each fresh start. */
  getApi_: () => VoiceApi | undefined;
  /** Takes the Promises the platform's players may return (caller.ts, Guard). */
  guard_: Guard;
  /** The InnerAudioContext. */
  context_?: any;
  /** The playVoice call whose playback is under way. */
  caller_?: Caller | undefined;
  /** The file in the context, and whether it is held: paused, so that playVoice of it resumes. */
  file_?: string | undefined;
  held_?: boolean;
  /** The timer of the call's duration. */
  timer_?: unknown;
}

// Ends the current call (if any): its playback is over.
function settleVoice(v: Voice, res: any, ok: boolean) {
  const w = v.caller_;
  v.caller_ = undefined;
  clearTimeout(v.timer_);
  if (w) w(res, ok);
}
const voicePlayed = (v: Voice) => settleVoice(v, voiceResult(PLAY, true), true);
const voiceFailed = (v: Voice, e: unknown) => settleVoice(v, voiceResult(PLAY, false, errorReason(e)), false);

// Frees the context. Fresh starts use a new one, so a stop never needs a src reset (Douyin)
// nor a reload of a sound unloaded at its end (React Native).
function releaseVoice(v: Voice) {
  const c = v.context_;
  v.context_ = v.file_ = undefined;
  v.held_ = false;
  try {
    if (c) isFn(c.destroy) ? c.destroy() : c.stop();
  } catch (e) {
    // Nothing to free then.
  }
}

// A new context, its listeners bound once (they add up on WeChat, replace on React Native).
// Events of a context the runtime let go of are ignored.
function openVoice(v: Voice) {
  const api = v.getApi_();
  const c: any = api && isFn(api.createInnerAudioContext) ? api.createInnerAudioContext() : 0;
  // A stub that returns a (rejected) Promise: never leave it unhandled.
  v.guard_(c);
  if (!c || !isFn(c.play) || !isFn(c.onEnded)) return;
  const mine = (end: (v: Voice, e: unknown) => void) => (e: unknown) => {
    if (c === v.context_) {
      releaseVoice(v);
      end(v, e);
    }
  };
  c.onEnded(mine(voicePlayed));
  // A stop the runtime did not ask for ends the voice too (Taro H5 stops every player at a route
  // change; Douyin's one Android player taken by another instance): its own stops let go first.
  if (isFn(c.onStop)) c.onStop(mine(voicePlayed));
  if (isFn(c.onError)) c.onError(mine(voiceFailed));
  return (v.context_ = c);
}

// Plays (or resumes) `file` for the call `w`, for `ms` at most; returns false when there is no usable player.
function startVoice(v: Voice, w: Caller, file: string, ms: number) {
  if (!v.held_ || file !== v.file_) {
    releaseVoice(v);
    if (!openVoice(v)) return false;
    v.context_.src = v.file_ = file;
  }
  v.held_ = false;
  v.caller_ = w;
  // A duration longer than a timer can wait (2^31-1 ms, which it would cut to 1 ms) sets no limit: the voice plays to
  // its end (Decision V1).
  v.timer_ = ms <= 2147483647 && setTimeout(() => (releaseVoice(v), voicePlayed(v)), ms);
  const c = v.context_;
  // React Native and H5 return a Promise: its rejection is this call's failure, and
  // frees the player even if the call was paused meanwhile.
  v.guard_(c.play(), (e: unknown) => {
    if (v.context_ === c && (!v.caller_ || v.caller_ === w)) {
      releaseVoice(v);
      voiceFailed(v, e);
    }
  });
  return true;
}

/**
 * Builds playVoice / pauseVoice / stopVoice over a platform API looked up at each fresh start; `guard` takes the
 * Promises its players may return (caller.ts, Guard).
 */
export function createVoiceCompat(getApi: () => VoiceApi | undefined, guard: Guard): VoiceCompat {
  const v: Voice = { getApi_: getApi, guard_: guard };

  function playVoice(o: PlayVoiceOption) {
    const w = caller(o);
    const file = o && o.filePath;
    if (typeof file != 'string' || !file) w(voiceResult(PLAY, false, 'invalid filePath'), false);
    else {
      // Another playVoice interrupts the one playing: that call ends, as a success.
      voicePlayed(v);
      try {
        if (!startVoice(v, w, file, (o.duration! > 0 ? o.duration! : 60) * 1000))
          w(voiceResult(PLAY, false, 'not supported'), false);
      } catch (e) {
        releaseVoice(v);
        v.caller_ = w;
        voiceFailed(v, e);
      }
    }
    return w.promise_;
  }

  function pauseVoice(o?: PauseVoiceOption) {
    const w = caller(o);
    try {
      if (v.caller_) {
        // The call ends at the pause; a playVoice of the same file resumes from here.
        voicePlayed(v);
        v.held_ = true;
        v.context_.pause();
      }
      w(voiceResult('pauseVoice:', true), true);
    } catch (e) {
      releaseVoice(v);
      w(voiceResult('pauseVoice:', false, errorReason(e)), false);
    }
    return w.promise_;
  }

  function stopVoice(o?: StopVoiceOption) {
    const w = caller(o);
    voicePlayed(v);
    releaseVoice(v);
    w(voiceResult('stopVoice:', true), true);
    return w.promise_;
  }

  return {
    playVoice: playVoice as VoiceCompat['playVoice'],
    pauseVoice: pauseVoice as VoiceCompat['pauseVoice'],
    stopVoice: stopVoice as VoiceCompat['stopVoice'],
  };
}
