Page({
  data: { sys: null, top: 0 },

  onLoad() {
    const info = wx.getSystemInfoSync()
    // the page's data holds the object, which its template reads
    this.setData({ sys: info, top: info.statusBarHeight })
  },

  onResize() {
    const info = wx.getSystemInfoSync()
    this.setData({ top: info.statusBarHeight })
  },
})
