/*
 * Taro H5's players behave as a mini-program's once patched here, in three places where they did
 * not (read from the published @tarojs/taro-h5 3.3 to 4.2):
 * - Its BackgroundAudioManager (every version) and its InnerAudioContext (3.4 to 3.6.6) have a play
 *   listener of their own, bound first, that seeks to `startTime` (0 unless set) at every play
 *   event where the track is elsewhere: `play()` after a pause starts over. The legacy API resumed
 *   where it paused (Decisions V2, B1, B5, A2), as every mini-program's player does, so a patched
 *   player remembers where a `play()` resumed and, from a play listener bound after Taro's, seeks
 *   back there when Taro's took it to `startTime`. A new `src` or a `stop()` ends that resume (its
 *   play event may never come); a track at 0 is starting, not resuming, so `startTime` holds.
 * - Before 3.6.11 the InnerAudioContext's `destroy()` removes from the page an `<audio>` it never
 *   added, and throws (after stopping it): patched, it returns.
 * - Before 3.6.11 neither told its `onError` listeners anything: the `<audio>`'s errors never
 *   reached Taro's list. Patched, they do, as 3.6.11 made them.
 * H5 only: no mini-program bundle carries it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Taro H5's players, patched as they are */

/** Marks a player already patched (Taro H5 3.6 returned a new manager per call; 4.x the same one). */
const PATCHED = '__recordCompatPatched';

/**
 * Taro H5's `player` (its background-audio manager or an InnerAudioContext), patched once; anything else as given.
 */
export function asMiniProgramPlayer<M>(player: M): M {
  const p = player as any;
  if (!p || p[PATCHED] || typeof p.onPlay != 'function') return player;
  p[PATCHED] = 1;
  // Where the track was when play() resumed it; -1: no resume under way.
  let at = -1;
  const { play, stop, destroy } = p;
  p.play = () => ((at = p.currentTime > 0 ? +p.currentTime : -1), play.call(p));
  p.stop = () => ((at = -1), stop.call(p));
  if (destroy)
    p.destroy = () => {
      try {
        destroy.call(p);
      } catch (e) {
        // Taro H5 < 3.6.11: stopped, and its <audio> was never on the page.
      }
    };
  const src = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(p), 'src');
  if (src && src.set)
    Object.defineProperty(p, 'src', {
      configurable: true,
      get: src.get,
      set(v) {
        at = -1;
        src.set!.call(p, v);
      },
    });
  p.onPlay(() => {
    const t = at;
    at = -1;
    if (t >= 0 && p.currentTime == p.startTime && p.currentTime != t) p.seek(t);
  });
  const audio = p.Instance;
  if (audio && !audio.onerror && p.errorStack) audio.onerror = (e: unknown) => p.errorStack.trigger(e);
  return player;
}
