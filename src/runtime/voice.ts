/*
 * The legacy playVoice / pauseVoice / stopVoice on createInnerAudioContext().
 * Contract: docs/contract.md (the legacy voice API, InnerAudioContext, Decisions V1–V4).
 * A module of its own, independent of the record core: an app that only records ships none of it.
 * Written against an injected platform API object, like the record core; ES2015, small.
 *
 * A Taro build for WeChat (`process.env.TARO_ENV == 'weapp'`, which Taro defines in every module it bundles) leaves out
 * what only other platforms' players need: the checks for what WeChat's context always has, the catches and the guard
 * against rejected Promises. The package's other entries and the local copies hold this module without those tests
 * (scripts/lib/wechat-build.mjs): there every platform's rules apply.
 */
import { caller, errorReason, ifRejected, isFn, type Caller } from './caller';
// A separate type import: the declarations keep it as written, and TypeScript 3.9 reads no `type` modifier on a name.
import type { CallReturn } from './caller';

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

// The platform's name: Taro's builds define it, and only the Taro entry's form reads it (scripts/lib/wechat-build.mjs).
declare const process: { env: { TARO_ENV?: string } };

/* eslint-disable @typescript-eslint/no-explicit-any */
const PLAY = 'playVoice:';
const voiceResult = (api: string, ok: boolean, reason?: string) => ({ errMsg: api + (ok ? 'ok' : 'fail ' + reason) });

/**
 * Builds playVoice / pauseVoice / stopVoice over a platform API looked up at each fresh start.
 * One voice at a time, on at most one InnerAudioContext of the runtime's own: it is destroyed when its voice ends, is
 * stopped or is replaced, and kept only while paused (to resume).
 */
export function createVoiceCompat(getApi: () => VoiceApi | undefined): VoiceCompat {
  // The InnerAudioContext; the playVoice call whose playback is under way; the file in the context, and whether it is
  // held (paused, so that playVoice of it resumes); the timer of the call's duration.
  let context: any;
  let owner: Caller | undefined;
  let file: string | undefined;
  let held = false;
  let timer: unknown;

  // Ends the current call (if any): its playback is over.
  function settle(res: any, ok: boolean) {
    const w = owner;
    owner = undefined;
    clearTimeout(timer);
    if (w) w(res, ok);
  }
  const played = () => settle(voiceResult(PLAY, true), true);
  const failed = (e: unknown) => settle(voiceResult(PLAY, false, errorReason(e)), false);

  // Frees the context. Fresh starts use a new one, so a stop never needs a src reset (Douyin)
  // nor a reload of a sound unloaded at its end (React Native).
  function release() {
    const c = context;
    context = file = undefined;
    held = false;
    if (process.env.TARO_ENV == 'weapp') c && c.destroy();
    else
      try {
        if (c) isFn(c.destroy) ? c.destroy() : c.stop();
      } catch (e) {
        // Nothing to free then (Taro H5 before 3.6.11 throws in destroy()).
      }
  }

  // A new context, its listeners bound once (they add up on WeChat, replace on React Native).
  // Events of a context the runtime let go of are ignored.
  function open() {
    const api = getApi();
    const c: any = api && isFn(api.createInnerAudioContext) ? api.createInnerAudioContext() : 0;
    // A stub that returns a (rejected) Promise: never leave it unhandled. A context without play or onEnded is none
    // (WeChat's has every method).
    if (process.env.TARO_ENV != 'weapp') ifRejected(c);
    if (!c || (process.env.TARO_ENV != 'weapp' && (!isFn(c.play) || !isFn(c.onEnded)))) return;
    const mine = (end: (e: unknown) => void) => (e: unknown) => {
      if (c === context) {
        release();
        end(e);
      }
    };
    c.onEnded(mine(played));
    // A stop the runtime did not ask for ends the voice too (Taro H5 stops every player at a route
    // change; Douyin's one Android player taken by another instance): its own stops let go first.
    if (process.env.TARO_ENV == 'weapp' || isFn(c.onStop)) c.onStop(mine(played));
    if (process.env.TARO_ENV == 'weapp' || isFn(c.onError)) c.onError(mine(failed));
    return (context = c);
  }

  // Plays (or resumes) `path` for the call `w`, for `ms` at most; returns false when there is no usable player.
  function start(w: Caller, path: string, ms: number) {
    if (!held || path !== file) {
      release();
      if (!open()) return false;
      context.src = file = path;
    }
    held = false;
    owner = w;
    // A duration longer than a timer can wait (2^31-1 ms, which it would cut to 1 ms) sets no limit: the voice plays to
    // its end (Decision V1).
    timer = ms <= 2147483647 && setTimeout(() => (release(), played()), ms);
    const c = context;
    // React Native and H5 return a Promise: its rejection is this call's failure, and
    // frees the player even if the call was paused meanwhile. WeChat's play() returns nothing.
    if (process.env.TARO_ENV == 'weapp') c.play();
    else
      ifRejected(c.play(), (e: unknown) => {
        if (context === c && (!owner || owner === w)) {
          release();
          failed(e);
        }
      });
    return true;
  }

  function playVoice(o: PlayVoiceOption) {
    const w = caller(o);
    const path = o && o.filePath;
    if (typeof path != 'string' || !path) w(voiceResult(PLAY, false, 'invalid filePath'), false);
    else {
      // Another playVoice interrupts the one playing: that call ends, as a success.
      played();
      try {
        if (!start(w, path, (o.duration! > 0 ? o.duration! : 60) * 1000))
          w(voiceResult(PLAY, false, 'not supported'), false);
      } catch (e) {
        release();
        owner = w;
        failed(e);
      }
    }
    return w.promise_;
  }

  // The call ends at the pause; a playVoice of the same file resumes from here.
  function pause(w: Caller) {
    if (owner) {
      played();
      held = true;
      context.pause();
    }
    w(voiceResult('pauseVoice:', true), true);
  }

  function pauseVoice(o?: PauseVoiceOption) {
    const w = caller(o);
    // A platform whose pause() throws fails the call; WeChat's does not throw.
    if (process.env.TARO_ENV == 'weapp') pause(w);
    else
      try {
        pause(w);
      } catch (e) {
        release();
        w(voiceResult('pauseVoice:', false, errorReason(e)), false);
      }
    return w.promise_;
  }

  function stopVoice(o?: StopVoiceOption) {
    const w = caller(o);
    played();
    release();
    w(voiceResult('stopVoice:', true), true);
    return w.promise_;
  }

  return {
    playVoice: playVoice as VoiceCompat['playVoice'],
    pauseVoice: pauseVoice as VoiceCompat['pauseVoice'],
    stopVoice: stopVoice as VoiceCompat['stopVoice'],
  };
}
