const { getWindowInfo } = require('taro-plugin-record-compat/runtime/native')

// An earlier version's entry: the new group joins its require.
Page({
  onLoad() {
    const { platform } = wx.getSystemInfoSync()
    this.setData({ width: getWindowInfo().windowWidth, platform })
  },
})
