/*
 * Shared core of the legacy startRecord/stopRecord emulation on getRecorderManager().
 * Contract: docs/contract.md, Decisions R1–R12. Written against an injected platform API object so
 * the Taro entry, the native entry and the tests (fakes) all drive the same code.
 * Keep it ES2015-friendly and small: it ships inside users' mini-programs.
 */
import { caller, ifRejected, isFn, type Caller, type Fn } from './caller';

/** App-level options (configureRecordCompat, or the Taro plugin's build-time define). */
export interface RecordCompatOptions {
  /** Auto-stop after this many ms from onStart. Default 60000; capped at the platform maximum (600000, Alipay 180000). */
  durationMs?: number;
  /** Raw PCM is `PCM` on WeChat and the platforms like it, `pcm` on Baidu: either spelling is taken. */
  format?: 'aac' | 'mp3' | 'wav' | 'PCM' | 'pcm';
  sampleRate?: number;
  numberOfChannels?: 1 | 2;
  encodeBitRate?: number;
  /** When the user had denied the microphone before: ask with showModal, then openSetting. Off by default. */
  deniedPrompt?: DeniedPrompt | boolean;
  /** Fail the recording if onStop has not arrived this many ms after stop(). Default 5000. */
  stopTimeoutMs?: number;
}

export interface DeniedPrompt {
  title?: string;
  content?: string;
  confirmText?: string;
  cancelText?: string;
}

export interface RecordFailResult {
  errMsg: string;
}
export interface StartRecordSuccessResult {
  errMsg: 'startRecord:ok';
  tempFilePath: string;
  duration?: number;
  fileSize?: number;
}
export interface StopRecordSuccessResult {
  errMsg: 'stopRecord:ok';
  /** Present when a recording was stopped by this call. */
  tempFilePath?: string;
}
export interface RecordCallbacks<T> {
  success?: (res: T) => void;
  fail?: (res: RecordFailResult) => void;
  complete?: (res: T | RecordFailResult) => void;
}
export type StartRecordOption = RecordCallbacks<StartRecordSuccessResult>;
export type StopRecordOption = RecordCallbacks<StopRecordSuccessResult>;

type AuthSetting = { authSetting?: Record<string, boolean | undefined> };
type ApiCall<T, O = object> = (o: O & { success?: (r: T) => void; fail?: (e: unknown) => void }) => unknown;

/** The slice of wx / tt / my / Taro the runtime uses. Everything is optional: platforms differ. */
export interface PlatformApi {
  getRecorderManager?: () => unknown;
  getSetting?: ApiCall<AuthSetting>;
  authorize?: ApiCall<unknown, { scope: string }>;
  showModal?: ApiCall<{ confirm?: boolean }, DeniedPrompt>;
  openSetting?: ApiCall<AuthSetting>;
}

/** WeChat's typing rule: a call with a callback returns nothing, a call without one a Promise. */
export type RecordReturn<T, R> = T extends { success: unknown } | { fail: unknown } | { complete: unknown } ? undefined : Promise<R>;

export interface RecordCompat {
  startRecord<T extends StartRecordOption = StartRecordOption>(option?: T): RecordReturn<T, StartRecordSuccessResult>;
  stopRecord<T extends StopRecordOption = StopRecordOption>(option?: T): RecordReturn<T, StopRecordSuccessResult>;
  /**
   * Checks app-level options with `check` (the entries pass validateRecordOptions) over the
   * ones accepted so far; the check hands the merged options to `accept` when it finds no
   * problem. Returns the problem; a refused call changes nothing, and startRecord fails with it
   * until a call is accepted. The check is passed in, and merges, so that apps that never
   * configure ship neither the validator nor the merge.
   */
  configure(options: RecordCompatOptions | undefined, check: (o: RecordCompatOptions | undefined, base: RecordCompatOptions, accept: (merged: RecordCompatOptions) => void) => string | undefined): string | undefined;
  /**
   * For the app's own manager (shareRecorderManager): from now on it owns the listeners of the
   * platform manager `pm`, and the core adds none of its own there (rule 12). `appBusy` says
   * when the app's own recording holds the recorder.
   */
  share(pm: unknown, appBusy: () => boolean): LegacySide;
}

