// pages/index/index.js
Page({
  data: { navHeight: 0 },

  onLoad() {
    const statusBar = wx.getSystemInfoSync().statusBarHeight
    this.setData({ navHeight: statusBar + 44 })
  },

  onShareAppMessage() {
    return { title: 'v' + wx.getSystemInfoSync().SDKVersion }
  },
})
