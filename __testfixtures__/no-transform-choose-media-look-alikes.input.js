// the replacement, and an uploader of the app's own
import uploader from './uploader'

Page({
  pick() {
    wx.chooseMedia({ count: 9, mediaType: ['image', 'video'], success: (res) => uploader.add(res.tempFiles) })
    uploader.chooseImage()
  },
})
