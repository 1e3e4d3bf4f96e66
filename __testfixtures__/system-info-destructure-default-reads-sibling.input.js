Page({
  onLoad() {
    // theme is there only with "darkmode" in app.json: its default reads windowWidth
    const { language, windowWidth, theme = windowWidth > 400 ? 'dark' : 'light' } = wx.getSystemInfoSync()
    this.setData({ language, theme })
  },

  onShow() {
    // read before it is made: undefined with var, as before
    var { fontSizeSetting = pixelRatio * 6, pixelRatio } = wx.getSystemInfoSync()
    this.setData({ fontSizeSetting })
  },

  onReady() {
    // a nested pattern's default reads a binding of another group
    const { model, safeArea: { top = model.includes('iPhone') ? 44 : 20 } = {} } = wx.getSystemInfoSync()
    this.setData({ top })
  },
})
