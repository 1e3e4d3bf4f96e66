// Half-migrated page: a legacy recording in one handler, the app's own manager in another.
const rm = wx.getRecorderManager()

Page({
  onLoad() {
    rm.onStop((res) => this.setData({ note: res.tempFilePath }))
  },
  recordNote() {
    rm.start({ format: 'mp3' })
  },
  stopNote() {
    rm.stop()
  },
  recordLegacy() {
    wx.startRecord({
      success: (res) => this.setData({ legacy: res.tempFilePath })
    })
  },
  stopLegacy() {
    wx.stopRecord()
  }
})
