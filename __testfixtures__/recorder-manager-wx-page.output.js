const { getRecorderManager } = require('record-compat-runtime')
// A native page that records with its own manager, in a project whose other pages still call wx.startRecord.
const recorderManager = getRecorderManager()

Page({
  data: { clips: [] },

  onLoad() {
    recorderManager.onStop((res) => {
      this.setData({ clips: this.data.clips.concat(res.tempFilePath) })
    })
  },

  start() {
    recorderManager.start({ format: 'mp3', duration: 30000 })
  },

  stop() {
    recorderManager.stop()
  }
})
