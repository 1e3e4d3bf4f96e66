/*
 * A fake RecorderManager that behaves like the platforms in docs/contract.md#recorder-manager, quirks included.
 * A call's answer (onStart, onStop after stop(), onPause after pause(), an error for a call refused)
 * comes later; what the platform does on its own (a failure while recording, an interruption, the
 * app going to the background, the end at `duration`) is heard as it happens.
 * Everything asynchronous goes through its timers: the global ones by default, so tests drive it
 * with vi's fake timers; the e2e host hands it its own clock's.
 */
import { GLOBAL_TIMERS, type AudioTimers } from './audio';

export type Flavor = 'weapp' | 'qq' | 'tt' | 'alipay' | 'rn' | 'baidu';
export type Privacy = 'agreed' | 'disagree' | 'undeclared';

export const WX_ERR_RECORDING = "operateRecorder:fail:audio is recording, don't start record again";
export const WX_ERR_NOT_STARTED = 'operateRecorder:fail recorder not start';
export const WX_ERR_AUTH = 'operateRecorder:fail:auth denied';
/** WeChat's other wording of a start() without the microphone (the system popup not answered). */
export const WX_ERR_AUTH_NO_RESPONSE = 'operateRecorder:fail authorize no response';
export const RN_PERMISSION_ERROR = 'Missing audio recording permissions.';

type Listener = (res?: unknown) => void;

/**
 * WeChat's start() options table (docs/contract.md#recorder-manager), written out here apart from
 * the runtime's copy: encodeBitRate's range in bit/s per sampleRate. A pair outside it, an unknown
 * format or a channel count other than 1 or 2 makes the recording fail (onError). The platforms do
 * not document the wording: the fake's is its own.
 */
const BIT_RATES: Record<number, [number, number]> = {
  8000: [16000, 48000],
  11025: [16000, 48000],
  12000: [24000, 64000],
  16000: [24000, 96000],
  22050: [32000, 128000],
  24000: [32000, 128000],
  32000: [48000, 192000],
  44100: [64000, 320000],
  48000: [64000, 320000],
};
const FORMATS = ['aac', 'mp3', 'wav', 'PCM'];
/**
 * Baidu's start() options as its reference gives them (swan RecorderManager.start): format `aac` or
 * `pcm`, sampleRate 8000, 16000 or 44100 with their rows of the same bit-rate table. What it answers
 * to anything else is not documented: the fake refuses it as it refuses WeChat's (onError, after
 * the call, in its own words), with an errCode as Baidu's other failures have.
 */
const BAIDU_BIT_RATES: Record<number, [number, number]> = {
  8000: BIT_RATES[8000]!,
  16000: BIT_RATES[16000]!,
  44100: BIT_RATES[44100]!,
};
const BAIDU_FORMATS = ['aac', 'pcm'];

/** What start() refuses in its options (not on React Native, which ignores them), or undefined. */
function badOption(o: Record<string, unknown>, baidu: boolean): string | undefined {
  const rate = (o.sampleRate ?? 8000) as number;
  const bits = (o.encodeBitRate ?? 48000) as number;
  const range = (baidu ? BAIDU_BIT_RATES : BIT_RATES)[rate];
  if (!range) return `operateRecorder:fail invalid sampleRate ${rate}`;
  if (!(bits >= range[0] && bits <= range[1]))
    return `operateRecorder:fail invalid encodeBitRate ${bits} for sampleRate ${rate}`;
  if (o.format !== undefined && !(baidu ? BAIDU_FORMATS : FORMATS).includes(o.format as string))
    return `operateRecorder:fail invalid format ${String(o.format)}`;
  if (o.numberOfChannels !== undefined && o.numberOfChannels !== 1 && o.numberOfChannels !== 2)
    return 'operateRecorder:fail invalid numberOfChannels';
  return undefined;
}

