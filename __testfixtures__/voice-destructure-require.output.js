const { playVoice, stopVoice } = require('record-compat-runtime')

exports.replay = function replay(file) {
  stopVoice()
  playVoice({ filePath: file })
}
