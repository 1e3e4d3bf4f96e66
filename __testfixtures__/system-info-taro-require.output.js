'use strict'
const { getWindowInfo } = require('record-compat-runtime')
const Taro = require('@tarojs/taro')

function safeBottom() {
  const area = getWindowInfo().safeArea
  return area ? area.bottom : 0
}

module.exports = { safeBottom }