/**
 * What the app's own manager needs from the core (a tuple: it ships in every app, names do not
 * minify): the legacy recording's listeners, and the legacy session's phase (from Auth on, the
 * app's own calls are refused; from Starting on, the events are the legacy recording's). Its
 * members are unnamed: TypeScript 3.9, which Taro 1 and 2 projects still run, cannot parse a
 * named tuple member in the declarations.
 */
export type LegacySide = [Record<string, (res: unknown) => void>, () => number];

/** The options of RecorderManager.start (docs/contract.md#recorder-manager). */
export interface RecorderStartOption {
  duration?: number;
  sampleRate?: number;
  numberOfChannels?: number;
  encodeBitRate?: number;
  format?: string;
  frameSize?: number;
  audioSource?: string;
}

/** The platform's RecorderManager as the app sees it: WeChat's shape (Taro's type is the same). */
export interface RecorderManager {
  start(option?: RecorderStartOption): void;
  pause(): void;
  resume(): void;
  stop(): void;
  onStart(listener: (res: { errMsg: string }) => void): void;
  onStop(listener: (res: { tempFilePath: string; duration: number; fileSize: number }) => void): void;
  onPause(listener: (res: { errMsg: string }) => void): void;
  onResume(listener: (res: { errMsg: string }) => void): void;
  onError(listener: (res: { errMsg: string }) => void): void;
  onFrameRecorded(listener: (res: { frameBuffer: ArrayBuffer; isLastFrame: boolean }) => void): void;
  onInterruptionBegin(listener: (res: { errMsg: string }) => void): void;
  onInterruptionEnd(listener: (res: { errMsg: string }) => void): void;
}

// Injected by the Taro build plugin (DefinePlugin / vite define) as a JSON literal.
declare const TARO_RECORD_COMPAT_OPTIONS: RecordCompatOptions | undefined;
// Declared here so the standalone copy type-checks without DOM or Node typings.
declare function setTimeout(cb: () => void, ms: number): unknown;
declare function clearTimeout(id: unknown): void;

const BUILD_DEFAULTS = typeof TARO_RECORD_COMPAT_OPTIONS !== 'undefined' ? TARO_RECORD_COMPAT_OPTIONS : undefined;

const RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];
// Allowed encodeBitRate per sample rate (same order as RATES), in kbit/s: min, max.
const KBPS = [16, 48, 16, 48, 24, 64, 24, 96, 32, 128, 32, 128, 48, 192, 64, 320, 64, 320];
const FORMATS = ['aac', 'mp3', 'wav', 'PCM', 'pcm'];
const OPTION_KEYS = ['durationMs', 'format', 'sampleRate', 'numberOfChannels', 'encodeBitRate', 'deniedPrompt', 'stopTimeoutMs'];
const PROMPT_KEYS = ['title', 'content', 'confirmText', 'cancelText'];
// The start deadline waits the longest recording (600000 ms) plus stopTimeoutMs (Decision R7),
// and a timer waits at most 2^31-1 ms: a longer wait fires at once.
const MAX_STOP_TIMEOUT = 2147483647 - 600000;

const unsetOrPositive = (v: unknown, max = Infinity) => v == null || (typeof v == 'number' && v > 0 && v <= max);
// A value as the message shows it: a string quoted, so that "16000" does not read as 16000.
const shown = (v: unknown): string => {
  try {
    if (typeof v == 'string' || (v && typeof v == 'object')) return JSON.stringify(v);
  } catch (e) {
    // A cyclic object: its name will do.
  }
  return String(v);
};

