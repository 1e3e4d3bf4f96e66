Page({
  onLoad() {
    // WeCom has no new home for this field
    const inWeCom = wx.getSystemInfoSync().environment === 'wxwork'
    const info = wx.getSystemInfoSync()
    console.log(info.errMsg, info.windowWidth)
    this.setData({ inWeCom })
  },
})
