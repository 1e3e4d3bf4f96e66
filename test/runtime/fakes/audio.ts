/*
 * A fake InnerAudioContext that behaves like the platforms in docs/contract.md#inner-audio-context, quirks included:
 * - WeChat: listeners add up, offX removes them (all of them without an argument), onTimeUpdate
 *   replaces; resources live until destroy(); on Android an 11th live player cannot play.
 * - Everywhere: with `loop` set, the end starts the file over from 0 without onEnded (as <audio loop>).
 * - Everywhere: a failure while playing (crash()) is the platform's, not a call's answer: heard as
 *   it happens, as the natural end is; what a call causes (a stop's onStop, a load's error) comes later.
 * - Douyin: on Android one player behind every instance (the last src set wins), and after
 *   stop() a play() does nothing until src is set again.
 * - React Native (expo-av): each onX replaces, no offX, play() returns a Promise, and the sound
 *   is unloaded at its end (play() does nothing until src is set again).
 * - H5 (Taro on <audio>): WeChat's listener rules, play() returns a Promise that the browser's
 *   autoplay policy can reject, and `src` reads back absolute (<audio> resolves it against the
 *   page's URL, H5_BASE here). A new `src` runs HTML's load algorithm: the events the element has
 *   queued and not yet fired are dropped (a pause(), a load's error), and the old track stops
 *   without a pause event; onStop is Taro's own, called inside stop() (after pause(), whose event
 *   comes later), on every stop() and never for a new `src`. destroy() is Taro H5's: it calls stop()
 *   (onStop runs, a playing track's pause event follows) and lets go of the <audio>, whose listeners
 *   stay on it, so the events it has queued still fire; afterwards play() and the other calls reach
 *   nothing (play() returns undefined, src reads ''), but stop() and destroy() still call the onStop
 *   listeners, and onStop / onError still add to Taro's own lists. Taro H5 seeks to startTime at the
 *   first play event of the context's life only (routeChange(): every context it made stops, as
 *   Taro's router tells them all at a page change); after its stop() (a pause and a rewind) play()
 *   resumes the same track from 0, with no new load; a new src starts at 0 (or where a seek put it).
 *   Older Taro H5 (`taroH5`, read from the published @tarojs/taro-h5): 3.4 to 3.6.6 seek to
 *   startTime at every play event where the track is elsewhere (a resume after a pause starts over
 *   at startTime), and before 3.6.11 destroy() stops, then throws (it removes from the page an
 *   <audio> it never added) and keeps its <audio>, and the <audio>'s errors never reach the onError
 *   listeners (3.6.11 set `Instance.onerror` to its list's `trigger`).
 * - WeChat on iOS: the silent switch. With it on, every InnerAudioContext plays unheard unless the app has called
 *   wx.setInnerAudioOption({ obeyMuteSwitch: false }) (global, base library 2.3.0; default true); a context's own
 *   `obeyMuteSwitch` property is ignored. `heard` tells whether a playing context can be heard.
 * Error codes: 10001 system, 10002 network, 10003 file, 10004 format, -1 unknown.
 * Everything asynchronous goes through the timers given (by default the globals, so tests drive it
 * with vi's fake timers; the e2e host passes its own FakeClock).
 */

export type AudioFlavor = 'weapp' | 'tt' | 'rn' | 'h5';
export type Os = 'android' | 'ios';

export const AUDIO_EVENTS = [
  'Canplay',
  'Play',
  'Pause',
  'Stop',
  'Ended',
  'TimeUpdate',
  'Error',
  'Waiting',
  'Seeking',
  'Seeked',
];
/** Taro H5: the events whose listeners it keeps in lists of its own on the context; the others go on the <audio>. */
const TARO_H5_OWN = ['Stop', 'Error'];
/** WeChat on Android refuses more live players than this per app. */
export const WX_ANDROID_PLAYER_LIMIT = 10;
export const ERR_SYSTEM = { errCode: 10001, errMsg: 'system error' };
export const ERR_NETWORK = { errCode: 10002, errMsg: 'network error' };
export const ERR_FILE = { errCode: 10003, errMsg: 'file error' };
export const ERR_FORMAT = { errCode: 10004, errMsg: 'format error' };
export const ERR_TOO_MANY = { errCode: 10001, errMsg: 'system error: too many audio instances' };
export const ERR_UNKNOWN = { errCode: -1, errMsg: 'unknown error' };
/** The page URL an H5 <audio> resolves a relative src against (Taro H5's dev server). */
export const H5_BASE = 'http://localhost:10086/';
const absolute = (src: string) => (src ? new URL(src, H5_BASE).href : src);
export const ERR_AUTOPLAY = 'NotAllowedError: play() failed because the user did not interact with the document first.';
/** <audio>'s play() rejection when its source cannot be loaded (Chromium's words). */
export const ERR_UNSUPPORTED = 'NotSupportedError: Failed to load because no supported source was found.';

