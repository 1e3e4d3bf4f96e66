const { getSystemInfoSync, getWindowInfo } = require('record-compat-runtime')
Page({
  data: { sys: null, top: 0 },

  onLoad() {
    const info = getSystemInfoSync()
    // the page's data holds the object, which its template reads
    this.setData({ sys: info, top: info.statusBarHeight })
  },

  onResize() {
    const info = getWindowInfo()
    this.setData({ top: info.statusBarHeight })
  },
})
