'use strict'
const Taro = require('@tarojs/taro')

function signature(buffer) {
  return Taro.arrayBufferToBase64(buffer).replace(/=+$/, '')
}

module.exports = { signature }
