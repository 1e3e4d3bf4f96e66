var { playBackgroundAudio, stopBackgroundAudio } = require('record-compat-runtime')
Page({
  play() {
    playBackgroundAudio({ dataUrl: this.data.url, title: this.data.title })
  },
  stop() {
    stopBackgroundAudio()
  }
})
