const { getWindowInfo, getDeviceInfo, getAppBaseInfo } = require('record-compat-runtime')
Page({
  onLoad() {
    // theme is there only with "darkmode" in app.json: its default reads windowWidth
    const { windowWidth } = getWindowInfo(), { language, theme = windowWidth > 400 ? 'dark' : 'light' } = getAppBaseInfo()
    this.setData({ language, theme })
  },

  onShow() {
    // read before it is made: undefined with var, as before
    var { fontSizeSetting = pixelRatio * 6 } = getAppBaseInfo(), { pixelRatio } = getWindowInfo()
    this.setData({ fontSizeSetting })
  },

  onReady() {
    // a nested pattern's default reads a binding of another group
    const { model } = getDeviceInfo(), { safeArea: { top = model.includes('iPhone') ? 44 : 20 } = {} } = getWindowInfo()
    this.setData({ top })
  },
})
