#!/usr/bin/env node
var startRecord = require('record-compat-runtime').startRecord
var stopRecord = require('record-compat-runtime').stopRecord
// scripts/record-sample.js: a dev script run with node against a mocked wx.
startRecord({
  success(res) {
    console.log(res.tempFilePath)
  }
})
setTimeout(() => stopRecord(), 3000)
