// Contexts with play/pause/seek/stop of their own: a VideoContext and a CameraContext.
Page({
  onReady() {
    this.video = wx.createVideoContext('video')
    this.camera = wx.createCameraContext()
  },
  seek(e) {
    this.video.seek(e.detail.value)
    this.video.play()
  },
  stop() {
    this.video.stop()
    this.camera.stopRecord({ success: (res) => this.setData({ src: res.tempVideoPath }) })
  },
  playBackgroundAudioLike() {
    this.video.pause()
  }
})
