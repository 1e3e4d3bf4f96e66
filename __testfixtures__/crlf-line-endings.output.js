// Saved on Windows: this file uses CRLF line endings.
import Taro from '@tarojs/taro'
import { startRecord, stopRecord } from 'record-compat-runtime'

export function beginLesson(onClip) {
  startRecord({
    success: function (res) {
      onClip(res.tempFilePath)
    },
    fail: function (err) {
      console.error('lesson record failed', err)
    }
  })
}

export function endLesson() {
  // stop and let the success callback above deliver the file
  stopRecord()
}
