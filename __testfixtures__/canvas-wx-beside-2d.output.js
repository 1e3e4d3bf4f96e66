const { createCanvasContext, canvasToTempFilePath } = require('record-compat-runtime')
// pages/report/report.js: a legacy badge beside a chart already on Canvas 2D, each exported its own way
Page({
  onReady() {
    const badge = createCanvasContext('badge')
    badge.setFillStyle('#fa5151')
    badge.arc(20, 20, 18, 0, 2 * Math.PI)
    badge.fill()
    badge.draw(false, () => canvasToTempFilePath({ canvasId: 'badge', success: (res) => this.setData({ badge: res.tempFilePath }) }))
    wx.createSelectorQuery()
      .select('#chart')
      .fields({ node: true, size: true })
      .exec(([res]) => {
        this.chart = res.node
        const ctx = this.chart.getContext('2d')
        ctx.fillRect(0, 0, 10, 10)
        wx.canvasToTempFilePath({ canvas: this.chart, success: (out) => this.setData({ chart: out.tempFilePath }) })
      })
  },
})
