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

export interface RecordCompat {
  startRecord(option?: StartRecordOption): Promise<StartRecordSuccessResult> | undefined;
  stopRecord(option?: StopRecordOption): Promise<StopRecordSuccessResult> | undefined;
  /** Merges app-level options; returns the validation message if the result is invalid (startRecord will then fail with it). */
  configureRecordCompat(options?: RecordCompatOptions): string | undefined;
}

// Injected by the Taro build plugin (DefinePlugin / vite define) as a JSON literal.
declare const TARO_RECORD_COMPAT_OPTIONS: RecordCompatOptions | undefined;
// Declared here so the standalone copy type-checks without DOM or Node typings.
declare function setTimeout(cb: () => void, ms: number): unknown;
declare function clearTimeout(id: unknown): void;

const BUILD_DEFAULTS = typeof TARO_RECORD_COMPAT_OPTIONS !== 'undefined' ? TARO_RECORD_COMPAT_OPTIONS : undefined;

const RATES = [8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100, 48000];
// Allowed encodeBitRate per sample rate (same order as RATES), in kbit/s: [min, max].
const KBPS = [16, 48, 16, 48, 24, 64, 24, 96, 32, 128, 32, 128, 48, 192, 64, 320, 64, 320];
const FORMATS = ['aac', 'mp3', 'wav', 'PCM'];

const isPositive = (v: unknown) => typeof v == 'number' && v > 0;

/**
 * Checks recording options against SPEC §2 (WeChat's table). Pure: touches no platform API.
 * Returns a message naming the bad option and what is allowed, or undefined when fine.
 */
export function validateRecordOptions(o?: RecordCompatOptions): string | undefined {
  if (!o) return;
  const sr = o.sampleRate == null ? 8000 : o.sampleRate;
  const br = o.encodeBitRate == null ? 48000 : o.encodeBitRate;
  const i = RATES.indexOf(sr);
  if (o.durationMs != null && !isPositive(o.durationMs)) return 'durationMs must be a positive number of milliseconds, got ' + o.durationMs;
  if (o.stopTimeoutMs != null && !isPositive(o.stopTimeoutMs)) return 'stopTimeoutMs must be a positive number of milliseconds, got ' + o.stopTimeoutMs;
  if (o.format != null && FORMATS.indexOf(o.format) < 0) return 'format must be one of ' + FORMATS.join(', ') + ', got ' + o.format;
  if (i < 0) return 'sampleRate must be one of ' + RATES.join(', ') + ', got ' + sr;
  if (o.numberOfChannels != null && o.numberOfChannels !== 1 && o.numberOfChannels !== 2) return 'numberOfChannels must be 1 or 2, got ' + o.numberOfChannels;
  if (!(br >= KBPS[2 * i] * 1000 && br <= KBPS[2 * i + 1] * 1000))
    return 'encodeBitRate ' + br + ' does not fit sampleRate ' + sr + ': use ' + KBPS[2 * i] * 1000 + ' to ' + KBPS[2 * i + 1] * 1000;
}

// ---- internals -------------------------------------------------------------

/* eslint-disable @typescript-eslint/no-explicit-any */
type Fn = (...a: any[]) => any;
const isFn = (f: unknown): f is Fn => typeof f == 'function';
const SCOPE = 'scope.record';
const START = 'startRecord:';
const STOP = 'stopRecord:';

// One caller of startRecord or stopRecord waiting for its result.
interface Pending {
  o: any;
  q?: Promise<any>;
  r?: Fn;
  j?: Fn;
  d?: boolean;
}

// Phases of the one recording in flight.
const AUTH = 0;
const STARTING = 1;
const RECORDING = 2;
const STOPPING = 3;

interface Session {
  p: Pending;
  ph: number;
  m: any;
  lim: number;
  stops: Pending[];
  t?: unknown;
  want?: boolean;
}

function pend(o: any): Pending {
  const p: Pending = { o };
  // WeChat's rule: a Promise only when no callback is given.
  if (!(o && (isFn(o.success) || isFn(o.fail) || isFn(o.complete)))) p.q = new Promise((r, j) => ((p.r = r), (p.j = j)));
  return p;
}

