var { startRecord, stopRecord } = require('record-compat-runtime')
// A page of a project that migrates the record family first (option families: ["record"]).
Page({
  onRecord() {
    startRecord({
      success: (res) => this.setData({ file: res.tempFilePath }),
    })
    setTimeout(stopRecord, 5000)
  },
  onPlay() {
    wx.playVoice({ filePath: this.data.file })
  },
  onMusic() {
    wx.playBackgroundAudio({ dataUrl: 'https://example.com/a.mp3', title: 'a' })
  },
})