export interface Recording {
  /** fake clock time of start() */
  requestedAt: number;
  /** fake clock time of onStart */
  startedAt?: number;
  /** fake clock time the platform stopped recording (with or without onStop) */
  endedAt?: number;
  options: Record<string, unknown>;
  tempFilePath?: string;
  /** length of the recorder's log when its onStop went out (orders it against other events) */
  stopLogIndex?: number;
}

export interface FakeRecorderOptions {
  flavor: Flavor;
  /** ms from start() to onStart (WeChat: ~300, early stops in between are ignored) */
  startDelay?: number;
  /** ms from stop() to onStop */
  stopDelay?: number;
  /** Platform permission check at start(): false → onError (or a rejected start() on React Native). */
  permitted?: () => boolean;
  /** The onError of a start() without permission: WX_ERR_AUTH (default) or WX_ERR_AUTH_NO_RESPONSE. */
  denial?: string;
  /**
   * Privacy agreement at start() (WeChat since 2023-10-17): a user who disagreed gets
   * `privacy permission is not authorized`, an app that did not declare the microphone
   * `api scope is not declared in the privacy agreement`.
   */
  privacy?: () => Privacy;
  /** The clock it runs on (GLOBAL_TIMERS by default). */
  timers?: AudioTimers;
  /** Where the platform keeps a recording it delivered: the e2e host's players can then play it. */
  saved?: (tempFilePath: string, durationMs: number) => void;
}

/**
 * Listener rules (docs/contract.md#recorder-manager): WeChat (and QQ, which runs its base library) and React Native
 * replace on each onX and have no off*; Alipay and Douyin add up and have off*. Baidu documents no
 * off* and does not say whether a second onX replaces: the fake takes WeChat's rule (an assumption).
 */
const REPLACES: Record<Flavor, boolean> = { weapp: true, qq: true, rn: true, tt: false, alipay: false, baidu: true };

export const EVENTS = [
  'Start',
  'Stop',
  'Pause',
  'Resume',
  'Error',
  'FrameRecorded',
  'InterruptionBegin',
  'InterruptionEnd',
];

export class FakeRecorder {
  readonly flavor: Flavor;
  /** true: each onX replaces that event's listener, and there is no off* (docs/contract.md#recorder-manager) */
  readonly replacesListeners: boolean;
  state: 'idle' | 'starting' | 'recording' | 'paused' | 'stopping' = 'idle';
  /** listeners per event name ('Start', 'Stop', ...) */
  readonly listeners: Record<string, Listener[]> = {};
  /** how many times each onX was called */
  readonly registrations: Record<string, number> = {};
  readonly recordings: Recording[] = [];
  readonly log: string[] = [];
  startCalls = 0;
  stopCalls = 0;
  ignoredStops = 0;
  unauthorizedStarts = 0;
  /** Device bug: the next stop ends recording without onStop. */
  dropNextOnStop = false;
  /** Worst case: the next start() never reports back (no onStart, no onError). */
  swallowNextStart = false;
  startDelay: number;
  stopDelay: number;
  private permitted: () => boolean;
  private denial: string;
  private privacy: () => Privacy;
  private autoStop?: unknown;
  private readonly timers: AudioTimers;
  private readonly saved?: (tempFilePath: string, durationMs: number) => void;
  private fileNo = 0;

