/*
 * The legacy background-audio API (playBackgroundAudio, pauseBackgroundAudio, seekBackgroundAudio,
 * stopBackgroundAudio, getBackgroundAudioPlayerState, onBackgroundAudioPlay/Pause/Stop) on
 * getBackgroundAudioManager(), and the app's own getBackgroundAudioManager() sharing it.
 * Contract: docs/contract.md (background audio, Decisions B1–B5).
 * A module of its own: an app that only records or plays voices ships none of it.
 * Written against an injected platform API object, like the record core; ES2015, small.
 */
import type { RecordReturn } from './core';
import { caller, errorReason, ifRejected, isFn, type Caller, type Fn } from './caller';

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
 * The legacy functions, as a tuple (names do not minify; the entries export each under its name):
 * play, pause, seek, stop, getBackgroundAudioPlayerState, onBackgroundAudioPlay, onBackgroundAudioPause,
 * onBackgroundAudioStop, and what shareBackgroundAudioManager needs.
 */
export type BackgroundAudioCompat = [
  playBackgroundAudio: <T extends PlayBackgroundAudioOption>(option: T) => RecordReturn<T, { errMsg: string }>,
  pauseBackgroundAudio: <T extends BackgroundAudioOption = BackgroundAudioOption>(option?: T) => RecordReturn<T, { errMsg: string }>,
  seekBackgroundAudio: <T extends SeekBackgroundAudioOption>(option: T) => RecordReturn<T, { errMsg: string }>,
  stopBackgroundAudio: <T extends BackgroundAudioOption = BackgroundAudioOption>(option?: T) => RecordReturn<T, { errMsg: string }>,
  getBackgroundAudioPlayerState: <T extends GetBackgroundAudioPlayerStateOption = GetBackgroundAudioPlayerStateOption>(
    option?: T,
  ) => RecordReturn<T, BackgroundAudioPlayerState>,
  onBackgroundAudioPlay: (listener: (res?: unknown) => void) => void,
  onBackgroundAudioPause: (listener: (res?: unknown) => void) => void,
  onBackgroundAudioStop: (listener: (res?: unknown) => void) => void,
  share: BackgroundAudioShare,
];

/** What the app's own manager needs from the legacy side. */
export type BackgroundAudioShare = [
  /** The manager the legacy calls use (the runtime's listeners on it), if usable. */
  manager: () => any,
  /** The app's listeners, by event: the runtime calls them from its own. */
  app: Record<string, ((res?: unknown) => void)[]>,
  /** The track the app set (src, play) or ended (stop): what getBackgroundAudioPlayerState reads. */
  setTrack: (src: string | undefined) => void,
  /** What the platform gives, for a platform whose manager the runtime does not use. */
  platform: () => any,
];

// Declared here so the standalone copy type-checks without DOM or Node typings.
declare function setTimeout(cb: () => void, ms: number): unknown;

const BG = 'BackgroundAudio';
const PLAY_BG = 'play' + BG;
const STATE_BG = 'get' + BG + 'PlayerState';
// The manager's events the runtime listens to, by the legacy listener each reaches: Play, Pause,
// and Stop for the rest, as a stop, the natural end and an error all mean "the music stopped"
// (Decision B3).
const BG_OWN = ['onPlay', 'onPause', 'onStop', 'onEnded', 'onError'];

const bgResult = (api: string, reason?: string) => ({ errMsg: api + (reason ? ':fail ' + reason : ':ok') });

/**
 * Builds the legacy functions over the platform's one manager, got once (Taro H5 3.6 returned a
 * new one per call) and kept. `unsupported` says which platform objects have a manager the
 * legacy calls cannot use (Alipay: Youku audio ids only).
 */
