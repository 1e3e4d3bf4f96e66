/*
 * The voice family's floor: playVoice, pauseVoice and stopVoice as a WeChat-only build would keep them, cut by hand
 * from src/runtime/voice.ts and docs/contract.md, Decisions V1–V5, on `wx` itself. Measured by bench:size as the family
 * is (what an app that imports the three keeps).
 *
 * Kept, as the runtime keeps it on WeChat: one answer per call, asynchronously (./caller.js); playVoice succeeds when
 * its playback ends, at the file's end, at `duration` seconds (60 unless positive, no limit past a timer's 2^31-1 ms),
 * or interrupted by another playVoice, pauseVoice, stopVoice or a stop of the platform's; `invalid filePath` without a
 * non-empty string (V1); a pause then a playVoice of the same file resumes, anything else starts over (V2); one
 * InnerAudioContext at a time, made for each fresh start and destroyed when its voice ends, fails, is stopped or is
 * replaced, kept only while paused; events of a context let go are ignored (V3); onError and a throwing
 * createInnerAudioContext or play() as `playVoice:fail <reason>` with the error's code, `not supported` without
 * createInnerAudioContext (V4). V5 costs nothing: the runtime never calls setInnerAudioOption.
 *
 * Left out, as a WeChat-only build drops it: the platform lookup (Taro's default export; the native entry's wx/tt);
 * the checks for what WeChat's context always has (play, onEnded, onStop, onError, destroy; stop() where there is no
 * destroy); the guard against rejected Promises (a stub's context, React Native's and H5's play()); the catch around
 * destroy() (Taro H5 before 3.6.11 throws there) and the one around pause(), which no Decision names.
 */
import { caller, errorReason, isFn } from './caller.js';

const PLAY = 'playVoice:';
const result = (api, reason) => ({ errMsg: api + (reason ? 'fail ' + reason : 'ok') });

// The one context, the playVoice call it plays for, its file, whether it is paused to resume, the duration's timer.
let context;
let owner;
let file;
let held;
let timer;

// Ends the current call, if any: its playback is over.
function settle(res, ok) {
  const w = owner;
  owner = undefined;
  clearTimeout(timer);
  if (w) w(res, ok);
}
const played = () => settle(result(PLAY), true);
const failed = (e) => settle(result(PLAY, errorReason(e)), false);

function release() {
  const c = context;
  context = file = undefined;
  held = false;
  if (c) c.destroy();
}

// A new context, its listeners bound once; undefined where WeChat has no createInnerAudioContext.
function open() {
  const c = isFn(wx.createInnerAudioContext) && wx.createInnerAudioContext();
  if (!c) return;
  const mine = (end) => (e) => {
    if (c === context) {
      release();
      end(e);
    }
  };
  c.onEnded(mine(played));
  c.onStop(mine(played));
  c.onError(mine(failed));
  return (context = c);
}

// Plays (or resumes) `path` for the call `w`, for `ms` at most; false without a player.
function start(w, path, ms) {
  if (!held || path !== file) {
    release();
    if (!open()) return false;
    context.src = file = path;
  }
  held = false;
  owner = w;
  timer = ms <= 2147483647 && setTimeout(() => (release(), played()), ms);
  context.play();
  return true;
}

export function playVoice(o) {
  const [w, promise] = caller(o);
  const path = o && o.filePath;
  if (typeof path != 'string' || !path) w(result(PLAY, 'invalid filePath'), false);
  else {
    // Another playVoice ends the one playing, as a success.
    played();
    try {
      if (!start(w, path, (o.duration > 0 ? o.duration : 60) * 1000)) w(result(PLAY, 'not supported'), false);
    } catch (e) {
      release();
      owner = w;
      failed(e);
    }
  }
  return promise;
}

export function pauseVoice(o) {
  const [w, promise] = caller(o);
  if (owner) {
    // The call ends at the pause; a playVoice of the same file resumes from here.
    played();
    held = true;
    context.pause();
  }
  w(result('pauseVoice:'), true);
  return promise;
}

export function stopVoice(o) {
  const [w, promise] = caller(o);
  played();
  release();
  w(result('stopVoice:'), true);
  return promise;
}
