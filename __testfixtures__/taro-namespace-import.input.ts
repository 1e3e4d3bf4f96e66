import * as Taro from '@tarojs/taro'

// services/voice.ts
export class VoiceService {
  private busy = false

  start(onFile: (path: string) => void) {
    if (this.busy) {
      return
    }
    this.busy = true
    Taro.startRecord({
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
    Taro.stopRecord()
  }
}

export default new VoiceService()
