const { playBackgroundAudio, onBackgroundAudioStop, getBackgroundAudioManager } = require('record-compat-runtime')
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
