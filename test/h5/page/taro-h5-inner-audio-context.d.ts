/**
 * Taro H5's InnerAudioContext class (@tarojs/taro-h5/dist/api/media/audio/InnerAudioContext.js), aliased by the
 * bundler.
 */
declare module 'taro-h5-inner-audio-context' {
  export class InnerAudioContext {
    src: string;
    startTime: number;
    readonly paused: boolean;
    readonly currentTime: number;
    play(): Promise<void> | undefined;
    pause(): void;
    seek(position: number): void;
    destroy(): void;
    onEnded(cb: () => void): void;
    onError(cb: (e: unknown) => void): void;
    onTimeUpdate(cb: () => void): void;
  }
}
