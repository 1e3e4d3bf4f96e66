// pages/ride/ride.js
Page({
  onReady() {
    this.map = wx.createMapContext('map', this)
  },
  moveCar(point) {
    this.map.translateMarker({
      markerId: 1,
      destination: point,
      autoRotate: true,
      rotate: 0,
      duration: 1000,
    })
  },
})
