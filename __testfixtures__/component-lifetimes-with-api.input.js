Component({
  attached() {
    this.setData({ width: wx.getSystemInfoSync().windowWidth })
  },
})
