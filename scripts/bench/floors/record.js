/*
 * The record family's floor: startRecord and stopRecord as a WeChat-only build would keep them, cut by hand from
 * src/runtime/record.ts and docs/contract.md, Decisions R1–R11, on `wx` itself. Measured by bench:size as the family
 * is (what an app that imports the two keeps).
 *
 * Kept, as the runtime keeps it on WeChat: one answer per call, asynchronously (R1, R9: ./caller.js); getSetting first,
 * authorize when never asked, `auth deny` when refused before, the deniedPrompt's showModal then openSetting, a
 * failed getSetting letting start() decide, privacy reasons kept and every refusal read as `auth deny` (R2); the
 * build-time options (TARO_RECORD_COMPAT_OPTIONS: durationMs capped at 600000, format, sampleRate, numberOfChannels,
 * encodeBitRate only when set, deniedPrompt, stopTimeoutMs) and the runtime's own timer beside `duration` (R3);
 * stopRecord's rules: after the start's success with its file, waiting for onStart, cancelling during authorization,
 * succeeding with nothing recording, failing with the recording's reason (R4); one recording at a time (R5); a pause
 * or interruption ends it (R6); the stop and start deadlines (R7); errors and throwing calls as `fail` (R8); listeners
 * attached once per manager (R10); `not supported` without getRecorderManager (R11).
 *
 * Left out, as a WeChat-only build drops it: the platform lookup (Taro's default export; the native entry's wx/tt/my)
 * and Alipay's rules (no scope.record, 180 s, its errorMessage); the checks for what WeChat always has (getSetting, a
 * manager with start and onStop and every listener); the guard against rejected Promises (H5's stub, React Native's
 * start()). Left out because this row does not import it: configureRecordCompat (the option check and merge,
 * Decision R8's refused options) and the app's own getRecorderManager (R12).
 */
import { caller, isFn } from './caller.js';

const OPTIONS = typeof TARO_RECORD_COMPAT_OPTIONS != 'undefined' ? TARO_RECORD_COMPAT_OPTIONS : {};
const START = 'startRecord:';
const STOP = 'stopRecord:';
const failed = (api, reason) => ({ errMsg: api + 'fail ' + reason });
const granted = (r) => r && r.authSetting && r.authSetting['scope.record'];

// The one recording: its phase (0 idle, 1 authorizing, 2 starting, 3 recording, 4 stopping), the startRecord that owns
// it, the waiting stopRecord calls, its manager, its limit, its one timer; and the manager that carries the listeners.
let phase = 0;
let owner;
let stops;
let manager;
let limitMs;
let timer;
let carrier;

// The reason after ":fail"; with `denial`, or when it reads like a refusal, `auth deny`, but a privacy reason stays.
function reasonOf(e, denial) {
  const m = String((e && (e.errMsg || e.message)) || e).replace(/^.*?:fail[: ]*/, '');
  return /privacy/.test(m) || !(denial || /auth den|authorize no|permission/i.test(m))
    ? m || 'unknown error'
    : 'auth deny';
}

// obj[k](arg), a throw going to err.
function call(obj, k, arg, err) {
  try {
    obj[k](arg);
  } catch (e) {
    err(e);
  }
}

function arm(ms, onTimeout) {
  clearTimeout(timer);
  timer = setTimeout(onTimeout, ms);
}
const stopTimeoutMs = () => OPTIONS.stopTimeoutMs || 5000;

// Ends the recording once: startRecord's answer first, then each waiting stopRecord's.
function end(res, err) {
  if (phase == 0) return;
  phase = 0;
  clearTimeout(timer);
  owner(err ? failed(START, err) : res, !err);
  stops.forEach((w) => w(err ? failed(STOP, err) : { errMsg: STOP + 'ok', tempFilePath: res.tempFilePath }, !err));
}

// A platform call's failure, for the recording in flight now only.
function failer() {
  const id = owner;
  return (e) => id == owner && end(0, reasonOf(e));
}

// WeChat ignores a stop() before onStart: stop once recording.
function halt() {
  if (phase == 3) {
    phase = 4;
    arm(stopTimeoutMs(), () => end(0, 'stop timeout'));
    call(manager, 'stop', undefined, failer());
  }
}

const listeners = {
  onStart() {
    if (phase == 2) {
      phase = 3;
      if (stops.length) halt();
      else arm(limitMs, halt);
    }
  },
  onStop(r) {
    if (phase >= 3) end(Object.assign({}, r, { errMsg: START + 'ok' }));
  },
  onError(e) {
    if (phase > 1) end(0, reasonOf(e));
  },
  onPause: halt,
  onInterruptionBegin: halt,
};

function begin() {
  const o = { duration: limitMs };
  phase = 2;
  if (manager !== carrier) {
    carrier = manager;
    for (const k in listeners) manager[k](listeners[k]);
  }
  for (const k of ['format', 'sampleRate', 'numberOfChannels', 'encodeBitRate'])
    if (OPTIONS[k] != null) o[k] = OPTIONS[k];
  arm(limitMs + stopTimeoutMs(), () => end(0, 'start timeout'));
  call(manager, 'start', o, failer());
}

// scope.record, then go() or deny(); a late answer for an ended recording drops out.
function authorize() {
  const id = owner;
  const asking = () => id == owner && phase == 1;
  const go = () => asking() && begin();
  const deny = (e) => asking() && end(0, reasonOf(e, true));
  const ask = (k, o) => call(wx, k, Object.assign(o, { fail: deny }), deny);
  const onSetting = (r) => {
    const v = granted(r);
    const prompt = OPTIONS.deniedPrompt;
    if (v) go();
    else if (v !== false) ask('authorize', { scope: 'scope.record', success: go });
    else if (!prompt) deny();
    else
      ask(
        'showModal',
        Object.assign({ content: '请允许使用麦克风' }, prompt, {
          success: (r) =>
            r && r.confirm ? ask('openSetting', { success: (r) => (granted(r) ? go() : deny()) }) : deny(),
        }),
      );
  };
  call(wx, 'getSetting', { success: onSetting, fail: go }, go);
}

export function startRecord(o) {
  const [w, promise] = caller(o);
  try {
    const m = phase == 0 && isFn(wx.getRecorderManager) && wx.getRecorderManager();
    if (!m) w(failed(START, phase == 0 ? 'not supported' : 'audio is recording'));
    else {
      owner = w;
      stops = [];
      manager = m;
      phase = 1;
      limitMs = Math.min(OPTIONS.durationMs || 60000, 600000);
      authorize();
    }
  } catch (e) {
    const r = reasonOf(e);
    if (owner == w) end(0, r);
    w(failed(START, r));
  }
  return promise;
}

export function stopRecord(o) {
  const [w, promise] = caller(o);
  if (phase > 1) {
    stops.push(w);
    halt();
  } else {
    // During authorization it cancels the start; with nothing recording it succeeds.
    if (phase == 1) end(0, 'cancelled by stopRecord');
    w({ errMsg: STOP + 'ok' }, true);
  }
  return promise;
}
