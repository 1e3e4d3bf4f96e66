// pages/chart/chart.js: already on Canvas 2D, its own setFontSize a method of the app's chart helper
Page({
  onReady() {
    wx.createSelectorQuery()
      .select('#chart')
      .fields({ node: true, size: true })
      .exec(([res]) => {
        const ctx = res[0].node.getContext('2d')
        ctx.fillStyle = '#fff'
        this.chart = new Chart(ctx)
        this.chart.setFontSize(12)
      })
  },
})
