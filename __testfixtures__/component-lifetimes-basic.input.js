// components/clock/clock.js
Component({
  properties: { interval: { type: Number, value: 1000 } },
  data: { now: '' },

  attached() {
    this.tick()
    this.timer = setInterval(() => this.tick(), this.data.interval)
  },

  detached() {
    clearInterval(this.timer)
  },

  methods: {
    tick() {
      this.setData({ now: new Date().toLocaleTimeString() })
    },
  },
})
