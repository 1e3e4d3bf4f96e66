// TypeScript's CommonJS import of Taro: the rewrite does not take this form, so each call is left for a person.
import Taro = require('@tarojs/taro')

export function startTalking(onDone: (path: string) => void): void {
  Taro.startRecord({
    success(res) {
      onDone(res.tempFilePath)
    },
  })
}

export function stopTalking(): void {
  Taro.stopRecord()
  Taro.showToast({ title: 'saved' })
}
