/*
 * Taro H5's five system-info APIs, for the H5 entry's system-info family: named exports of
 * @tarojs/taro (its default export lacks them; a named import, as h5.ts says why), read at each
 * call. Not its getSystemInfoSync: Taro H5 4.0.7–4.0.10 has no such export, and a bundler fails on
 * an import of a name that is not there; the five merged give every field it had but its stubs'
 * `fontSizeSetting: NaN` and `environment: ''`.
 * A module of its own: an H5 app that never reads system info keeps none of these imports.
 */
import { getAppAuthorizeSetting, getAppBaseInfo, getDeviceInfo, getSystemSetting, getWindowInfo } from '@tarojs/taro';

export const h5SystemInfo = () => ({
  getWindowInfo,
  getDeviceInfo,
  getAppBaseInfo,
  getSystemSetting,
  getAppAuthorizeSetting,
});
