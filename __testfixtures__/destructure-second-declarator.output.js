import Taro from '@tarojs/taro'
import { stopRecord } from 'record-compat-runtime'

const LIMIT = 60 * 1000

export function stopLater() {
  setTimeout(stopRecord, LIMIT)
}
