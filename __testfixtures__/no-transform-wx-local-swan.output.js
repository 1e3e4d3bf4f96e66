// Baidu build: the code base says "wx" but here it is the swan object.
const wx = swan

export function record(done) {
  wx.startRecord({
    success(res) {
      done(res.tempFilePath)
    }
  })
}

export function stop() {
  wx.stopRecord()
}
