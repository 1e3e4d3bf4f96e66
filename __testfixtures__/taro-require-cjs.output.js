const { startRecord, stopRecord } = require('record-compat-runtime')
// Old CommonJS helper kept from the Taro 1.x days.
const Taro = require('@tarojs/taro')

function startVoiceInput(options) {
  options = options || {}
  startRecord({
    success: function (res) {
      if (typeof options.onEnd === 'function') {
        options.onEnd(res.tempFilePath)
      }
    },
    fail: function (err) {
      if (typeof options.onFail === 'function') options.onFail(err)
    }
  })
}

function stopVoiceInput() {
  stopRecord()
}

module.exports = {
  startVoiceInput: startVoiceInput,
  stopVoiceInput: stopVoiceInput
}
