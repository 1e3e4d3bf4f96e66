// The source comes from the page's data, which the migration cannot read
Page({
  data: { voiceUrl: '' },

  onLoad(query) {
    this.setData({ voiceUrl: decodeURIComponent(query.url) })
    this.voiceCtx = wx.createAudioContext('voice')
  },

  listen() {
    this.voiceCtx.play()
  }
})
