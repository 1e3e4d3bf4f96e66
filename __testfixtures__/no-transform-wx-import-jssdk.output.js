// H5 page inside the WeChat browser, using the official web JS-SDK package.
import wx from 'weixin-js-sdk'

export function recordVoice() {
  return new Promise((resolve) => {
    wx.startRecord()
    wx.onVoiceRecordEnd({
      complete: (res) => resolve(res.localId)
    })
  })
}

export function stopVoice() {
  return new Promise((resolve, reject) => {
    wx.stopRecord({
      success: (res) => resolve(res.localId),
      fail: reject
    })
  })
}
