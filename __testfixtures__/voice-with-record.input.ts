import Taro from '@tarojs/taro';

// Record, then play the recording back: both halves of the legacy API in one file.
export function recordAndPlay(): void {
  Taro.startRecord({
    success: (res) => {
      Taro.playVoice({ filePath: res.tempFilePath });
    },
  });
  setTimeout(() => Taro.stopRecord(), 5000);
}

export function stopAll(): void {
  Taro.stopVoice();
}
