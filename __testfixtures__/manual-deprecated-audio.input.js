// An older audio API: deprecated, not rewritten; each use is listed with its replacement.
Page({
  onReady() {
    this.audioCtx = wx.createAudioContext('myAudio')
  },

  playMusic() {
    this.audioCtx.setSrc(this.data.src)
    this.audioCtx.play()
  }
})
