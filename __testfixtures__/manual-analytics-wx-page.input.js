// pages/goods/goods.js
Page({
  onLoad(query) {
    wx.reportMonitor('goods_page_open', 1)
  },

  buy() {
    wx.reportAnalytics('purchase', {
      price: this.data.price,
      goods_id: this.data.id,
    })
  },
})
