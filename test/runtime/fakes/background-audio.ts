/*
 * A fake BackgroundAudioManager that behaves like the platforms in docs/contract.md#background-audio,
 * quirks included:
 * - WeChat (and QQ, on WeChat's base library): one global manager; each onX replaces that event's
 *   listener and there is no offX; setting `src` without a `title` fails with
 *   `setBackgroundAudioState:fail title is nil!`; setting `src` starts playback; `duration` is 0
 *   until the track can play; `paused` is true when paused or stopped; stop() ends the track.
 * - WeChat: the manager's events come through the platform's bridge, never inside the call that
 *   caused them: stop()'s onStop, pause()'s onPause, play()'s onPlay, seek()'s onSeeking and src's
 *   onWaiting are delivered later, and a call made meanwhile (a new src) does not take them back.
 *   On Taro H5 they come later too, but for stop()'s onStop, and a new src takes them back.
 * - Taro H5 (on <audio>, autoplay): listeners add up and offX exist; no title needed; stop() pauses,
 *   rewinds, keeps `src` and calls its own onStop listeners inside the call, every time (the pause's
 *   onPause comes later, as <audio>'s events do); a new `src` runs HTML's load algorithm, which drops
 *   the events the element has queued and not yet fired (a pause()'s, a seek's); play() returns a
 *   Promise the browser's autoplay policy can reject; an error leaves `paused` as it was (false
 *   after a failed load play() began);
 *   onNext/onPrev are stubs returning a rejected Promise; 3.6 returned a new manager per
 *   getBackgroundAudioManager() call (3.6 to 4.1.0 at least), 4.1.9 on the same one; before 3.6.11 the
 *   <audio>'s errors never reached its onError listeners (`taroH5`). Its own play listener, bound before any
 *   other, seeks to `startTime` at every play event where the track is elsewhere (3.6 and 4.x): a
 *   resume after a pause starts over from `startTime` (0 unless set), before the app's listeners run.
 * - Everywhere: an error can come while a track plays (crash(): 10001, 10004, 10005, …); the track is over.
 *   It is the platform's, not a call's answer: heard when it happens, as a load error and the end are.
 * - Alipay: a manager exists but takes Youku audio ids only; React Native: none; Harmony: a stub.
 * Everything asynchronous goes through the timers given (by default the globals, so tests drive it
 * with vi's fake timers; the e2e host passes its own clock).
 */
import { GLOBAL_TIMERS, taroH5Quirks, type AudioTimers } from './audio';

export type BackgroundAudioFlavor = 'weapp' | 'h5';
type Listener = (res?: unknown) => void;
type State = 'idle' | 'loading' | 'playing' | 'paused' | 'stopped' | 'ended' | 'error';

export const BG_EVENTS = [
  'Canplay',
  'Waiting',
  'Error',
  'Play',
  'Pause',
  'Seeking',
  'Seeked',
  'Ended',
  'Stop',
  'TimeUpdate',
  'Next',
  'Prev',
];
export const TITLE_NIL = 'setBackgroundAudioState:fail title is nil!';
export const BG_ERR_NETWORK = { errCode: 10002, errMsg: 'network error' };
/** Seen while playing (no official table): InnerAudioContext's codes, and 10005. */
export const BG_ERR_SYSTEM = { errCode: 10001, errMsg: 'system error' };
export const BG_ERR_FORMAT = { errCode: 10004, errMsg: 'format error' };
export const BG_ERR_10005 = { errCode: 10005, errMsg: 'unknown error' };
export const H5_AUTOPLAY = 'NotAllowedError: play() failed because the user did not interact with the document first.';

export interface BackgroundAudioOptions {
  /** Playable URLs and their length in ms; any other URL is a network error. */
  files?: Record<string, number>;
  /** ms from setting src (or play after a stop) to onCanplay/onPlay */
  loadDelay?: number;
  timers?: AudioTimers;
  /** Taro H5: the @tarojs/taro-h5 version (default 4.2.1); before 3.6.11 the <audio>'s errors never reach onError. */
  taroH5?: string;
}

export class FakeBackgroundAudioManager {
  state: State = 'idle';
  title = '';
  epname = '';
  singer = '';
  coverImgUrl = '';
  webUrl = '';
  protocol = 'http';
  startTime = 0;
  playbackRate = 1;
  referrerPolicy = 'origin';
  readonly listeners: Record<string, Listener[]> = {};
  /** Everything the manager emitted, in order ('onPlay', …), and what it was told ('set src', 'stop()', …). */
  readonly log: string[] = [];
  /** H5: the browser refuses play() (no user gesture yet). */
  autoplayBlocked = false;
  private ownSrc = '';
  private pausedAtError = true;
  private pos = 0;
  private since = 0;
  private timers: AudioTimers;
  private pending: unknown[] = [];
  /** Events a call caused, not yet heard (H5: <audio>'s queued tasks, which a new src drops). */
  private queued: unknown[] = [];
  private ticker?: unknown;
  readonly files: Map<string, number>;
  readonly loadDelay: number;
  /** Taro H5: its <audio> (only the error handler is modelled) and its own list of onError listeners. */
  readonly Instance: { onerror: ((res: unknown) => void) | null } = { onerror: null };
  readonly errorStack = { trigger: (res: unknown) => this.hear('Error', res) };

