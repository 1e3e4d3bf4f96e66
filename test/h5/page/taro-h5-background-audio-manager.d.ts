/**
 * Taro H5's BackgroundAudioManager class (@tarojs/taro-h5/dist/api/media/background-audio/BackgroundAudioManager.js),
 * aliased by the bundler.
 */
declare module 'taro-h5-background-audio-manager' {
  export class BackgroundAudioManager {
    src: string;
    title: string;
    startTime: number;
    readonly paused: boolean;
    readonly currentTime: number;
    play(): Promise<void> | undefined;
    pause(): void;
    seek(position: number): void;
    stop(): void;
    onPlay(cb: () => void): void;
  }
}
