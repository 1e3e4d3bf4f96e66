// pages/share/share.js: an export helper that takes the canvas id as a parameter
Page({
  onReady() {
    const ctx = wx.createCanvasContext('share')
    ctx.fillStyle = '#07c160'
    ctx.fillRect(0, 0, 200, 200)
    ctx.draw(false, () => this.exportCanvas('share'))
  },
  exportCanvas(canvasId) {
    wx.canvasToTempFilePath({ canvasId, success: (res) => wx.previewImage({ urls: [res.tempFilePath] }) })
  },
})
