/*
 * The legacy background-audio API (playBackgroundAudio, pauseBackgroundAudio, seekBackgroundAudio,
 * stopBackgroundAudio, getBackgroundAudioPlayerState, onBackgroundAudioPlay/Pause/Stop) on
 * getBackgroundAudioManager(), and the app's own getBackgroundAudioManager() sharing it.
 * Contract: docs/contract.md (background audio, Decisions B1–B5).
 * A module of its own: an app that only records or plays voices ships none of it.
 * Written against an injected platform API object, like the record core; ES2015, small.
 *
 * A Taro build for WeChat (`process.env.TARO_ENV == 'weapp'`, which Taro defines in every module it bundles) leaves out
 * what only other platforms need: Alipay's rule, the checks for what WeChat's manager always has, the guard against
 * rejected Promises. The package's other entries and the local copies hold this module without those tests
 * (scripts/lib/wechat-build.mjs).
 */
import { answer, callEach, errorReason, ifRejected, isFn, type Fn } from './caller';
// A separate type import: the declarations keep it as written, and TypeScript 3.9 reads no `type` modifier on a name.
import type { CallReturn } from './caller';

/* eslint-disable @typescript-eslint/no-explicit-any */

export interface BackgroundAudioFailResult {
  errMsg: string;
}
export interface BackgroundAudioCallbacks<T> {
  success?: (res: T) => void;
  fail?: (res: BackgroundAudioFailResult) => void;
  complete?: (res: T | BackgroundAudioFailResult) => void;
}
export interface PlayBackgroundAudioOption extends BackgroundAudioCallbacks<{ errMsg: string }> {
  /** The music's URL (m4a, aac, mp3, wav). */
  dataUrl: string;
  title?: string;
  coverImgUrl?: string;
}
export interface SeekBackgroundAudioOption extends BackgroundAudioCallbacks<{ errMsg: string }> {
  /** Seconds. */
  position: number;
}
export interface BackgroundAudioPlayerState {
  errMsg: string;
  /** 0 paused, 1 playing, 2 no music. */
  status: 0 | 1 | 2;
  // Typed as present, as the platforms' typings declare them; like WeChat's docs say, they are
  // only there when status is 0 or 1 (Decision B2).
  /** Seconds. */
  duration: number;
  /** Seconds. */
  currentPosition: number;
  /** An integer percentage. */
  downloadPercent: number;
  dataUrl: string;
}
export type BackgroundAudioOption = BackgroundAudioCallbacks<{ errMsg: string }>;
export type GetBackgroundAudioPlayerStateOption = BackgroundAudioCallbacks<BackgroundAudioPlayerState>;

/** The slice of wx / tt / Taro this module uses. */
export interface BackgroundAudioApi {
  getBackgroundAudioManager?: () => unknown;
}

/** The manager as the app's own code sees it: the platform's shape (WeChat's, Taro's). */
export interface BackgroundAudioManager {
  src: string;
  title: string;
  epname: string;
  singer: string;
  coverImgUrl: string;
  webUrl: string;
  protocol: string;
  startTime: number;
  playbackRate: number;
  readonly duration: number;
  readonly currentTime: number;
  readonly paused: boolean;
  readonly buffered: number;
  audioType: string;
  referrerPath: string;
  referrerPolicy: string;
  play(): void;
  pause(): void;
  seek(position: number): void;
  stop(): void;
  onCanplay(listener: (res: any) => void): void;
  onWaiting(listener: (res: any) => void): void;
  onError(listener: (res: any) => void): void;
  onPlay(listener: (res: any) => void): void;
  onPause(listener: (res: any) => void): void;
  onSeeking(listener: (res: any) => void): void;
  onSeeked(listener: (res: any) => void): void;
  onEnded(listener: (res: any) => void): void;
  onStop(listener: (res: any) => void): void;
  onTimeUpdate(listener: (res: any) => void): void;
  onNext(listener: (res: any) => void): void;
  onPrev(listener: (res: any) => void): void;
}

