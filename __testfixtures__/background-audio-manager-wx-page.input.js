// The app's own manager beside the legacy calls, in one page: both must keep their listeners.
const bam = wx.getBackgroundAudioManager()
const recorder = wx.getRecorderManager()

Page({
  onLoad() {
    bam.onEnded(() => this.setData({ finished: true }))
    wx.onBackgroundAudioStop(() => this.setData({ playing: false }))
  },
  playIntro() {
    bam.title = 'Intro'
    bam.src = this.data.intro
  },
  playLesson() {
    wx.playBackgroundAudio({ dataUrl: this.data.lesson, title: 'Lesson' })
  }
})
