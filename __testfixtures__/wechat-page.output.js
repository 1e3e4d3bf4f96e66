// pages/interview/interview.js
const { startRecord, stopRecord } = require('record-compat-runtime')

const app = getApp()

Page({
  data: {
    recording: false,
    answers: []
  },

  onLoad(query) {
    this.questionId = query.id
  },

  startAnswer() {
    this.setData({ recording: true })
    startRecord({
      success: (res) => {
        const answers = this.data.answers.concat({ q: this.questionId, file: res.tempFilePath })
        this.setData({ answers, recording: false })
        app.globalData.lastAnswer = res.tempFilePath
      },
      fail: () => {
        this.setData({ recording: false })
        wx.showModal({ title: '提示', content: '需要麦克风权限才能作答', showCancel: false })
      }
    })
  },

  stopAnswer() {
    stopRecord()
  },

  onUnload() {
    if (this.data.recording) stopRecord()
  }
})
