// utils/ble.js: the listener registered through a reference
const listen = wx.onBLEConnectionStateChange
listen((res) => console.log(res.connected))
