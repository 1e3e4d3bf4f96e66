const { getWindowInfo, getDeviceInfo, getAppBaseInfo, getSystemSetting } = require('record-compat-runtime')
Page({
  onLoad() {
    const info = getWindowInfo(), deviceInfo = getDeviceInfo(), appBaseInfo = getAppBaseInfo(), systemSetting = getSystemSetting()
    const tall = info.windowHeight > 700
    const android = deviceInfo.platform === 'android'
    const dark = appBaseInfo.theme === 'dark'
    const located = systemSetting.locationEnabled
    this.setData({ tall, android, dark, located })
  },
})