/**
 * Checks options against docs/contract.md#recorder-manager (WeChat's table): `given` itself (an
 * object of the known names, each of its type), and, merged over `base` (the options accepted so
 * far), the pairs. Pure: touches no platform API, so the build plugin can reuse it. Returns a
 * message naming the bad option and what is allowed (docs/contract.md, Decision R8); without
 * one, hands the merged options to `accept` (configureRecordCompat keeps them).
 */
export function validateRecordOptions(given?: unknown, base?: RecordCompatOptions, accept?: (merged: RecordCompatOptions) => void): string | undefined {
  if (given === undefined) return;
  if (!given || typeof given != 'object' || Array.isArray(given)) return 'options must be an object, got ' + shown(given);
  const unknown = Object.keys(given as object).filter((k) => OPTION_KEYS.indexOf(k) < 0)[0];
  if (unknown != null) return 'unknown option ' + shown(unknown) + '; allowed options are ' + OPTION_KEYS.join(', ');
  const o: RecordCompatOptions = assign({}, base, given);
  const sr = o.sampleRate == null ? 8000 : o.sampleRate;
  const br = o.encodeBitRate == null ? 48000 : o.encodeBitRate;
  const n = o.numberOfChannels;
  const d: unknown = o.deniedPrompt;
  const i = RATES.indexOf(sr);
  // NaN when the sample rate is unknown; that is reported first.
  const lo = KBPS[2 * i]! * 1000;
  const hi = KBPS[2 * i + 1]! * 1000;
  const bad = (k: string, v: unknown, ok: unknown, allowed: string) => (ok ? '' : k + ' must be ' + allowed + ', got ' + shown(v));
  const problem =
    bad('durationMs', o.durationMs, unsetOrPositive(o.durationMs), 'a positive number of ms') ||
    bad('stopTimeoutMs', o.stopTimeoutMs, unsetOrPositive(o.stopTimeoutMs, MAX_STOP_TIMEOUT), 'a positive number of ms, at most ' + MAX_STOP_TIMEOUT) ||
    bad('format', o.format, o.format == null || FORMATS.indexOf(o.format) >= 0, 'one of ' + FORMATS.join(', ')) ||
    bad('sampleRate', sr, i >= 0, 'one of ' + RATES.join(', ')) ||
    bad('numberOfChannels', n, n == null || n === 1 || n === 2, '1 or 2') ||
    bad('encodeBitRate', br, typeof br == 'number' && br >= lo && br <= hi, lo + ' to ' + hi + ' for sampleRate ' + sr) ||
    bad(
      'deniedPrompt',
      d,
      d == null || typeof d == 'boolean' || (typeof d == 'object' && Object.keys(d!).every((k) => PROMPT_KEYS.indexOf(k) >= 0 && typeof (d as Record<string, unknown>)[k] == 'string')),
      'true, false or an object with string ' + PROMPT_KEYS.join(', ')
    ) ||
    undefined;
  if (!problem && accept) accept(o);
  return problem;
}

// ---- internals -------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
const assign = Object.assign;
const SCOPE = 'scope.record';
const START = 'startRecord:';
const STOP = 'stopRecord:';
const failed = (api: string, reason: string) => ({ errMsg: api + 'fail ' + reason });
const granted = (r: any) => r && r.authSetting && r.authSetting[SCOPE];
// A usable recorder: an object with start and onStop functions; anything else is "not supported".
const usable = (m: any) => m && isFn(m.start) && isFn(m.onStop);

// Phases of the one recording in flight.
const enum Phase {
  Idle,
  Auth,
  Starting,
  Recording,
  Stopping,
}

// The reason in a platform error. With `denial`, any reason but a privacy one becomes 'auth deny'.
function reasonOf(e: any, denial?: boolean): string {
  // errMsg (wx, tt, Taro), errorMessage/error (Alipay), message (a thrown Error, React Native).
  const m = String((e && (e.errMsg || e.errorMessage || e.message || e.error)) || e).replace(/^.*?:fail[: ]*/, '');
  // Privacy failures keep their own reason; every flavour of denial reads like the legacy API.
  return /privacy/.test(m) || !(denial || /auth den|authorize no|permission/i.test(m)) ? m || 'unknown error' : 'auth deny';
}

