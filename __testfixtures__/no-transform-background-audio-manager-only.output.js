// Already on the replacement: nothing legacy here, the app's own manager stays as it is.
const bam = wx.getBackgroundAudioManager()

Page({
  play() {
    bam.title = this.data.title
    bam.src = this.data.url
    bam.onEnded(() => this.next())
  },
  pause() {
    bam.pause()
  }
})
