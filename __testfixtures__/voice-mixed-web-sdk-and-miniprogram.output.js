// Shared by the H5 build (an Official Account page: the web JS-SDK's wx) and the
// mini-program build. The JS-SDK calls play by localId and must stay as they are.
import Taro from '@tarojs/taro'
import { playVoice, stopVoice } from 'record-compat-runtime'

export function playRecording(recording) {
  if (process.env.TARO_ENV === 'h5') {
    wx.playVoice({ localId: recording.localId })
    return
  }
  playVoice({ filePath: recording.tempFilePath })
}

export function stopPlaying(recording) {
  if (process.env.TARO_ENV === 'h5') wx.stopVoice({ localId: recording.localId })
  else stopVoice()
}