type Listener = (res?: unknown) => void;
type State = 'idle' | 'loading' | 'playing' | 'paused' | 'stopped' | 'ended' | 'destroyed';

/** The clock the fake runs on. */
export interface AudioTimers {
  setTimeout(f: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  setInterval(f: () => void, ms: number): unknown;
  clearInterval(id: unknown): void;
  now(): number;
}

/** The global timers and Date.now, looked up at each call so that vi's fake timers drive them. */
export const GLOBAL_TIMERS: AudioTimers = {
  setTimeout: (f, ms) => setTimeout(f, ms),
  clearTimeout: (id) => clearTimeout(id as ReturnType<typeof setTimeout>),
  setInterval: (f, ms) => setInterval(f, ms),
  clearInterval: (id) => clearInterval(id as ReturnType<typeof setInterval>),
  now: () => Date.now(),
};

export interface AudioSystemOptions {
  flavor: AudioFlavor;
  /** H5: the @tarojs/taro-h5 version whose InnerAudioContext this is (default 4.2.1). */
  taroH5?: string;
  os?: Os;
  /** Playable files and their length in ms. `.silk` files (the legacy recordings) are a format error. */
  files?: Record<string, number>;
  /** ms from play() to onCanplay/onPlay */
  loadDelay?: number;
  /** Default: the global timers and Date.now. */
  timers?: AudioTimers;
}

/** a < b, for versions such as '3.6.11'. */
const olderThan = (a: string, b: string) => {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) < (y[i] ?? 0);
  return false;
};

/** Where Taro H5's InnerAudioContext differed by version. */
export interface TaroH5Quirks {
  /**
   * At which play events it seeks to startTime: every one where the track is elsewhere, the context's first, or none.
   */
  seekAtPlay: 'every' | 'first' | 'never';
  /** destroy() throws (after its stop()) and keeps the <audio>. */
  destroyThrows: boolean;
  /** The <audio>'s errors reach the onError listeners. */
  errorsHeard: boolean;
}
export const taroH5Quirks = (v: string): TaroH5Quirks => ({
  seekAtPlay: olderThan(v, '3.4.0') ? 'never' : olderThan(v, '3.6.7') ? 'every' : 'first',
  destroyThrows: olderThan(v, '3.6.11'),
  errorsHeard: !olderThan(v, '3.6.11'),
});

/** One Douyin-Android player shared by every instance. */
interface Shared {
  src: string;
  owner?: FakeAudioContext;
}

/** The platform's audio service: every InnerAudioContext it handed out, and the files it can play. */
export class FakeAudioSystem {
  readonly flavor: AudioFlavor;
  readonly os: Os;
  readonly files: Map<string, number>;
  readonly created: FakeAudioContext[] = [];
  readonly log: string[] = [];
  readonly timers: AudioTimers;
  loadDelay: number;
  /** H5: the browser refuses play() (no user gesture yet). */
  autoplayBlocked = false;
  /** iOS: the ring/silent switch is on silent. */
  silentSwitch = false;
  /** wx.setInnerAudioOption's obeyMuteSwitch, for the whole app (WeChat's default: true). */
  obeyMuteSwitch = true;
  readonly shared?: Shared;
  /**
   * The most players the app held at once. A released one is not held, even where Taro H5's destroy() threw and kept
   * its <audio>: the limit it is checked against is WeChat Android's.
   */
  maxLive = 0;
  readonly taroH5: TaroH5Quirks;