/**
 * The legacy functions, as a tuple (the entries' types name its members: named, they would not minify, and background
 * audio grew by 5 %), in the order src/runtime/families.ts names them, and the state shareBackgroundAudioManager
 * needs, opaque to the app (BackgroundAudioShare, the runtime's own). Its members are unnamed: TypeScript 3.9, which
 * Taro 1 and 2 projects still run, cannot parse a named tuple member in the declarations.
 */
export type BackgroundAudioCompat = [
  /* playBackgroundAudio */ <T extends PlayBackgroundAudioOption>(option: T) => CallReturn<T, { errMsg: string }>,
  /* pauseBackgroundAudio */ <T extends BackgroundAudioOption = BackgroundAudioOption>(
    option?: T,
  ) => CallReturn<T, { errMsg: string }>,
  /* seekBackgroundAudio */ <T extends SeekBackgroundAudioOption>(option: T) => CallReturn<T, { errMsg: string }>,
  /* stopBackgroundAudio */ <T extends BackgroundAudioOption = BackgroundAudioOption>(
    option?: T,
  ) => CallReturn<T, { errMsg: string }>,
  /* getBackgroundAudioPlayerState */ <
    T extends GetBackgroundAudioPlayerStateOption = GetBackgroundAudioPlayerStateOption,
  >(
    option?: T,
  ) => CallReturn<T, BackgroundAudioPlayerState>,
  /* onBackgroundAudioPlay */ (listener: (res?: unknown) => void) => void,
  /* onBackgroundAudioPause */ (listener: (res?: unknown) => void) => void,
  /* onBackgroundAudioStop */ (listener: (res?: unknown) => void) => void,
  /* share */ object,
];

/** One app's background-audio state, which the legacy functions and the app's own manager share. */
interface BackgroundAudioShare {
  /** Gets the platform object. */
  getApi_: () => BackgroundAudioApi | undefined;
  /** The one manager, with the runtime's listeners on it; none where the legacy calls cannot use the platform's. */
  manager_: () => any;
  /** The track on the manager, whoever set it; '' when there is none (status 2). */
  track_: string;
  /** The legacy listeners at 0 (Play), 1 (Pause), 2 (Stop) (Decision B3); the app's own by event (Decision B4). */
  listeners_: any;
}

// Declared here so the standalone copy type-checks without DOM or Node typings.
declare function setTimeout(cb: () => void, ms: number): unknown;

// The platform's name: Taro's builds define it, and only the Taro entry's form reads it (scripts/lib/wechat-build.mjs).
declare const process: { env: { TARO_ENV?: string } };

const BG = 'BackgroundAudio';
// The manager's events the runtime listens to, by the legacy listener each reaches: Play, Pause,
// and Stop for the rest, as a stop, the natural end and an error all mean "the music stopped"
// (Decision B3).
const BG_OWN = ['onPlay', 'onPause', 'onStop', 'onEnded', 'onError'];

/**
 * Builds the legacy functions over the platform's one manager. `unsupported` says which platform objects have a
 * manager the legacy calls cannot use.
 */
