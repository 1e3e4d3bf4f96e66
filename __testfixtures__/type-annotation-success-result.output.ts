import Taro from '@tarojs/taro'
import { startRecord, stopRecord } from 'record-compat-runtime'

// The result type is named through the Taro namespace.
type VoiceHandler = (res: Taro.startRecord.SuccessCallbackResult) => void

const handlers: VoiceHandler[] = []

export function onVoice(handler: VoiceHandler) {
  handlers.push(handler)
}

export function startVoice(): void {
  startRecord({
    success: (res: Taro.startRecord.SuccessCallbackResult) => {
      handlers.forEach(h => h(res))
    },
    fail: (err: TaroGeneral.CallbackResult) => {
      console.warn(err.errMsg)
    }
  })
}

export function stopVoice() {
  stopRecord()
}
