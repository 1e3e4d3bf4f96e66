// pages/poster/poster.js: the poster exported in the draw callback, a corner of it read and stamped through its pixels
Page({
  data: { title: 'Hello' },
  onReady() {
    const ctx = wx.createCanvasContext('poster', this)
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, 300, 400)
    ctx.setFontSize(20)
    ctx.fillText(this.data.title, 20, 60)
    ctx.draw(false, () => {
      wx.canvasToTempFilePath(
        {
          canvasId: 'poster',
          destWidth: 600,
          success: (res) => this.setData({ posterPath: res.tempFilePath }),
        },
        this,
      )
    })
  },
  async stamp() {
    const { data } = await wx.canvasGetImageData({ canvasId: 'poster', x: 0, y: 0, width: 10, height: 10 }, this)
    for (let i = 0; i < data.length; i += 4) data[i] = 255
    wx.canvasPutImageData({ canvasId: 'poster', data, x: 290, y: 0, width: 10, height: 10 }, this)
  },
})