export function createBackgroundAudioCompat(
  getApi: () => BackgroundAudioApi | undefined,
  unsupported?: (api: BackgroundAudioApi) => unknown,
): BackgroundAudioCompat {
  const p: BackgroundAudioShare = { getApi_: getApi, manager_: bgManager, track_: '', listeners_: {} };
  // The one manager, got once (Taro H5 3.6 made one per call). What settles the last playBackgroundAudio: fails it with
  // an error, else succeeds it; only its first call counts. None waits yet: any function that ignores its argument
  // (isFn, already shipped).
  let manager: any;
  let settle: (error?: unknown) => unknown = isFn;

  /**
   * The manager, with the runtime's one listener per event it needs (WeChat keeps one, and has no off*); none where
   * the legacy calls cannot use it.
   */
  function bgManager(): any {
    // The manager `m` becomes the one, and the runtime listens to it: the event `k`, BG_OWN[i], reaches the legacy
    // listener, then the app's.
    const listen = (m: any) => {
      manager = m;
      BG_OWN.forEach(
        (k, i) =>
          (process.env.TARO_ENV == 'weapp' || isFn(m[k])) &&
          m[k]((res: unknown) => {
            // An object, as the legacy listeners' typings promise; the manager may pass none.
            res = res || {};
            if (i > 1) {
              // The platform delivers a stop() later than the call, maybe once the next track was set: an onStop
              // while the manager plays ends no track.
              if (i > 2 || m.paused) p.track_ = '';
              if (i > 3) settle(res);
            }
            // Each as a callback of its own, as the legacy API's and the manager's were.
            callEach([p.listeners_[i > 1 ? 2 : i]].concat(p.listeners_[k] || []), res);
          }),
      );
    };
    if (!manager) {
      if (process.env.TARO_ENV == 'weapp')
        // WeChat's manager is always there, with every method.
        listen(getApi()!.getBackgroundAudioManager!());
      else
        try {
          const api = getApi();
          const m: any = api && !(unsupported && unsupported(api)) && api.getBackgroundAudioManager!();
          // A stub's rejected Promise is never left unhandled.
          ifRejected(m);
          // No manager throws here, a stub without play or onPlay fails the test: none then.
          if (isFn(m.play) && isFn(m.onPlay)) listen(m);
        } catch (e) {
          // No manager.
        }
    }
    return manager;
  }

  // H5's play() returns a Promise the browser's autoplay policy may reject: the track did not play. WeChat's: nothing.
  function bgPlay(m: any): void {
    if (process.env.TARO_ENV == 'weapp') m.play();
    else
      ifRejected(m.play(), (e: unknown) => {
        p.track_ = '';
        settle(e || {});
      });
  }

  /**
   * A legacy function: `run` runs on the manager and returns the result's fields, or the new `settle` when the manager
   * settles the call later (playBackgroundAudio); `no` (or a throw) fails it. A playBackgroundAudio still waiting is
   * settled first: the manager took its track without an error.
   */
  function bgCall(
    api: string,
    run: (m: any, o: any, no: (error: unknown) => void, ok: (res?: unknown) => void) => unknown,
  ) {
    return (o?: any): any =>
      answer(
        o,
        new Promise<unknown>((ok, no) => {
          const m = bgManager();
          if (!m) return no({ errMsg: 'not supported' });
          settle();
          const r = run(m, o || {}, no, ok);
          if (r != settle) ok(r);
        }).then(
          (r) => Object.assign({ errMsg: api + ':ok' }, r),
          (e) => {
            throw { errMsg: api + ':fail ' + errorReason(e) };
          },
        ),
      );
  }

  // A second call replaces the first (Decision B3).
  const on = (i: number) => (f: Fn) => {
    p.listeners_[i] = f;
    bgManager();
  };
  return [
    bgCall('play' + BG, (m, o, no, ok) => {
      const url = o.dataUrl;
      if (typeof url != 'string' || !url) return no({ errMsg: 'invalid dataUrl' });
      if (url != p.track_) {
        // Metadata before src: WeChat fails a track without a title (Decision B1).
        m.title = o.title || url.replace(/[?#].*$/, '').replace(/^.*\//, '') || 'audio';
        if (o.coverImgUrl) m.coverImgUrl = o.coverImgUrl;
        p.track_ = m.src = url;
      }
      // The same track: a paused one resumes; a playing one plays on.
      else if (m.paused) bgPlay(m);
      // Accepted once a tick has gone by without an onError.
      setTimeout(ok, 0);
      return (settle = (e) => (e ? no(e) : ok()));
    }),
    bgCall('pause' + BG, (m) => {
      if (p.track_) m.pause();
    }),
    bgCall('seek' + BG, (m, o, no) => {
      const position = o.position;
      if (typeof position != 'number' || !(position >= 0)) no({ errMsg: 'invalid position' });
      // Seeking resumes playback, as it did.
      else if (p.track_) {
        m.seek(position);
        if (m.paused) bgPlay(m);
      }
    }),
    bgCall('stop' + BG, (m) => {
      if (p.track_) {
        p.track_ = '';
        m.stop();
      }
    }),
    // The manager's state, while it has a track ('' for none: status 2).
    bgCall('get' + BG + 'PlayerState', (m) => {
      const d = +m.duration || 0;
      return p.track_
        ? {
            status: m.paused ? 0 : 1,
            duration: d,
            currentPosition: +m.currentTime || 0,
            // NaN (no buffered) and no duration yet read as 0.
            downloadPercent: (d > 0 && Math.min(100, Math.round((m.buffered / d) * 100))) || 0,
            dataUrl: p.track_,
          }
        : { status: 2 };
    }),
    on(0),
    on(1),
    on(2),
    p,
  ];
}

// (Inside the function below, not at the top level: a bundler keeps a top-level call such as
// `concat` even in apps that never import the app's manager.)
let bgShared: { compat_: BackgroundAudioCompat; manager_: BackgroundAudioManager } | undefined;

/**
 * The app's own getBackgroundAudioManager() (Decision B4): the same platform manager, with the
 * events the runtime listens to delivered to the app's listeners from the runtime's own (on WeChat
 * each onX replaces, so the two would take each other's), the rest passed through. Where the
 * platform's listeners add up (off* exist), the app's add up too. A platform whose manager the
 * runtime does not use (Alipay, a stub) gives the app its own, as before.
 */
export function shareBackgroundAudioManager(bc: BackgroundAudioCompat): BackgroundAudioManager {
  const p = bc[8] as BackgroundAudioShare;
  const m = p.manager_();
  if (!m) {
    // A platform whose manager the runtime does not use: its own, whatever it is (Alipay's, none,
    // a stub's Promise), looked up as the legacy functions do, without the Alipay test.
    let own: any;
    try {
      own = p.getApi_()!.getBackgroundAudioManager!();
    } catch (e) {
      // None.
    }
    ifRejected(own);
    return own;
  }
  if (bgShared && bgShared.compat_ === bc) return bgShared.manager_;
  const adds = isFn(m.offPlay);
  const o: any = {};
  const events = BG_OWN.concat(['onCanplay', 'onWaiting', 'onSeeking', 'onSeeked', 'onTimeUpdate', 'onNext', 'onPrev']);
  const props = [
    'src',
    'title',
    'epname',
    'singer',
    'coverImgUrl',
    'webUrl',
    'protocol',
    'startTime',
    'playbackRate',
    'audioType',
    'referrerPath',
    'referrerPolicy',
    'duration',
    'currentTime',
    'paused',
    'buffered',
  ];
  props.forEach((name) =>
    Object.defineProperty(o, name, {
      enumerable: true,
      get: () => m[name],
      set: (v) => {
        if (name == 'src') p.track_ = v || '';
        m[name] = v;
      },
    }),
  );
  o.play = () => {
    if (m.src) p.track_ = m.src;
    return m.play();
  };
  o.pause = () => m.pause();
  o.seek = (position: number) => m.seek(position);
  o.stop = () => {
    p.track_ = '';
    m.stop();
  };
  events.forEach((k) => {
    const off = 'off' + k.slice(2);
    if (!isFn(m[k])) return;
    if (BG_OWN.indexOf(k) < 0) {
      o[k] = (f: Fn) => m[k](f);
      if (isFn(m[off])) o[off] = (f?: Fn) => m[off](f);
      return;
    }
    o[k] = (f: Fn) => {
      if (isFn(f)) p.listeners_[k] = adds ? (p.listeners_[k] || []).concat(f) : [f];
    };
    if (adds) o[off] = (f?: Fn) => (p.listeners_[k] = f ? (p.listeners_[k] || []).filter((g: Fn) => g !== f) : []);
  });
  bgShared = { compat_: bc, manager_: o };
  return o;
}
