// pages/message/message.js: record a voice message, play it back (the old official demo's way)
Page({
  data: { tempFilePath: '', playing: false },

  record() {
    wx.startRecord({
      success: (res) => this.setData({ tempFilePath: res.tempFilePath })
    })
  },

  play() {
    this.setData({ playing: true })
    wx.playVoice({
      filePath: this.data.tempFilePath,
      success: () => this.setData({ playing: false })
    })
  },

  pause() {
    wx.pauseVoice()
  },

  stop() {
    wx.stopVoice()
    this.setData({ playing: false })
  }
})
