const { playVoice, stopVoice } = require('@tarojs/taro')

exports.replay = function replay(file) {
  stopVoice()
  playVoice({ filePath: file })
}
