var playBackgroundAudio = require('record-compat-runtime').playBackgroundAudio
var onBackgroundAudioStop = require('record-compat-runtime').onBackgroundAudioStop
var getBackgroundAudioManager = require('record-compat-runtime').getBackgroundAudioManager
// The app's own manager beside the legacy calls, in one page: both must keep their listeners.
const bam = getBackgroundAudioManager()
const recorder = wx.getRecorderManager()

Page({
  onLoad() {
    bam.onEnded(() => this.setData({ finished: true }))
    onBackgroundAudioStop(() => this.setData({ playing: false }))
  },
  playIntro() {
    bam.title = 'Intro'
    bam.src = this.data.intro
  },
  playLesson() {
    playBackgroundAudio({ dataUrl: this.data.lesson, title: 'Lesson' })
  }
})