  constructor(o: AudioSystemOptions) {
    this.flavor = o.flavor;
    this.taroH5 = taroH5Quirks(o.taroH5 ?? '4.2.1');
    this.os = o.os ?? 'android';
    // H5: the files as <audio> names them, absolute.
    this.files = new Map(Object.entries(o.files ?? {}).map(([k, v]) => [o.flavor === 'h5' ? absolute(k) : k, v]));
    this.loadDelay = o.loadDelay ?? 50;
    this.timers = o.timers ?? GLOBAL_TIMERS;
    if (this.flavor === 'tt' && this.os === 'android') this.shared = { src: '' };
  }

  /** Players holding platform resources: not destroyed (one refused over the limit holds none). */
  get live() {
    return this.created.filter((c) => c.state !== 'destroyed' && !c.overLimit);
  }

  /**
   * Taro H5's router changed the page: every context it made stops (its own listener, bound at construction), destroyed
   * or not.
   */
  routeChange(): void {
    if (this.flavor === 'h5') for (const c of this.created) c.stop();
  }

  /** wx.setInnerAudioOption(): global; only obeyMuteSwitch is modelled (it matters on iOS only). */
  setInnerAudioOption = (o: { obeyMuteSwitch?: boolean; success?: (r: unknown) => void }): void => {
    if (typeof o.obeyMuteSwitch === 'boolean') this.obeyMuteSwitch = o.obeyMuteSwitch;
    o.success?.({ errMsg: 'setInnerAudioOption:ok' });
  };

  /** Whether what plays now reaches the speaker: the silent switch silences it on iOS unless the app said not to. */
  get mutedBySwitch(): boolean {
    return this.os === 'ios' && this.silentSwitch && this.obeyMuteSwitch;
  }

  /** createInnerAudioContext() */
  create = (): FakeAudioContext => {
    const c = new FakeAudioContext(
      this,
      this.live.length >= WX_ANDROID_PLAYER_LIMIT && this.flavor === 'weapp' && this.os === 'android',
    );
    this.created.push(c);
    this.maxLive = Math.max(this.maxLive, this.live.filter((c) => !c.released).length);
    return c;
  };
}

export class FakeAudioContext {
  state: State = 'idle';
  startTime = 0;
  autoplay = false;
  loop = false;
  volume = 1;
  /** Ignored since base library 2.3.0 (wx.setInnerAudioOption decides): kept only so that setting it is harmless. */
  obeyMuteSwitch = true;
  /** listeners per event name ('Play', 'Ended', ...) */
  readonly listeners: Record<string, Listener[]> = {};
  /** play position in ms */
  private pos = 0;
  private since = 0;
  private ownSrc = '';
  /** Douyin after stop(), React Native after the end: src must be set again before play() works. */
  private needsSrc = false;
  private pending: unknown[] = [];
  /** Taro H5: its first play event is still to come, at which it seeks to startTime (once in the context's life). */
  private firstPlay = true;
  /** Events issued and not yet heard (H5: <audio>'s queued tasks, which a new src drops). */
  private queued: unknown[] = [];
  private ticker?: unknown;
  /** destroy() was called: the player's owner let go of it (Taro H5 before 3.6.11 then keeps its <audio>). */
  released = false;
  /** What play() did, for tests: 'load', 'resume', 'ignored', 'error' */
  readonly plays: string[] = [];
  /** Taro H5: its <audio> (only the error handler is modelled) and its own list of onError listeners. */
  readonly Instance: { onerror: ((res: unknown) => void) | null } = { onerror: null };
  readonly errorStack = { trigger: (res: unknown) => this.hear('Error', res) };

  /** Playing, and heard: not silenced by iOS's silent switch (FakeAudioSystem.mutedBySwitch). */
  get heard(): boolean {
    return this.state === 'playing' && !this.sys.mutedBySwitch;
  }