  constructor(
    readonly flavor: BackgroundAudioFlavor,
    o: BackgroundAudioOptions = {},
  ) {
    this.files = new Map(Object.entries(o.files ?? {}));
    this.loadDelay = o.loadDelay ?? 50;
    this.timers = o.timers ?? GLOBAL_TIMERS;
    const self = this as unknown as Record<string, unknown>;
    for (const e of BG_EVENTS) {
      this.listeners[e] = [];
      if (flavor === 'h5' && (e === 'Next' || e === 'Prev')) {
        // Taro H5: permanentlyNotSupport stubs.
        self['on' + e] = self['off' + e] = () =>
          Promise.reject({ errMsg: `BackgroundAudioManager.on${e}:fail not supported` });
        continue;
      }
      self['on' + e] = (cb: Listener) => {
        // WeChat clears the event's listeners before adding the new one; <audio> adds up.
        if (flavor === 'weapp') this.listeners[e] = [cb];
        else this.listeners[e].push(cb);
      };
      if (flavor === 'h5')
        self['off' + e] = (cb?: Listener) => {
          this.listeners[e] = cb ? this.listeners[e].filter((l) => l !== cb) : [];
        };
    }
    if (flavor === 'h5' && taroH5Quirks(o.taroH5 ?? '4.2.1').errorsHeard)
      this.Instance.onerror = this.errorStack.trigger;
  }

  listenerCount(e: string) {
    return this.listeners[e]?.length ?? 0;
  }

  get src() {
    return this.ownSrc;
  }
  set src(v: string) {
    this.log.push(`set src ${v}`);
    if (this.flavor === 'weapp' && !this.title) {
      this.post('Error', { errMsg: TITLE_NIL, errCode: 10001 });
      return;
    }
    if (this.flavor === 'h5') {
      // HTML's load algorithm: the element's queued events are dropped.
      for (const t of this.queued) this.timers.clearTimeout(t);
      this.queued = [];
    }
    this.halt();
    this.ownSrc = v;
    this.pos = 0;
    if (v) this.load();
  }

  /** seconds; 0 until the track can play (and without a src) */
  get duration() {
    return this.state === 'idle' || this.state === 'loading' || this.state === 'error'
      ? 0
      : (this.files.get(this.ownSrc) ?? 0) / 1000;
  }
  get currentTime() {
    return this.position() / 1000;
  }
  get paused() {
    // <audio> keeps `paused` through an error (Chromium: false after a failed load that play() began).
    if (this.state === 'error' && this.flavor === 'h5') return this.pausedAtError;
    return this.state !== 'playing' && this.state !== 'loading';
  }
  /** Whether it is playing or loading a track (what `paused` does not say on H5 after an error). */
  get playing() {
    return this.state === 'playing' || this.state === 'loading';
  }
  /** seconds buffered: the whole (local or cached) file once loaded */
  get buffered() {
    return this.duration;
  }

  play = (): unknown => {
    this.log.push('play()');
    if (this.flavor === 'h5' && this.autoplayBlocked) return Promise.reject(new Error(H5_AUTOPLAY));
    if (this.state === 'paused') {
      this.run();
      this.post('Play');
    } else if ((this.state === 'stopped' || this.state === 'ended') && this.ownSrc) this.load();
    return this.flavor === 'h5' ? Promise.resolve() : undefined;
  };

  pause = () => {
    this.log.push('pause()');
    if (this.state !== 'playing' && this.state !== 'loading') return;
    this.pos = this.position();
    this.clear();
    this.state = 'paused';
    this.post('Pause');
  };

  seek = (seconds: number) => {
    this.log.push(`seek(${seconds})`);
    if (this.state === 'idle' || this.state === 'error' || this.state === 'loading') return;
    const playing = this.state === 'playing';
    this.post('Seeking');
    this.clear();
    this.pos = Math.min(seconds * 1000, this.files.get(this.ownSrc) ?? 0);
    if (playing) this.run();
    this.post('Seeked');
  };

  stop = () => {
    this.log.push('stop()');
    if (this.flavor === 'h5') {
      // Taro H5: pause() first (its pause event comes later), then rewind; the src stays; then its
      // own onStop listeners, inside the call, whatever the state.
      if (this.state === 'playing' || this.state === 'loading') this.post('Pause');
      if (this.state !== 'idle' && this.state !== 'error') {
        this.clear();
        this.pos = 0;
        this.state = 'stopped';
      }
      return this.emit('Stop');
    }
    if (this.state === 'idle' || this.state === 'stopped' || this.state === 'error') return;
    this.clear();
    this.pos = 0;
    this.state = 'stopped';
    this.ownSrc = '';
    this.post('Stop');
  };

