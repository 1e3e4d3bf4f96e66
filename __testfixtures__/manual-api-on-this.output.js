// The platform object is stashed on the instance, then used later.
class VoiceRecorder {
  constructor() {
    this.api = wx
  }

  start(cb) {
    this.api.startRecord({
      success: (res) => cb(res.tempFilePath)
    })
  }

  stop() {
    this.api.stopRecord()
  }
}

module.exports = new VoiceRecorder()