// Settles once, asynchronously like the platform does: a throwing user callback
// then surfaces as an unhandled rejection instead of escaping from our listeners.
function settle(p: Pending, res: any, ok?: boolean) {
  if (p.d) return;
  p.d = true;
  Promise.resolve().then(() => {
    if (p.r) return (ok ? p.r : p.j!)(res);
    try {
      const f = ok ? p.o.success : p.o.fail;
      if (isFn(f)) f(res);
    } finally {
      if (isFn(p.o.complete)) p.o.complete(res);
    }
  });
}

function reasonOf(e: any): string {
  let m = e && (e.errMsg || e.errorMessage || e.message);
  if (!m) m = e && e.error != null ? 'error ' + e.error : String(e);
  m = String(m);
  const i = m.indexOf(':fail');
  if (i >= 0) m = m.slice(i + 5).replace(/^[: ]+/, '');
  // Privacy failures keep their own reason; every flavour of denial reads like the legacy API.
  return !/privacy/.test(m) && /auth den|authorize no response|permission/i.test(m) ? 'auth deny' : m || 'unknown error';
}

// Calls obj[k](arg) so that neither a throw nor a rejected Promise (Taro's promisified APIs,
// React Native's start()) escapes; both go to err.
function call(obj: any, k: string, arg: any, err: (e: unknown) => void) {
  try {
    const r = obj[k](arg);
    if (r && isFn(r.then)) r.then(undefined, err);
  } catch (e) {
    err(e);
  }
}

/**
 * Builds startRecord / stopRecord / configureRecordCompat over a platform API looked up at
 * each call. `isAlipay` tells the core when Alipay's rules apply (no scope.record, 180 s max).
 */
