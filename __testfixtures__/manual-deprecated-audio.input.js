// Older audio APIs: deprecated, not rewritten; each use is listed with its replacement.
Page({
  onReady() {
    this.audioCtx = wx.createAudioContext('myAudio')
  },

  playMusic() {
    wx.playBackgroundAudio({ dataUrl: this.data.src, title: 'Song' })
    wx.onBackgroundAudioStop(() => this.setData({ playing: false }))
  },

  seek(e) {
    wx.seekBackgroundAudio({ position: e.detail.value })
  }
})
