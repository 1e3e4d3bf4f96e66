/**
 * A fake `wx` that behaves as docs/contract.md describes WeChat, built from the runtime
 * tests' faithful fakes: scope.record authorization (getSetting, authorize, openSetting
 * only from a confirmed showModal), its one global RecorderManager (onStart a few hundred ms after start, a stop before
 * onStart ignored, errors for a double start, an idle stop, a start without the
 * microphone and options outside WeChat's table, auto-stop at `duration`, each onX
 * replacing that event's listener), of createInnerAudioContext() and of the one
 * BackgroundAudioManager, all on this host's clock; the recordings made here are the
 * files its players can play. Where a test gives one, the system-info APIs are a platform of the
 * runtime tests' system-info fake (WeChat's deprecation line on each legacy call, in its `printed`), and
 * the canvas APIs a canvas platform of the runtime tests (which draws for real) with the <canvas> elements
 * the host renders. Every call is recorded so tests can assert on what the app really did.
 */
import { REPLACED_LEGACY_APIS } from '../../../src/rewrite/rules/legacy-apis';
import { FakeBackgroundAudioManager } from '../../runtime/fakes/background-audio';
import { FakeAudioSystem, type AudioTimers, type Os } from '../../runtime/fakes/audio';
import { FakeAuth } from '../../runtime/fakes/platforms';
import { FakeRecorder } from '../../runtime/fakes/recorder';
import type { FakeSystemInfoPlatform } from '../../runtime/fakes/system-info';
import type { FakeCanvasPlatform } from '../../runtime/fakes/canvas';
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
  /**
   * The system-info APIs (legacy and new) as this platform gives them, its calls and the lines it
   * prints logged there (the runtime tests' fake); without it, plain answers that log nothing.
   */
  systemInfo?: FakeSystemInfoPlatform;
  /**
   * The canvas APIs (Canvas 2D's selector query and nodes, the legacy context) as this platform gives them, over the
   * <canvas> elements the host renders (the runtime tests' fake); without it, a query that finds nothing.
   */
  canvas?: FakeCanvasPlatform;
  /** Delay between start() and onStart (WeChat: a few hundred ms). */
  startLatencyMs?: number;
  /** Delay between stop() and onStop. */
  stopLatencyMs?: number;
}

export class FakeWx {
  readonly clock: FakeClock;
  legacyApi: boolean;
  readonly calls: { api: string; args: unknown }[] = [];
  /** scope.record, getSetting, authorize, openSetting and showModal: the runtime tests' fake, on the host's clock. */
  readonly auth: FakeAuth;
  /** The one RecorderManager (the runtime tests' WeChat fake: start() needs scope.record granted). */
  readonly recorder: FakeRecorder;
  /** Every InnerAudioContext the app created, and what they played. */
  readonly audio: FakeAudioSystem;
  /** The one BackgroundAudioManager (the runtime tests' WeChat fake: one listener per event, title required). */
  readonly backgroundAudio: FakeBackgroundAudioManager;
  /** The system-info platform, where the test gave one. */
  readonly systemInfo: FakeSystemInfoPlatform | undefined;
  /** The canvas platform, where the test gave one. */
  readonly canvas: FakeCanvasPlatform | undefined;

  constructor(options: FakeWxOptions) {
    this.clock = options.clock;
    this.legacyApi = options.legacyApi ?? true;
    this.systemInfo = options.systemInfo;
    this.canvas = options.canvas;
    const clock = this.clock;
    // Every fake of it runs on the host's clock.
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
    this.auth = new FakeAuth({
      scope: options.permission,
      popup: options.userGrants === false ? 'deny' : 'allow',
      modalConfirm: options.modalConfirms ?? false,
      settingsGrant: options.settingsGrant ?? false,
      timers,
    });
    this.recorder = new FakeRecorder({
      flavor: 'weapp',
      startDelay: options.startLatencyMs ?? 300,
      stopDelay: options.stopLatencyMs ?? 50,
      permitted: () => this.auth.scope === true,
      timers,
      saved: (tempFilePath, durationMs) => this.audio.files.set(tempFilePath, durationMs),
    });
    this.backgroundAudio = new FakeBackgroundAudioManager('weapp', {
      files: options.backgroundFiles ?? {},
      timers,
    });
  }

  /** scope.record as getSetting reports it: true granted, false denied, undefined never asked. */
  get permission(): RecordPermission {
    return this.auth.scope;
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
    // Without a platform fake: answers for Taro's own reads, nothing logged.
    const plainSystemInfo = {
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
    };
    return {
      ...(this.legacyApi ? legacy : {}),
      // WeChat's authorization, logged as every call is.
      ...Object.fromEntries(
        Object.entries(this.auth.api()).map(([api, call]) => [
          api,
          (opts: Callbacks = {}) => {
            self.log(api, opts);
            return (call as (o: Callbacks) => unknown)(opts);
          },
        ]),
      ),
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
      ...(this.systemInfo?.api ?? plainSystemInfo),
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
      ...this.canvasApi(),
    };
  }

  /** The canvas platform's APIs, each call logged as every call is (none without a platform). */
  private canvasApi(): Record<string, unknown> {
    const api = this.canvas?.api ?? {};
    return Object.fromEntries(
      CANVAS_APIS.filter((name) => api[name]).map((name) => [
        name,
        (...args: unknown[]) => {
          this.log(name, args);
          return api[name](...args);
        },
      ]),
    );
  }
}

/** What the canvas platform answers: Canvas 2D's query and offscreen canvas, the legacy context and pixel calls. */
const CANVAS_APIS = [
  'createSelectorQuery',
  'createOffscreenCanvas',
  'createCanvasContext',
  'canvasToTempFilePath',
  'canvasGetImageData',
  'canvasPutImageData',
];
