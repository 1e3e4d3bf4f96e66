// A music page of a native mini-program: play, poll the state, pause, seek, next track at the end.
const app = getApp()

Page({
  data: { index: 0, status: 2, position: 0, duration: 0 },

  onLoad() {
    wx.onBackgroundAudioStop(() => this.next())
    wx.onBackgroundAudioPlay(() => this.setData({ status: 1 }))
    wx.onBackgroundAudioPause(() => this.setData({ status: 0 }))
    this.timer = setInterval(() => this.poll(), 1000)
  },

  onUnload() {
    clearInterval(this.timer)
  },

  play() {
    const song = app.globalData.songs[this.data.index]
    wx.playBackgroundAudio({
      dataUrl: song.url,
      title: song.name,
      coverImgUrl: song.cover,
      fail: (err) => wx.showToast({ title: err.errMsg, icon: 'none' })
    })
  },

  poll() {
    wx.getBackgroundAudioPlayerState({
      success: (res) => {
        this.setData({ status: res.status, position: res.currentPosition || 0, duration: res.duration || 0 })
      }
    })
  },

  pause() {
    wx.pauseBackgroundAudio()
  },

  seek(e) {
    wx.seekBackgroundAudio({ position: e.detail.value })
  },

  next() {
    this.setData({ index: (this.data.index + 1) % app.globalData.songs.length })
    this.play()
  },

  stop() {
    wx.stopBackgroundAudio()
  }
})
