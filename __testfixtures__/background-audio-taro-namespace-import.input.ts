import * as Taro from '@tarojs/taro'

export const music = {
  play(dataUrl: string) {
    return Taro.playBackgroundAudio({ dataUrl })
  },
  seek(seconds: number) {
    return Taro.seekBackgroundAudio({ position: seconds })
  },
  stop() {
    Taro.stopBackgroundAudio()
  },
}
