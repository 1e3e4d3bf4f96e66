var playVoice = require('record-compat-runtime').playVoice
var stopVoice = require('record-compat-runtime').stopVoice

exports.replay = function replay(file) {
  stopVoice()
  playVoice({ filePath: file })
}
