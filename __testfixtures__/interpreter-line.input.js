#!/usr/bin/env node
// scripts/record-sample.js: a dev script run with node against a mocked wx.
wx.startRecord({
  success(res) {
    console.log(res.tempFilePath)
  }
})
setTimeout(() => wx.stopRecord(), 3000)
