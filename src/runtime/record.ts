/*
 * The record family: the legacy startRecord / stopRecord on getRecorderManager()
 * (createRecordCompat), and the app's own getRecorderManager() sharing the one manager with them
 * (shareRecorderManager). Contract: docs/contract.md, Decisions R1–R12. Written against an
 * injected platform API object so the Taro entry, the native entry and the tests (fakes) all drive
 * the same code. Keep it ES2015-friendly and small: it ships inside users' mini-programs.
 *
 * A Taro build for WeChat (`process.env.TARO_ENV == 'weapp'`, which Taro defines in every module it bundles) leaves out
 * what only other platforms need: Alipay's rules, the checks for what WeChat always has, the guard against a manager
 * that is a rejected Promise. The package's other entries and the local copies hold this module without those tests
 * (scripts/lib/wechat-build.mjs).
 */
import { callEach, caller, ifRejected, isFn, type Caller, type Fn } from './caller';
// A separate type import: the declarations keep it as written, and TypeScript 3.9 reads no `type` modifier on a name.
import type { CallReturn } from './caller';
import type { DeniedPrompt, RecordCompatOptions } from '../shared/recording-options';

// The options' check is the record family's, written where the Taro plugin reads it too.
export { validateRecordOptions } from '../shared/recording-options';

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

/** CallReturn, by its first name. */
export type RecordReturn<T, R> = CallReturn<T, R>;

export interface RecordCompat {
  startRecord<T extends StartRecordOption = StartRecordOption>(option?: T): RecordReturn<T, StartRecordSuccessResult>;
  stopRecord<T extends StopRecordOption = StopRecordOption>(option?: T): RecordReturn<T, StopRecordSuccessResult>;
}

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

// The platform's name: Taro's builds define it, and only the Taro entry's form reads it (scripts/lib/wechat-build.mjs).
declare const process: { env: { TARO_ENV?: string } };

const BUILD_DEFAULTS = typeof TARO_RECORD_COMPAT_OPTIONS !== 'undefined' ? TARO_RECORD_COMPAT_OPTIONS : undefined;

// ---- internals -------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
const assign = Object.assign;
const SCOPE = 'scope.record';
const START = 'startRecord:';
const STOP = 'stopRecord:';
const failed = (api: string, reason: string) => ({ errMsg: api + 'fail ' + reason });
const granted = (r: any) => r && r.authSetting && r.authSetting[SCOPE];
// A usable recorder: an object with start and onStop functions (WeChat's always has them); anything else is "not
// supported".
const usable = (m: any) => (process.env.TARO_ENV == 'weapp' ? m : m && isFn(m.start) && isFn(m.onStop));

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
  const m = String(
    (e &&
      (process.env.TARO_ENV == 'weapp' ? e.errMsg || e.message : e.errMsg || e.errorMessage || e.message || e.error)) ||
      e,
  ).replace(/^.*?:fail[: ]*/, '');
  // Privacy failures keep their own reason; every flavour of denial reads like the legacy API.
  return /privacy/.test(m) || !(denial || /auth den|authorize no|permission/i.test(m))
    ? m || 'unknown error'
    : 'auth deny';
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
 * Asks for scope.record as the legacy startRecord did, then calls `go` or `deny` (once, unless the platform answers
 * twice). Skipped where settings cannot be read (WeChat always has getSetting), or on Alipay (no scope.record).
 */
function authorize(
  api: PlatformApi,
  prompt: () => RecordCompatOptions['deniedPrompt'],
  isAlipay: ((api: PlatformApi) => unknown) | undefined,
  go: () => void,
  deny: (e?: unknown) => void,
) {
  const ask = (k: string, o: any) => call(api, k, assign(o, { fail: deny }), deny);
  if (process.env.TARO_ENV != 'weapp' && (!isFn(api.getSetting) || (isAlipay && isAlipay(api)))) return go();
  call(
    api,
    'getSetting',
    {
      success(r: any) {
        const v = granted(r);
        const d = prompt();
        if (v) go();
        else if (v !== false) ask('authorize', { scope: SCOPE, success: go });
        // Denied before: authorize would fail at once, only the app's own prompt can help
        // (a platform without showModal/openSetting throws inside ask(), which denies).
        else if (!d) deny();
        else
          ask(
            'showModal',
            assign({ content: '请允许使用麦克风' }, d, {
              success: (r: any) =>
                r && r.confirm ? ask('openSetting', { success: (r: any) => (granted(r) ? go() : deny()) }) : deny(),
            }),
          );
      },
      // No readable settings: let the platform's own permission check decide.
      fail: go,
    },
    go,
  );
}

