const { getRecorderManager } = require('record-compat-runtime')
const Taro = require('@tarojs/taro')

const a = getRecorderManager()
const b = getRecorderManager()

module.exports = { same: a === b }