  constructor(
    private readonly sys: FakeAudioSystem,
    /** created beyond WeChat-Android's limit: it can never play */
    readonly overLimit: boolean,
  ) {
    const self = this as unknown as Record<string, unknown>;
    const rn = sys.flavor === 'rn';
    for (const e of AUDIO_EVENTS) {
      this.listeners[e] = [];
      // Taro H5 after destroy(): the context no longer reaches the <audio>, so onX and offX of its
      // events do nothing; its own lists (onStop, onError) still take them.
      const gone = () => this.state === 'destroyed' && sys.flavor === 'h5' && !TARO_H5_OWN.includes(e);
      self['on' + e] = (cb: Listener) => {
        if (gone()) return;
        // React Native keeps one listener per event; WeChat's onTimeUpdate replaces too.
        if (rn || (e === 'TimeUpdate' && sys.flavor === 'weapp')) this.listeners[e] = [cb];
        else this.listeners[e].push(cb);
      };
      if (!rn)
        self['off' + e] = (cb?: Listener) => {
          if (gone()) return;
          this.listeners[e] = cb ? this.listeners[e].filter((l) => l !== cb) : [];
        };
    }
    if (sys.flavor === 'h5' && sys.taroH5.errorsHeard) this.Instance.onerror = this.errorStack.trigger;
  }

  get src() {
    // Taro H5 after destroy(): no <audio> to read.
    if (this.state === 'destroyed' && this.sys.flavor === 'h5') return '';
    return this.sys.shared ? this.sys.shared.src : this.ownSrc;
  }
  set src(v: string) {
    if (this.state === 'destroyed') return;
    if (this.sys.flavor === 'h5') v = absolute(v);
    const sh = this.sys.shared;
    // Douyin Android: one player; a src set through any instance takes it over.
    if (sh) {
      if (sh.owner && sh.owner !== this) sh.owner.halt('Stop');
      sh.src = v;
      sh.owner = this;
    } else this.ownSrc = v;
    if (this.sys.flavor === 'h5') {
      // HTML's load algorithm: the element's queued events are dropped, and what played stops
      // without an event (no pause; Taro H5's onStop is its stop()'s).
      for (const t of this.queued) this.sys.timers.clearTimeout(t);
      this.queued = [];
      this.clear();
    }
    // A new source stops what was playing and starts from the beginning.
    else if (this.state === 'playing' || this.state === 'paused' || this.state === 'loading') this.halt('Stop');
    this.pos = 0;
    this.needsSrc = false;
    if (this.state !== 'idle') this.state = 'stopped';
    if (this.autoplay) this.play();
  }

  /** seconds, like the platforms */
  get currentTime() {
    return this.position() / 1000;
  }
  get duration() {
    return (this.sys.files.get(this.src) ?? 0) / 1000;
  }
  get paused() {
    return this.state !== 'playing';
  }

  listenerCount(e: string) {
    return this.listeners[e]?.length ?? 0;
  }

  private position() {
    return this.state === 'playing' ? this.pos + this.sys.timers.now() - this.since : this.pos;
  }

  /** Playback's own timers (loading, the end of the file): a stop, a pause or a new src cancels them. */
  private later(f: () => void, ms = 0) {
    this.pending.push(this.sys.timers.setTimeout(f, ms));
  }

  /**
   * An event the platform has issued: it reaches the listeners after the call, whatever the app
   * calls meanwhile (destroy() silences it, but on Taro H5, and on H5 a new src drops it).
   */
  private deliver(e: string, res?: unknown) {
    const t = this.sys.timers.setTimeout(() => {
      this.queued = this.queued.filter((q) => q !== t);
      this.emit(e, res);
    }, 0);
    this.queued.push(t);
  }

