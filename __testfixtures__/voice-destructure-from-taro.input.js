import Taro from '@tarojs/taro'

const { pauseVoice, stopVoice: stopPlayback } = Taro

export const player = {
  pause() {
    pauseVoice()
  },
  stop() {
    stopPlayback()
  }
}
