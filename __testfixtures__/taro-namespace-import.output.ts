import { startRecord, stopRecord } from 'record-compat-runtime'

// services/voice.ts
export class VoiceService {
  private busy = false

  start(onFile: (path: string) => void) {
    if (this.busy) {
      return
    }
    this.busy = true
    startRecord({
      success: res => {
        this.busy = false
        onFile(res.tempFilePath)
      },
      fail: () => {
        this.busy = false
      }
    })
  }

  stop() {
    stopRecord()
  }
}

export default new VoiceService()
