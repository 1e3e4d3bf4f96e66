// components/signature/signature.js: a signature pad, its canvas id in the data, checked for ink and saved by its pixels
Component({
  data: { canvasId: 'pad' },
  lifetimes: {
    ready() {
      this.ctx = wx.createCanvasContext(this.data.canvasId, this)
      this.ctx.strokeStyle = '#000000'
      this.ctx.lineWidth = 3
    },
  },
  methods: {
    move(e) {
      const { x, y } = e.touches[0]
      this.ctx.lineTo(x, y)
      this.ctx.stroke()
      this.ctx.draw(true)
    },
    save() {
      wx.canvasGetImageData({
        canvasId: this.data.canvasId,
        x: 0,
        y: 0,
        width: 300,
        height: 150,
        success: ({ data }) => {
          if (data.some((v) => v !== 0))
            wx.canvasToTempFilePath(
              { canvasId: this.data.canvasId, success: (res) => this.triggerEvent('save', res.tempFilePath) },
              this,
            )
        },
      }, this)
    },
  },
})
