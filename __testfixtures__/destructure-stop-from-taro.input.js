import Taro from '@tarojs/taro'

// Only stopRecord is pulled out; the start goes through Taro directly.
const { stopRecord } = Taro

export default {
  onHide() {
    // leaving the page must not leave the mic on
    stopRecord()
  },

  onUnload() {
    stopRecord({
      complete() {
        console.log('cleanup: recorder stopped')
      }
    })
  },

  startTalking(cb) {
    Taro.startRecord({ success: res => cb(res.tempFilePath) })
  }
}
