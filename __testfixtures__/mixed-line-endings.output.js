var { startRecord, stopRecord } = require('record-compat-runtime')
// Edited on Windows and on a Mac: some lines end in CRLF, others in LF.
Page({
  start() {
    startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })
  },
  stop() {
    stopRecord()
  }
})
