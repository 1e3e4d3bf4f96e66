Page({
  onLoad() {
    const info = wx.getSystemInfoSync()
    wx.setStorageSync('sys', info)
    if (info.environment === 'wxwork') this.setData({ inWeCom: true })
  },

  onShow() {
    const { environment, ...device } = wx.getSystemInfoSync()
    this.setData({ inWeCom: environment === 'wxwork', device })
  },
})
