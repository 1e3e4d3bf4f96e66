import Taro from '@tarojs/taro'
import { pauseVoice, stopVoice } from 'taro-plugin-record-compat/runtime'

export const player = {
  pause() {
    pauseVoice()
  },
  stop() {
    stopVoice()
  }
}
