'use strict'
var playVoice = require('record-compat-runtime').playVoice
const Taro = require('@tarojs/taro')

module.exports = function playAnswer(file) {
  return playVoice({ filePath: file })
}
