// pages/avatar/avatar.js
const { arrayBufferToBase64 } = require('record-compat-runtime')

Page({
  data: { avatar: '' },

  onLoad() {
    wx.request({
      url: 'https://example.com/avatar.png',
      responseType: 'arraybuffer',
      success: (res) => {
        const base64 = arrayBufferToBase64(res.data)
        this.setData({ avatar: 'data:image/png;base64,' + base64 })
      },
    })
  },
})
