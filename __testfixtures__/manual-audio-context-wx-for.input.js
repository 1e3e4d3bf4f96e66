// A word list: each row has its own <audio id="say">, so the id names 0 or N elements
Page({
  data: { words: [] },

  onReady() {
    this.say = wx.createAudioContext('say')
  },

  sayIt() {
    this.say.play()
  }
})
