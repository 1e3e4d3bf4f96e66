// utils/ble.js: the listener registered through a reference
const listen = wx.onBLEConnectionStateChanged
listen((res) => console.log(res.connected))
