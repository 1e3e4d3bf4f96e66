/// <reference types="miniprogram-api-typings" />
import { startRecord, stopRecord } from 'record-compat-runtime'

// typings/globals.ts in a native TS mini-program
declare var wx: WechatMiniprogram.Wx

type Listener = (path: string) => void

const listeners: Listener[] = []

export const voice = {
  onRecorded(fn: Listener) {
    listeners.push(fn)
  },
  start() {
    startRecord({
      success(res) {
        listeners.forEach(l => l(res.tempFilePath))
      },
      fail(err) {
        wx.showToast({ title: '录音失败', icon: 'none' })
        console.warn(err.errMsg)
      }
    })
  },
  stop() {
    stopRecord()
  }
}
