// Migration note: wx.startRecord() and wx.stopRecord() were removed from this
// page in 2023; we use the recorder manager now.
/* Taro.startRecord({ success }) — do not bring this back */

const recorder = wx.getRecorderManager()

export function canUseLegacy() {
  // just feature detection, nothing is called
  return wx.canIUse('startRecord') && wx.canIUse("stopRecord")
}

export const API_NAMES = ['startRecord', 'stopRecord']
export const HELP = `call wx.startRecord() only on base library < 1.6`

export function start() {
  recorder.start({ duration: 60000, format: 'aac' })
}