// Calls obj[k](arg) so that neither a throw nor a rejected Promise (Taro's promisified APIs,
// React Native's start()) escapes: both go to err.
function call(obj: any, k: string, arg: any, err: (e: unknown) => void) {
  try {
    ifRejected(obj[k](arg), err);
  } catch (e) {
    err(e);
  }
}

/**
 * Builds startRecord / stopRecord / configure over a platform API looked up at each call.
 * `isAlipay` tells the core when Alipay's rules apply (no scope.record, 180 s max).
 */
export function createRecordCompat(getApi: () => PlatformApi | undefined, isAlipay?: (api: PlatformApi) => unknown): RecordCompat {
  // Never mutated: configure() replaces it.
  let cfg: RecordCompatOptions = BUILD_DEFAULTS || {};
  // The one recording in flight; `main` (its startRecord caller) identifies it, so late
  // callbacks of an ended one drop out.
  let phase = Phase.Idle;
  let main: Caller | undefined;
  // Set by startRecord for each session.
  let stops: Caller[];
  let manager: any;
  let limitMs: number;
  // The one timer of the session: the auto-stop, or the deadline of onStart / onStop.
  let timer: unknown;
  // The manager that carries our listeners, or the app manager's (rules 10 and 12).
  let boundManager: unknown;
  // configure()'s verdict on the options; every startRecord fails with it.
  let optionsProblem: string | undefined;
  // Replaced once the app has its own manager (rule 12).
  let appBusy = () => false;

  const arm = (ms: number, f: () => void) => {
    clearTimeout(timer);
    timer = setTimeout(f, ms);
  };
  const watchdog = () => cfg.stopTimeoutMs || 5000;

  // Ends the session once: the startRecord result first, then every waiting stopRecord.
  function end(res: any, err?: string) {
    if (phase == Phase.Idle) return;
    phase = Phase.Idle;
    clearTimeout(timer);
    main!(err ? failed(START, err) : res, !err);
    stops.forEach((w) => w(err ? failed(STOP, err) : { errMsg: STOP + 'ok', tempFilePath: res.tempFilePath }, !err));
  }
  const failer = () => {
    const id = main;
    return (e: unknown) => {
      if (id == main) end(0, reasonOf(e));
    };
  };

  // Asks the recording to end, once it has started (WeChat ignores a stop() before onStart).
  function halt() {
    if (phase == Phase.Recording) {
      phase = Phase.Stopping;
      arm(watchdog(), () => end(0, 'stop timeout'));
      call(manager, 'stop', undefined, failer());
    }
  }

  // The one set of listeners, attached once per manager; events go to the recording in flight.
  const listeners: Record<string, Fn> = {
    onStart() {
      if (phase == Phase.Starting) {
        phase = Phase.Recording;
        // A stopRecord before onStart waits for it. Our own timer as well as `duration`:
        // React Native ignores `duration`.
        if (stops.length) halt();
        else arm(limitMs, halt);
      }
    },
    onStop(r: any) {
      // { tempFilePath, duration, fileSize } as the platform gives them.
      if (phase >= Phase.Recording) end(assign({}, r, { errMsg: START + 'ok' }));
    },
    onError(e: unknown) {
      if (phase > Phase.Auth) end(0, reasonOf(e));
    },
    // Legacy callers cannot resume: a pause the runtime did not ask for ends the recording
    // (halt() does nothing before the platform was asked to start).
    onPause: halt,
    onInterruptionBegin: halt,
  };

  function begin() {
    const o: any = { duration: limitMs };
    phase = Phase.Starting;
    if (manager !== boundManager) {
      boundManager = manager;
      for (const k in listeners) if (isFn(manager[k])) manager[k](listeners[k]);
    }
    for (const k of ['format', 'sampleRate', 'numberOfChannels', 'encodeBitRate']) if ((cfg as any)[k] != null) o[k] = (cfg as any)[k];
    // Bounded even if onStart never comes; generous because a permission popup may be open.
    arm(limitMs + watchdog(), () => end(0, 'start timeout'));
    call(manager, 'start', o, failer());
  }

  function guard(api: PlatformApi) {
    const id = main;
    const go = () => {
      if (id == main && phase == Phase.Auth) begin();
    };
    const deny = (e?: unknown) => {
      if (id == main && phase == Phase.Auth) end(0, reasonOf(e, true));
    };
    const ask = (k: string, o: any) => call(api, k, assign(o, { fail: deny }), deny);
    if (!isFn(api.getSetting) || (isAlipay && isAlipay(api))) return go();
    call(
      api,
      'getSetting',
      {
        success(r: any) {
          const v = granted(r);
          const d = cfg.deniedPrompt;
          if (v) go();
          else if (v !== false) ask('authorize', { scope: SCOPE, success: go });
          // Denied before: authorize would fail at once, only the app's own prompt can help
          // (a platform without showModal/openSetting throws inside ask(), which denies).
          else if (!d) deny();
          else
            ask(
              'showModal',
              assign({ content: '请允许使用麦克风' }, d, {
                success: (r: any) => (r && r.confirm ? ask('openSetting', { success: (r: any) => (granted(r) ? go() : deny()) }) : deny()),
              })
            );
        },
        // No readable settings: let the platform's own permission check decide.
        fail: go,
      },
      go
    );
  }

  function startRecord(o?: StartRecordOption) {
    const w = caller(o);
    try {
      const api = getApi();
      // One at a time (rule 5), counting the app's own recording (rule 12).
      const problem = phase != Phase.Idle || appBusy() ? 'audio is recording' : optionsProblem;
      const mm: any = problem || !api || !isFn(api.getRecorderManager) ? 0 : api.getRecorderManager();
      // H5's stub returns a (rejected) Promise instead of a manager: never leave it unhandled.
      ifRejected(mm);
      if (problem || !usable(mm)) w(failed(START, problem || 'not supported'));
      else {
        main = w;
        stops = [];
        manager = mm;
        phase = Phase.Auth;
        limitMs = Math.min(cfg.durationMs || 60000, isAlipay && isAlipay(api!) ? 180000 : 600000);
        guard(api!);
      }
    } catch (e) {
      const r = reasonOf(e);
      if (main == w) end(0, r);
      w(failed(START, r));
    }
    return w.q;
  }

  // Nothing here can throw: halt() calls the platform through call(), the callers never throw.
  function stopRecord(o?: StopRecordOption) {
    const w = caller(o);
    if (phase > Phase.Auth) {
      stops.push(w);
      halt();
    } else {
      // Stopping during authorization cancels the start; nothing to stop is fine (onUnload).
      if (phase == Phase.Auth) end(0, 'cancelled by stopRecord');
      w({ errMsg: STOP + 'ok' }, true);
    }
    return w.q;
  }

  return {
    startRecord: startRecord as RecordCompat['startRecord'],
    stopRecord: stopRecord as RecordCompat['stopRecord'],
    configure(options, check) {
      // A refused call changes nothing: the next one is checked over the options accepted so far (Decision R8).
      return (optionsProblem = check(options, cfg, (accepted) => (cfg = accepted)));
    },
    share(pm, busy) {
      boundManager = pm;
      appBusy = busy;
      return [listeners, () => phase];
    },
  };
}


