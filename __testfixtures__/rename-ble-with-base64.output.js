var { arrayBufferToBase64 } = require('record-compat-runtime')
Page({
  onLoad() {
    wx.onBLEConnectionStateChange((res) => this.setData({ connected: res.connected }))
    wx.onBLECharacteristicValueChange((res) => this.setData({ value: arrayBufferToBase64(res.value) }))
  },
})
