import * as Taro from '@tarojs/taro'

export function layout(): { width: number; rpx: number; brand: string } {
  const info = Taro.getSystemInfoSync()
  const rpx = info.windowWidth / 750
  return { width: info.windowWidth, rpx, brand: info.brand }
}
