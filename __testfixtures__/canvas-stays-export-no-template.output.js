// pages/poster/poster.js
Page({
  onReady() {
    const ctx = wx.createCanvasContext('poster', this)
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, 300, 400)
    const grd = ctx.createLinearGradient(0, 0, 300, 0)
    grd.addColorStop(0, '#ff0000')
    grd.addColorStop(1, '#0000ff')
    ctx.fillStyle = grd
    ctx.setFontSize(18)
    ctx.setTextAlign('center')
    ctx.fillText(this.data.title, 150, 40)
    ctx.draw(false, () => this.save())
  },
  save() {
    wx.canvasToTempFilePath({ canvasId: 'poster', success: (res) => this.setData({ file: res.tempFilePath }) }, this)
  },
})
