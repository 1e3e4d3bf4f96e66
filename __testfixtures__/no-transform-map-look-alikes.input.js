// the replacement, and a marker of the app's own with a method of the name
import markers from './markers'

Page({
  onReady() {
    const map = wx.createMapContext('map')
    map.moveAlong({ markerId: 1, path: [], duration: 1000 })
    markers.translateMarker(1, { x: 1, y: 2 })
  },
})
