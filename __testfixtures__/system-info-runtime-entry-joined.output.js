const { getWindowInfo, getDeviceInfo } = require('taro-plugin-record-compat/runtime/native')

// An earlier version's entry: the new group joins its require.
Page({
  onLoad() {
    const { platform } = getDeviceInfo()
    this.setData({ width: getWindowInfo().windowWidth, platform })
  },
})
