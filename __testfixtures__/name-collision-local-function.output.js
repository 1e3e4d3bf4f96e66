// pages/chat/chat.js
// This page already has its own function called startRecord, which wraps
// the legacy API. The rewrite must not shadow or clash with it.

var { startRecord: _startRecord, stopRecord } = require('record-compat-runtime')

function startRecord(page) {
  page.setData({ mic: 'on' })
  _startRecord({
    success(res) {
      page.setData({ mic: 'off' })
      page.send({ type: 'voice', path: res.tempFilePath })
    },
    fail() {
      page.setData({ mic: 'off' })
    }
  })
}

Page({
  data: { mic: 'off', messages: [] },

  send(msg) {
    this.setData({ messages: this.data.messages.concat(msg) })
  },

  onMicDown() {
    startRecord(this)
  },

  onMicUp() {
    stopRecord()
  }
})
