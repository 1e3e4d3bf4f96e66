// pages/voice/voice.js
// Voice notes page of a native mini-program, written against the legacy
// recording API: check the permission, record, keep the files in data,
// play them back with playVoice (pause resumes, stop starts over).
const { formatTime } = require('../../utils/format')
const { isIOS } = require('../../utils/device')

Page({
  data: {
    recording: false,
    notes: [],
    playing: '',
    navTop: 20,
    noteWidth: 343,
    silentHint: false
  },

  onLoad() {
    // The page draws its own navigation bar (navigationStyle: custom), below the
    // status bar; the latest note spans the window, less the page's margins.
    const { statusBarHeight, windowWidth } = wx.getSystemInfoSync()
    this.setData({ navTop: statusBarHeight, noteWidth: windowWidth - 32, silentHint: isIOS() })
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
    const path = e.currentTarget.dataset.path
    this.setData({ playing: path })
    wx.playVoice({
      filePath: path,
      success: () => {
        // the voice has played to its end
        this.setData({ playing: '' })
      },
      fail: (err) => {
        console.error('playVoice fail', err)
        this.setData({ playing: '' })
      }
    })
  },

  onPause() {
    // playing the same note again resumes where it paused
    wx.pauseVoice()
    this.setData({ playing: '' })
  },

  onStopPlaying() {
    wx.stopVoice()
    this.setData({ playing: '' })
  },

  onUnload() {
    // leaving mid-recording: release the microphone, and stop the voice
    wx.stopRecord()
    wx.stopVoice()
  }
})
