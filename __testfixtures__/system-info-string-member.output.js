const { getWindowInfo } = require('record-compat-runtime')
Page({
  onReady() {
    const ratio = getWindowInfo().pixelRatio
    this.canvasScale = ratio
  },
})
