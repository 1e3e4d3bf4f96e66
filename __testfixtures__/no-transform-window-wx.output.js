// web-view H5 page: window.wx is the JS-SDK injected by the script tag
export function talk() {
  if (!window.wx) {
    alert('Please open this page in WeChat')
    return
  }
  window.wx.startRecord()
}

export function done(cb) {
  window.wx.stopRecord({
    success: function (res) { cb(res.localId) }
  })
}
