'use strict'
const Taro = require('@tarojs/taro')

module.exports = function playAnswer(file) {
  return Taro.playVoice({ filePath: file })
}
