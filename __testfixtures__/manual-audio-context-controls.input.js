// The <audio> shows its own player: a context cannot re-create it
Page({
  onReady() {
    this.audioCtx = wx.createAudioContext('myAudio')
    this.audioCtx.setSrc(this.data.src)
  },

  audioPlay() {
    this.audioCtx.play()
  }
})