export function createBackgroundAudioCompat(getApi: () => BackgroundAudioApi | undefined, unsupported?: (api: BackgroundAudioApi) => unknown): BackgroundAudioCompat {
  let bm: any;
  // The track on the manager (whoever set it); undefined when there is none: status 2.
  let track: string | undefined;
  // A playBackgroundAudio whose track the manager has not yet accepted.
  let pending: Caller | undefined;
  // The legacy listeners, one per event (Decision B3): Play, Pause, Stop; and the app's own (Decision B4).
  const legacy: (Fn | undefined)[] = [];
  const app: Record<string, Fn[]> = {};

  // The platform's manager; with `legacy`, none where the legacy calls cannot use it.
  function platform(legacy?: boolean): any {
    let m: any;
    try {
      const api = getApi();
      m = api && !(legacy && unsupported && unsupported(api)) && isFn(api.getBackgroundAudioManager) && api.getBackgroundAudioManager();
    } catch (e) {
      // No manager then.
    }
    ifRejected(m);
    return m;
  }

  // The manager, with the runtime's one listener per event it needs (WeChat keeps one, and has no off*).
  function manager(): any {
    const m = bm || platform(true);
    if (!bm && m && isFn(m.play) && isFn(m.onPlay)) {
      BG_OWN.forEach((k, i) => isFn(m[k]) && m[k]((res: unknown) => event(k, i, res)));
      bm = m;
    }
    return bm;
  }

  function settle(reason?: string) {
    const w = pending;
    pending = undefined;
    if (w) w(bgResult(PLAY_BG, reason), !reason);
  }

  // The event `k`, BG_OWN[i]. The app's listeners get every event.
  function event(k: string, i: number, res: unknown) {
    if (i > 1) {
      track = undefined;
      if (i > 3) settle(errorReason(res));
    }
    const l = legacy[i > 1 ? 2 : i];
    if (l) l(res);
    (app[k] || []).slice().forEach((f) => f(res));
  }

  // H5's play() returns a Promise the browser's autoplay policy may reject: the track did not play.
  const play = (m: any) =>
    ifRejected(m.play(), (e: unknown) => {
      track = undefined;
      settle(errorReason(e));
    });

  // A legacy function: `f` runs on the manager for the call `w` and returns a failure reason, a
  // result, or `w` when it settles later. A playBackgroundAudio still waiting is settled first:
  // the manager took its track without an error.
  const op =
    (api: string, f: (m: any, o: any, w: Caller) => any) =>
    (o?: any): any => {
      const w = caller(o);
      const m = manager();
      let r: any;
      try {
        r = m ? (settle(), f(m, o || {}, w)) : 'not supported';
      } catch (e) {
        r = errorReason(e);
      }
      if (r !== w) {
        const failed = typeof r == 'string';
        w(failed ? bgResult(api, r) : r || bgResult(api), !failed);
      }
      return w.q;
    };

  // A second call replaces the first (Decision B3).
  const on = (i: number) => (f: Fn) => {
    legacy[i] = isFn(f) ? f : undefined;
    manager();
  };

  return [
    op(PLAY_BG, (m, o, w) => {
      const url = o.dataUrl;
      if (typeof url != 'string' || !url) return 'invalid dataUrl';
      if (url != track) {
        // Metadata before src: WeChat fails a track without a title (Decision B1).
        m.title = o.title || url.replace(/[?#].*$/, '').replace(/^.*\//, '') || 'audio';
        if (o.coverImgUrl) m.coverImgUrl = o.coverImgUrl;
        track = m.src = url;
      }
      // The same track: a paused one resumes; a playing one plays on.
      else if (m.paused) play(m);
      // Accepted once a tick has gone by without an onError.
      setTimeout(() => w == pending && settle(), 0);
      return (pending = w);
    }),
    op('pause' + BG, (m) => {
      if (track) m.pause();
    }),
    op('seek' + BG, (m, o) => {
      const p = o.position;
      if (typeof p != 'number' || !(p >= 0)) return 'invalid position';
      // Seeking resumes playback, as it did.
      if (track) {
        m.seek(p);
        if (m.paused) play(m);
      }
      return undefined;
    }),
    op('stop' + BG, (m) => {
      if (track) {
        track = undefined;
        m.stop();
      }
    }),
    op(STATE_BG, (m) => {
      const s: any = bgResult(STATE_BG);
      s.status = track ? (m.paused ? 0 : 1) : 2;
      if (track) {
        const d = +m.duration || 0;
        s.duration = d;
        s.currentPosition = +m.currentTime || 0;
        // NaN (no buffered) and no duration yet read as 0.
        s.downloadPercent = (d > 0 && Math.min(100, Math.round((m.buffered / d) * 100))) || 0;
        s.dataUrl = track;
      }
      return s;
    }),
    on(0),
    on(1),
    on(2),
    [manager, app, (v) => (track = v), platform],
  ];
}

// (Inside the function below, not at the top level: a bundler keeps a top-level call such as
// `concat` even in apps that never import the app's manager.)
let bgShared: [BackgroundAudioCompat, BackgroundAudioManager] | undefined;

/**
 * The app's own getBackgroundAudioManager() (Decision B4): the same platform manager, with the
 * events the runtime listens to delivered to the app's listeners from the runtime's own (on WeChat
 * each onX replaces, so the two would take each other's), the rest passed through. Where the
 * platform's listeners add up (off* exist), the app's add up too. A platform whose manager the
 * runtime does not use (Alipay, a stub) gives the app its own, as before.
 */
export function shareBackgroundAudioManager(bc: BackgroundAudioCompat): BackgroundAudioManager {
  const [manager, app, setTrack, platform] = bc[8];
  const m = manager();
  if (!m) return platform();
  if (bgShared && bgShared[0] === bc) return bgShared[1];
  const adds = isFn(m.offPlay);
  const o: any = {};
  const events = BG_OWN.concat(['onCanplay', 'onWaiting', 'onSeeking', 'onSeeked', 'onTimeUpdate', 'onNext', 'onPrev']);
  const props = ['src', 'title', 'epname', 'singer', 'coverImgUrl', 'webUrl', 'protocol', 'startTime', 'playbackRate', 'audioType', 'referrerPath', 'referrerPolicy', 'duration', 'currentTime', 'paused', 'buffered'];
  props.forEach((p) =>
    Object.defineProperty(o, p, {
      enumerable: true,
      get: () => m[p],
      set: (v) => {
        if (p == 'src') setTrack(v || undefined);
        m[p] = v;
      },
    }),
  );
  o.play = () => {
    if (m.src) setTrack(m.src);
    return m.play();
  };
  o.pause = () => m.pause();
  o.seek = (p: number) => m.seek(p);
  o.stop = () => {
    setTrack(undefined);
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
      if (isFn(f)) app[k] = adds ? (app[k] || []).concat(f) : [f];
    };
    if (adds) o[off] = (f?: Fn) => (app[k] = f ? (app[k] || []).filter((g) => g !== f) : []);
  });
  bgShared = [bc, o];
  return o;
}
