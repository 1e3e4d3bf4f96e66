var playBackgroundAudio = require('taro-plugin-record-compat/runtime').playBackgroundAudio
var stopBackgroundAudio = require('taro-plugin-record-compat/runtime').stopBackgroundAudio
Page({
  play() {
    playBackgroundAudio({ dataUrl: this.data.url, title: this.data.title })
  },
  stop() {
    stopBackgroundAudio()
  }
})
