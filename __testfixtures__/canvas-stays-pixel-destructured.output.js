// pages/card/card.js: canvasToTempFilePath taken out of wx once, at the top of the page
const { canvasToTempFilePath } = wx

Page({
  onReady() {
    const ctx = wx.createCanvasContext('card')
    ctx.strokeStyle = '#333333'
    ctx.strokeRect(10, 10, 180, 100)
    ctx.draw(false, () =>
      canvasToTempFilePath({ canvasId: 'card', success: (res) => this.setData({ card: res.tempFilePath }) }),
    )
  },
})
