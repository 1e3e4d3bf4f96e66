'use strict'
// Compiled code calls a method without its receiver through a sequence: (0, wx).
function stopAll() {
  ;(0, wx).stopVoice()
  ;(0, wx).stopBackgroundAudio()
}

module.exports = { stopAll }
