'use strict'
// Destructured straight off require(); no Taro binding at all.
const { startRecord } = require('@tarojs/taro')
const { upload } = require('./upload')

function captureAndUpload(url) {
  return new Promise(function (resolve, reject) {
    startRecord({
      success(res) {
        upload(url, res.tempFilePath).then(resolve, reject)
      },
      fail: reject
    })
  })
}

module.exports = { captureAndUpload }
