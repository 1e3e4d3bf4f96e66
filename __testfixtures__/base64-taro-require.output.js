'use strict'
const { arrayBufferToBase64 } = require('record-compat-runtime')
const Taro = require('@tarojs/taro')

function signature(buffer) {
  return arrayBufferToBase64(buffer).replace(/=+$/, '')
}

module.exports = { signature }
