/// <reference lib="dom" />
/*
 * A page for createAudioContext on Taro H5's own InnerAudioContext (bundled from the example
 * app's @tarojs/taro-h5; test/h5/audio-context.test.ts). The first play() is the page's own,
 * with no user gesture, so the browser's autoplay policy refuses it; a seek follows; the
 * button's click plays again.
 */
import { InnerAudioContext } from 'taro-h5-inner-audio-context';
import { createAudioContextCompat } from '../../../src/runtime/audio-context';

export interface AudioContextPage {
  /** The players the runtime made. */
  made: InnerAudioContext[];
  /** What each media element's play() came to, in order: 'played' or the rejection's name. */
  plays: string[];
  /** Set once the refused play() is settled and the seek made: the button plays. */
  ready?: true;
}

/** What the page logs once it is ready (the test waits for it: test/h5/audio-context.test.ts). */
const READY = 'audio-context page: ready';

const page: AudioContextPage = { made: [], plays: [] };
(window as unknown as { page: AudioContextPage }).page = page;

const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function (this: HTMLMediaElement) {
  const promise = play.call(this);
  promise.then(
    () => page.plays.push('played'),
    (e: Error) => page.plays.push(e.name),
  );
  return promise;
};

const createAudioContext = createAudioContextCompat(
  () => ({
    createInnerAudioContext: () => {
      const c = new InnerAudioContext();
      page.made.push(c);
      return c;
    },
  }),
  () => [],
);

void (async () => {
  // A blob: URL, which the browser can seek in whatever the test server does with ranges.
  const wav = await (await fetch('/tone.wav')).blob();
  const ctx = createAudioContext('myAudio', undefined, { src: URL.createObjectURL(wav) });
  ctx.play();
  while (page.plays.length === 0) await new Promise((r) => setTimeout(r, 20));
  ctx.seek(6);
  document.getElementById('play')!.onclick = () => ctx.play();
  page.ready = true;
  // Said on the console, which the test hears without evaluating anything in the page.
  console.log(READY);
})();
