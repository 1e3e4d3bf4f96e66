// The id is computed: which <audio> it names is known only when the page runs
Page({
  data: { clips: [] },

  play(e) {
    const ctx = wx.createAudioContext(e.currentTarget.dataset.id)
    ctx.play()
  },

  playFirst() {
    wx.createAudioContext('first').play()
  }
})
