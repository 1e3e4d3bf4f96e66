import Taro from '@tarojs/taro'
import { startRecord, stopRecord } from 'record-compat-runtime'

// Only stopRecord is pulled out; the start goes through Taro directly.

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
    startRecord({ success: res => cb(res.tempFilePath) })
  }
}
