var { startRecord, playVoice, pauseVoice, stopVoice } = require('record-compat-runtime')
// pages/message/message.js: record a voice message, play it back (the old official demo's way)
Page({
  data: { tempFilePath: '', playing: false },

  record() {
    startRecord({
      success: (res) => this.setData({ tempFilePath: res.tempFilePath })
    })
  },

  play() {
    this.setData({ playing: true })
    playVoice({
      filePath: this.data.tempFilePath,
      success: () => this.setData({ playing: false })
    })
  },

  pause() {
    pauseVoice()
  },

  stop() {
    stopVoice()
    this.setData({ playing: false })
  }
})