// Every event a RecorderManager may have (docs/contract.md#recorder-manager); each platform has a subset.
const EVENTS = ['onStart', 'onStop', 'onPause', 'onResume', 'onError', 'onFrameRecorded', 'onInterruptionBegin', 'onInterruptionEnd'];

// The app's own manager, the core and the platform manager it was made for (one global each).
let shared: [RecordCompat, unknown, RecorderManager] | undefined;

/**
 * The app's own `getRecorderManager()` (rule 12). It returns a manager that behaves like the
 * platform's for the app's own recordings: the same methods, the same events, the platform's
 * listener rules (each onX replaces where the platform has no off*, as WeChat and React Native
 * do; listeners add up and offX removes them where it has off*, as Alipay and Douyin do).
 * Without a usable manager (H5's Promise, Harmony's nothing) it returns what the platform gave.
 */
export function shareRecorderManager(rc: RecordCompat, api: PlatformApi | undefined): RecorderManager {
  const pm: any = api && isFn(api.getRecorderManager) ? api.getRecorderManager() : undefined;
  if (!usable(pm)) return pm;
  if (!shared || shared[0] !== rc || shared[1] !== pm) shared = [rc, pm, appManager(rc, pm)];
  return shared[2];
}

// The app's recorder as the app's own calls and the platform's events leave it. The calls move
// it at once (their events come later), by the platform's rules (docs/contract.md#recorder-manager).
const enum AppState {
  Idle,
  Starting,
  Recording,
  Paused,
  Stopping,
  // After an error the app was not owed: its start failed, a system error ended the recording,
  // or the platform had paused, stopped or failed on its own just before the app's call (errors
  // carry no name). Not busy; the next events tell.
  Unknown,
}