/**
 * One createRecordCompat's state that configureRecord() and the app's own manager read or set, and its startRecord and
 * stopRecord. Those functions read it from the object the factory returns, so that an app that only records ships
 * none of them; the rest of the state is the factory's own.
 */
interface LegacyRecorder extends RecordCompat {
  /** The platform API, looked up at each call. */
  getApi_: () => PlatformApi | undefined;
  /** The options; never mutated: configureRecord() replaces them. */
  options_: RecordCompatOptions;
  /** configureRecord()'s verdict on the options; every startRecord fails with it. */
  refusal_?: string | undefined;
  /** The phase of the recording in flight. */
  phase_: Phase;
  /** The one set of listeners, and the manager that carries them, or the app manager's (rules 10 and 12). */
  listeners_: Record<string, Fn>;
  carrier_?: unknown;
  /** Whether the app's own recording holds the recorder: replaced once the app has its own manager (rule 12). */
  appBusy_: () => boolean;
}

/**
 * Builds startRecord / stopRecord over a platform API looked up at each call.
 * `isAlipay` tells the core when Alipay's rules apply (no scope.record, 180 s max).
 */
export function createRecordCompat(
  getApi: () => PlatformApi | undefined,
  isAlipay?: (api: PlatformApi) => unknown,
): RecordCompat {
  const R = {
    getApi_: getApi,
    options_: BUILD_DEFAULTS || {},
    phase_: Phase.Idle,
    appBusy_: () => false,
  } as LegacyRecorder;
  // The recording in flight, set by startRecord for each session: its startRecord caller, which identifies it so that
  // late callbacks of an ended one drop out; the waiting stopRecord calls; the manager; the length limit; the one
  // timer of the session (the auto-stop, or the deadline of onStart / onStop).
  let startCaller: Caller | undefined;
  let stopCallers: Caller[];
  let manager: any;
  let limitMs: number;
  let timer: unknown;

  function arm(ms: number, onTimeout: () => void) {
    clearTimeout(timer);
    timer = setTimeout(onTimeout, ms);
  }
  const watchdog = () => R.options_.stopTimeoutMs || 5000;

  // Ends the session once: the startRecord result first, then every waiting stopRecord.
  function endRecording(res: any, err?: string) {
    if (R.phase_ == Phase.Idle) return;
    R.phase_ = Phase.Idle;
    clearTimeout(timer);
    startCaller!(err ? failed(START, err) : res, !err);
    stopCallers.forEach((w) =>
      w(err ? failed(STOP, err) : { errMsg: STOP + 'ok', tempFilePath: res.tempFilePath }, !err),
    );
  }

  // A platform call's failure, for the recording in flight now only.
  function failer() {
    const id = startCaller;
    return (e: unknown) => {
      if (id == startCaller) endRecording(0, reasonOf(e));
    };
  }

  // Asks the recording to end, once it has started (WeChat ignores a stop() before onStart).
  function halt() {
    if (R.phase_ == Phase.Recording) {
      R.phase_ = Phase.Stopping;
      arm(watchdog(), () => endRecording(0, 'stop timeout'));
      call(manager, 'stop', undefined, failer());
    }
  }

  // The one set of listeners, attached once per manager; events go to the recording in flight.
  R.listeners_ = {
    onStart() {
      if (R.phase_ == Phase.Starting) {
        R.phase_ = Phase.Recording;
        // A stopRecord before onStart waits for it. Our own timer as well as `duration`:
        // React Native ignores `duration`.
        if (stopCallers.length) halt();
        else arm(limitMs, halt);
      }
    },
    onStop(r: any) {
      // { tempFilePath, duration, fileSize } as the platform gives them.
      if (R.phase_ >= Phase.Recording) endRecording(assign({}, r, { errMsg: START + 'ok' }));
    },
    onError(e: unknown) {
      if (R.phase_ > Phase.Auth) endRecording(0, reasonOf(e));
    },
    // Legacy callers cannot resume: a pause the runtime did not ask for ends the recording
    // (halt() does nothing before the platform was asked to start).
    onPause: halt,
    onInterruptionBegin: halt,
  };

  function begin() {
    const o: any = { duration: limitMs };
    R.phase_ = Phase.Starting;
    if (manager !== R.carrier_) {
      R.carrier_ = manager;
      for (const k in R.listeners_) if (isFn(manager[k])) manager[k](R.listeners_[k]);
    }
    for (const k of ['format', 'sampleRate', 'numberOfChannels', 'encodeBitRate'])
      if ((R.options_ as any)[k] != null) o[k] = (R.options_ as any)[k];
    // Bounded even if onStart never comes; generous because a permission popup may be open.
    arm(limitMs + watchdog(), () => endRecording(0, 'start timeout'));
    call(manager, 'start', o, failer());
  }

  // Authorization for the recording in flight; a late answer for an ended one drops out.
  function guard(api: PlatformApi) {
    const id = startCaller;
    const stillAsking = () => id == startCaller && R.phase_ == Phase.Auth;
    authorize(
      api,
      () => R.options_.deniedPrompt,
      isAlipay,
      () => stillAsking() && begin(),
      (e) => stillAsking() && endRecording(0, reasonOf(e, true)),
    );
  }

  R.startRecord = function (o?: StartRecordOption) {
    const w = caller(o);
    try {
      const api = R.getApi_();
      // One at a time (rule 5), counting the app's own recording (rule 12).
      const problem = R.phase_ != Phase.Idle || R.appBusy_() ? 'audio is recording' : R.refusal_;
      const mm: any = problem || !api || !isFn(api.getRecorderManager) ? 0 : api.getRecorderManager();
      // H5's stub returns a (rejected) Promise instead of a manager: never leave it unhandled. WeChat's is a manager.
      if (process.env.TARO_ENV != 'weapp') ifRejected(mm);
      if (problem || !usable(mm)) w(failed(START, problem || 'not supported'));
      else {
        startCaller = w;
        stopCallers = [];
        manager = mm;
        R.phase_ = Phase.Auth;
        limitMs = Math.min(
          R.options_.durationMs || 60000,
          process.env.TARO_ENV != 'weapp' && isAlipay && isAlipay(api!) ? 180000 : 600000,
        );
        guard(api!);
      }
    } catch (e) {
      const r = reasonOf(e);
      if (startCaller == w) endRecording(0, r);
      w(failed(START, r));
    }
    return w.promise_;
  } as RecordCompat['startRecord'];
  // Nothing here can throw: halt() calls the platform through call(), the callers never throw.
  R.stopRecord = function (o?: StopRecordOption) {
    const w = caller(o);
    if (R.phase_ > Phase.Auth) {
      stopCallers.push(w);
      halt();
    } else {
      // Stopping during authorization cancels the start; nothing to stop is fine (onUnload).
      if (R.phase_ == Phase.Auth) endRecording(0, 'cancelled by stopRecord');
      w({ errMsg: STOP + 'ok' }, true);
    }
    return w.promise_;
  } as RecordCompat['stopRecord'];
  return R;
}

