// the replacement, and an object of the app's own with a method of the name
const share = {
  getShareInfo() {
    return { title: 'Home' }
  },
}

App({
  onLaunch(options) {
    wx.getGroupEnterInfo({ success: (res) => console.log(res.encryptedData) })
    console.log(share.getShareInfo(), options)
  },
})
