const { getSystemInfoSync } = require('record-compat-runtime')
const app = getApp()

Page({
  onLoad() {
    const sys = getSystemInfoSync()
    app.globalData.systemInfo = sys
    this.setData({ ...getSystemInfoSync() })
    report(getSystemInfoSync())
  },

  canUseCamera() {
    // a boolean in the legacy object: only the whole object keeps it one
    return getSystemInfoSync().cameraAuthorized
  },
})

function report(info) {
  console.log(info.windowWidth, info.version)
}
