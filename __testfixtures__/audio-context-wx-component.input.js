// components/tip/tip.js: a component plays its own sound
Component({
  properties: { label: String },

  lifetimes: {
    attached() {
      this.sound = wx.createAudioContext('tip-sound', this)
    }
  },

  methods: {
    ring() {
      this.sound.seek(0)
      this.sound.play()
    }
  }
})
