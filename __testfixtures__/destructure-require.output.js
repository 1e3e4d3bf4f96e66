'use strict'
const { startRecord } = require('record-compat-runtime')
// Destructured straight off require(); no Taro binding at all.
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
