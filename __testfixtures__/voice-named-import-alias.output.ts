import { showToast } from '@tarojs/taro';
import { playVoice, stopVoice } from 'record-compat-runtime';

// Named imports beside an API that stays on Taro.
export async function preview(filePath: string): Promise<void> {
  stopVoice();
  await playVoice({ filePath });
  showToast({ title: 'done' });
}
