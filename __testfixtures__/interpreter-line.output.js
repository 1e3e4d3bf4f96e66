#!/usr/bin/env node
var { startRecord, stopRecord } = require('record-compat-runtime')
// scripts/record-sample.js: a dev script run with node against a mocked wx.
startRecord({
  success(res) {
    console.log(res.tempFilePath)
  }
})
setTimeout(() => stopRecord(), 3000)
