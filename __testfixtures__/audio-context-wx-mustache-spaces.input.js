// A metronome page: its <audio> writes its booleans with spaces inside the braces
Page({
  onReady() {
    this.tick = wx.createAudioContext('tick')
  },

  start() {
    this.tick.play()
  },

  stop() {
    this.tick.pause()
  }
})
