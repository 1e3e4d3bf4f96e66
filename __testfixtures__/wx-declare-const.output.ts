import { startRecord, stopRecord } from "record-compat-runtime";
// The project has no miniprogram typings installed, so wx is declared by hand.
declare const wx: any;

interface VoiceResult {
  path: string;
  at: number;
}

export function recordOnce(): Promise<VoiceResult> {
  return new Promise((resolve, reject) => {
    startRecord({
      success: (res: { tempFilePath: string }) => {
        resolve({ path: res.tempFilePath, at: Date.now() });
      },
      fail: reject,
    });
  });
}

export function cancelRecording(): void {
  stopRecord({
    complete: () => console.log("stopRecord complete"),
  });
}
