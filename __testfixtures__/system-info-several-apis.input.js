Page({
  onLoad() {
    const info = wx.getSystemInfoSync()
    const tall = info.windowHeight > 700
    const android = info.platform === 'android'
    const dark = info.theme === 'dark'
    const located = info.locationEnabled
    this.setData({ tall, android, dark, located })
  },
})
