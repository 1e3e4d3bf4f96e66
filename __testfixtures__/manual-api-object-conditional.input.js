// One page for WeChat and Alipay: the API object is chosen at run time,
// so which platform's startRecord runs cannot be told from the code.
const recorder = typeof wx !== 'undefined' ? wx : my

Page({
  start() {
    recorder.startRecord({
      success: (res) => this.setData({ file: res.tempFilePath }),
    })
  },
  stop() {
    ;(typeof wx !== 'undefined' ? wx : my).stopRecord()
  },
  toast() {
    recorder.showToast({ title: 'recording' })
  },
})
