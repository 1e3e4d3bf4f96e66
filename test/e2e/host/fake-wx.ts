/**
 * A fake `wx` that behaves as docs/contract.md describes WeChat: scope.record
 * authorization through getSetting/authorize, one global RecorderManager with
 * its quirks (onStart a few hundred ms after start, a stop before onStart is
 * ignored, errors for double start and idle stop, auto-stop at `duration`, each
 * onX replacing that event's listener).
 * Every call is recorded so tests can assert on what the app really did.
 * Playback: createInnerAudioContext() with WeChat's semantics (the runtime tests' faithful fake,
 * on this host's clock); the recordings made here are the files it can play.
 */
import { REPLACED_LEGACY_APIS } from '../../../src/rewrite/legacy-apis';
import { FakeBackgroundAudioManager } from '../../runtime/fakes/background-audio';
import { FakeAudioSystem, type AudioTimers, type Os } from '../../runtime/fakes/audio';
import type { FakeClock } from './clock';

type Callbacks = {
  success?: (res: unknown) => void;
  fail?: (res: unknown) => void;
  complete?: (res: unknown) => void;
};

export type RecordPermission = true | false | undefined;

export interface FakeWxOptions {
  clock: FakeClock;
  /** scope.record before the app asks: true granted, false denied earlier, undefined never asked. */
  permission?: RecordPermission;
  /** What the user answers in the authorize popup. */
  userGrants?: boolean;
  /** Whether the user taps "confirm" in a showModal. */
  modalConfirms?: boolean;
  /** Whether the user turns the microphone on in the settings page openSetting shows. */
  settingsGrant?: boolean;
  /**
   * Whether the deprecated startRecord/stopRecord/playVoice/pauseVoice/stopVoice exist (WeChat yes;
   * Douyin, or a WeChat that drops them, no). Where they exist they only log and fail: the
   * rewritten app must not call them.
   */
  legacyApi?: boolean;
  /** URLs the background-audio manager can play, and their length in ms. */
  backgroundFiles?: Record<string, number>;
  /** The device's OS for InnerAudioContext: Android (default) refuses an 11th live player. */
  audioOs?: Os;
  /** Delay between start() and onStart (WeChat: a few hundred ms). */
  startLatencyMs?: number;
  /** Delay between stop() and onStop. */
  stopLatencyMs?: number;
}

export interface StartCall {
  at: number;
  options: Record<string, unknown>;
}

const MAX_DURATION = 600_000;

export class FakeRecorderManager {
  state: 'idle' | 'starting' | 'recording' | 'paused' = 'idle';
  readonly starts: StartCall[] = [];
  stops: number[] = [];
  ignoredStops = 0;
  files: string[] = [];
  private listeners: Record<string, ((res?: unknown) => void)[]> = {};
  private startedAt = 0;
  private autoStop: number | undefined;
  private fileCounter = 0;

  constructor(private readonly wx: FakeWx) {}

  // WeChat's base library: each onX is removeAllListeners(event), then on(event, fn). A later
  // onStop replaces the earlier one, and there is no off* (docs/contract.md#recorder-manager).
  private on(event: string) {
    return (fn: (res?: unknown) => void) => {
      this.listeners[event] = [fn];
    };
  }

  onStart = this.on('start');
  onStop = this.on('stop');
  onError = this.on('error');
  onPause = this.on('pause');
  onResume = this.on('resume');
  onFrameRecorded = this.on('frameRecorded');
  onInterruptionBegin = this.on('interruptionBegin');
  onInterruptionEnd = this.on('interruptionEnd');

  listenerCount(event: string): number {
    return this.listeners[event]?.length ?? 0;
  }

  private emit(event: string, res?: unknown): void {
    for (const fn of this.listeners[event] ?? []) fn(res);
  }

  start = (options: Record<string, unknown> = {}): void => {
    const clock = this.wx.clock;
    this.starts.push({ at: clock.now, options: { ...options } });
    if (this.state !== 'idle') {
      clock.setTimeout(() => this.emit('error', { errMsg: "operateRecorder:fail:audio is recording, don't start record again" }), 0);
      return;
    }
    if (this.wx.permission === false) {
      clock.setTimeout(() => this.emit('error', { errMsg: 'operateRecorder:fail:auth denied' }), 0);
      return;
    }
    this.state = 'starting';
    const requested = typeof options.duration === 'number' ? options.duration : 60_000;
    const duration = Math.min(requested, MAX_DURATION);
    clock.setTimeout(() => {
      if (this.state !== 'starting') return;
      this.state = 'recording';
      this.startedAt = clock.now;
      this.emit('start');
      this.autoStop = clock.setTimeout(() => this.finish(), duration);
    }, this.wx.startLatencyMs);
  };