function appManager(rc: RecordCompat, pm: any): RecorderManager {
  const replaces = !isFn(pm.offStop);
  const listeners: Record<string, Fn[]> = {};
  // Each listener as a callback of its own (docs/contract.md, Decision R12): one that throws is
  // thrown again later, and the others still hear the event. onX and offX replace the list, never
  // change it, so it needs no copy.
  const deliver = (k: string, r: unknown) =>
    (listeners[k] || []).forEach((l) => {
      try {
        l(r);
      } catch (e) {
        setTimeout(() => {
          throw e;
        }, 0);
      }
    });
  let state = AppState.Idle;
  // Errors the platform owes the app for calls it refuses in the current state (start while
  // recording, stop while idle). They answer that call and change nothing.
  let owed = 0;
  // A legacy startRecord fails at once while the app's recording holds the recorder, or an answer
  // to the app is on its way, as a second start does (rule 5). In the Unknown state it goes
  // ahead, and the platform's answer to its start() tells.
  const [legacyListeners, legacyPhase] = rc.share(pm, () => (state != AppState.Idle && state != AppState.Unknown) || owed > 0);
  // Whose event is it? The legacy recording's from the legacy start() until that call settles,
  // reaching nobody else, as when startRecord was a separate recorder; but while the platform
  // has not yet answered that start() and the app's recording may still be on (Unknown), only
  // the answer (onStart or onError) is the legacy call's.
  const legacyOwns = (k: string) => {
    const phase = legacyPhase();
    return phase > Phase.Starting || (phase == Phase.Starting && (state != AppState.Unknown || k == 'onStart' || k == 'onError'));
  };
  // From now on the platform manager carries one listener per event, ours: WeChat and React
  // Native keep only the last listener of an event (and WeChat cannot remove one), so the core's
  // and the app's would take each other's events. An error the app is owed answers the app's
  // call; a legacy recording's events go to the legacy call; any other event is the app's if
  // its recording is on. With the app idle, it is what is left of an ended legacy recording (an
  // answer to its stop(), a late onStart or onStop after a timeout) and reaches nobody, but for
  // the end of a system interruption, which the platform tells every listener.
  EVENTS.forEach((k) => {
    if (!isFn(pm[k])) return;
    const off = 'off' + k.slice(2);
    // Where listeners add up, the core's own must go first (they are called through ours).
    if (isFn(pm[off]) && legacyListeners[k]) pm[off](legacyListeners[k]);
    pm[k]((r: unknown) => {
      if (k == 'onError' && owed) owed--;
      else if (legacyOwns(k)) {
        // The platform took the legacy start: nothing of the app's is on.
        if (k == 'onStart') state = AppState.Idle;
        const l = legacyListeners[k];
        if (l) l(r);
        return;
      } else if (state == AppState.Idle) {
        if (k != 'onInterruptionEnd') return;
      } else if (k == 'onStop') state = AppState.Idle;
      else if (k == 'onError') state = AppState.Unknown;
      // An event moves the state only where the app's calls have not moved it on already.
      else if (k == 'onStart' && (state == AppState.Starting || state == AppState.Unknown)) state = AppState.Recording;
      else if (k == 'onPause' && (state == AppState.Recording || state == AppState.Unknown)) state = AppState.Paused;
      else if (k == 'onResume' && (state == AppState.Paused || state == AppState.Unknown)) state = AppState.Recording;
      deliver(k, r);
    });
  });

  // While a legacy call holds the recorder, the app's calls never reach it: they are answered
  // as the platform answers them for a recorder the app is not using (docs/contract.md#recorder-manager). Both error
  // shapes: errMsg (wx, tt, Taro) and errorMessage (Alipay).
  const refuse = (errMsg: string) => setTimeout(() => deliver('onError', { errMsg, errorMessage: reasonOf({ errMsg }) }), 0);
  // Per call: the states in which the platform accepts it, the state it leads to, and the states
  // in which it refuses it with an error (docs/contract.md#recorder-manager: a start while recording, a stop while idle).
  // In any other state it changes nothing: WeChat ignores a stop before onStart and a second
  // stop. What a pause or resume out of place brings is not documented (an error on some
  // platforms, nothing on others), and an error nobody can foretell could be taken for a legacy
  // call's: those two are not sent and do nothing. (The tuple's members are unnamed: the .ts
  // copy `--runtime local` writes is compiled by the app's TypeScript, 3.9 in Taro 1 and 2 projects.)
  const calls: Record<string, [AppState[], AppState, AppState[]]> = {
    start: [[AppState.Idle], AppState.Starting, [AppState.Starting, AppState.Recording, AppState.Paused, AppState.Stopping]],
    pause: [[AppState.Recording], AppState.Paused, []],
    resume: [[AppState.Paused], AppState.Recording, []],
    stop: [[AppState.Recording, AppState.Paused], AppState.Stopping, [AppState.Idle]],
  };
  const mgr: any = {};
  Object.keys(calls).forEach((k) => {
    mgr[k] = (o?: unknown) => {
      // Meanwhile the app's recorder is idle: start and stop are refused as the platform refuses
      // them, pause and resume do nothing (as out of place below).
      if (legacyPhase() != Phase.Idle) {
        if (k == 'start') refuse("operateRecorder:fail:audio is recording, don't start record again");
        if (k == 'stop') refuse('operateRecorder:fail recorder not start');
        return;
      }
      const [acceptedIn, next, refusedIn] = calls[k]!;
      // In the Unknown state nothing is foretold: the call goes ahead as if accepted.
      const accepted = state == AppState.Unknown || acceptedIn.indexOf(state) >= 0;
      if (accepted) state = next;
      else if (refusedIn.indexOf(state) >= 0) owed++;
      else if (k == 'pause' || k == 'resume') return;
      const r = pm[k](o);
      // React Native refuses a start by rejecting its Promise, without onError when permission
      // is missing: the recorder is idle then, or busy if the state was unknown.
      if (accepted && k == 'start')
        ifRejected(r, () => {
          if (state == AppState.Starting) state = AppState.Unknown;
        });
      return r;
    };
  });
  EVENTS.forEach((k) => {
    if (!isFn(pm[k])) return;
    mgr[k] = (cb: Fn) => {
      listeners[k] = replaces ? [cb] : (listeners[k] || []).concat(cb);
    };
    const off = 'off' + k.slice(2);
    if (isFn(pm[off]))
      mgr[off] = (cb?: Fn) => {
        listeners[k] = cb ? (listeners[k] || []).filter((l) => l !== cb) : [];
      };
  });
  return mgr;
}
