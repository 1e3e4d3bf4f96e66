var { pauseVoice, stopVoice } = require('record-compat-runtime')
// Bracket access with a literal key, and an optional call.
Page({
  onUnload() {
    stopVoice()
  },
  onHide() {
    pauseVoice?.()
  }
})