/**
 * Checks app-level options for the core `rc` with `check` (the entries pass validateRecordOptions) over the ones
 * accepted so far; the check hands the merged options to `accept` when it finds no problem. Returns the problem; a
 * refused call changes nothing (Decision R8), and startRecord fails with it until a call is accepted. The check is
 * passed in, and merges, so that apps that never configure ship neither the validator nor the merge.
 */
export function configureRecord(
  rc: RecordCompat,
  options: RecordCompatOptions | undefined,
  check: (
    o: RecordCompatOptions | undefined,
    base: RecordCompatOptions,
    accept: (merged: RecordCompatOptions) => void,
  ) => string | undefined,
): string | undefined {
  const R = rc as LegacyRecorder;
  return (R.refusal_ = check(options, R.options_, (accepted) => (R.options_ = accepted)));
}

// Every event a RecorderManager may have (docs/contract.md#recorder-manager); each platform has a subset.
const EVENTS = [
  'onStart',
  'onStop',
  'onPause',
  'onResume',
  'onError',
  'onFrameRecorded',
  'onInterruptionBegin',
  'onInterruptionEnd',
];

// The app's own manager, the core and the platform manager it was made for (one global each).
let shared: { core_: RecordCompat; platformManager_: unknown; manager_: RecorderManager } | undefined;

/**
 * The app's own `getRecorderManager()` (rule 12). It returns a manager that behaves like the
 * platform's for the app's own recordings: the same methods, the same events, the platform's
 * listener rules (each onX replaces where the platform has no off*, as WeChat and React Native
 * do; listeners add up and offX removes them where it has off*, as Alipay and Douyin do).
 * Without a usable manager (H5's Promise, Harmony's nothing) it returns what the platform gave.
 */
