var { createCanvasContext } = require('record-compat-runtime')
// components/ring/ring.js: the context kept on the component in ready, drawn again on every change
Component({
  properties: { percent: Number },
  lifetimes: {
    ready() {
      this.ctx = createCanvasContext('ring', this)
      this.ctx.setLineWidth(8)
      this.ctx.setLineCap('round')
      this.paint()
    },
  },
  methods: {
    paint() {
      this.ctx.setStrokeStyle('#07c160')
      this.ctx.beginPath()
      this.ctx.arc(50, 50, 40, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * this.data.percent)
      this.ctx.stroke()
      this.ctx.draw()
    },
  },
})
