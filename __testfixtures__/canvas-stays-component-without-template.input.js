// components/signature/signature.js: the context kept on the component, drawn in other methods
Component({
  methods: {
    init() {
      this.ctx = wx.createCanvasContext('sign', this)
      this.ctx.setStrokeStyle('#000')
      this.ctx.setLineWidth(3)
      this.ctx.setLineCap('round')
    },
    onTouchStart(e) {
      this.ctx.beginPath()
      this.ctx.moveTo(e.touches[0].x, e.touches[0].y)
    },
    onTouchMove(e) {
      this.ctx.lineTo(e.touches[0].x, e.touches[0].y)
      this.ctx.stroke()
      this.ctx.draw(true)
    },
  },
})
