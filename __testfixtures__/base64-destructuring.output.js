import Taro from '@tarojs/taro'
import { arrayBufferToBase64, base64ToArrayBuffer } from 'record-compat-runtime'

export function encodeFrame(frame) {
  return arrayBufferToBase64(frame.data)
}

export function decodeFrame(text) {
  return new Uint8Array(base64ToArrayBuffer(text))
}
