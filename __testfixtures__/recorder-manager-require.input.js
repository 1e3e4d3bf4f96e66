const Taro = require('@tarojs/taro')
const { getRecorderManager: grm } = require('@tarojs/taro')

const a = Taro.getRecorderManager()
const b = grm()

module.exports = { same: a === b }
