var createAudioContext = require('record-compat-runtime').createAudioContext
// components/tip/tip.js: a component plays its own sound
Component({
  properties: { label: String },

  lifetimes: {
    attached() {
      this.sound = createAudioContext('tip-sound', this, { src: '/audio/tip.mp3' })
    }
  },

  methods: {
    ring() {
      this.sound.seek(0)
      this.sound.play()
    }
  }
})
