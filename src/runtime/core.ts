/*
 * Shared core of the legacy startRecord/stopRecord emulation on getRecorderManager().
 * Contract: shared/SPEC.md §5. Written against an injected platform API object so
 * the Taro entry, the native entry and the tests (fakes) all drive the same code.
 * Keep it ES2015-friendly and small: it ships inside users' mini-programs.
 */

/** App-level options (configureRecordCompat, or the Taro plugin's build-time define). */
export interface RecordCompatOptions {
  /** Auto-stop after this many ms from onStart. Default 60000; capped at the platform maximum (600000, Alipay 180000). */
  durationMs?: number;
  format?: 'aac' | 'mp3' | 'wav' | 'PCM';
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
type ApiCall<T, O = {}> = (o: O & { success?: (r: T) => void; fail?: (e: unknown) => void }) => unknown;

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
   * Merges app-level options and checks the result with `check` (the entries pass
   * validateRecordOptions). Returns the problem; startRecord then fails with it.
   * The check is passed in so that apps that never configure do not ship the validator.
   */
  configure(options: RecordCompatOptions | undefined, check: (o: RecordCompatOptions) => string | undefined): string | undefined;
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
const FORMATS = ['aac', 'mp3', 'wav', 'PCM'];

const unsetOrPositive = (v: unknown) => v == null || (typeof v == 'number' && v > 0);

/**
 * Checks options against SPEC §2 (WeChat's table). Pure: touches no platform API, so the
 * build plugin can reuse it. Returns a message naming the bad option and what is allowed.
 */
export function validateRecordOptions(o?: RecordCompatOptions): string | undefined {
  if (!o) return;
  const sr = o.sampleRate == null ? 8000 : o.sampleRate;
  const br = o.encodeBitRate == null ? 48000 : o.encodeBitRate;
  const n = o.numberOfChannels;
  const i = RATES.indexOf(sr);
  // NaN when the sample rate is unknown; that is reported first.
  const lo = KBPS[2 * i]! * 1000;
  const hi = KBPS[2 * i + 1]! * 1000;
  const bad = (k: string, v: unknown, ok: unknown, allowed: string) => (ok ? '' : k + ' must be ' + allowed + ', got ' + v);
  return (
    bad('durationMs', o.durationMs, unsetOrPositive(o.durationMs), 'a positive number of ms') ||
    bad('stopTimeoutMs', o.stopTimeoutMs, unsetOrPositive(o.stopTimeoutMs), 'a positive number of ms') ||
    bad('format', o.format, o.format == null || FORMATS.indexOf(o.format) >= 0, 'one of ' + FORMATS) ||
    bad('sampleRate', sr, i >= 0, 'one of ' + RATES) ||
    bad('numberOfChannels', n, n == null || n == 1 || n == 2, '1 or 2') ||
    bad('encodeBitRate', br, br >= lo && br <= hi, lo + ' to ' + hi + ' for sampleRate ' + sr) ||
    undefined
  );
}

// ---- internals -------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
type Fn = (...a: any[]) => any;
const isFn = (f: unknown): f is Fn => typeof f == 'function';
const assign = Object.assign;
const SCOPE = 'scope.record';
const START = 'startRecord:';
const STOP = 'stopRecord:';
const failed = (api: string, reason: string) => ({ errMsg: api + 'fail ' + reason });
const granted = (r: any) => r && r.authSetting && r.authSetting[SCOPE];

// Phases of the one recording in flight.
const enum Phase {
  Idle,
  Auth,
  Starting,
  Recording,
  Stopping,
}

// A caller of startRecord/stopRecord: call it with (result, ok); only the first call counts.
// `q` is the Promise handed back when no callback was given (WeChat's rule).
type Waiter = ((res: any, ok?: boolean) => void) & { q?: Promise<any> };

function waiter(o: any): Waiter {
  let done = false;
  let resolve: Fn;
  let reject: Fn;
  const cb = o && (isFn(o.success) || isFn(o.fail) || isFn(o.complete));
  const w: Waiter = (res, ok) => {
    if (done) return;
    done = true;
    // Asynchronous like the platform; a throwing user callback surfaces as an unhandled
    // rejection instead of escaping from our listeners, and complete still runs.
    Promise.resolve().then(() => {
      if (!cb) return (ok ? resolve : reject)(res);
      try {
        const f = ok ? o.success : o.fail;
        if (isFn(f)) f(res);
      } finally {
        if (isFn(o.complete)) o.complete(res);
      }
    });
  };
  if (!cb) w.q = new Promise((r, j) => ((resolve = r), (reject = j)));
  return w;
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
    const r = obj[k](arg);
    if (r && isFn(r.then)) r.then(undefined, err);
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
  let ph = Phase.Idle;
  let main: Waiter | undefined;
  // Set by startRecord for each session.
  let stops: Waiter[];
  let m: any;
  let lim: number;
  let t: unknown;
  let want: boolean;
  let bound: unknown;
  let bad: string | undefined;

  const arm = (ms: number, f: () => void) => {
    clearTimeout(t);
    t = setTimeout(f, ms);
  };
  const watchdog = () => cfg.stopTimeoutMs || 5000;

  // Ends the session once: the startRecord result first, then every waiting stopRecord.
  function end(res: any, err?: string) {
    if (ph == Phase.Idle) return;
    ph = Phase.Idle;
    clearTimeout(t);
    main!(err ? failed(START, err) : res, !err);
    stops.forEach((w) => w(err ? failed(STOP, err) : { errMsg: STOP + 'ok', tempFilePath: res.tempFilePath }, !err));
  }
  const failer = () => {
    const id = main;
    return (e: unknown) => {
      if (id == main) end(0, reasonOf(e));
    };
  };

  // Asks the recording to end. Before onStart it is remembered: WeChat ignores an early stop().
  function halt() {
    if (ph == Phase.Starting) want = true;
    else if (ph == Phase.Recording) {
      ph = Phase.Stopping;
      arm(watchdog(), () => end(0, 'stop timeout'));
      call(m, 'stop', undefined, failer());
    }
  }

  // The one set of listeners, attached once per manager; events go to the recording in flight.
  const listeners: Record<string, Fn> = {
    onStart() {
      if (ph == Phase.Starting) {
        ph = Phase.Recording;
        // Our own timer as well as `duration`: React Native ignores `duration`.
        if (want) halt();
        else arm(lim, halt);
      }
    },
    onStop(r: any) {
      // { tempFilePath, duration, fileSize } as the platform gives them.
      if (ph >= Phase.Recording) end(assign({}, r, { errMsg: START + 'ok' }));
    },
    onError(e: unknown) {
      if (ph > Phase.Auth) end(0, reasonOf(e));
    },
    // Legacy callers cannot resume: a pause the runtime did not ask for ends the recording.
    onPause() {
      if (ph > Phase.Auth) halt();
    },
  };
  listeners['onInterruptionBegin'] = listeners['onPause']!;

  function begin() {
    const o: any = { duration: lim };
    ph = Phase.Starting;
    if (m !== bound) {
      bound = m;
      for (const k in listeners) if (isFn(m[k])) m[k](listeners[k]);
    }
    for (const k of ['format', 'sampleRate', 'numberOfChannels', 'encodeBitRate']) if ((cfg as any)[k] != null) o[k] = (cfg as any)[k];
    // Bounded even if onStart never comes; generous because a permission popup may be open.
    arm(lim + watchdog(), () => end(0, 'start timeout'));
    call(m, 'start', o, failer());
  }

  function guard(api: PlatformApi) {
    const id = main;
    const go = () => {
      if (id == main && ph == Phase.Auth) begin();
    };
    const deny = (e?: unknown) => {
      if (id == main && ph == Phase.Auth) end(0, reasonOf(e, true));
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
    const w = waiter(o);
    try {
      const api = getApi();
      const busy = ph != Phase.Idle;
      const mm: any = busy || bad || !api || !isFn(api.getRecorderManager) ? 0 : api.getRecorderManager();
      // H5's stub returns a (rejected) Promise instead of a manager: never leave it unhandled
      // (any function will do as the handler).
      if (mm && isFn(mm.then)) mm.then(undefined, isFn);
      if (busy || bad || !mm || !isFn(mm.start) || !isFn(mm.onStop))
        w(failed(START, busy ? 'audio is recording' : bad || 'not supported'));
      else {
        main = w;
        stops = [];
        m = mm;
        want = false;
        ph = Phase.Auth;
        lim = Math.min(cfg.durationMs || 60000, isAlipay && isAlipay(api!) ? 180000 : 600000);
        guard(api!);
      }
    } catch (e) {
      const r = reasonOf(e);
      if (main == w) end(0, r);
      w(failed(START, r));
    }
    return w.q;
  }

  function stopRecord(o?: StopRecordOption) {
    const w = waiter(o);
    try {
      if (ph > Phase.Auth) {
        stops.push(w);
        halt();
      } else {
        // Stopping during authorization cancels the start; nothing to stop is fine (onUnload).
        if (ph == Phase.Auth) end(0, 'cancelled by stopRecord');
        w({ errMsg: STOP + 'ok' }, true);
      }
    } catch (e) {
      w(failed(STOP, reasonOf(e)));
    }
    return w.q;
  }

  return {
    startRecord: startRecord as RecordCompat['startRecord'],
    stopRecord: stopRecord as RecordCompat['stopRecord'],
    configure(options, check) {
      cfg = assign({}, cfg, options);
      return (bad = check(cfg));
    },
  };
}
