Page({
  onReady() {
    const ratio = wx['getSystemInfoSync']().pixelRatio
    this.canvasScale = ratio
  },
})
