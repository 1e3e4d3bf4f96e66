// pages/post/post.js
Page({
  data: { images: [], video: '' },

  addImages() {
    wx.chooseImage({
      count: 9,
      sizeType: ['compressed'],
      success: (res) => this.setData({ images: res.tempFilePaths }),
    })
  },

  addVideo() {
    wx.chooseVideo({
      maxDuration: 30,
      success: (res) => this.setData({ video: res.tempFilePath }),
    })
  },
})
