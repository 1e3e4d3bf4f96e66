/*
 * Taro H5's BackgroundAudioManager (3.6 and 4.x) has a play listener of its own, bound first,
 * that seeks to `startTime` (0 unless set) at every play event where the track is elsewhere: its
 * `play()` after a pause starts the track over. The legacy API resumed where it paused (Decisions
 * B1, B5), as every mini-program's manager does, so the manager the H5 entry shares (the legacy
 * calls', and the app's own where it is routed) remembers where a `play()` resumed and, from a
 * play listener bound after Taro's, seeks back there when Taro's took it to `startTime`. A new
 * `src` or a `stop()` ends that resume (its play event may never come). H5 only: no mini-program
 * bundle carries it.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- Taro H5's manager, patched as it is */

/** Marks a manager already patched (Taro H5 3.6 returned a new one per call; 4.x the same one). */
const RESUMES = '__recordCompatResumes';

/** Taro H5's manager `m`, patched once so that a resume keeps its place; what it was given otherwise. */
export function resumingWhereItPaused<M>(m: M): M {
  const bm = m as any;
  if (!bm || bm[RESUMES] || typeof bm.onPlay != 'function') return m;
  bm[RESUMES] = 1;
  // Where the track was when play() resumed it; -1: no resume under way.
  let at = -1;
  const { play, stop } = bm;
  bm.play = () => ((at = +bm.currentTime || 0), play.call(bm));
  bm.stop = () => ((at = -1), stop.call(bm));
  const src = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(bm), 'src');
  if (src && src.set)
    Object.defineProperty(bm, 'src', {
      configurable: true,
      get: src.get,
      set(v) {
        at = -1;
        src.set!.call(bm, v);
      },
    });
  bm.onPlay(() => {
    if (at >= 0 && bm.currentTime == bm.startTime && bm.currentTime != at) bm.seek(at);
    at = -1;
  });
  return m;
}
