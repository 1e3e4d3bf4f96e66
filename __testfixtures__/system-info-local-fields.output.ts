import { getWindowInfo, getDeviceInfo } from 'record-compat-runtime'

export function layout(): { width: number; rpx: number; brand: string } {
  const info = getWindowInfo(), deviceInfo = getDeviceInfo()
  const rpx = info.windowWidth / 750
  return { width: info.windowWidth, rpx, brand: deviceInfo.brand }
}
