import * as Taro from '@tarojs/taro'
import { getRecorderManager } from 'taro-plugin-record-compat/runtime'

export function createDictation(onText: (path: string) => void): Taro.RecorderManager {
  const manager = getRecorderManager()
  manager.onStop(({ tempFilePath }) => onText(tempFilePath))
  return manager
}
