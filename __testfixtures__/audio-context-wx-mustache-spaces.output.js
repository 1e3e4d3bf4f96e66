var { createAudioContext } = require('record-compat-runtime')
// A metronome page: its <audio> writes its booleans with spaces inside the braces
Page({
  onReady() {
    this.tick = createAudioContext({ id: 'tick', src: '/audio/tick.mp3', loop: true })
  },

  start() {
    this.tick.play()
  },

  stop() {
    this.tick.pause()
  }
})
