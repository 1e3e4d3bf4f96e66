import Taro from '@tarojs/taro'

const { arrayBufferToBase64, base64ToArrayBuffer } = Taro

export function encodeFrame(frame) {
  return arrayBufferToBase64(frame.data)
}

export function decodeFrame(text) {
  return new Uint8Array(base64ToArrayBuffer(text))
}
