import * as Taro from '@tarojs/taro'

// A namespace import reaches Taro's default export as Taro.default: the same object.
export function stopAfter(ms: number): Promise<void> {
  return new Promise((resolve) => {
    setTimeout(() => {
      Taro.default.stopRecord()
      resolve()
    }, ms)
  })
}

export function start(): void {
  Taro.default.startRecord({
    success: (res) => console.log(res.tempFilePath),
  })
}
