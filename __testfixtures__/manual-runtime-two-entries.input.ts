import Taro from '@tarojs/taro'
import { startRecord } from 'record-compat-runtime/native'
import { playVoice } from 'record-compat-runtime'

// Two entries of the runtime, two recorders: a third name cannot pick one.
export function session(file: string) {
  startRecord({})
  Taro.stopRecord()
  playVoice({ filePath: file })
}
