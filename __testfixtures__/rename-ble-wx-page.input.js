// pages/device/device.js
Page({
  data: { connected: false },
  onLoad() {
    wx.onBLEConnectionStateChanged((res) => {
      this.setData({ connected: res.connected })
    })
  },
})
