// pages/index/index.js
const { getWindowInfo, getAppBaseInfo } = require('record-compat-runtime')

Page({
  data: { navHeight: 0 },

  onLoad() {
    const statusBar = getWindowInfo().statusBarHeight
    this.setData({ navHeight: statusBar + 44 })
  },

  onShareAppMessage() {
    return { title: 'v' + getAppBaseInfo().SDKVersion }
  },
})
