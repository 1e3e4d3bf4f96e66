import { playVoice as play, stopVoice, showToast } from '@tarojs/taro';

// Named imports beside an API that stays on Taro.
export async function preview(filePath: string): Promise<void> {
  stopVoice();
  await play({ filePath });
  showToast({ title: 'done' });
}
