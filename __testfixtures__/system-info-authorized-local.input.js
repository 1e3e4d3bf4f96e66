Page({
  onLoad() {
    // *Authorized read through a local: getAppAuthorizeSetting alone, a boolean again
    const info = wx.getSystemInfoSync()
    if (info.cameraAuthorized) this.startCamera()
    this.setData({ denied: info.microphoneAuthorized === false })
  },

  onShow() {
    // with the *Enabled fields beside: getSystemSetting for those, nothing else
    const sys = wx.getSystemInfoSync()
    this.setData({ canLocate: sys.locationAuthorized && sys.locationEnabled, bluetooth: !!sys.bluetoothEnabled })
  },

  onReady() {
    // written to: the whole object, whose *Authorized fields are booleans
    const info = wx.getSystemInfoSync()
    info.albumAuthorized = info.albumAuthorized || false
    this.setData({ album: info.albumAuthorized })
  },
})
