import { playBackgroundAudio as playMusic, pauseBackgroundAudio, getBackgroundAudioPlayerState } from '@tarojs/taro'

export function toggle(url: string, title: string): void {
  getBackgroundAudioPlayerState({
    success(res) {
      if (res.status === 1) pauseBackgroundAudio()
      else playMusic({ dataUrl: url, title })
    },
  })
}
