/*
 * The background-audio floor: the eight legacy functions as a WeChat-only build would keep them, cut by hand from
 * src/runtime/background-audio.ts and docs/contract.md, Decisions B1–B5, on `wx` itself. Measured by bench:size as the
 * family is (what an app that imports the eight keeps).
 *
 * Kept, as the runtime keeps it on WeChat: one answer per call (./caller.js); playBackgroundAudio setting the title
 * (given, else the file name of dataUrl, else `audio`) and coverImgUrl before src, the same dataUrl resuming while
 * paused and playing on while playing, succeeding a tick after src without an onError, failing on an onError or
 * without a dataUrl, a later call settling a waiting one as a success (B1); the state read from the manager, status 2
 * with no track, an onStop while not paused ending no track, seconds and an integer downloadPercent (B2); one legacy
 * listener per event, the last one set, Stop hearing onStop, onEnded and onError, the manager's listeners attached
 * once, a listener always given an object and one that throws thrown again a tick later (B3); pause, seek and stop
 * touching nothing without a track, `invalid position` unless a number ≥ 0, a seek resuming a paused track, `not
 * supported` without getBackgroundAudioManager, nothing thrown (B5).
 *
 * Left out, as a WeChat-only build drops it: the platform lookup (Taro's default export; the native entry's wx/tt/my)
 * and Alipay's rule (its manager takes only Youku ids); the checks for what WeChat's manager always has (play, the five
 * listeners); the guard against rejected Promises (a stub's manager, H5's play()). Left out because this row does not
 * import it: the app's own getBackgroundAudioManager (B4), and with it the app's listeners beside the legacy ones.
 */
import { answer, errorReason, isFn } from './caller.js';

const BG = 'BackgroundAudio';

// The one manager, once asked for; its track ('' for none: status 2); what settles a playBackgroundAudio still waiting
// (any function that ignores its argument when none waits); the legacy listeners: 0 Play, 1 Pause, 2 Stop.
let manager;
let track = '';
let settle = isFn;
const listeners = [];

// The manager, its listeners attached at the first ask; undefined where WeChat has none.
function getManager() {
  if (!manager && isFn(wx.getBackgroundAudioManager)) {
    const m = (manager = wx.getBackgroundAudioManager());
    // Play, Pause, and Stop for the rest: a stop, the end and an error all mean "the music stopped".
    ['onPlay', 'onPause', 'onStop', 'onEnded', 'onError'].forEach((k, i) =>
      m[k]((res) => {
        res = res || {};
        if (i > 1) {
          // A stop() is reported late, maybe once the next track was set: an onStop while playing ends no track.
          if (i > 2 || m.paused) track = '';
          if (i > 3) settle(res);
        }
        try {
          const f = listeners[i > 1 ? 2 : i];
          if (isFn(f)) f(res);
        } catch (e) {
          setTimeout(() => {
            throw e;
          }, 0);
        }
      }),
    );
  }
  return manager;
}

/**
 * A legacy function: `run` runs on the manager and returns the result's fields, or the new `settle` when the manager
 * answers later (playBackgroundAudio); `no` (or a throw) fails it. A playBackgroundAudio still waiting succeeds first.
 */
const legacy = (api, run) => (o) =>
  answer(
    o,
    new Promise((ok, no) => {
      const m = getManager();
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

export const playBackgroundAudio = legacy('play' + BG, (m, o, no, ok) => {
  const url = o.dataUrl;
  if (typeof url != 'string' || !url) return no({ errMsg: 'invalid dataUrl' });
  if (url != track) {
    // Metadata before src: WeChat fails a track without a title.
    m.title = o.title || url.replace(/[?#].*$/, '').replace(/^.*\//, '') || 'audio';
    if (o.coverImgUrl) m.coverImgUrl = o.coverImgUrl;
    track = m.src = url;
  } else if (m.paused) m.play();
  // Accepted once a tick has gone by without an onError.
  setTimeout(ok, 0);
  return (settle = (e) => (e ? no(e) : ok()));
});

export const pauseBackgroundAudio = legacy('pause' + BG, (m) => {
  if (track) m.pause();
});

export const seekBackgroundAudio = legacy('seek' + BG, (m, o, no) => {
  const position = o.position;
  if (typeof position != 'number' || !(position >= 0)) no({ errMsg: 'invalid position' });
  else if (track) {
    m.seek(position);
    if (m.paused) m.play();
  }
});

export const stopBackgroundAudio = legacy('stop' + BG, (m) => {
  if (track) {
    track = '';
    m.stop();
  }
});

export const getBackgroundAudioPlayerState = legacy('get' + BG + 'PlayerState', (m) => {
  const d = +m.duration || 0;
  return track
    ? {
        status: m.paused ? 0 : 1,
        duration: d,
        currentPosition: +m.currentTime || 0,
        downloadPercent: (d > 0 && Math.min(100, Math.round((m.buffered / d) * 100))) || 0,
        dataUrl: track,
      }
    : { status: 2 };
});

// A second call replaces the first.
const on = (i) => (f) => {
  listeners[i] = f;
  getManager();
};
export const onBackgroundAudioPlay = on(0);
export const onBackgroundAudioPause = on(1);
export const onBackgroundAudioStop = on(2);
