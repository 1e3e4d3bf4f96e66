wx['onBLEConnectionStateChange'](function (res) {
  console.log(res.deviceId, res.connected)
})
