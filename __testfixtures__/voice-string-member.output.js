var pauseVoice = require('record-compat-runtime').pauseVoice
var stopVoice = require('record-compat-runtime').stopVoice
// Bracket access with a literal key, and an optional call.
Page({
  onUnload() {
    stopVoice()
  },
  onHide() {
    pauseVoice?.()
  }
})
