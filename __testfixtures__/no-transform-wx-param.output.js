// A small adapter: the platform object is injected, so "wx" is a parameter.
export function createVoice(wx) {
  return {
    start(cb) {
      wx.startRecord({ success: (res) => cb(res.tempFilePath) })
    },
    stop() {
      wx.stopRecord()
    }
  }
}

export const voiceFor = (wx) => () => wx.stopRecord();
