const api = wx

function watch(onChange) {
  api.onBLEConnectionStateChange(onChange)
}

module.exports = { watch }