  stop = (): void => {
    const clock = this.wx.clock;
    this.stops.push(clock.now);
    if (this.state === 'starting') {
      // WeChat ignores a stop issued before the recording really began.
      this.ignoredStops += 1;
      return;
    }
    if (this.state === 'idle') {
      clock.setTimeout(() => this.emit('error', { errMsg: 'operateRecorder:fail recorder not start' }), 0);
      return;
    }
    if (this.autoStop !== undefined) clock.clearTimeout(this.autoStop);
    this.autoStop = undefined;
    clock.setTimeout(() => this.finish(), this.wx.stopLatencyMs);
  };

  pause = (): void => {
    if (this.state !== 'recording') return;
    this.state = 'paused';
    this.wx.clock.setTimeout(() => this.emit('pause'), 0);
  };

  resume = (): void => {
    if (this.state !== 'paused') return;
    this.state = 'recording';
    this.wx.clock.setTimeout(() => this.emit('resume'), 0);
  };

  private finish(): void {
    if (this.state !== 'recording' && this.state !== 'paused') return;
    const duration = this.wx.clock.now - this.startedAt;
    this.state = 'idle';
    this.autoStop = undefined;
    this.fileCounter += 1;
    const tempFilePath = `wxfile://tmp/recording-${this.fileCounter}.aac`;
    this.files.push(tempFilePath);
    // What InnerAudioContext can play: the recording, as long as it lasted.
    this.wx.audio.files.set(tempFilePath, duration);
    this.emit('stop', { tempFilePath, duration, fileSize: Math.round(duration * 6) });
  }
}

export class FakeWx {
  readonly clock: FakeClock;
  permission: RecordPermission;
  userGrants: boolean;
  legacyApi: boolean;
  modalConfirms: boolean;
  settingsGrant: boolean;
  startLatencyMs: number;
  stopLatencyMs: number;
  readonly calls: { api: string; args: unknown }[] = [];
  /** True while a user tap's handlers run (here: a showModal confirmed). */
  inTap = false;
  readonly recorder: FakeRecorderManager;
  /** Every InnerAudioContext the app created, and what they played. */
  readonly audio: FakeAudioSystem;
  /** The one BackgroundAudioManager (the runtime tests' WeChat fake: one listener per event, title required). */
  readonly backgroundAudio: FakeBackgroundAudioManager;

  constructor(options: FakeWxOptions) {
    this.clock = options.clock;
    this.permission = options.permission;
    this.userGrants = options.userGrants ?? true;
    this.modalConfirms = options.modalConfirms ?? false;
    this.settingsGrant = options.settingsGrant ?? false;
    this.startLatencyMs = options.startLatencyMs ?? 300;
    this.stopLatencyMs = options.stopLatencyMs ?? 50;
    this.legacyApi = options.legacyApi ?? true;
    this.recorder = new FakeRecorderManager(this);
    const clock = this.clock;
    // Both players run on the host's clock.
    const timers: AudioTimers = {
      setTimeout: (f, ms) => clock.setTimeout(f, ms),
      clearTimeout: (id) => clock.clearTimeout(id),
      setInterval: (f, ms) => clock.setInterval(f, ms),
      clearInterval: (id) => clock.clearInterval(id),
      now: () => clock.now,
    };
    this.audio = new FakeAudioSystem({
      flavor: 'weapp',
      os: options.audioOs ?? 'android',
      timers,
    });
    this.backgroundAudio = new FakeBackgroundAudioManager('weapp', {
      files: options.backgroundFiles ?? {},
      timers,
    });
  }

  count(api: string): number {
    return this.calls.filter((c) => c.api === api).length;
  }

  private log(api: string, args: unknown): void {
    this.calls.push({ api, args });
  }

  /** Deliver callbacks asynchronously, like the real bridge. */
  private reply(cb: Callbacks | undefined, ok: boolean, res: unknown, delay = 5): void {
    this.clock.setTimeout(() => {
      if (ok) cb?.success?.(res);
      else cb?.fail?.(res);
      cb?.complete?.(res);
    }, delay);
  }

