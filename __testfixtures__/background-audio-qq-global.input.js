Page({
  play() {
    qq.playBackgroundAudio({ dataUrl: this.data.url, title: this.data.title })
  },
  stop() {
    qq.stopBackgroundAudio()
  }
})
