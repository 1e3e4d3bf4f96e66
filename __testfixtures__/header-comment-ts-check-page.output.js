// @ts-check
var { startRecord, stopRecord } = require('record-compat-runtime')

Page({
  onTap() {
    startRecord({})
  },
  onRelease() {
    stopRecord()
  }
})
