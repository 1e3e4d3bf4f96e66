// pages/device/device.js
Page({
  data: { connected: false },
  onLoad() {
    wx.onBLEConnectionStateChange((res) => {
      this.setData({ connected: res.connected })
    })
  },
})
