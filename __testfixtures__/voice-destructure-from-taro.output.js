import Taro from '@tarojs/taro'
import { pauseVoice, stopVoice } from 'record-compat-runtime'

export const player = {
  pause() {
    pauseVoice()
  },
  stop() {
    stopVoice()
  }
}