  constructor(o: FakeRecorderOptions) {
    this.flavor = o.flavor;
    this.replacesListeners = REPLACES[o.flavor];
    this.startDelay = o.startDelay ?? (o.flavor === 'weapp' || o.flavor === 'qq' ? 300 : 120);
    this.stopDelay = o.stopDelay ?? 60;
    this.permitted = o.permitted ?? (() => true);
    this.denial = o.denial ?? WX_ERR_AUTH;
    this.privacy = o.privacy ?? (() => 'agreed');
    this.timers = o.timers ?? GLOBAL_TIMERS;
    this.saved = o.saved;
    const self = this as unknown as Record<string, unknown>;
    for (const e of EVENTS) {
      // Douyin has no interruption events at all; Baidu's manager lists no onFrameRecorded.
      if (o.flavor === 'tt' && e.startsWith('Interruption')) continue;
      if (o.flavor === 'baidu' && e === 'FrameRecorded') continue;
      this.listeners[e] = [];
      self['on' + e] = (cb: Listener) => {
        this.registrations[e] = (this.registrations[e] ?? 0) + 1;
        // WeChat's base library: removeAllListeners(event), then on(event, cb); QQ and React
        // Native the same. Only the platforms with off* let listeners add up.
        if (this.replacesListeners) this.listeners[e] = [cb];
        else this.listeners[e].push(cb);
      };
      if (!this.replacesListeners)
        self['off' + e] = (cb?: Listener) => {
          this.listeners[e] = cb ? this.listeners[e].filter((l) => l !== cb) : [];
        };
    }
  }

  /** The temporary files of the recordings delivered by onStop, in order. */
  get files(): string[] {
    return this.recordings.flatMap((r) => (r.tempFilePath ? [r.tempFilePath] : []));
  }

  get current(): Recording | undefined {
    const r = this.recordings[this.recordings.length - 1];
    return r && r.endedAt === undefined ? r : undefined;
  }

  listenerCount(e: string) {
    return this.listeners[e]?.length ?? 0;
  }

  private emit(e: string, res?: unknown) {
    this.log.push('on' + e);
    for (const l of [...(this.listeners[e] ?? [])]) l(res);
  }

  /**
   * The platform's error object: `{ errMsg }`, Alipay's `{ error, errorMessage }`, Baidu's `{ errCode, errMsg }`
   * (assumed, as its other failures).
   */
  private errorOf(errMsg: string, code: number) {
    if (this.flavor === 'baidu') return { errCode: code, errMsg };
    return this.flavor === 'alipay'
      ? { error: code, errorMessage: errMsg.replace(/^operateRecorder:fail:? ?/, '') }
      : { errMsg };
  }

  /** A call's answer: delivered after the call returns. */
  private error(errMsg: string, code = 10) {
    const res = this.errorOf(errMsg, code);
    this.timers.setTimeout(() => this.emit('Error', res), 0);
  }

  start(options: Record<string, unknown> = {}) {
    this.startCalls++;
    this.log.push('start');
    if (this.state !== 'idle') {
      this.error(this.state === 'paused' ? 'operateRecorder:fail is recording or paused' : WX_ERR_RECORDING);
      return this.flavor === 'rn' ? Promise.reject(new Error('Recorder is already recording')) : undefined;
    }
    const privacy = this.privacy();
    if (privacy !== 'agreed') {
      this.error(
        privacy === 'disagree'
          ? 'operateRecorder:fail privacy permission is not authorized'
          : 'operateRecorder:fail api scope is not declared in the privacy agreement',
        12,
      );
      return undefined;
    }
    if (!this.permitted()) {
      this.unauthorizedStarts++;
      // React Native: a rejected promise and no onError.
      if (this.flavor === 'rn') return Promise.reject(new Error(RN_PERMISSION_ERROR));
      this.error(this.denial, 11);
      return undefined;
    }
    const max = this.flavor === 'alipay' ? 180000 : 600000;
    const duration = options.duration === undefined ? 60000 : Number(options.duration);
    if (this.flavor !== 'rn' && !(duration > 0 && duration <= max)) {
      this.error(`operateRecorder:fail duration should be in (0, ${max}]`, 2);
      return undefined;
    }
    const bad = this.flavor === 'rn' ? undefined : badOption(options, this.flavor === 'baidu');
    if (bad) {
      this.error(bad, 2);
      return undefined;
    }
    const rec: Recording = { requestedAt: this.timers.now(), options: { ...options } };
    this.recordings.push(rec);
    this.state = 'starting';
    if (this.swallowNextStart) {
      this.swallowNextStart = false;
      this.log.push('start swallowed');
      return this.flavor === 'rn' ? new Promise<void>(() => undefined) : undefined;
    }
    const begun = new Promise<void>((resolve) => {
      this.timers.setTimeout(() => {
        if (this.current !== rec) return;
        this.state = 'recording';
        rec.startedAt = this.timers.now();
        this.emit('Start');
        // React Native (expo-av) ignores `duration`: it would record until stopped.
        if (this.flavor !== 'rn') this.autoStop = this.timers.setTimeout(() => this.finish(rec), duration);
        resolve();
      }, this.startDelay);
    });
    return this.flavor === 'rn' ? begun : undefined;
  }

