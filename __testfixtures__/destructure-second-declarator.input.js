import Taro from '@tarojs/taro'

const LIMIT = 60 * 1000, { stopRecord } = Taro

export function stopLater() {
  setTimeout(stopRecord, LIMIT)
}
