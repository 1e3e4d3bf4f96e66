import { startRecord, stopRecord } from 'record-compat-runtime'

// A namespace import reaches Taro's default export as Taro.default: the same object.
export function stopAfter(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      stopRecord()
      resolve()
    }, ms)
  })
}

export function start(): void {
  startRecord({
    success: (res) => console.log(res.tempFilePath),
  })
}
