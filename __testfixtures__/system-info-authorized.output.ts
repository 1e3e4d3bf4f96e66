import { getSystemInfoSync, getWindowInfo, getSystemSetting, getAppAuthorizeSetting, authorized } from 'record-compat-runtime'

export function canRecord(): boolean {
  const info = getAppAuthorizeSetting(), systemSetting = getSystemSetting(), windowInfo = getWindowInfo()
  // booleans in the legacy object, strings in getAppAuthorizeSetting: 'not determined' is truthy
  if (!authorized(info.microphoneAuthorized)) return false
  const ok: boolean = authorized(info.cameraAuthorized) && systemSetting.wifiEnabled
  return ok && windowInfo.windowWidth > 320
}

export const albumAllowed = () => authorized(getAppAuthorizeSetting().albumAuthorized) === true

export function permissions() {
  // destructured, an *Authorized field has no call to go through: the whole object
  const { locationAuthorized, locationReducedAccuracy } = getSystemInfoSync()
  return { locationAuthorized, locationReducedAccuracy }
}
