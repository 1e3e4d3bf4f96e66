import * as recordCompat from 'record-compat-runtime/native'

// The native entry taken as a namespace: a new name cannot join it.
Page({
  start() {
    recordCompat.startRecord({})
  },
  stop() {
    wx.stopRecord()
  },
})
