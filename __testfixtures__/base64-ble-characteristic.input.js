// utils/ble.js: the device's notifications, logged as base64
function watch(deviceId) {
  wx.notifyBLECharacteristicValueChange({ deviceId, serviceId: 'FFE0', characteristicId: 'FFE1', state: true })
  wx.onBLECharacteristicValueChange((res) => {
    console.log(res.characteristicId, wx.arrayBufferToBase64(res.value))
  })
}

function send(deviceId, text) {
  wx.writeBLECharacteristicValue({
    deviceId,
    serviceId: 'FFE0',
    characteristicId: 'FFE1',
    value: wx.base64ToArrayBuffer(text),
  })
}

module.exports = { watch, send }
