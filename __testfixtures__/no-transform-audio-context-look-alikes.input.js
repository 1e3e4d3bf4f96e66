// The replacements and a neighbour, and a page method of the deprecated name: none is the legacy API
Page({
  onReady() {
    this.video = wx.createVideoContext('intro')
    this.sound = wx.createInnerAudioContext()
    this.sound.src = '/audio/click.mp3'
    this.createAudioContext('click')
  },

  createAudioContext(id) {
    return { id, play: () => this.sound.play() }
  }
})
