import Taro from '@tarojs/taro'

// The native API on WeChat, Taro's elsewhere: decided when the app runs.
const api = process.env.TARO_ENV === 'weapp' ? wx : Taro

export function pageWidth(): number {
  return api.getSystemInfoSync().windowWidth
}

export function Ruler() {
  return <view style={{ width: `${pageWidth()}px` }} />
}