  /** The object handed to the mini-program code as the global `wx`. */
  api(): Record<string, unknown> {
    const self = this;
    // The deprecated APIs still exist on WeChat; the rewritten app must not call them.
    const legacy: Record<string, unknown> = {};
    for (const api of REPLACED_LEGACY_APIS)
      legacy[api] = (opts: Callbacks = {}) => {
        self.log(api, opts);
        self.reply(opts, false, { errMsg: `${api}:fail the fake host does not implement the legacy API` });
      };
    // WeChat's AudioContext drives an <audio> of the page, which this host does not render: its
    // methods do nothing here, and the call is counted like the others.
    legacy.createAudioContext = (id: unknown) => {
      self.log('createAudioContext', { id });
      return { setSrc() {}, play() {}, pause() {}, seek() {} };
    };
    const info = {
      SDKVersion: '3.6.0',
      platform: 'devtools',
      system: 'iOS 17.0',
      brand: 'devtools',
      model: 'iPhone 15',
      pixelRatio: 2,
      screenWidth: 375,
      screenHeight: 812,
      windowWidth: 375,
      windowHeight: 812,
      statusBarHeight: 44,
      language: 'en',
      version: '8.0.50',
    };
    return {
      ...(this.legacyApi ? legacy : {}),
      getSetting(opts: Callbacks = {}) {
        self.log('getSetting', opts);
        const authSetting: Record<string, boolean> = {};
        if (self.permission !== undefined) authSetting['scope.record'] = self.permission;
        self.reply(opts, true, { errMsg: 'getSetting:ok', authSetting });
      },
      authorize(opts: Callbacks & { scope?: string } = {}) {
        self.log('authorize', opts);
        if (opts.scope !== 'scope.record') {
          self.reply(opts, false, { errMsg: 'authorize:fail invalid scope' });
          return;
        }
        if (self.permission === true) {
          self.reply(opts, true, { errMsg: 'authorize:ok' });
          return;
        }
        if (self.permission === false) {
          // Denied before: no popup, fails at once.
          self.reply(opts, false, { errMsg: 'authorize:fail auth deny' });
          return;
        }
        // The popup: the user answers after a moment.
        self.permission = self.userGrants;
        self.reply(opts, self.userGrants, { errMsg: self.userGrants ? 'authorize:ok' : 'authorize:fail auth deny' }, 800);
      },
      openSetting(opts: Callbacks = {}) {
        self.log('openSetting', opts);
        // Only from a user's tap (2.3.0+); a showModal confirm counts as one (docs/contract.md#authorization).
        if (!self.inTap) {
          self.reply(opts, false, { errMsg: 'openSetting:fail can only be invoked by user TAP gesture.' });
          return;
        }
        if (self.settingsGrant) self.permission = true;
        self.reply(opts, true, { errMsg: 'openSetting:ok', authSetting: { 'scope.record': self.permission === true } }, 1500);
      },
      showModal(opts: Callbacks = {}) {
        self.log('showModal', opts);
        const confirm = self.modalConfirms;
        self.clock.setTimeout(() => {
          const res = { errMsg: 'showModal:ok', confirm, cancel: !confirm };
          // The confirm tap is the user gesture openSetting needs, while its callbacks run.
          self.inTap = confirm;
          try {
            opts.success?.(res);
            opts.complete?.(res);
          } finally {
            self.inTap = false;
          }
        }, 1000);
      },
      showToast(opts: Callbacks = {}) {
        self.log('showToast', opts);
        self.reply(opts, true, { errMsg: 'showToast:ok' });
      },
      getRecorderManager() {
        self.log('getRecorderManager', undefined);
        return self.recorder;
      },
      getBackgroundAudioManager() {
        self.log('getBackgroundAudioManager', undefined);
        return self.backgroundAudio;
      },
      createInnerAudioContext() {
        self.log('createInnerAudioContext', undefined);
        return self.audio.create();
      },
      getSystemInfoSync() {
        return { ...info };
      },
      getSystemInfo(opts: Callbacks = {}) {
        self.reply(opts, true, { ...info, errMsg: 'getSystemInfo:ok' });
      },
      getWindowInfo() {
        return { ...info };
      },
      getDeviceInfo() {
        return { ...info };
      },
      getAppBaseInfo() {
        return { ...info };
      },
      getMenuButtonBoundingClientRect() {
        return { width: 87, height: 32, top: 48, right: 368, bottom: 80, left: 281 };
      },
      canIUse() {
        return true;
      },
      nextTick(fn: () => void) {
        self.clock.setTimeout(fn, 0);
      },
      onAppShow() {},
      onAppHide() {},
      offAppShow() {},
      offAppHide() {},
      getLaunchOptionsSync() {
        return { path: 'pages/index/index', query: {}, scene: 1001 };
      },
      getEnterOptionsSync() {
        return { path: 'pages/index/index', query: {}, scene: 1001 };
      },
      createSelectorQuery() {
        const q = {
          select: () => q,
          selectAll: () => q,
          in: () => q,
          boundingClientRect: () => q,
          fields: () => q,
          exec: (cb?: (r: unknown[]) => void) => cb?.([]),
        };
        return q;
      },
    };
  }
}