  /**
   * A platform failure while a track is on (the decoder, the audio focus, the network mid-track).
   * Not a call's answer: like a load error or the natural end, the app hears of it as it happens,
   * with the state, so a call the app makes next (a new src) comes after it.
   */
  crash(err: { errCode: number; errMsg: string } = BG_ERR_SYSTEM) {
    if (this.state !== 'playing' && this.state !== 'paused' && this.state !== 'loading') return;
    this.pos = this.position();
    this.clear();
    this.fail();
    this.emit('Error', { ...err });
  }

  private load() {
    this.clear();
    this.state = 'loading';
    this.post('Waiting');
    const len = this.files.get(this.ownSrc);
    this.later(() => {
      if (len === undefined) {
        this.fail();
        return this.emit('Error', BG_ERR_NETWORK);
      }
      this.state = 'paused';
      this.emit('Canplay');
      this.run();
      this.emit('Play');
    }, this.loadDelay);
  }

  private fail() {
    this.pausedAtError = this.paused;
    this.state = 'error';
  }

  private run() {
    this.state = 'playing';
    this.since = this.timers.now();
    const left = (this.files.get(this.ownSrc) ?? 0) - this.pos;
    this.later(() => {
      this.clear();
      this.pos = 0;
      this.state = 'ended';
      this.emit('Ended');
    }, left);
    this.ticker = this.timers.setInterval(() => this.emit('TimeUpdate'), 250);
  }

  private halt() {
    this.clear();
    if (this.state === 'playing' || this.state === 'paused' || this.state === 'loading') this.state = 'stopped';
  }

  private position() {
    return this.state === 'playing'
      ? Math.min(this.pos + this.timers.now() - this.since, this.files.get(this.ownSrc) ?? 0)
      : this.pos;
  }

  private later(f: () => void, ms = 0) {
    this.pending.push(this.timers.setTimeout(f, ms));
  }

  /** An event caused by a call: delivered after the call returns, and not taken back by the next call. */
  private post(e: string, res?: unknown) {
    const t = this.timers.setTimeout(() => {
      this.queued = this.queued.filter((q) => q !== t);
      this.emit(e, res);
    }, 0);
    this.queued.push(t);
  }

  private clear() {
    for (const t of this.pending) this.timers.clearTimeout(t);
    this.pending = [];
    if (this.ticker !== undefined) this.timers.clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private emit(e: string, res?: unknown) {
    this.log.push('on' + e);
    // Taro H5: its own play listener, the first on the <audio>, which no offPlay removes.
    if (e === 'Play' && this.flavor === 'h5' && this.currentTime !== this.startTime) this.seek(this.startTime);
    // Taro H5: an error is the <audio>'s, heard through its onerror only.
    if (e === 'Error' && this.flavor === 'h5') this.Instance.onerror?.(res);
    else this.hear(e, res);
  }

  private hear(e: string, res?: unknown) {
    for (const l of [...this.listeners[e]]) l(res);
  }
}

export interface FakeBackgroundAudioPlatform {
  /** What the runtime is given: the platform object (wx, Taro H5's named exports, my, …). */
  api: Record<string, unknown>;
  /** Every manager getBackgroundAudioManager() handed out (one, except Taro H5 3.6). */
  managers: FakeBackgroundAudioManager[];
}

/**
 * WeChat (and QQ): one global manager; with `legacyApi`, the deprecated functions exist too (never called by the
 * runtime).
 */
export function weappBackgroundAudio(o: BackgroundAudioOptions = {}): FakeBackgroundAudioPlatform {
  const m = new FakeBackgroundAudioManager('weapp', o);
  return { api: { getBackgroundAudioManager: () => m }, managers: [m] };
}

/** Taro H5: a real manager on <audio>; `perCall`: a new manager per call (3.6 to 4.1.0 at least). */
export function h5BackgroundAudio(o: BackgroundAudioOptions & { perCall?: boolean } = {}): FakeBackgroundAudioPlatform {
  const managers: FakeBackgroundAudioManager[] = [];
  const make = () => {
    const m = new FakeBackgroundAudioManager('h5', o);
    managers.push(m);
    return m;
  };
  return {
    api: {
      getBackgroundAudioManager: () => (o.perCall || managers.length === 0 ? make() : managers[0]),
      getEnv: () => 'WEB',
    },
    managers,
  };
}

/** Alipay: a manager that takes Youku audio ids only; the runtime treats it as unsupported. */
export function alipayBackgroundAudio(o: BackgroundAudioOptions = {}): FakeBackgroundAudioPlatform {
  const m = new FakeBackgroundAudioManager('h5', o);
  return { api: { getBackgroundAudioManager: () => m, getEnv: () => 'ALIPAY' }, managers: [m] };
}

/** Taro React Native: no background audio manager at all. */
export function rnBackgroundAudio(): FakeBackgroundAudioPlatform {
  return { api: { getEnv: () => 'RN' }, managers: [] };
}

/** Harmony: a stub that answers with a rejected Promise. */
export function harmonyBackgroundAudio(): FakeBackgroundAudioPlatform {
  return {
    api: {
      getBackgroundAudioManager: () => Promise.reject({ errMsg: 'getBackgroundAudioManager:fail not supported' }),
    },
    managers: [],
  };
}
