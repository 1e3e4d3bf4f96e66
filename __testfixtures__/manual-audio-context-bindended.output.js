// The page hears the end of each track from the element
Page({
  data: { tracks: ['/audio/1.mp3', '/audio/2.mp3'], index: 0 },

  onReady() {
    this.player = wx.createAudioContext('track')
  },

  next() {
    this.setData({ index: (this.data.index + 1) % this.data.tracks.length })
    this.player.setSrc(this.data.tracks[this.data.index])
    this.player.play()
  }
})
