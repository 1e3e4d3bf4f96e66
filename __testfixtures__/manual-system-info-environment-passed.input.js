const app = getApp()

Page({
  onLoad() {
    // passed on: the page's template reads sys.environment
    this.setData({ sys: wx.getSystemInfoSync() })
    app.globalData.inWeCom = isWeCom(wx.getSystemInfoSync())
  },
})

function isWeCom(info) {
  return info['environment'] === 'wxwork'
}
