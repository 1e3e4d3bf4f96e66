var { startRecord, stopRecord } = require('record-compat-runtime')
// pages/voice/voice.js — a native QQ mini-program page. QQ kept WeChat's legacy
// recording API, under its own global.
Page({
  data: { voicePath: '', recording: false },

  onHold() {
    this.setData({ recording: true })
    startRecord({
      success: (res) => {
        this.setData({ voicePath: res.tempFilePath })
      },
      complete: () => {
        this.setData({ recording: false })
      }
    })
  },

  onRelease() {
    stopRecord()
  }
})
