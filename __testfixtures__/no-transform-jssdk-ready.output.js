// The config lives in another file; this one only waits for ready.
// res.localId and onVoiceRecordEnd only exist in the web JS-SDK.
var voiceIds = []

wx.ready(function () {
  wx.onVoiceRecordEnd({
    complete: function (res) {
      voiceIds.push(res.localId)
    }
  })

  document.getElementById('talk').addEventListener('touchstart', function () {
    wx.startRecord()
  })

  document.getElementById('talk').addEventListener('touchend', function () {
    wx.stopRecord({
      success: function (res) {
        var localId = res.localId
        voiceIds.push(localId)
      }
    })
  })
})
