/*
 * The legacy playVoice / pauseVoice / stopVoice on createInnerAudioContext().
 * Contract: docs/contract.md (the legacy voice API, InnerAudioContext, Decisions V1–V4).
 * A module of its own, independent of the record core: an app that only records ships none of it.
 * Written against an injected platform API object, like the record core; ES2015, small.
 */
import { caller, errorReason, ifRejected, isFn, type Caller, type Fn } from './caller';
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

/* eslint-disable @typescript-eslint/no-explicit-any */
const PLAY = 'playVoice:';
const voiceResult = (api: string, ok: boolean, reason?: string) => ({ errMsg: api + (ok ? 'ok' : 'fail ' + reason) });

/**
 * Builds playVoice / pauseVoice / stopVoice over a platform API looked up at each fresh start.
 * One voice at a time, on at most one InnerAudioContext of the runtime's own: it is destroyed
 * when its voice ends, is stopped or is replaced, and kept only while paused (to resume).
 */
export function createVoiceCompat(getApi: () => VoiceApi | undefined): VoiceCompat {
  let ctx: any;
  // The playVoice call whose playback is under way.
  let cur: Caller | undefined;
  // The file of the voice in ctx; `held` when it is paused and playVoice of it resumes.
  let file: string | undefined;
  let held = false;
  let timer: unknown;

  // Ends the current call (if any): its playback is over.
  function settle(res: any, ok: boolean) {
    const w = cur;
    cur = undefined;
    clearTimeout(timer);
    if (w) w(res, ok);
  }
  const played = () => settle(voiceResult(PLAY, true), true);
  const failed = (e: unknown) => settle(voiceResult(PLAY, false, errorReason(e)), false);

  // Frees the context. Fresh starts use a new one, so a stop never needs a src reset (Douyin)
  // nor a reload of a sound unloaded at its end (React Native).
  function release() {
    const c = ctx;
    ctx = file = undefined;
    held = false;
    try {
      if (c) isFn(c.destroy) ? c.destroy() : c.stop();
    } catch (e) {
      // Nothing to free then.
    }
  }

  // A new context, its listeners bound once (they add up on WeChat, replace on React Native).
  // Events of a context the runtime let go of are ignored.
  function open(api: VoiceApi | undefined) {
    const c: any = api && isFn(api.createInnerAudioContext) ? api.createInnerAudioContext() : 0;
    // A stub that returns a (rejected) Promise: never leave it unhandled.
    ifRejected(c);
    if (!c || !isFn(c.play) || !isFn(c.onEnded)) return;
    const mine = (end: Fn) => (e: unknown) => {
      if (c === ctx) {
        release();
        end(e);
      }
    };
    c.onEnded(mine(played));
    // A stop the runtime did not ask for ends the voice too (Taro H5 stops every player at a route
    // change; Douyin's one Android player taken by another instance): its own stops let go first.
    if (isFn(c.onStop)) c.onStop(mine(played));
    if (isFn(c.onError)) c.onError(mine(failed));
    return (ctx = c);
  }

  // Plays (or resumes) `f` for the call `w`; returns false when there is no usable player.
  function play(w: Caller, f: string, seconds: number) {
    if (!held || f !== file) {
      release();
      if (!open(getApi())) return false;
      ctx.src = file = f;
    }
    held = false;
    cur = w;
    // A duration longer than a timer can wait (2^31-1 ms, which it would cut to 1 ms) sets no limit: the voice plays to
    // its end (Decision V1).
    timer = seconds * 1000 <= 2147483647 ? setTimeout(() => (release(), played()), seconds * 1000) : 0;
    const c = ctx;
    // React Native and H5 return a Promise: its rejection is this call's failure, and
    // frees the player even if the call was paused meanwhile.
    ifRejected(c.play(), (e: unknown) => {
      if (ctx === c && (!cur || cur === w)) {
        release();
        failed(e);
      }
    });
    return true;
  }

  function playVoice(o: PlayVoiceOption) {
    const w = caller(o);
    const f = o && o.filePath;
    if (typeof f != 'string' || !f) w(voiceResult(PLAY, false, 'invalid filePath'), false);
    else {
      // Another playVoice interrupts the one playing: that call ends, as a success.
      played();
      try {
        if (!play(w, f, o.duration! > 0 ? o.duration! : 60)) w(voiceResult(PLAY, false, 'not supported'), false);
      } catch (e) {
        release();
        cur = w;
        failed(e);
      }
    }
    return w.q;
  }

  function pauseVoice(o?: PauseVoiceOption) {
    const w = caller(o);
    try {
      if (cur) {
        // The call ends at the pause; a playVoice of the same file resumes from here.
        played();
        held = true;
        ctx.pause();
      }
      w(voiceResult('pauseVoice:', true), true);
    } catch (e) {
      release();
      w(voiceResult('pauseVoice:', false, errorReason(e)), false);
    }
    return w.q;
  }

  function stopVoice(o?: StopVoiceOption) {
    const w = caller(o);
    played();
    release();
    w(voiceResult('stopVoice:', true), true);
    return w.q;
  }

  return {
    playVoice: playVoice as VoiceCompat['playVoice'],
    pauseVoice: pauseVoice as VoiceCompat['pauseVoice'],
    stopVoice: stopVoice as VoiceCompat['stopVoice'],
  };
}
