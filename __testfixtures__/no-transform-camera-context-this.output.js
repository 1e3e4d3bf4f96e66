// pages/video/video.js — native page using the camera component
Page({
  data: { src: '' },

  onReady() {
    this.ctx = wx.createCameraContext()
  },

  startShoot() {
    this.ctx.startRecord({
      success: () => console.log('video started')
    })
  },

  stopShoot() {
    this.ctx.stopRecord({
      compressed: true,
      success: (res) => {
        this.setData({ src: res.tempVideoPath })
      }
    })
  }
})
