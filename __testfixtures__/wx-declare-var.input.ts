/// <reference types="miniprogram-api-typings" />
// typings/globals.ts in a native TS mini-program
declare var wx: WechatMiniprogram.Wx

type Listener = (path: string) => void

const listeners: Listener[] = []

export const voice = {
  onRecorded(fn: Listener) {
    listeners.push(fn)
  },
  start() {
    wx.startRecord({
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
    wx.stopRecord()
  }
}
