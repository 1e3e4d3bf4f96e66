import * as Taro from '@tarojs/taro'
import { getRecorderManager } from 'record-compat-runtime'

export function createDictation(onText: (path: string) => void): Taro.RecorderManager {
  const manager = getRecorderManager()
  manager.onStop(({ tempFilePath }) => onText(tempFilePath))
  return manager
}
