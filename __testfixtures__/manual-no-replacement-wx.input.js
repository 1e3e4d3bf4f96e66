// pages/chat/chat.js
Page({
  onLoad() {
    wx.setTopBarText({ text: '3 new messages' })
  },
  onResize() {
    wx.setWindowSize({ width: 800, height: 600 })
  },
})
