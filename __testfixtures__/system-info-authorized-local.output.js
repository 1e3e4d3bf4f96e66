const { getSystemInfoSync, getSystemSetting, getAppAuthorizeSetting, authorized } = require('record-compat-runtime')
Page({
  onLoad() {
    // *Authorized read through a local: getAppAuthorizeSetting alone, a boolean again
    const info = getAppAuthorizeSetting()
    if (authorized(info.cameraAuthorized)) this.startCamera()
    this.setData({ denied: authorized(info.microphoneAuthorized) === false })
  },

  onShow() {
    // with the *Enabled fields beside: getSystemSetting for those, nothing else
    const sys = getAppAuthorizeSetting(), systemSetting = getSystemSetting()
    this.setData({ canLocate: authorized(sys.locationAuthorized) && systemSetting.locationEnabled, bluetooth: !!systemSetting.bluetoothEnabled })
  },

  onReady() {
    // written to: the whole object, whose *Authorized fields are booleans
    const info = getSystemInfoSync()
    info.albumAuthorized = info.albumAuthorized || false
    this.setData({ album: info.albumAuthorized })
  },
})
