import { playVoice, pauseVoice } from 'record-compat-runtime';

/** Plays a recording once; resolves when it has played to the end. */
export function playOnce(filePath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    playVoice({
      filePath,
      success: () => resolve(),
      fail: (err) => reject(new Error(err.errMsg)),
    });
  });
}

export function pausePlayback(): void {
  pauseVoice();
}
