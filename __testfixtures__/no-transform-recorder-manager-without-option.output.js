// The same page in a project with no legacy record call: nothing is routed, nothing changes.
const recorderManager = wx.getRecorderManager()

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
