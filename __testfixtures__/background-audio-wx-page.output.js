const { playBackgroundAudio, pauseBackgroundAudio, seekBackgroundAudio, stopBackgroundAudio, getBackgroundAudioPlayerState, onBackgroundAudioPlay, onBackgroundAudioPause, onBackgroundAudioStop } = require('record-compat-runtime')
// A music page of a native mini-program: play, poll the state, pause, seek, next track at the end.
const app = getApp()

Page({
  data: { index: 0, status: 2, position: 0, duration: 0 },

  onLoad() {
    onBackgroundAudioStop(() => this.next())
    onBackgroundAudioPlay(() => this.setData({ status: 1 }))
    onBackgroundAudioPause(() => this.setData({ status: 0 }))
    this.timer = setInterval(() => this.poll(), 1000)
  },

  onUnload() {
    clearInterval(this.timer)
  },

  play() {
    const song = app.globalData.songs[this.data.index]
    playBackgroundAudio({
      dataUrl: song.url,
      title: song.name,
      coverImgUrl: song.cover,
      fail: (err) => wx.showToast({ title: err.errMsg, icon: 'none' })
    })
  },

  poll() {
    getBackgroundAudioPlayerState({
      success: (res) => {
        this.setData({ status: res.status, position: res.currentPosition || 0, duration: res.duration || 0 })
      }
    })
  },

  pause() {
    pauseBackgroundAudio()
  },

  seek(e) {
    seekBackgroundAudio({ position: e.detail.value })
  },

  next() {
    this.setData({ index: (this.data.index + 1) % app.globalData.songs.length })
    this.play()
  },

  stop() {
    stopBackgroundAudio()
  }
})
