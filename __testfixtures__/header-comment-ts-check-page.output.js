// @ts-check
var startRecord = require('taro-plugin-record-compat/runtime').startRecord
var stopRecord = require('taro-plugin-record-compat/runtime').stopRecord

Page({
  onTap() {
    startRecord({})
  },
  onRelease() {
    stopRecord()
  }
})
