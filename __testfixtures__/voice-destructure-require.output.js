var playVoice = require('taro-plugin-record-compat/runtime').playVoice
var stopVoice = require('taro-plugin-record-compat/runtime').stopVoice

exports.replay = function replay(file) {
  stopVoice()
  playVoice({ filePath: file })
}
