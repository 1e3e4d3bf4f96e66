var { startRecord, arrayBufferToBase64 } = require('record-compat-runtime')
// pages/voice/voice.js: a recording, uploaded as base64
Page({
  start() {
    startRecord({
      success: (res) => {
        wx.getFileSystemManager().readFile({
          filePath: res.tempFilePath,
          success: (file) => this.upload(arrayBufferToBase64(file.data)),
        })
      },
    })
  },
  upload(body) {
    wx.request({ url: 'https://example.com/voice', method: 'POST', data: { body } })
  },
})
