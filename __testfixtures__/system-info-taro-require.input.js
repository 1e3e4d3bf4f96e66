'use strict'
const Taro = require('@tarojs/taro')

function safeBottom() {
  const area = Taro.getSystemInfoSync().safeArea
  return area ? area.bottom : 0
}

module.exports = { safeBottom }
