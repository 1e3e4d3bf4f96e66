const { startRecord } = require('record-compat-runtime')
// A call on wx itself is migrated; the one through `wx || {}` is left for a person.
const safe = wx || {}

Page({
  start() {
    startRecord({ success: (res) => this.setData({ file: res.tempFilePath }) })
  },
  stop() {
    safe.stopRecord()
  },
})
