// Exported from an editor that writes a UTF-8 BOM. 语音留言
import { startRecord, stopRecord } from 'record-compat-runtime';

export interface VoiceMessage {
  path: string;
  createdAt: number;
}

export function leaveMessage(): Promise<VoiceMessage> {
  return new Promise((resolve, reject) => {
    startRecord({
      success: (res) => resolve({ path: res.tempFilePath, createdAt: Date.now() }),
      fail: reject,
    });
  });
}

export const cancelMessage = (): void => {
  stopRecord();
};
