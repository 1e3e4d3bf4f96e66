// Edited on Windows and on a Mac: some lines end in CRLF, others in LF.
Page({
  start() {
    wx.startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })
  },
  stop() {
    wx.stopRecord()
  }
})