export function createRecordCompat(getApi: () => PlatformApi | undefined, isAlipay?: (api: PlatformApi) => boolean): RecordCompat {
  let cfg: RecordCompatOptions = Object.assign({}, BUILD_DEFAULTS);
  let cur: Session | undefined;
  let bound: unknown;

  const arm = (s: Session, ms: number, f: () => void) => {
    clearTimeout(s.t);
    s.t = setTimeout(f, ms);
  };
  const watchdog = () => cfg.stopTimeoutMs || 5000;

  // Ends the session once: the startRecord result first, then every waiting stopRecord.
  function end(s: Session, res: any, err?: string) {
    if (cur !== s) return;
    cur = undefined;
    clearTimeout(s.t);
    settle(s.p, err ? { errMsg: START + 'fail ' + err } : res, !err);
    s.stops.forEach((p) =>
      settle(p, err ? { errMsg: STOP + 'fail ' + err } : { errMsg: STOP + 'ok', tempFilePath: res.tempFilePath }, !err)
    );
  }
  const failer = (s: Session) => (e: unknown) => end(s, 0, reasonOf(e));

  // Asks the recording to end: before onStart it is remembered (WeChat ignores an early stop).
  function halt(s: Session) {
    if (s.ph == STARTING) s.want = true;
    else if (s.ph == RECORDING) {
      s.ph = STOPPING;
      arm(s, watchdog(), () => end(s, 0, 'stop timeout'));
      call(s.m, 'stop', undefined, failer(s));
    }
  }

  // The one set of listeners, attached once per manager; events go to the call in flight.
  const listeners: Record<string, Fn> = {
    onStart() {
      const s = cur;
      if (s && s.ph == STARTING) {
        s.ph = RECORDING;
        // Our own timer too: React Native ignores `duration`.
        if (s.want) halt(s);
        else arm(s, s.lim, () => halt(s));
      }
    },
    onStop(r: any) {
      const s = cur;
      r = r || {};
      if (s && s.ph >= RECORDING)
        end(s, { tempFilePath: r.tempFilePath, errMsg: START + 'ok', duration: r.duration, fileSize: r.fileSize });
    },
    onError(e: unknown) {
      const s = cur;
      if (s && s.ph) failer(s)(e);
    },
    // Legacy callers cannot resume: a pause we did not ask for ends the recording.
    onPause() {
      if (cur && cur.ph) halt(cur);
    },
  };
  listeners.onInterruptionBegin = listeners.onPause;

  function begin(s: Session) {
    const m = s.m;
    const o: any = { duration: s.lim };
    s.ph = STARTING;
    if (m !== bound) {
      bound = m;
      for (const k in listeners) if (isFn(m[k])) m[k](listeners[k]);
    }
    ['format', 'sampleRate', 'numberOfChannels', 'encodeBitRate'].forEach((k) => {
      if ((cfg as any)[k] != null) o[k] = (cfg as any)[k];
    });
    // Bounded even if onStart never comes (generous: a permission popup may be open).
    arm(s, s.lim + watchdog(), () => end(s, 0, 'start timeout'));
    call(m, 'start', o, failer(s));
  }

  function guard(s: Session, api: PlatformApi) {
    const go = () => {
      if (cur === s && s.ph == AUTH) begin(s);
    };
    const deny = (e?: unknown) => {
      const r = reasonOf(e);
      if (cur === s && s.ph == AUTH) end(s, 0, /privacy/.test(r) ? r : 'auth deny');
    };
    const ask = (k: string, o: any) => call(api, k, Object.assign(o, { fail: deny }), deny);
    // Denied before: authorize would fail at once, so only the app's own prompt can help.
    const reopen = () => {
      const d = cfg.deniedPrompt;
      if (!d || !isFn(api.showModal) || !isFn(api.openSetting)) return deny();
      ask(
        'showModal',
        Object.assign({ title: '需要麦克风权限', content: '请在设置中允许使用麦克风后重试' }, d, {
          success: (r: any) =>
            r && r.confirm
              ? ask('openSetting', { success: (r2: any) => (r2 && r2.authSetting && r2.authSetting[SCOPE] ? go() : deny()) })
              : deny(),
        })
      );
    };
    if (!isFn(api.getSetting) || (isAlipay && isAlipay(api))) return go();
    call(
      api,
      'getSetting',
      {
        success(r: any) {
          const v = r && r.authSetting && r.authSetting[SCOPE];
          if (v) go();
          else if (v === false) reopen();
          else ask('authorize', { scope: SCOPE, success: go });
        },
        // No readable settings: let the platform's own permission check decide.
        fail: go,
      },
      go
    );
  }

  function startRecord(o?: StartRecordOption) {
    const p = pend(o);
    try {
      const bad = validateRecordOptions(cfg);
      const api = getApi();
      // H5's stub returns a (rejected) Promise instead of a manager: never let it go unhandled.
      const m: any = cur || bad || !api || !isFn(api.getRecorderManager) ? 0 : api.getRecorderManager();
      if (m && isFn(m.then)) m.then(undefined, () => 0);
      if (cur) settle(p, { errMsg: START + 'fail audio is recording' });
      else if (bad) settle(p, { errMsg: START + 'fail ' + bad });
      else if (!m || !isFn(m.start) || !isFn(m.stop) || !isFn(m.onStop)) settle(p, { errMsg: START + 'fail not supported' });
      else {
        const max = isAlipay && isAlipay(api!) ? 180000 : 600000;
        guard((cur = { p, ph: AUTH, m, stops: [], lim: Math.min(cfg.durationMs || 60000, max) }), api!);
      }
    } catch (e) {
      if (cur && cur.p === p) failer(cur)(e);
      else settle(p, { errMsg: START + 'fail ' + reasonOf(e) });
    }
    return p.q;
  }

  function stopRecord(o?: StopRecordOption) {
    const p = pend(o);
    const s = cur;
    try {
      if (s && s.ph != AUTH) {
        s.stops.push(p);
        halt(s);
      } else {
        // Stopping during authorization cancels the start; nothing to stop is fine (onUnload).
        if (s) end(s, 0, 'cancelled by stopRecord');
        settle(p, { errMsg: STOP + 'ok' }, true);
      }
    } catch (e) {
      settle(p, { errMsg: STOP + 'fail ' + reasonOf(e) });
    }
    return p.q;
  }

  return {
    startRecord: startRecord as RecordCompat['startRecord'],
    stopRecord: stopRecord as RecordCompat['stopRecord'],
    configureRecordCompat(options?: RecordCompatOptions) {
      cfg = Object.assign({}, cfg, options);
      return validateRecordOptions(cfg);
    },
  };
}
