/// <reference lib="dom" />
/*
 * A page for the voice API and createAudioContext on an InnerAudioContext of a published Taro H5,
 * and the background-audio API on its BackgroundAudioManager (aliased by the bundler;
 * test/h5/taro-h5-players.test.ts), composed as the H5 entry composes them: each player patched
 * (h5-players.ts), or, for the comparison, Taro H5's as it is.
 */
import { BackgroundAudioManager } from 'taro-h5-background-audio-manager';
import { InnerAudioContext } from 'taro-h5-inner-audio-context';
import { createAudioContextCompat } from '../../../src/runtime/audio-context';
import { createBackgroundAudioCompat } from '../../../src/runtime/background-audio';
import { asMiniProgramPlayer } from '../../../src/runtime/h5-players';
import { createVoiceCompat } from '../../../src/runtime/voice';

export interface PlayersPage {
  /** The runtime's modules over Taro H5's players: patched as the H5 entry has them, or as Taro made them. */
  legacy(patched: boolean): {
    voice: ReturnType<typeof createVoiceCompat>;
    createAudioContext: ReturnType<typeof createAudioContextCompat>;
    background: ReturnType<typeof createBackgroundAudioCompat>;
  };
  /** The players the last legacy() made, in order. */
  made: InnerAudioContext[];
  /** The page stack createAudioContext reads (a page is told apart by its $taroPath). */
  pages: { $taroPath: string }[];
  /** A blob: URL of the page's WAV file (the browser can seek in it whatever the server does with ranges). */
  track(): Promise<string>;
}

const page: PlayersPage = {
  made: [],
  pages: [{ $taroPath: 'pages/index/index' }],
  legacy(patched) {
    page.made = [];
    const api = {
      createInnerAudioContext: () => {
        const c = new InnerAudioContext();
        page.made.push(c);
        return patched ? asMiniProgramPlayer(c) : c;
      },
    };
    const manager = new BackgroundAudioManager();
    const m = patched ? asMiniProgramPlayer(manager) : manager;
    return {
      voice: createVoiceCompat(() => api),
      createAudioContext: createAudioContextCompat(
        () => api,
        () => page.pages,
      ),
      background: createBackgroundAudioCompat(() => ({ getBackgroundAudioManager: () => m })),
    };
  },
  async track() {
    return URL.createObjectURL(await (await fetch('/tone.wav')).blob());
  },
};
(window as unknown as { page: PlayersPage }).page = page;