export function shareRecorderManager(rc: RecordCompat): RecorderManager {
  const api = (rc as LegacyRecorder).getApi_();
  const pm: any = api && isFn(api.getRecorderManager) ? api.getRecorderManager() : undefined;
  if (!usable(pm)) return pm;
  if (!shared || shared.core_ !== rc || shared.platformManager_ !== pm)
    shared = { core_: rc, platformManager_: pm, manager_: appManager(rc as LegacyRecorder, pm) };
  return shared.manager_;
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

// Per call: the states in which the platform accepts it, the state it leads to, and the states
// in which it refuses it with an error (docs/contract.md#recorder-manager: a start while recording, a stop while idle).
// In any other state it changes nothing: WeChat ignores a stop before onStart and a second
// stop. What a pause or resume out of place brings is not documented (an error on some
// platforms, nothing on others), and an error nobody can foretell could be taken for a legacy
// call's: those two are not sent and do nothing. (The tuple's members are unnamed: the .ts
// copy `--runtime local` writes is compiled by the app's TypeScript, 3.9 in Taro 1 and 2 projects.)
const APP_CALLS: Record<string, [AppState[], AppState, AppState[]]> = {
  start: [
    [AppState.Idle],
    AppState.Starting,
    [AppState.Starting, AppState.Recording, AppState.Paused, AppState.Stopping],
  ],
  pause: [[AppState.Recording], AppState.Paused, []],
  resume: [[AppState.Paused], AppState.Recording, []],
  stop: [[AppState.Recording, AppState.Paused], AppState.Stopping, [AppState.Idle]],
};

// Whose event is it? The legacy recording's from the legacy start() until that call settles,
// reaching nobody else, as when startRecord was a separate recorder; but while the platform
// has not yet answered that start() and the app's recording may still be on (Unknown), only
// the answer (onStart or onError) is the legacy call's.
function legacyOwns(phase: Phase, state: AppState, k: string) {
  return (
    phase > Phase.Starting ||
    (phase == Phase.Starting && (state != AppState.Unknown || k == 'onStart' || k == 'onError'))
  );
}

// The app's onX and offX on `mgr`, by the platform's listener rules: each onX replaces where the
// platform has no off* (WeChat, React Native); listeners add up and offX removes them where it has.
function listenerMethods(mgr: any, pm: any, listeners: Record<string, Fn[]>) {
  const replaces = !isFn(pm.offStop);
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
}

function appManager(R: LegacyRecorder, pm: any): RecorderManager {
  const listeners: Record<string, Fn[]> = {};
  let state = AppState.Idle;
  // Errors the platform owes the app for calls it refuses in the current state (start while
  // recording, stop while idle). They answer that call and change nothing.
  let owed = 0;
  // The app's manager owns the listeners of the platform manager `pm` from now on: the core adds none of its own there
  // (rule 12). A legacy startRecord fails at once while the app's recording holds the recorder, or an answer to the app
  // is on its way, as a second start does (rule 5). In the Unknown state it goes ahead, and the platform's answer to its
  // start() tells.
  R.carrier_ = pm;
  R.appBusy_ = () => (state != AppState.Idle && state != AppState.Unknown) || owed > 0;
  const legacyListeners = R.listeners_;
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
      else if (legacyOwns(R.phase_, state, k)) {
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
      // Each listener as a callback of its own (docs/contract.md, Decision R12). onX and offX replace the list, never
      // change it, so it needs no copy.
      callEach(listeners[k] || [], r);
    });
  });

  // While a legacy call holds the recorder, the app's calls never reach it: they are answered
  // as the platform answers them for a recorder the app is not using (docs/contract.md#recorder-manager). Both error
  // shapes: errMsg (wx, tt, Taro) and errorMessage (Alipay).
  const refuse = (errMsg: string) =>
    setTimeout(() => callEach(listeners['onError'] || [], { errMsg, errorMessage: reasonOf({ errMsg }) }), 0);
  const mgr: any = {};
  Object.keys(APP_CALLS).forEach((k) => {
    mgr[k] = (o?: unknown) => {
      // Meanwhile the app's recorder is idle: start and stop are refused as the platform refuses
      // them, pause and resume do nothing (as out of place below).
      if (R.phase_ != Phase.Idle) {
        if (k == 'start') refuse("operateRecorder:fail:audio is recording, don't start record again");
        if (k == 'stop') refuse('operateRecorder:fail recorder not start');
        return;
      }
      const [acceptedIn, next, refusedIn] = APP_CALLS[k]!;
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
  listenerMethods(mgr, pm, listeners);
  return mgr;
}
