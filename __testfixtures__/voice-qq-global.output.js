var { playVoice, stopVoice } = require('record-compat-runtime')
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
