var playBackgroundAudio = require('record-compat-runtime').playBackgroundAudio
var stopBackgroundAudio = require('record-compat-runtime').stopBackgroundAudio
Page({
  play() {
    playBackgroundAudio({ dataUrl: this.data.url, title: this.data.title })
  },
  stop() {
    stopBackgroundAudio()
  }
})
