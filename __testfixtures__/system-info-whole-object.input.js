const app = getApp()

Page({
  onLoad() {
    const sys = wx.getSystemInfoSync()
    app.globalData.systemInfo = sys
    this.setData({ ...wx.getSystemInfoSync() })
    report(wx.getSystemInfoSync())
  },

  cachedLater() {
    // kept in the page's data, which its template reads
    this.setData({ sys: wx.getSystemInfoSync() })
  },
})

function report(info) {
  console.log(info.windowWidth, info.version)
}
