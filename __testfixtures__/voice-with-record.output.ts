import { startRecord, stopRecord, playVoice, stopVoice } from 'record-compat-runtime';

// Record, then play the recording back: both halves of the legacy API in one file.
export function recordAndPlay(): void {
  startRecord({
    success: (res) => {
      playVoice({ filePath: res.tempFilePath });
    },
  });
  setTimeout(() => stopRecord(), 5000);
}

export function stopAll(): void {
  stopVoice();
}
