Page({
  onLoad() {
    wx.onBLEConnectionStateChanged((res) => this.setData({ connected: res.connected }))
    wx.onBLECharacteristicValueChange((res) => this.setData({ value: wx.arrayBufferToBase64(res.value) }))
  },
})
