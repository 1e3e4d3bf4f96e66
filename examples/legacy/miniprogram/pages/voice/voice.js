// pages/voice/voice.js
// Voice notes page of a native mini-program, written against the legacy
// recording API: check the permission, record, keep the files in data.
const { formatTime } = require('../../utils/format')

Page({
  data: {
    recording: false,
    notes: []
  },

  onTapRecord() {
    if (this.data.recording) {
      wx.stopRecord()
      return
    }
    wx.getSetting({
      success: (res) => {
        const granted = res.authSetting['scope.record']
        if (granted === false) {
          // denied before: authorize would fail without a popup
          this.askOpenSetting()
          return
        }
        if (granted) {
          this.beginRecord()
          return
        }
        wx.authorize({
          scope: 'scope.record',
          success: () => this.beginRecord(),
          fail: () => this.askOpenSetting()
        })
      }
    })
  },

  beginRecord() {
    this.setData({ recording: true })
    wx.startRecord({
      success: (res) => {
        const note = { path: res.tempFilePath, time: formatTime(new Date()) }
        this.setData({ notes: [note].concat(this.data.notes), recording: false })
      },
      fail: (err) => {
        console.error('startRecord fail', err)
        this.setData({ recording: false })
      }
    })
  },

  askOpenSetting() {
    wx.showModal({
      title: '需要麦克风权限',
      content: '请在设置中允许使用麦克风',
      confirmText: '去设置',
      success(r) {
        if (r.confirm) wx.openSetting()
      }
    })
  },

  onPlay(e) {
    wx.playVoice({ filePath: e.currentTarget.dataset.path })
  },

  onUnload() {
    // leaving mid-recording: release the microphone
    wx.stopRecord()
  }
})
