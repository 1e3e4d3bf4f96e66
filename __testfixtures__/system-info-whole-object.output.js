const { getSystemInfoSync } = require('record-compat-runtime')
const app = getApp()

Page({
  onLoad() {
    const sys = getSystemInfoSync()
    app.globalData.systemInfo = sys
    this.setData({ ...getSystemInfoSync() })
    report(getSystemInfoSync())
  },

  cachedLater() {
    // kept in the page's data, which its template reads
    this.setData({ sys: getSystemInfoSync() })
  },
})

function report(info) {
  console.log(info.windowWidth, info.version)
}
