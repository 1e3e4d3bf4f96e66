var { createAudioContext } = require('record-compat-runtime')
// components/tip/tip.js: a component plays its own sound
Component({
  properties: { label: String },

  lifetimes: {
    attached() {
      this.sound = createAudioContext({ id: 'tip-sound', src: '/audio/tip.mp3' }, this)
    }
  },

  methods: {
    ring() {
      this.sound.seek(0)
      this.sound.play()
    }
  }
})
