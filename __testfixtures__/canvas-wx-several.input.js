// pages/sign/sign.js: a signature pad (draw(true) on every move) and its preview, two canvases on one page
Page({
  onLoad() {
    this.pad = wx.createCanvasContext('pad', this)
    this.preview = wx.createCanvasContext('preview', this)
  },
  onTouchMove(e) {
    const { x, y } = e.touches[0]
    this.pad.lineTo(x, y)
    this.pad.stroke()
    this.pad.moveTo(x, y)
    this.pad.draw(true)
  },
  onDone() {
    this.preview.setGlobalAlpha(0.5)
    this.preview.fillRect(0, 0, 80, 40)
    this.preview.draw()
  },
})
