const app = getApp()

Page({
  onLoad() {
    const sys = wx.getSystemInfoSync()
    app.globalData.systemInfo = sys
    this.setData({ ...wx.getSystemInfoSync() })
    report(wx.getSystemInfoSync())
  },

  canUseCamera() {
    // a boolean in the legacy object: only the whole object keeps it one
    return wx.getSystemInfoSync().cameraAuthorized
  },
})

function report(info) {
  console.log(info.windowWidth, info.version)
}
