// A slip: the id names a <video>; nothing here is an audio context to migrate
Page({
  onReady() {
    this.clip = wx.createAudioContext('clip')
  },

  stop() {
    this.clip.pause()
  }
})
