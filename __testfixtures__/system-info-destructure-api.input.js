import Taro from '@tarojs/taro'

const { getSystemInfoSync, getSystemInfoAsync } = Taro

export function height() {
  return getSystemInfoSync().windowHeight
}

export function fontSize(callback) {
  getSystemInfoAsync({ success: (res) => callback(res.fontSizeSetting) })
}
