import Taro from '@tarojs/taro'

// Our own store; its methods just happen to be called startRecord/stopRecord.
const recorderStore = {
  recording: false,
  startRecord() {
    this.recording = true
  },
  stopRecord() {
    this.recording = false
  }
}

class Session {
  startRecord(note) {
    this.note = note
    this.startedAt = Date.now()
  }

  stopRecord() {
    return Date.now() - this.startedAt
  }

  restart(note) {
    this.stopRecord()
    this.startRecord(note)
    Taro.showToast({ title: 'restarted' })
  }
}

recorderStore.startRecord()
export { recorderStore, Session }
