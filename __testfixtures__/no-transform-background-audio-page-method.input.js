// Page methods merely named like the legacy API: they are the page's own.
Page({
  playBackgroundAudio() {
    this.audio.src = this.data.url
    this.audio.play()
  },
  stopBackgroundAudio() {
    this.audio.stop()
  },
  onTap() {
    this.playBackgroundAudio()
    this.stopBackgroundAudio()
  }
})
