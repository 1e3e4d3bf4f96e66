// @ts-check
Page({
  onTap() {
    wx.startRecord({})
  },
  onRelease() {
    wx.stopRecord()
  }
})
