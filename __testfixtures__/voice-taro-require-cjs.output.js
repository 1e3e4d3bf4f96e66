'use strict'
const { playVoice } = require('record-compat-runtime')
const Taro = require('@tarojs/taro')

module.exports = function playAnswer(file) {
  return playVoice({ filePath: file })
}
