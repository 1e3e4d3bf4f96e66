import Taro from '@tarojs/taro'
import { getWindowInfo, getSystemInfoAsync } from 'record-compat-runtime'

export function height() {
  return getWindowInfo().windowHeight
}

export function fontSize(callback) {
  getSystemInfoAsync({ success: (res) => callback(res.fontSizeSetting) })
}
