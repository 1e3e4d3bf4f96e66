import * as Taro from '@tarojs/taro'

export function createDictation(onText: (path: string) => void): Taro.RecorderManager {
  const manager = Taro.getRecorderManager()
  manager.onStop(({ tempFilePath }) => onText(tempFilePath))
  return manager
}
