/*
 * Stands in for `@tarojs/taro` in the test page (a plain web page, not a Taro app). Like Taro
 * H5's own API object, its recorder APIs are stubs that do not record: the runtime must not
 * need them. Taro H5's real build is exercised by test/h5/taro-app-h5.test.ts.
 */
const notSupported = (name: string) => () => Promise.reject({ errMsg: name + ':fail not supported in the test page' });
export default {
  getEnv: () => 'WEB',
  getRecorderManager: notSupported('getRecorderManager'),
  startRecord: notSupported('startRecord'),
  stopRecord: notSupported('stopRecord'),
};
// Taro H5 has its APIs as named exports; the H5 entry imports these (the voice, background-audio
// and createAudioContext APIs are not exercised in this page).
export const createInnerAudioContext = undefined;
export const getBackgroundAudioManager = undefined;
export const getCurrentPages = undefined;
// The five system-info APIs the H5 entry imports by name (not exercised in this page).
export const getWindowInfo = undefined;
export const getDeviceInfo = undefined;
export const getAppBaseInfo = undefined;
export const getSystemSetting = undefined;
export const getAppAuthorizeSetting = undefined;
// The four canvas functions the H5 entry passes through to Taro H5's own (not exercised in this page).
export const createCanvasContext = undefined;
export const canvasToTempFilePath = undefined;
export const canvasGetImageData = undefined;
export const canvasPutImageData = undefined;
