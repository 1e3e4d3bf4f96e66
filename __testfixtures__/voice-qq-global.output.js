var playVoice = require('record-compat-runtime').playVoice
var stopVoice = require('record-compat-runtime').stopVoice
// QQ mini-program: QQ kept the legacy voice API under its own global.
Page({
  playback(e) {
    playVoice({
      filePath: e.currentTarget.dataset.file,
      duration: 30,
      complete: () => qq.hideLoading()
    })
  },

  onHide() {
    stopVoice()
  }
})
