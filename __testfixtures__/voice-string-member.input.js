// Bracket access with a literal key, and an optional call.
Page({
  onUnload() {
    wx['stopVoice']()
  },
  onHide() {
    wx.pauseVoice?.()
  }
})
