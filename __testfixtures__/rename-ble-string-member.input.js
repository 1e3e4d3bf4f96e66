wx['onBLEConnectionStateChanged'](function (res) {
  console.log(res.deviceId, res.connected)
})
