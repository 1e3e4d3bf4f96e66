// The page follows the playback position through the element's events
const app = getApp()

Page({
  data: { percent: 0 },

  onReady() {
    this.podcast = wx.createAudioContext('podcast')
    if (app.globalData.resumeAt) this.podcast.seek(app.globalData.resumeAt)
  },

  progress(e) {
    this.setData({ percent: (e.detail.currentTime / e.detail.duration) * 100 })
  }
})
