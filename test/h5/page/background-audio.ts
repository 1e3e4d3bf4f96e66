/// <reference lib="dom" />
/*
 * A page for the background-audio API on Taro H5's own BackgroundAudioManager (bundled from the
 * example app's @tarojs/taro-h5; test/h5/background-audio.test.ts), composed as the H5 entry
 * composes it: the manager patched to resume where it paused (h5-players.ts), or, for
 * the comparison, Taro H5's as it is.
 */
import { BackgroundAudioManager } from 'taro-h5-background-audio-manager';
import { createBackgroundAudioCompat } from '../../../src/runtime/background-audio';
import { asMiniProgramPlayer } from '../../../src/runtime/h5-players';

export interface BackgroundAudioPage {
  /** The eight legacy functions over Taro H5's manager: patched as the H5 entry has it, or as Taro made it. */
  legacy(patched: boolean): ReturnType<typeof createBackgroundAudioCompat>;
  /** The manager the last legacy() made. */
  manager?: { currentTime: number; paused: boolean; src: string };
  /** A blob: URL of the page's WAV file (the browser can seek in it whatever the server does with ranges). */
  track(): Promise<string>;
}

const page: BackgroundAudioPage = {
  legacy(patched) {
    const made = new BackgroundAudioManager();
    page.manager = made;
    const m = patched ? asMiniProgramPlayer(made) : made;
    return createBackgroundAudioCompat(() => ({ getBackgroundAudioManager: () => m }));
  },
  async track() {
    return URL.createObjectURL(await (await fetch('/tone.wav')).blob());
  },
};
(window as unknown as { page: BackgroundAudioPage }).page = page;
