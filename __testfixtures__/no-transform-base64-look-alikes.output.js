import { arrayBufferToBase64 } from './utils/base64'

const codec = {
  base64ToArrayBuffer(text) {
    return Uint8Array.from(atob(text), (c) => c.charCodeAt(0)).buffer
  },
}

export function roundTrip(buffer, wx) {
  // a parameter named wx is not the global
  return codec.base64ToArrayBuffer(arrayBufferToBase64(buffer)) || wx.arrayBufferToBase64(buffer)
}