  stop() {
    this.stopCalls++;
    this.log.push('stop');
    if (this.state === 'idle') {
      this.error(WX_ERR_NOT_STARTED);
      return;
    }
    // stop() before onStart (~300 ms on WeChat) is silently ignored; a second stop while
    // stopping changes nothing either.
    if (this.state === 'starting' || this.state === 'stopping') {
      this.ignoredStops++;
      return;
    }
    const rec = this.current!;
    this.state = 'stopping';
    this.timers.setTimeout(() => this.finish(rec), this.stopDelay);
  }

  pause() {
    if (this.state !== 'recording') return this.error('operateRecorder:fail recorder not recording');
    this.state = 'paused';
    this.timers.setTimeout(() => this.emit('Pause'), 0);
  }

  resume() {
    if (this.state !== 'paused') return this.error('operateRecorder:fail recorder not paused');
    this.state = 'recording';
    this.timers.setTimeout(() => this.emit('Resume'), 0);
  }

  /**
   * Phone call / system interruption: the platform pauses the recording (onInterruptionBegin, then
   * onPause; Douyin has no interruption events). Platform events, not a call's answer: heard as
   * they happen, the recorder paused already, as crash() is.
   */
  interrupt() {
    if (this.state !== 'recording') return;
    this.state = 'paused';
    if (this.listeners.InterruptionBegin) this.emit('InterruptionBegin');
    this.emit('Pause');
  }

  /** The interruption is over: heard as it happens; the recording stays paused. */
  interruptionEnd() {
    if (this.listeners.InterruptionEnd) this.emit('InterruptionEnd');
  }

  /** App to background: pauses on some devices, stops (file delivered) on others; heard as it happens. */
  appHide(mode: 'pause' | 'stop') {
    if (this.state !== 'recording') return;
    if (mode === 'pause') {
      this.state = 'paused';
      this.emit('Pause');
    } else this.finish(this.current!);
  }

  /**
   * A platform-side failure while recording (e.g. the microphone is taken away). Not a call's
   * answer: like the end at `duration`, the app hears of it as it happens, with the state, so a
   * call the app makes next comes after it.
   */
  crash(errMsg = 'operateRecorder:fail:system error') {
    const rec = this.current;
    if (!rec) return;
    this.end(rec);
    this.emit('Error', this.errorOf(errMsg, 3));
  }

  private end(rec: Recording) {
    this.timers.clearTimeout(this.autoStop);
    rec.endedAt = this.timers.now();
    this.state = 'idle';
  }

  private finish(rec: Recording) {
    if (rec.endedAt !== undefined) return;
    this.end(rec);
    if (this.dropNextOnStop) {
      this.dropNextOnStop = false;
      this.log.push('onStop dropped');
      return;
    }
    const dir =
      this.flavor === 'alipay' ? 'https://resource' : this.flavor === 'baidu' ? 'bdfile://tmp' : 'wxfile://tmp';
    rec.tempFilePath = `${dir}/rec_${++this.fileNo}.aac`;
    rec.stopLogIndex = this.log.length;
    const duration = rec.endedAt! - (rec.startedAt ?? rec.endedAt!);
    this.saved?.(rec.tempFilePath, duration);
    this.emit('Stop', { tempFilePath: rec.tempFilePath, duration, fileSize: duration * 6 });
  }
}
