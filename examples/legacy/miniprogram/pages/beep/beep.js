// pages/beep/beep.js
// Practice timer of a native mini-program: counts down, then beeps through
// the hidden <audio> of its template, driven by the legacy AudioContext.
Page({
  data: {
    seconds: 3,
    left: 0
  },

  onReady() {
    this.beep = wx.createAudioContext('beep')
  },

  onStart() {
    clearInterval(this.timer)
    this.setData({ left: this.data.seconds })
    this.timer = setInterval(() => {
      const left = this.data.left - 1
      this.setData({ left })
      if (left > 0) return
      clearInterval(this.timer)
      this.beep.seek(0)
      this.beep.play()
    }, 1000)
  },

  onUnload() {
    clearInterval(this.timer)
    this.beep.pause()
  }
})