  private clear() {
    for (const t of this.pending) this.sys.timers.clearTimeout(t);
    this.pending = [];
    if (this.ticker !== undefined) this.sys.timers.clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private emit(e: string, res?: unknown) {
    // A destroyed player is silent, but on Taro H5, whose <audio> keeps its listeners: its queued
    // events, and the onStop of a stop() or destroy(), still reach them.
    if (this.state === 'destroyed' && this.sys.flavor !== 'h5') return;
    this.sys.log.push('on' + e);
    // Taro H5: an error is the <audio>'s, heard through its onerror only.
    if (e === 'Error' && this.sys.flavor === 'h5') this.Instance.onerror?.(res);
    else this.hear(e, res);
  }

  private hear(e: string, res?: unknown) {
    for (const l of [...this.listeners[e]]) l(res);
  }

  private fail(err: { errCode: number; errMsg: string }) {
    this.plays.push('error');
    this.deliver('Error', { ...err });
  }

  /** Stops playback without a request (stop(), a new src, Douyin's shared player taken over). */
  halt(event: 'Stop' | 'Pause') {
    if (this.state === 'playing') this.pos = this.position();
    this.clear();
    this.state = event === 'Stop' ? 'stopped' : 'paused';
    if (event === 'Stop') this.pos = 0;
    this.deliver(event);
  }

  /** Plays from `pos`; `goingOn` (a loop starting over, a seek while playing): no play event. */
  private run(goingOn = false) {
    const length = this.sys.files.get(this.src)!;
    // Taro H5: its own onPlay, bound first, seeks to startTime at the first play event, and never
    // again (not after stop(), not for a new src); 3.4 to 3.6.6 at every play event where the
    // track is elsewhere.
    const seek = this.sys.taroH5.seekAtPlay;
    if (
      !goingOn &&
      this.sys.flavor === 'h5' &&
      (seek === 'every' ? this.pos !== this.startTime * 1000 : seek === 'first' && this.firstPlay)
    ) {
      this.pos = Math.min(this.startTime * 1000, length);
    }
    if (!goingOn) this.firstPlay = false;
    this.state = 'playing';
    this.since = this.sys.timers.now();
    this.ticker = this.sys.timers.setInterval(() => this.emit('TimeUpdate'), 250);
    this.later(() => {
      this.clear();
      this.pos = 0;
      if (this.loop) return this.run(true);
      this.state = 'ended';
      if (this.sys.flavor === 'rn') this.needsSrc = true;
      this.emit('Ended');
    }, length - this.pos);
    // Heard once it runs: a listener may seek, pause or stop it (Taro H5's own seeks).
    if (!goingOn) this.emit('Play');
  }

  play(): Promise<void> | undefined {
    const promised = this.sys.flavor === 'rn' || this.sys.flavor === 'h5';
    const settle = (why?: unknown) => (promised ? (why ? Promise.reject(why) : Promise.resolve()) : undefined);
    // Taro H5 after destroy(): no <audio> to play, and no Promise.
    if (this.state === 'destroyed' && this.sys.flavor === 'h5') return undefined;
    if (this.state === 'destroyed' || this.state === 'playing' || this.state === 'loading') return settle();
    if (this.sys.flavor === 'h5' && this.sys.autoplayBlocked) {
      this.plays.push('error');
      return settle(new Error(ERR_AUTOPLAY));
    }
    if (this.overLimit) {
      this.fail(ERR_TOO_MANY);
      return settle();
    }
    // Douyin after stop(), React Native after the end: nothing happens, no event.
    if (this.needsSrc) {
      this.plays.push('ignored');
      return settle();
    }
    const sh = this.sys.shared;
    if (sh && sh.owner !== this) {
      // Douyin Android: play() through any instance plays the last src set, on the one player.
      if (sh.owner) sh.owner.halt('Stop');
      sh.owner = this;
      if (this.state === 'paused') this.state = 'stopped';
    }
    if (this.state === 'paused') {
      this.plays.push('resume');
      this.state = 'loading';
      this.later(() => this.run(), 10);
      return settle();
    }
    const src = this.src;
    if (/\.silk$/.test(src) || !this.sys.files.has(src)) {
      this.fail(/\.silk$/.test(src) ? ERR_FORMAT : /^https?:/.test(src) ? ERR_NETWORK : ERR_FILE);
      if (this.sys.flavor !== 'h5') return settle();
      // <audio>: the load's error event, then play()'s Promise rejected (HTML's source failure steps).
      return new Promise((_, reject) => this.sys.timers.setTimeout(() => reject(new Error(ERR_UNSUPPORTED)), 0));
    }
    this.plays.push('load');
    // Taro H5's <audio> starts where it was put (0 for a new src, or a seek's position) and seeks
    // to startTime at its first play only (run()); the others start at startTime.
    this.pos = Math.min(this.sys.flavor === 'h5' ? this.pos : this.startTime * 1000, this.sys.files.get(src)!);
    this.state = 'loading';
    this.later(() => {
      this.emit('Canplay');
      this.run();
    }, this.sys.loadDelay);
    return settle();
  }

  pause() {
    if (this.state === 'playing' || this.state === 'loading') this.halt('Pause');
  }

  stop() {
    if (this.sys.flavor === 'h5') {
      // Taro H5: pause() (<audio>'s pause event comes later), rewind, then its own onStop
      // listeners, inside the call, whatever the state, even after destroy() (which left the
      // <audio>, not the list). The element keeps its track: it is paused at 0, and play()
      // resumes it there (its first-play seek to startTime is spent).
      if (this.state !== 'destroyed') {
        if (this.state === 'playing' || this.state === 'loading') this.halt('Pause');
        if (this.state === 'ended') this.state = 'paused';
        this.pos = 0;
      }
      return this.emit('Stop');
    }
    if (this.state === 'playing' || this.state === 'paused' || this.state === 'loading') this.halt('Stop');
    // Douyin: play() after stop() needs src again.
    if (this.sys.flavor === 'tt') this.needsSrc = true;
  }

  seek(seconds: number) {
    if (this.state === 'destroyed') return;
    this.pos = Math.max(0, seconds * 1000);
    // Playing on from there: no play event (<audio> fires seeking/seeked), so no seek to startTime.
    if (this.state === 'playing') {
      this.clear();
      this.run(true);
    }
  }

  destroy() {
    this.released = true;
    if (this.sys.flavor === 'h5') {
      // Taro H5: stop(), then the context lets go of its <audio>; listeners and queued events stay.
      // Before 3.6.11 it throws instead, as removeChild() of an element not on the page does, and
      // keeps the <audio>.
      this.stop();
      if (this.sys.taroH5.destroyThrows)
        throw new Error(
          "NotFoundError: Failed to execute 'removeChild' on 'Node': The node to be removed is not a child of this node.",
        );
      this.state = 'destroyed';
      return;
    }
    this.clear();
    if (this.sys.shared?.owner === this) this.sys.shared.owner = undefined;
    this.state = 'destroyed';
    for (const e of AUDIO_EVENTS) this.listeners[e] = [];
  }

  /**
   * A platform failure while playing (the audio focus or the decoder is lost). Not a call's answer:
   * like the natural end, the app hears of it as it happens, with the state, so a call the app
   * makes next comes after it.
   */
  crash(err = ERR_SYSTEM) {
    if (this.state === 'destroyed') return;
    this.clear();
    this.state = 'stopped';
    this.pos = 0;
    this.emit('Error', { ...err });
  }
}

export interface FakeAudioPlatform {
  name: string;
  api: { createInnerAudioContext?: () => unknown; setInnerAudioOption?: FakeAudioSystem['setInnerAudioOption'] };
  audio: FakeAudioSystem;
}

const platform = (flavor: AudioFlavor, o: Omit<AudioSystemOptions, 'flavor'> = {}): FakeAudioPlatform => {
  const audio = new FakeAudioSystem({ flavor, ...o });
  const api =
    flavor === 'weapp'
      ? { createInnerAudioContext: audio.create, setInnerAudioOption: audio.setInnerAudioOption }
      : { createInnerAudioContext: audio.create };
  return { name: flavor, api, audio };
};

/** WeChat (wx), Android by default: 10 live players at most. */
export const weappAudio = (o: Omit<AudioSystemOptions, 'flavor'> = {}) => platform('weapp', o);
/** Douyin (tt), Android by default: one player behind every instance. */
export const douyinAudio = (o: Omit<AudioSystemOptions, 'flavor'> = {}) => platform('tt', o);
/** Taro on React Native (expo-av). */
export const rnAudio = (o: Omit<AudioSystemOptions, 'flavor'> = {}) => platform('rn', o);
/** Taro H5 (<audio>), 4.2.1 unless `taroH5` names another version. */
export const h5Audio = (o: Omit<AudioSystemOptions, 'flavor'> = {}) => platform('h5', o);
