const api = wx

function watch(onChange) {
  api.onBLEConnectionStateChanged(onChange)
}

module.exports = { watch }
