// components/ring/ring.js: the context kept on the component in ready, drawn again on every change
Component({
  properties: { percent: Number },
  lifetimes: {
    ready() {
      this.ctx = wx.createCanvasContext('ring', this)
      this.ctx.lineWidth = 8
      this.ctx.lineCap = 'round'
      this.paint()
    },
  },
  methods: {
    paint() {
      this.ctx.strokeStyle = '#07c160'
      this.ctx.beginPath()
      this.ctx.arc(50, 50, 40, -Math.PI / 2, -Math.PI / 2 + 2 * Math.PI * this.data.percent)
      this.ctx.stroke()
      this.ctx.draw()
    },
  },
})
