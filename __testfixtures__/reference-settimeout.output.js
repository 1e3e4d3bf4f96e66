const { startRecord, stopRecord } = require('record-compat-runtime')
// Auto-stop after one second: the API is passed as a callback, not called.
const SHORT_CLIP_MS = 1000

Page({
  data: { clip: '' },

  recordBeep() {
    const that = this
    startRecord({
      success(res) {
        that.setData({ clip: res.tempFilePath })
      }
    })
    setTimeout(stopRecord, SHORT_CLIP_MS)
  }
})
