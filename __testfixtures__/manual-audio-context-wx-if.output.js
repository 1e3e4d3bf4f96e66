// Background music only while sound is on: the element comes and goes with the switch
Page({
  data: { soundOn: false },

  onReady() {
    this.bgm = wx.createAudioContext('bgm')
    this.bgm.play()
  },

  toggle() {
    this.setData({ soundOn: !this.data.soundOn })
  }
})
