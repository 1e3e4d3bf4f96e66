// The page hears the end of the lesson, its handler written bindEnded
Page({
  data: { done: false },

  onReady() {
    this.lesson = wx.createAudioContext('lesson')
  },

  play() {
    this.lesson.play()
  },

  finished() {
    this.setData({ done: true })
  }
})
