var { createAudioContext } = require('record-compat-runtime')
// pages/player/player.js: a hidden <audio> driven by its context
Page({
  data: { src: '', name: 'Song', author: 'Band' },

  onReady() {
    // the context of <audio id="myAudio"> in player.wxml
    this.audioCtx = createAudioContext('myAudio')
    this.audioCtx.setSrc('https://example.com/song.mp3')
  },

  audioPlay() {
    this.audioCtx.play()
  },

  audioPause() {
    this.audioCtx.pause()
  },

  audio14() {
    this.audioCtx.seek(14)
  },

  audioStart() {
    this.audioCtx.seek(0)
  }
})
