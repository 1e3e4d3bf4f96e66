// utils/device.js — what the pages need to know about the phone.

// On iOS the ring/silent switch mutes voice playback: the voice page says so there.
function isIOS() {
  return wx.getSystemInfoSync().platform === 'ios'
}

module.exports = { isIOS }
