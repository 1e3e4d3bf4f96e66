import Taro from '@tarojs/taro'

export function canRecord(): boolean {
  const info = Taro.getSystemInfoSync()
  // booleans in the legacy object, strings in getAppAuthorizeSetting: 'not determined' is truthy
  if (!info.microphoneAuthorized) return false
  const ok: boolean = info.cameraAuthorized && info.wifiEnabled
  return ok && info.windowWidth > 320
}

export const albumAllowed = () => Taro.getSystemInfoSync().albumAuthorized === true

export function permissions() {
  // destructured, an *Authorized field has no call to go through: the whole object
  const { locationAuthorized, locationReducedAccuracy } = Taro.getSystemInfoSync()
  return { locationAuthorized, locationReducedAccuracy }
}
